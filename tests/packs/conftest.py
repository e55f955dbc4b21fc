"""Fixtures of the pack tests (the demo's packs, rendered once per run, are in tests/conftest.py: demo_packs)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rollout.report.packs import PackResult


@pytest.fixture
def demo_with_packs(demo_copy: Path, demo_packs: dict[str, PackResult]) -> Path:
    """A private copy of the demo whose build folder already holds the demo's rendered packs."""
    folder = next(iter(demo_packs.values())).path.parent
    shutil.copytree(folder, demo_copy / "build" / "packs")
    return demo_copy
