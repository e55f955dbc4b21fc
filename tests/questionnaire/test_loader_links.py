"""A local questionnaire that is a link out of the workspace is never read (issue 13, class 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.questionnaire import loader
from rollout.workspace.layout import OUTSIDE
from tests.questionnaire.conftest import SAMPLE, write


@pytest.mark.parametrize("linked", ["file", "folder"])
def test_a_link_out_of_the_workspace_is_refused_by_name(ws_root: Path, tmp_path: Path, linked: str) -> None:
    outside = write(tmp_path / "elsewhere" / "secret.yaml", SAMPLE.replace("id: sample", "id: secret"))
    if linked == "file":
        (ws_root / "questionnaires" / "secret.yaml").symlink_to(outside)
    else:
        (ws_root / "questionnaires" / "sample.yaml").unlink()
        (ws_root / "questionnaires").rmdir()
        (ws_root / "questionnaires").symlink_to(outside.parent, target_is_directory=True)
    for lookup in (loader.available, loader.entries):
        with pytest.raises(loader.QuestionnaireError) as info:
            lookup(ws_root)
        assert [str(p) for p in info.value.problems] == [f"questionnaires/secret.yaml: {OUTSIDE}"], info.value.problems


def test_a_link_inside_the_workspace_is_read(ws_root: Path) -> None:
    (ws_root / "questionnaires" / "again.yaml").symlink_to(ws_root / "questionnaires" / "sample.yaml")
    assert "again" in loader.available(ws_root)
