"""The main job on a workspace: what `rollout demo` runs after writing the demo."""

from __future__ import annotations

from collections.abc import Callable

from rollout.workspace import Workspace


def run_main_job(ws: Workspace, *, echo: Callable[[str], None]) -> None:
    """Validate (already done by loading), then publish what the workspace holds."""
    echo(f"Workspace {ws.root} is valid.")
