"""Render packs in parallel processes, and skip the ones whose content did not change.

- **Content hash.** A pack's HTML is cheap to make (Jinja2, milliseconds) and holds
  everything the PDF shows, stylesheet included. Its SHA-256, with the WeasyPrint
  version and the render options, is the pack's digest. The manifest in the packs
  folder (``.packs.json``) remembers the digest each file was rendered from; a pack
  whose digest and file are unchanged is not rendered again.
- **Processes.** WeasyPrint holds the GIL and takes about 0.25 s a page, so packs
  render in worker processes (``jobs``, 2 by default: this machine has 2 cores).
  Each worker (:mod:`.worker`) imports WeasyPrint once and renders packs from a
  shared queue; a worker whose memory peak passes a budget is replaced by a fresh
  one, so memory never accumulates: peak memory stays under ``jobs`` × the budget.
- Longest packs start first, so two workers finish together.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import queue
import resource
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rollout.report.packs.worker import read_frame, write_frame
from rollout.workspace.fileio import atomic_write

MANIFEST = ".packs.json"
RENDER_VERSION = 1  # bump when render.py changes what it writes for the same HTML
WORKER_MEMORY_MB = 450.0  # a worker past this peak is replaced: two workers stay under 1 GB


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render one pack (picklable, no workspace)."""

    key: str
    html: str
    target: str
    base_url: str
    allowed: tuple[str, ...]
    variant: str | None


@dataclass
class JobOutcome:
    """A worker's answer: the render outcome, or the error that stopped it."""

    key: str
    pages: int = 0
    size: int = 0
    seconds: float = 0.0
    bookmarks: int = 0
    warnings: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    error: str | None = None
    peak_rss_mb: float = 0.0


def weasyprint_version() -> str:
    """WeasyPrint's version without importing it (importing costs half a second)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("weasyprint")
    except PackageNotFoundError:  # pragma: no cover - weasyprint is a dependency
        return "unknown"


def digest(html: str, variant: str | None) -> str:
    """The content hash of a pack: its HTML, the render options and the renderer's version."""
    h = hashlib.sha256()
    h.update(f"rollout-pack/{RENDER_VERSION}/weasyprint-{weasyprint_version()}/{variant}\n".encode())
    h.update(html.encode("utf-8"))
    return h.hexdigest()


# --- manifest -------------------------------------------------------------------------


def read_manifest(folder: Path) -> dict[str, dict[str, Any]]:
    """``{filename: {"id", "digest", "pages", "size", "warnings", "refused"}}``; empty when missing or unreadable.

    ``warnings`` and ``refused`` are what the render of that file logged and turned down
    (lists of strings): a build that finds the file current replays them.
    """
    try:
        data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    packs = data.get("packs") if isinstance(data, dict) else None
    return {k: v for k, v in packs.items() if isinstance(v, dict)} if isinstance(packs, dict) else {}


def write_manifest(folder: Path, entries: dict[str, dict[str, Any]]) -> None:
    body = {"version": RENDER_VERSION, "packs": dict(sorted(entries.items()))}
    atomic_write(folder / MANIFEST, json.dumps(body, indent=1, sort_keys=True) + "\n")


def recorded(entry: dict[str, Any], key: str) -> list[str]:
    """The messages of a manifest entry under ``key`` (``warnings`` or ``refused``); [] when absent."""
    value = entry.get(key)
    return [str(item) for item in value] if isinstance(value, list) else []


def is_current(folder: Path, filename: str, pack_digest: str, manifest: dict[str, dict[str, Any]]) -> bool:
    """True when ``filename`` exists with the size recorded for the same digest.

    An entry without a record of its render's warnings (written before they were kept)
    is not current: its warnings are unknown, so the pack is rendered again once.
    """
    entry = manifest.get(filename)
    if not entry or entry.get("digest") != pack_digest:
        return False
    if not isinstance(entry.get("warnings"), list) or not isinstance(entry.get("refused"), list):
        return False
    try:
        return (folder / filename).stat().st_size == entry.get("size")
    except OSError:
        return False


