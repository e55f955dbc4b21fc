"""One "did you mean" for the whole project: one matcher and one wording.

References, record keys, choices, questionnaire questions, sheet columns, command-line ids
and names typed into sheets all suggest through :mod:`rollout.workspace.suggestions`; no
other module calls difflib or words a "did you mean" on its own.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from rollout.org.names import suggest
from rollout.tabular.headers import Columns, suggest_column
from rollout.workspace.suggestions import close_key, closest, did_you_mean, match, meant

ROLLOUT = Path(__file__).resolve().parents[2] / "rollout"


@pytest.mark.parametrize(
    ("names", "titles", "wording"),
    [
        ([], None, ""),
        (["Omar Haddad"], None, "did you mean 'Omar Haddad'?"),
        (["Sales", "Sales Ops"], None, "did you mean 'Sales' or 'Sales Ops'?"),
        (["a", "b", "c"], None, "did you mean 'a', 'b' or 'c'?"),
        (["hr"], {"hr": "People & HR"}, "did you mean 'hr' (People & HR)?"),
    ],
)
def test_the_one_wording(names: list[str], titles: dict[str, str] | None, wording: str) -> None:
    assert meant(names, titles) == wording


@pytest.mark.parametrize(
    ("typed", "candidates", "expected"),
    [
        ("vaule", ["value", "date"], "value"),  # a typo
        ("Value", ["value", "date"], "value"),  # case never counts
        ("VAULE", ["value", "date"], "value"),
        ("unit", ["unit_of_measure", "owner"], "unit_of_measure"),  # the only key it starts
        ("unit of measure", ["unit_of_measure"], "unit_of_measure"),  # spaces for underscores
        ("lark", ["larkspur", "customer-success"], "larkspur"),  # the only id it starts
        ("ana", ["ana-lima", "ana-lopez"], None),  # starts two: no guess
        ("hr", ["hr-ops"], None),  # too short to stand for a longer id
        ("kr9", ["kr1", "kr4"], None),  # as near one as the other: no guess
        ("carry_over", ["completed", "carried_over", "dropped"], "carried_over"),
        ("sales", ["larkspur", "customer-success"], None),  # a different word
        ("", ["value"], None),
    ],
)
def test_one_matcher(typed: str, candidates: list[str], expected: str | None) -> None:
    assert closest(typed, candidates) == expected


def test_keys_ids_and_names_use_the_same_rule() -> None:
    assert close_key("confidance", ["value", "confidence", "note"]) == "confidence"
    assert close_key("titel", ["kr", "date", "value"]) is None
    people = {"ana-lima": "Ana Lima", "tomasz-wrona": "Tomasz Wrona"}
    assert match("Ana Lima", people) == "ana-lima"  # a name where the id belongs
    assert match("ana", people) == "ana-lima"  # the only person whose id or name it starts
    assert did_you_mean("tomasz-wrnoa", people) == "did you mean 'tomasz-wrona' (Tomasz Wrona)?"
    assert did_you_mean("larkspur", {"larkspur": "Larkspur"}) == "did you mean 'larkspur'?"  # name says no more


def test_command_line_ids_name_the_record_and_the_listing_command() -> None:
    units = {"larkspur": "Larkspur", "customer-success": "Customer Success"}
    assert suggest("lark", units, "units list") == "did you mean 'larkspur'? (`rollout units list` lists them)"
    assert suggest("Customer Success", units, "units list").startswith("did you mean 'customer-success' (")
    assert suggest("sales", units, "units list") == "known: larkspur, customer-success"
    assert suggest("x", {}, "units list") == "there are none yet"
    many = {f"team-{n:02d}": f"Team {n:02d}" for n in range(12)}
    assert suggest("zzz", many, "units list") == "`rollout units list` lists them"


def test_sheet_columns_are_suggested_in_the_same_words() -> None:
    columns = Columns({"key_result": ["KR"], "value": ["amount"]})
    assert suggest_column("key reslt", columns) == " (did you mean 'key_result'?)"
    assert suggest_column("AMUONT", columns) == " (did you mean 'value'?)"  # near a synonym, case ignored
    assert suggest_column("colour", columns) == ""


def _offences(path: Path) -> list[str]:
    """Imports of difflib, and texts (not docstrings or comments) that say "did you mean"."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.value) for node in ast.walk(tree) if isinstance(node, ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import | ast.ImportFrom):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else [a.name for a in node.names]
            if "difflib" in names:
                found.append(f"{path.name}:{node.lineno}: imports difflib")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and "did you mean" in node.value.casefold()
        ):
            found.append(f"{path.name}:{node.lineno}: {node.value!r}")
    return found


def test_no_module_matches_or_words_a_suggestion_on_its_own() -> None:
    """The class of fault: a module calling difflib, or writing "did you mean" into a message,
    beside the one module that owns both."""
    own = ROLLOUT / "workspace" / "suggestions.py"
    offenders = [o for path in sorted(ROLLOUT.rglob("*.py")) if path != own for o in _offences(path)]
    assert offenders == []
    assert _offences(own)  # the check sees what it looks for
