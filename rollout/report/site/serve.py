"""``rollout serve``: preview the site on 127.0.0.1 and rebuild it when a file changes.

Changes are found by polling modification times (no extra dependency, works on
every file system): the workspace's files (not the build folder or the cache),
and the tool's templates and assets. A rebuild is incremental: the server keeps
the loaded workspace and its analysis between builds, so saving one check-in
reads that file again, works out only the units it changed and re-renders only
the pages that show it (see :class:`rollout.report.build.BuildState`). A failed rebuild (a YAML
mistake, say) is reported and the last good site stays up.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from rollout.errors import RolloutError, UsageError
from rollout.plural import plural

HOST = "127.0.0.1"
SKIP_DIRS = {".rollout", ".git", "node_modules", "__pycache__"}


def snapshot(folders: list[Path], skip: set[Path]) -> dict[str, tuple[int, int]]:
    """``path → (mtime_ns, size)`` of every file under ``folders`` (skipping ``skip`` folders)."""
    seen: dict[str, tuple[int, int]] = {}
    for folder in folders:
        for current, dirs, files in os.walk(folder):
            here = Path(current)
            dirs[:] = [d for d in dirs if d not in SKIP_DIRS and (here / d).resolve() not in skip]
            for name in files:
                if name.startswith(".") and name.endswith(".tmp"):
                    continue
                path = here / name
                try:
                    stat = path.stat()
                except OSError:
                    continue
                seen[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return seen


def _relative(path: str, root: Path) -> str:
    """``path`` relative to the workspace root with ``/``, or ``""`` when it is outside."""
    try:
        return Path(path).resolve().relative_to(root).as_posix()
    except ValueError:
        return ""


REQUEST_TIMEOUT = 30.0
"""Seconds a connection may stay silent before it is dropped (a stalled client would
otherwise hold its thread for ever)."""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    timeout = REQUEST_TIMEOUT  # socket timeout of each connection (socketserver.StreamRequestHandler)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        """Serve the connection; a client that goes away or stalls ends it quietly (no
        traceback on the terminal of the person serving)."""
        try:
            super().handle()
        except (ConnectionError, TimeoutError):
            self.close_connection = True


def make_server(
    folder: Path, port: int, *, host: str = HOST, handler_type: type[http.server.SimpleHTTPRequestHandler] | None = None
) -> http.server.ThreadingHTTPServer:
    handler = functools.partial(handler_type or _QuietHandler, directory=str(folder))
    try:
        return http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}", hint="try another --port") from None
    except UnicodeError:
        raise UsageError(f"cannot listen on {host!r}: not a host name or address") from None


def serve_workspace(
    root: Path,
    *,
    port: int = 8000,
    interval: float = 1.0,
    packs: bool = False,
    echo: Callable[[str], None] = print,
    stop: threading.Event | None = None,
    ready: Callable[[str], None] | None = None,
    collect: bool = False,
    host: str | None = None,
) -> None:
    """Build, serve, and rebuild on change until Ctrl-C (or until ``stop`` is set).

    ``collect``: the site's forms may send their files to this server, which brings them in
    as ``rollout collect`` does (see :mod:`rollout.forms.server` for the token and limits).
    ``host``: listen there instead of 127.0.0.1 (every request then needs the session token).
    ``ready`` receives the URL to open (with the token when there is one).
    """
    from rollout.report.build import BuildState, build
    from rollout.resources import data_dir

    state = BuildState()  # kept between builds: a saved check-in rebuilds only what it changes
    watched = [root, data_dir("templates"), data_dir("site")]
    # Each snapshot is taken *before* its build, never after: a file saved while a build runs
    # (or between the first build and the first poll) then differs from it and the next poll
    # picks it up. Taken after the build, such a save was lost for good (a CI run caught it).
    before = snapshot(watched, set())
    result = build(root, site=True, packs=packs, echo=echo, state=state)
    folder = result.out
    skip = {folder.resolve()}
    built = f"{root / folder.resolve().relative_to(root.resolve())}{os.sep}"  # as os.walk spells it
    before = {path: seen for path, seen in before.items() if not path.startswith(built)}
    echo(result.summary())
    server, url = _start(root, folder, port, host=host, collect=collect, echo=echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    if ready is not None:
        ready(url)
    pending: set[str] = set()  # changed since the last good build (a failed one changes nothing)
    inside = root.resolve()
    stop = stop or threading.Event()
    try:
        while not stop.wait(interval):
            now = snapshot(watched, skip)
            if now == before:
                continue
            changed = sorted(set(now) ^ set(before) | {p for p in now if before.get(p) != now[p]})
            before = now
            # Workspace files by their path in it: every cycle has an okrs/ and a checkins/ file of one name.
            named = [_relative(p, inside) or Path(p).name for p in changed[:3]]
            echo(f"Changed: {', '.join(named)}{' …' if len(changed) > 3 else ''}")
            started = time.perf_counter()
            pending |= {_relative(p, inside) for p in changed}
            # Only workspace files changed: tell the loader which (templates: let it look).
            state.hint = None if "" in pending else {p for p in pending}
            try:
                result = build(root, site=True, packs=packs, echo=echo, state=state)
            except RolloutError as exc:
                echo(exc.render())
                continue
            finally:
                state.hint = None
            pending.clear()
            echo(f"Rebuilt {plural(result.rendered, 'page')} in {time.perf_counter() - started:.2f} s")
    except KeyboardInterrupt:
        echo("Stopped.")
    finally:
        server.shutdown()
        server.server_close()


def _start(
    root: Path, folder: Path, port: int, *, host: str | None, collect: bool, echo: Callable[[str], None]
) -> tuple[http.server.ThreadingHTTPServer, str]:
    """The server, and the URL to open: plain preview, or collecting forms with a session token."""
    if not collect and host is None:
        server = make_server(folder, port)
        url = f"http://{HOST}:{server.server_address[1]}/"
        echo(f"Serving {folder} at {url} (Ctrl-C to stop)")
        return server, url
    from rollout.forms.server import CollectConfig, handler_class, lan_address, new_token, qr_text

    config = CollectConfig(root, new_token(), guard_pages=host is not None, echo=echo, collect=collect)
    server = make_server(folder, port, host=host or HOST, handler_type=handler_class(_QuietHandler, config))
    shown = host or HOST
    if shown in ("0.0.0.0", "", "::"):
        shown = lan_address()
    url = f"http://{shown}:{server.server_address[1]}/forms/index.html?token={config.token}"
    echo(f"Serving {folder} on {host or HOST}:{server.server_address[1]} (Ctrl-C to stop)")
    if collect:
        echo("The forms send their files here; each is checked and saved as `rollout collect` does.")
    if host is not None:
        echo("Anyone with this link (and only they) can open the site and send answers:")
        echo(qr_text(url))
    echo(f"Open {url}")
    return server, url
