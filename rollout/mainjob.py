"""The main job on a workspace: what `rollout demo` runs after writing the demo.

Validation has happened while loading; the job checks the OKRs against the quality
rules, then builds the website and the PDF review packs, and says where they are.
"""

from __future__ import annotations

from collections.abc import Callable

from rollout.plural import plural
from rollout.workspace import Workspace


def run_main_job(ws: Workspace, *, echo: Callable[[str], None]) -> None:
    """Check, then publish the site and the packs into the workspace's build folder."""
    from rollout.report.build import build

    result = build(ws, echo=echo)
    echo(result.summary())
    echo(f"Open the site: {result.out / 'index.html'}")
    packs = [p for p in result.packs if p.ok]
    if packs:
        echo("Review packs:")
        for pack in packs:
            echo(f"  {pack.path}  ({plural(pack.pages, 'page')})")
