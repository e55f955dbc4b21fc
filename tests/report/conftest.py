"""Fixtures of the report tests: a built demo site (once per session) and helpers."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import copy_demo, shared


@pytest.fixture(scope="session")
def demo_site(demo_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's site, built once per test run (site only) into a copy of the demo; returns the build folder."""

    def make(folder: Path) -> Path:
        from rollout.report.build import build

        root = folder / "demo"
        copy_demo(demo_source, root)
        result = build(root, site=True, packs=False, strict=True)  # the demo builds clean, even in strict mode
        assert result.pages > 20 and result.warnings == []
        return result.out

    return shared(tmp_path_factory, "demo-site", make)


@pytest.fixture(autouse=True)
def no_logged_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test fails if anything logs a warning while it runs (templates, markdown, charts)."""
    with caplog.at_level(logging.WARNING):
        yield
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, [r.getMessage() for r in bad]
