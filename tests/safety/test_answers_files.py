"""Answers files go through the safe YAML 1.2 reader and a strict model (issue 13, item 5)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.flows.answers import load_answers
from rollout.questionnaire.answers import AnswersError, read_answers_file


def _write(tmp_path: Path, text: str, name: str = "answers.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path: Path, kind: str) -> list[str]:
    with pytest.raises(LoadError) as info:
        load_answers(path, kind)
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize("kind", ["review", "close", "next", "draft"])
def test_a_50000_deep_list_is_a_clean_error(tmp_path: Path, kind: str) -> None:
    path = _write(tmp_path, "notes: " + "[" * 50_000 + "]" * 50_000 + "\n")
    assert "nesting" in _problems(path, kind)[0]


def test_a_duplicate_key_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes: first\nrisks: [a]\nnotes: second\n")
    assert _problems(path, "review") == [f"{path}:3:1: duplicate key 'notes'"]


def test_a_misspelled_key_is_named_with_a_suggestion(tmp_path: Path) -> None:
    path = _write(tmp_path, "default_decision: completed\nlesons:\n  - Fewer objectives\n")
    assert _problems(path, "close") == [f"{path}:2:1: lesons: unknown key; did you mean 'lessons'?"]


def test_yaml_1_2_keeps_words_as_text_and_a_number_is_not_coerced(tmp_path: Path) -> None:
    path = _write(tmp_path, "notes: fine\nrisks: [no, on, 0755]\n")
    problems = _problems(path, "review")
    assert problems == [
        f"{path}:2:17: risks[2]: expected text, not the number 755 (put it in quotes to keep it as text)"
    ]
    path = _write(tmp_path, "notes: fine\nrisks: [no, on, '0755']\n")
    assert load_answers(path, "review")["risks"] == ["no", "on", "0755"]


def test_every_problem_is_reported_not_the_first(tmp_path: Path) -> None:
    text = (
        "units:\n"
        "  sales:\n"
        "    - title: Win the mid-market\n"
        "      ownr: ana\n"
        "      key_results:\n"
        "        - {title: More deals, baseline: high, targte: 5}\n"
        "    - tittle: No title\n"
    )
    path = _write(tmp_path, text)
    assert _problems(path, "draft") == [
        f"{path}:4:7: units.sales[0].ownr: unknown key; did you mean 'owner'?",
        f"{path}:6:31: units.sales[0].key_results[0].baseline: expected a number, not 'high'",
        f"{path}:6:47: units.sales[0].key_results[0].targte: unknown key; did you mean 'target'?",
        f"{path}:7:7: units.sales[1].tittle: unknown key; did you mean 'title'?",  # not also "title: missing"
    ]


def test_my_own_wrong_types_in_next_and_close(tmp_path: Path) -> None:
    path = _write(tmp_path, "id: 2027\nids: {a: true}\n")
    assert _problems(path, "next") == [
        f"{path}:1:1: id: expected text, not the number 2027 (put it in quotes to keep it as text)",
        f"{path}:2:7: ids.a: expected text, not the boolean true (put it in quotes to keep it as text)",
    ]
    path = _write(tmp_path, "overrides:\n  - {kr: a, score: '0.9', reason: r}\ndecisions: {o: finished}\n")
    problems = _problems(path, "close")
    assert problems[0] == f"{path}:2:13: overrides[0].score: expected a number, not '0.9' (write it without quotes)"
    assert problems[1].startswith(f"{path}:3:13: decisions.o: expected one of 'completed'")


def test_a_json_answers_file_is_read_safely(tmp_path: Path) -> None:
    deep = _write(tmp_path, "[" * 50_000 + "]" * 50_000, "deep.json")
    with pytest.raises(AnswersError):
        read_answers_file(deep)
    dup = _write(tmp_path, '{"a": 1, "a": 2}', "dup.json")
    with pytest.raises(AnswersError, match="1 answer"):
        read_answers_file(dup)
