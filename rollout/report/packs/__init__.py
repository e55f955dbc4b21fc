"""PDF review packs for leadership: one per cycle (a monthly edition while it runs) and one per phase.

Cheap to import: planning (:func:`plan_packs`) never loads Jinja2 or WeasyPrint, so
the site can link packs without paying for the renderer. :func:`build_packs` loads
the renderer when it is called.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout.report.packs.plan import PackSpec, plan_packs, select_packs
from rollout.report.packs.result import PackResult

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace

__all__ = ["PackResult", "PackSpec", "build_packs", "plan_packs", "select_packs"]


def build_packs(
    ws: Workspace,
    view: Any,
    out_dir: Path,
    *,
    only: str | Sequence[str] | None = None,
    jobs: int = 2,
    progress: Callable[[PackResult], None] | None = None,
    force: bool = False,
) -> list[PackResult]:
    """Write the packs of ``ws`` into ``out_dir`` (see :func:`rollout.report.packs.build.build_packs`)."""
    from rollout.report.packs.build import build_packs as build

    return build(ws, view, out_dir, only=only, jobs=jobs, progress=progress, force=force)
