"""A build writes into a fresh folder and swaps it in (issue 13, item 7)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from rollout.report.build import build
from rollout.report.site import output
from tests.conftest import WorkspaceFactory


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _crash_in_render(monkeypatch: pytest.MonkeyPatch) -> None:
    real = output.copy_assets

    def crash(source: Path, folder: Path, manifest: output.Manifest) -> tuple[dict[str, str], int]:
        real(source, folder, manifest)
        (folder / "index.html").write_bytes(b"half a page")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output, "copy_assets", crash)


def test_a_crash_leaves_the_previous_site_whole_and_the_next_build_works(
    make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ws()
    build(root, packs=False)
    before = _tree(root / "build")
    (root / "checkins/2027-Q1/sales.yaml").write_text(
        "checkins:\n  - {kr: sales-pipeline-kr1, date: 2027-01-18, value: 2.9, confidence: 6, author: ben}\n"
    )
    with monkeypatch.context() as patch:
        _crash_in_render(patch)
        with pytest.raises(OSError):
            build(root, packs=False)
    assert _tree(root / "build") == before
    assert not (root / ".rollout" / output.STAGING).exists()
    result = build(root, packs=False)
    assert result.rendered and _tree(root / "build") != before
    assert b"half a page" not in (root / "build" / "index.html").read_bytes()


def test_a_crashed_first_build_does_not_block_the_next(
    make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_ws()
    with monkeypatch.context() as patch:
        _crash_in_render(patch)
        with pytest.raises(OSError):
            build(root, packs=False)
    assert not (root / "build").exists()
    assert build(root, packs=False).pages


def test_an_interrupted_swap_is_put_back(make_ws: WorkspaceFactory) -> None:
    root = make_ws()
    build(root, packs=False)
    before = _tree(root / "build")
    os.rename(root / "build", root / ".rollout" / output.RETIRED)  # killed between the two renames
    build(root, packs=False)
    assert _tree(root / "build") == before
    assert not (root / ".rollout" / output.RETIRED).exists()


def test_the_previous_build_shares_no_written_file(make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pages are hard-linked into the new folder; writing one must never change the live file."""
    root = make_ws()
    build(root, packs=False)
    live = root / "build" / "index.html"
    seen: dict[str, bytes] = {}
    real_swap = output.swap

    def check_then_swap(ws_root: Path, staging: Path, folder: Path) -> None:
        seen["live"] = live.read_bytes()
        real_swap(ws_root, staging, folder)

    monkeypatch.setattr(output, "swap", check_then_swap)
    original = live.read_bytes()
    (root / "okrs/2027-Q1/mini.yaml").write_text(
        (root / "okrs/2027-Q1/mini.yaml").read_text().replace("recommend", "trust")
    )
    build(root, packs=False)
    assert seen["live"] == original
    assert live.read_bytes() != original


def test_an_image_in_a_note_is_named_in_a_warning(make_ws: WorkspaceFactory) -> None:
    okrs = (
        "objectives:\n  - id: win-mid-market\n    title: Win the mid-market\n    owner: ana\n"
        "    description: |\n      See ![the chart](https://example.org/chart.png) for why.\n"
    )
    root = make_ws(**{"okrs/2027-Q1/mini.yaml": okrs})
    (root / "checkins/2027-Q1/sales.yaml").write_text(
        "checkins:\n  - {kr: sales-pipeline-kr1, date: 2027-01-11, value: 2.2, note: 'look ![x][ref]'}\n"
    )
    warnings = build(root, packs=False).warnings
    assert (
        "okrs/2027-Q1/mini.yaml:5:5: objectives[0].description: holds an image; images in notes are never loaded "
        "(the alt text is shown)" in warnings
    ), warnings
    assert any(
        w.startswith("checkins/2027-Q1/sales.yaml: the note of the check-in of sales-pipeline-kr1") for w in warnings
    )
    assert b"example.org" not in (root / "build" / "index.html").read_bytes()
