"""Commands that publish the rollout: ``build`` (site and packs) and ``serve`` (local preview)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from rollout.cli.common import resolve_root, workspace_argument

LONG_BUILD = 200  # steps; shorter stages get no progress bar


class _BarProgress:
    """Shows a progress bar per stage on a terminal; silent otherwise."""

    def __init__(self) -> None:
        self._bar: Any = None
        self.enabled = sys.stderr.isatty()

    def start(self, stage: str, total: int) -> None:
        self.close()
        if self.enabled and total >= LONG_BUILD:
            self._bar = click.progressbar(length=total, label=f"Rendering {stage}", file=sys.stderr)
            self._bar.__enter__()

    def advance(self, steps: int) -> None:
        if self._bar is not None:
            self._bar.update(steps)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def _warn(line: str) -> None:
    click.echo(line, err=True)


@click.command()
@workspace_argument
@click.option("--site", "site_only", is_flag=True, help="Build the website only.")
@click.option("--packs", "packs_only", is_flag=True, help="Build the PDF review packs only.")
@click.option("--pack", "pack", metavar="ID", help="Build this one pack (pack id, cycle id or phase id).")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings: broken links, missing data.")
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Build folder inside the workspace (default: build_dir in rollout.yaml).",
)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=2, show_default=True, help="Processes to use.")
@click.option("--timings", is_flag=True, help="Print the time each stage took.")
def build(
    directory: Path | None,
    site_only: bool,
    packs_only: bool,
    pack: str | None,
    strict: bool,
    out: Path | None,
    jobs: int,
    timings: bool,
) -> None:
    """Build the website and the PDF review packs of the workspace in DIR.

    Writes to the build folder (build_dir in rollout.yaml, default `build`), only
    what changed since the last build. Open index.html in a browser, or preview
    with `rollout serve`.
    """
    from rollout.report.build import build as run_build

    root = resolve_root(directory)
    site = not packs_only and pack is None
    packs = not site_only
    if site_only and (packs_only or pack):
        from rollout.errors import UsageError

        raise UsageError("--site cannot be combined with --packs or --pack")
    out_dir = None
    if out is not None:
        out_dir = out if out.is_absolute() else (Path.cwd() / out)
    progress = _BarProgress()
    try:
        result = run_build(
            root,
            site=site,
            packs=packs,
            pack=pack,
            strict=strict,
            out=out_dir,
            jobs=jobs,
            progress=progress,
            echo=_warn,
        )
    finally:
        progress.close()
    for built in result.packs:
        click.echo(f"  {built.summary()}")
    click.echo(result.summary())
    if result.pages:
        click.echo(f"Open {result.out / 'index.html'}")
    if timings:
        click.echo("  " + ", ".join(f"{k} {v:.2f} s" for k, v in result.timings.items()))


@click.command()
@workspace_argument
@click.option("--port", "-p", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option(
    "--interval",
    type=click.FloatRange(0.2, 60),
    default=1.0,
    show_default=True,
    help="Seconds between checks for changed files.",
)
@click.option("--packs", is_flag=True, help="Also rebuild the PDF packs on change (slower).")
@click.option("--collect", is_flag=True, help="Workshops: the site's forms send their answers straight here.")
@click.option(
    "--host",
    metavar="ADDRESS",
    help="Listen on ADDRESS (0.0.0.0: every network) instead of 127.0.0.1; prints a link with a token and a QR code.",
)
def serve(directory: Path | None, port: int, interval: float, packs: bool, collect: bool, host: str | None) -> None:
    """Preview the site on http://127.0.0.1:PORT and rebuild it when a file changes.

    Only this computer can connect, unless --host is given. With --collect, the forms
    of the site (forms/) get a "Send" button: each file sent is checked and saved as
    `rollout collect` does, and the site is rebuilt. Every submission needs the
    session's token, which is in the link the command prints. Stop with Ctrl-C.
    """
    from rollout.report.site.serve import serve_workspace

    serve_workspace(
        resolve_root(directory),
        port=port,
        interval=interval,
        packs=packs,
        echo=click.echo,
        collect=collect,
        host=host,
    )
