"""Multi-file transactions: a crash before the commit point leaves every file old, after it every file new."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.errors import WriteError
from rollout.workspace import load, transaction
from rollout.workspace.models import PeopleFile, UnitsFile
from tests.conftest import WorkspaceFactory


def stage(tx: transaction.Transaction) -> None:
    with tx.edit("people.yaml", model=PeopleFile) as doc:
        doc["people"].append({"id": "cy", "name": "Cy Young"})
    with tx.edit("units.yaml", model=UnitsFile) as doc:
        doc["units"].append({"id": "ops", "name": "Ops", "kind": "department", "parent": "mini"})


def test_a_crash_after_the_commit_point_is_rolled_forward_by_the_next_load(
    make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ws()
    before = {n: (root / n).read_text() for n in ("people.yaml", "units.yaml")}
    with transaction.Transaction(root) as tx:
        stage(tx)
        monkeypatch.setattr(transaction, "recover", lambda _root: 0)  # the process dies right after the journal
        tx.commit()
    monkeypatch.undo()
    assert {n: (root / n).read_text() for n in before} == before
    assert (root / ".rollout" / transaction.JOURNAL).exists()
    ws = load(root)  # any reader finishes the change first
    assert "cy" in ws.people and "ops" in ws.units
    assert not (root / ".rollout" / transaction.JOURNAL).exists()
    assert not list(root.glob(".*.tmp"))


def test_a_failure_before_the_commit_point_changes_nothing(
    make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ws()
    before = {n: (root / n).read_text() for n in ("people.yaml", "units.yaml")}

    def full_disk(path: Path, content: object, **_kw: object) -> None:
        raise WriteError(f"could not write {path}: No space left on device")

    with transaction.Transaction(root) as tx:
        stage(tx)
        monkeypatch.setattr(transaction, "atomic_write", full_disk)
        with pytest.raises(WriteError, match="nothing was changed"):
            tx.commit()
    assert {n: (root / n).read_text() for n in before} == before
    assert not list(root.glob(".*.tmp")) and not (root / ".rollout" / transaction.JOURNAL).exists()


def test_an_invalid_staged_file_is_refused_before_anything_is_written(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    before = (root / "people.yaml").read_text()
    with transaction.Transaction(root) as tx:
        with tx.edit("people.yaml", model=PeopleFile) as doc:
            doc["people"].append({"id": "cy", "name": "Cy Young"})
        with tx.edit("units.yaml", model=UnitsFile) as doc:
            doc["units"].append({"id": "Bad Id", "name": "x", "kind": "team"})
        with pytest.raises(WriteError, match="units.yaml"):
            tx.commit()
    assert (root / "people.yaml").read_text() == before


def test_a_relative_workspace_path(make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_ws()
    monkeypatch.chdir(root.parent)
    with transaction.Transaction(Path(root.name)) as tx:
        stage(tx)
        assert sorted(tx.commit()) == ["people.yaml", "units.yaml"]
    ws = load(root)
    assert "cy" in ws.people and "ops" in ws.units
    assert not list(root.glob(".*.tmp"))
