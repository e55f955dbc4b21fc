"""A large site build makes its forms in a forked process: the same files as in one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.report import stages
from rollout.report.build import build


def _forms(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((folder / "forms").iterdir()) if p.is_file()}


def test_forms_made_in_a_second_process_equal_those_made_in_one(
    demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    alone = build(demo_copy, site=True, packs=False, out="alone", jobs=1)
    monkeypatch.setattr(stages, "FORMS_ELSEWHERE_FROM", 1)
    started: list[object] = []
    real = stages.forms_elsewhere

    def spy(*args: object) -> object:
        started.append(real(*args))  # type: ignore[arg-type]
        return started[-1]

    monkeypatch.setattr(stages, "forms_elsewhere", spy)
    monkeypatch.setattr("rollout.report.build.forms_elsewhere", spy)
    both = build(demo_copy, site=True, packs=False, out="both", jobs=2)
    assert started and started[0] is not None  # it did run in a second process
    assert both.forms is not None and alone.forms is not None
    assert both.forms.files == alone.forms.files and both.forms.written == alone.forms.written
    assert _forms(both.out) == _forms(alone.out)
    assert both.warnings == alone.warnings
