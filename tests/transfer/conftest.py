"""Helpers for import/export tests: a workspace, a sheet, the CLI in-process, and a snapshot of every file."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from openpyxl import Workbook

from rollout.cli import main


def call(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run ``rollout ARGS`` in-process; returns (exit code, stdout, stderr). A traceback fails the test."""
    with pytest.raises(SystemExit) as caught:
        main(args)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return int(caught.value.code or 0), out, err


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file of the workspace except the derived cache and lock."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def xlsx(path: Path, rows: Sequence[Sequence[object]], formats: dict[str, str] | None = None) -> Path:
    """An XLSX sheet with these rows; ``formats`` sets number formats by cell (``{"H2": "0%"}``)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "OKRs"
    for row in rows:
        sheet.append(list(row))
    for ref, number_format in (formats or {}).items():
        sheet[ref].number_format = number_format
    book.save(path)
    return path
