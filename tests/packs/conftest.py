"""Fixtures of the pack tests: the demo's packs, rendered once per test run (shared by xdist workers)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rollout.report.packs import PackResult, build_packs
from rollout.workspace import load
from tests.conftest import copy_demo, shared


@pytest.fixture(scope="session")
def demo_packs(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PackResult]:
    """Every pack of the demo, rendered once (two render processes), by pack id (read-only files)."""

    def make(folder: Path) -> dict[str, PackResult]:
        root = folder / "demo"
        copy_demo(demo_source, root)
        results = build_packs(load(root), None, root / "build" / "packs", jobs=2)
        return {r.spec.id: r for r in results}

    return shared(tmp_path_factory, "demo-packs", make)


@pytest.fixture
def demo_with_packs(demo_copy: Path, demo_packs: dict[str, PackResult]) -> Path:
    """A private copy of the demo whose build folder already holds the demo's rendered packs."""
    folder = next(iter(demo_packs.values())).path.parent
    shutil.copytree(folder, demo_copy / "build" / "packs")
    return demo_copy