# --- workers --------------------------------------------------------------------------


def render_job(job: RenderJob) -> JobOutcome:
    """Render one job (in a worker, or in-process); never raises for a render failure."""
    from rollout.report.packs.render import render_pdf

    try:
        outcome = render_pdf(
            job.html,
            Path(job.target),
            base_url=job.base_url,
            allowed=[Path(p) for p in job.allowed],
            variant=job.variant,
        )
    except Exception as exc:  # reported per pack; the other packs still render
        return JobOutcome(job.key, error=f"{type(exc).__name__}: {exc}", peak_rss_mb=_peak_rss_mb())
    return JobOutcome(
        job.key,
        pages=outcome.pages,
        size=outcome.size,
        seconds=outcome.seconds,
        bookmarks=outcome.bookmarks,
        warnings=outcome.warnings,
        refused=outcome.refused,
        peak_rss_mb=_peak_rss_mb(),
    )


def _peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ``ru_maxrss``, not inherited across exec)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    kilobytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kilobytes / (1024 * 1024) if sys.platform == "darwin" else kilobytes / 1024


class Worker:
    """One ``python -m rollout.report.packs.worker`` process and its pipes."""

    def __init__(self) -> None:
        self.log = tempfile.TemporaryFile()  # noqa: SIM115  (closed in close())
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "rollout.report.packs.worker"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.log,
            env=env,
        )
        self.peak_rss_mb = 0.0
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin = self.process.stdin
        self.stdout = self.process.stdout
        if read_frame(self.stdout) != "ready":
            raise RuntimeError(f"the pack renderer did not start: {self.stderr_tail()}")

    def render(self, job: RenderJob) -> JobOutcome:
        try:
            write_frame(self.stdin, job)
            outcome = read_frame(self.stdout)
        except (BrokenPipeError, OSError):
            outcome = None
        if not isinstance(outcome, JobOutcome):
            self.close()
            return JobOutcome(job.key, error=f"the pack renderer stopped: {self.stderr_tail()}")
        self.peak_rss_mb = max(self.peak_rss_mb, outcome.peak_rss_mb)
        return outcome

    def stderr_tail(self, limit: int = 600) -> str:
        self.log.seek(0)
        text = self.log.read().decode("utf-8", "replace").strip()
        return text[-limit:] or f"exit code {self.process.poll()}"

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.stdout.close()
        self.log.close()


def run_jobs(
    jobs: Sequence[RenderJob], workers: int = 2, *, memory_budget_mb: float = WORKER_MEMORY_MB
) -> Iterator[JobOutcome]:
    """Render ``jobs``, yielding each outcome as it finishes (largest jobs first).

    ``workers <= 1`` or a single job renders in this process. Otherwise up to
    ``workers`` worker processes share the queue; a worker whose memory peak passed
    ``memory_budget_mb`` is retired and, if work remains, replaced by a fresh one.
    """
    ordered = sorted(jobs, key=lambda j: len(j.html), reverse=True)
    if workers <= 1 or len(ordered) <= 1:
        for job in ordered:
            yield render_job(job)
        return
    work: queue.Queue[RenderJob] = queue.Queue()
    for job in ordered:
        work.put(job)
    results: queue.Queue[JobOutcome | BaseException] = queue.Queue()

    def serve() -> None:
        worker: Worker | None = None
        try:
            while True:
                try:
                    job = work.get_nowait()
                except queue.Empty:
                    return
                if worker is None:
                    worker = Worker()
                outcome = worker.render(job)
                results.put(outcome)
                if worker.process.poll() is not None or worker.peak_rss_mb > memory_budget_mb:
                    worker.close()
                    worker = None
        except BaseException as exc:  # reported to the caller, which re-raises it
            results.put(exc)
        finally:
            if worker is not None:
                worker.close()

    threads = [threading.Thread(target=serve, daemon=True) for _ in range(min(workers, len(ordered)))]
    for thread in threads:
        thread.start()
    for _ in ordered:
        item = results.get()
        if isinstance(item, BaseException):
            raise item
        yield item
    for thread in threads:
        thread.join()
