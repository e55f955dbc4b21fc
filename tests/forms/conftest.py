"""Fixtures of the forms tests: a private copy of the demo with its site built (forms included)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import copy_demo


@pytest.fixture(scope="module")
def built_demo(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo whose site (with forms/) is built; returns the workspace root."""
    from rollout.report.build import build

    root = tmp_path_factory.mktemp("forms") / "demo"
    copy_demo(demo_source, root)
    result = build(root, site=True, packs=False, strict=True)
    assert result.warnings == []
    return root
