"""The safe YAML reader: YAML 1.2 core schema, positions, and clean errors for hostile input."""

from __future__ import annotations

import math

import pytest

from rollout.workspace.yamlsafe import YamlProblem, parse, parse_bytes


def problem(text: str | bytes) -> str:
    with pytest.raises(YamlProblem) as caught:
        if isinstance(text, bytes):
            parse_bytes(text, "f.yaml")
        else:
            parse(text, "f.yaml")
    return str(caught.value.problem)


def test_core_schema_keeps_yaml11_words_and_dates_as_strings() -> None:
    data = parse("a: [yes, no, on, off, 2026-01-05, 012, 0o17, 0x1F, 1e3, .inf, ~, null, true, '1']\n", "f").data
    assert data["a"] == ["yes", "no", "on", "off", "2026-01-05", 12, 15, 31, 1000.0, math.inf, None, None, True, "1"]


def test_positions_of_keys_and_items_are_one_based() -> None:
    parsed = parse("top:\n  - id: x\n    title: y\n", "f")
    assert parsed.positions[("top",)] == (1, 1)
    assert parsed.positions[("top", 0)] == (2, 5)
    assert parsed.positions[("top", 0, "title")] == (3, 5)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: &x [1, 2]\nb: *x\n", "f.yaml:2:4: alias *x is not allowed"),
        ("a: 1\na: 2\n", "f.yaml:2:1: duplicate key 'a'"),
        ("a: !!python/object:os.system echo\n", "f.yaml:1:4: tag 'tag:yaml.org,2002:python/object:os.system'"),
        ("a: !custom 1\n", "f.yaml:1:4: tag '!custom' is not allowed"),
        ("a: [1,\n", "f.yaml:2:1:"),
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: more than one YAML document"),
        ("? [1]\n: 2\n", "a key must be a plain value"),
        ("a: !!int abc\n", "'abc' is not a valid !!int"),
    ],
)
def test_hostile_or_broken_yaml_gives_a_located_problem(text: str, expected: str) -> None:
    assert expected in problem(text)


def test_deep_nesting_is_refused_without_exhausting_the_stack() -> None:
    message = problem("[" * 5000 + "]" * 5000)
    assert "nesting deeper than" in message or "exceeded maximum nesting depth" in message
    assert "nesting deeper than 48 levels" in problem("a:\n" + "".join("  " * i + "- \n" for i in range(1, 60)))


def test_alias_bomb_is_refused_at_the_first_alias() -> None:
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    assert "f.yaml:2:8: alias *a is not allowed" in problem(bomb)


def test_invalid_utf8_names_line_and_column() -> None:
    assert problem(b"a: 1\nb: caf\xe9\n").startswith("f.yaml:2:7: invalid UTF-8 byte 0xe9")


def test_bom_is_accepted_and_control_characters_are_not() -> None:
    assert parse_bytes(b"\xef\xbb\xbfa: 1\n", "f").data == {"a": 1}
    assert "control characters are not allowed" in problem("a: \x07\n")


def test_empty_document_is_none() -> None:
    assert parse("", "f").data is None
    assert parse("# only a comment\n", "f").data is None
