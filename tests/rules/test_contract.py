"""The docstring contract: every rule documents itself, and the docs are generated from the classes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rollout.rules import REGISTRY, reference_markdown
from rollout.rules.base import GROUPS, SEVERITIES, Rule
from rollout.rules.docs import rule_text

CASES = Path(__file__).parent / "cases"


@pytest.mark.parametrize("code", list(REGISTRY))
def test_rule_documents_itself(code: str) -> None:
    rule = REGISTRY[code]
    assert re.fullmatch(r"OKR[0-4]\d\d", code)
    assert rule.__name__ == code
    assert rule.code.startswith(GROUPS[rule.group][0]), "the code range must match the group"
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.severity in SEVERITIES
    message = rule.message_template()
    assert message and message.endswith("."), "first docstring line is the message"
    parts = rule.sections()
    assert len(parts["why"]) > 80, "explain the principle"
    assert parts["bad"], "a **Bad** example"
    assert parts["good"], "a **Good** example"
    for part in parts.values():
        assert part.count("```") % 2 == 0, "code fences are closed"
        assert "``" not in part.replace("```", ""), "Markdown, not reStructuredText"
    assert rule.hint and rule.hint.endswith(".")
    assert (CASES / f"{code}.yaml").exists(), "YAML cases"
    names = [o.name for o in rule.options]
    assert len(names) == len(set(names))
    for option in rule.options:
        assert option.description
        assert option.check(option.default) is None
    assert "{" not in rule.message(), "the message template renders without arguments too"


def test_codes_and_names_are_unique() -> None:
    assert len({r.name for r in REGISTRY.values()}) == len(REGISTRY)
    assert list(REGISTRY) == sorted(REGISTRY)
    assert all(issubclass(r, Rule) for r in REGISTRY.values())


def test_every_group_has_rules() -> None:
    assert {r.group for r in REGISTRY.values()} == set(GROUPS)


def test_reference_is_generated_from_the_classes() -> None:
    text = reference_markdown()
    for code, rule in REGISTRY.items():
        assert f"### {code}" in text
        assert rule.hint in text
        assert rule.sections()["bad"].splitlines()[0] in text
        for option in rule.options:
            assert f"`{option.name}`" in text
    assert text.count("**Bad**") == len(REGISTRY)


def test_rule_text_has_every_section() -> None:
    text = rule_text(REGISTRY["OKR101"])
    for heading in ("Why", "Bad", "Good", "Fix", "Options"):
        assert f"\n{heading}\n" in text
    assert "company_max (default 5)" in text


READS = {
    "checkins": re.compile(r"\.(checkins|checkin_files|latest_checkin)\b"),
    "reviews": re.compile(r"\.(reviews|review)\b"),
}


@pytest.mark.parametrize("code", list(REGISTRY))
def test_rules_declare_what_they_read(code: str) -> None:
    """Incremental builds rerun only the rules that read what changed (a check-in): a rule
    that reads check-ins or reviews without declaring it would keep stale findings."""
    import inspect

    rule = REGISTRY[code]
    source = "".join(inspect.getsource(cls) for cls in rule.__mro__ if cls.__module__.startswith("rollout.rules"))
    source = source.replace(inspect.getsource(Rule), "")
    for kind, pattern in READS.items():
        if pattern.search(source):
            assert kind in rule.reads, f"{code} reads {kind}: declare reads = frozenset({{{kind!r}, ...}})"
    assert rule.reads <= set(READS), "reads names checkins and reviews only"
