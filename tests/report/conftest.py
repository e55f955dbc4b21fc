"""Fixtures of the report tests (the built demo site, once per run, is in tests/conftest.py: demo_site)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def no_logged_warnings(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test fails if anything logs a warning while it runs (templates, markdown, charts)."""
    with caplog.at_level(logging.WARNING):
        yield
    bad = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert not bad, [r.getMessage() for r in bad]
