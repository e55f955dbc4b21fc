"""Fixtures of the pack tests: the demo's packs, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rollout.report.packs import PackResult, build_packs
from rollout.workspace import load


@pytest.fixture(scope="session")
def demo_packs(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, PackResult]:
    """Every pack of the demo, rendered once (two workers), by pack id."""
    root = tmp_path_factory.mktemp("packs") / "demo"
    shutil.copytree(demo_source, root, ignore=shutil.ignore_patterns(".rollout", "build"))
    ws = load(root)
    results = build_packs(ws, None, root / "build" / "packs", jobs=2)
    return {r.spec.id: r for r in results}
