"""``validate``/``check`` remember questionnaires and answers found fine, and never serve that when a file changed."""

from __future__ import annotations

from pathlib import Path

from rollout.resources import data_dir
from rollout.workspace import load
from rollout.workspace.deep import DEEP_OK, deep_problems

ANSWERS = "assessments/pilot-retrospective/leila-haddad.yaml"


def test_a_changed_answer_is_checked_again(demo_copy: Path) -> None:
    assert deep_problems(load(demo_copy)) == []
    marker = demo_copy / ".rollout" / "cache" / DEEP_OK
    assert marker.is_file()
    assert deep_problems(load(demo_copy)) == []  # from the marker
    path = demo_copy / ANSWERS
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("objectives-clear: 4", "objectives-clear: 99"), encoding="utf-8")
    problems = deep_problems(load(demo_copy))
    assert [p.file for p in problems] == [ANSWERS] and "objectives-clear" in str(problems[0])
    path.write_text(good, encoding="utf-8")
    assert deep_problems(load(demo_copy)) == []


def test_a_new_local_questionnaire_is_checked(demo_copy: Path) -> None:
    assert deep_problems(load(demo_copy)) == []
    bundled = (data_dir("questionnaires") / "pilot-retrospective.yaml").read_text(encoding="utf-8")
    local = demo_copy / "questionnaires" / "pilot-retrospective.yaml"
    local.parent.mkdir()
    local.write_text(bundled.replace("id: pilot-retrospective", "id: [broken", 1), encoding="utf-8")
    assert deep_problems(load(demo_copy))
    local.write_text(bundled, encoding="utf-8")
    assert deep_problems(load(demo_copy)) == []


def test_a_stale_marker_is_not_trusted(demo_copy: Path) -> None:
    assert deep_problems(load(demo_copy)) == []
    marker = demo_copy / ".rollout" / "cache" / DEEP_OK
    kept = marker.read_text(encoding="utf-8")
    path = demo_copy / ANSWERS
    path.write_text(path.read_text(encoding="utf-8").replace("kr-outcomes: 2", "kr-outcomes: 77"), encoding="utf-8")
    marker.write_text(kept, encoding="utf-8")  # the fingerprint of the old files
    assert deep_problems(load(demo_copy))
