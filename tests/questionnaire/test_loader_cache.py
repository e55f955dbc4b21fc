"""Checked questionnaires are kept by content: the same bytes are read once, an edit is read afresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import LoadError
from rollout.questionnaire import loader
from tests.questionnaire.conftest import SAMPLE, write


def test_same_file_is_checked_once_and_an_edit_is_read_again(tmp_path: Path) -> None:
    path = write(tmp_path / "sample.yaml", SAMPLE)
    first = loader.read(path, "sample.yaml")
    assert loader.read(path, "sample.yaml") is first  # unchanged bytes: the checked object again
    write(path, SAMPLE.replace("title: Sample questionnaire", "title: Sample questionnaire, edited"))
    edited = loader.read(path, "sample.yaml")
    assert edited is not first and edited.title == "Sample questionnaire, edited"


def test_a_broken_edit_is_an_error_every_time(tmp_path: Path) -> None:
    path = write(tmp_path / "sample.yaml", SAMPLE)
    loader.read(path, "sample.yaml")
    write(path, SAMPLE.replace("id: sample", "id: other"))
    for _ in range(2):  # errors are never cached as a good questionnaire
        with pytest.raises(LoadError):
            loader.read(path, "sample.yaml")
