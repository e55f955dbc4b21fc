"""Where the tool's own data lives: ``questionnaires/``, ``templates/``, ``site/``.

In a wheel they are packaged under ``rollout/_data/``; in a source checkout
(editable install, tests) they are the top-level folders of the repository.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def data_dir(name: str) -> Path:
    """The folder of bundled data ``name`` (one of questionnaires, templates, site)."""
    if name not in ("questionnaires", "templates", "site"):
        raise ValueError(f"unknown data folder {name!r}")
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name
