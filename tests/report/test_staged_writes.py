"""Pages and forms are created in place in the build's staging folder (``write_file(staged=True)``):
a file that is already there is a hard link to the live build's file and must be replaced, never
written through; a build into a fresh folder gives the same bytes as one over a previous build."""

from __future__ import annotations

import errno
import filecmp
import os
from pathlib import Path
from typing import Any

import pytest

from rollout.errors import WriteError
from rollout.report.build import build
from rollout.report.site.output import write_file
from rollout.workspace import load


def test_a_new_file_is_created_and_an_existing_link_is_replaced(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.html"
    write_file(fresh, b"new", make_parent=False, staged=True)
    assert fresh.read_bytes() == b"new"

    live = tmp_path / "live.html"
    live.write_bytes(b"live page")
    linked = tmp_path / "linked.html"
    os.link(live, linked)  # what stage() leaves in the staging folder
    write_file(linked, b"changed", make_parent=False, staged=True)
    assert linked.read_bytes() == b"changed"
    assert live.read_bytes() == b"live page"  # not written through the link
    assert os.stat(live).st_ino != os.stat(linked).st_ino
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fresh.html", "linked.html", "live.html"]  # no temp file


def test_a_failed_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_open = builtins.open

    class Full:
        """A file on a full disk: made, then every write fails."""

        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def opener(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        return Full(handle) if "x" in mode or "w" in mode else handle

    monkeypatch.setattr(builtins, "open", opener)
    with pytest.raises(WriteError, match="could not write"):
        write_file(tmp_path / "page.html", b"x" * 10, make_parent=False, staged=True)
    assert not list(tmp_path.iterdir())


def test_a_rebuild_replaces_changed_pages_and_leaves_the_retired_build_whole(demo_copy: Path) -> None:
    """The second build starts from links to the first one's files: the pages it changes are new
    files, and the first build's files (kept as the spare) keep their bytes."""
    from rollout.flows.checkin import checkin_units, save_checkins

    root = demo_copy
    build(root, site=True, packs=False)
    ws = load(root)
    cycle = ws.running_cycle()
    assert cycle is not None
    unit = checkin_units(ws, cycle)[0]
    page = root / "build" / f"forms/checkin-{unit}.html"
    before = page.read_bytes()
    kept = root / "kept-form.html"  # outside the build: a second name for the live file
    os.link(page, kept)
    kr = ws.okr_files[(cycle.id, unit)][0].key_results[0]
    save_checkins(root, cycle.id, unit, [{"kr": kr.id, "date": ws.today.isoformat(), "value": 7.75}])
    build(root, site=True, packs=False)
    assert kept.read_bytes() == before  # the old file was replaced, not written through
    assert page.read_bytes() != before and "7.75" in page.read_text(encoding="utf-8")

    build(root, site=True, packs=False, out=root / "fresh")
    compared = filecmp.dircmp(root / "build", root / "fresh", ignore=[".rollout-build", ".forms.json"])
    assert _differences(compared) == []


def _differences(compared: filecmp.dircmp[str]) -> list[str]:
    found = [*compared.left_only, *compared.right_only, *compared.diff_files]
    for sub in compared.subdirs.values():
        found += _differences(sub)
    return found
