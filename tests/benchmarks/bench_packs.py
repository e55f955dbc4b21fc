"""Benchmark of the PDF review packs: prints figures, asserts nothing.

    /tmp/venv/bin/python tests/benchmarks/bench_packs.py            # demo + 2,000-team demo
    /tmp/venv/bin/python tests/benchmarks/bench_packs.py --teams 0   # demo only

Figures (targets from issue 7):

- demo packs, two workers (< 15 s);
- rebuild with nothing changed: packs rendered (0) and time;
- our overhead over bare WeasyPrint on the same HTML, one process (< 10 %);
- all packs of ``rollout demo --teams 2000``, two workers (< 60 s), and peak memory of
  the build process plus its two render workers (< 1 GB).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TODAY = date(2026, 11, 24)


def peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


class TreeMemory:
    """Samples the resident memory of this process and all its children (the render workers)."""

    def __init__(self) -> None:
        import threading

        self.peak = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import os

        while not self._stop.wait(0.02):
            total = 0.0
            pids = [os.getpid()]
            while pids:
                pid = pids.pop()
                try:
                    status = Path(f"/proc/{pid}/status").read_text()
                    for task in Path(f"/proc/{pid}/task").iterdir():
                        pids += [int(c) for c in (task / "children").read_text().split()]
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) / 1024
            self.peak = max(self.peak, total)


def build(root: Path, out: Path, jobs: int) -> tuple[float, list[object], float]:
    from rollout.report.packs import build_packs
    from rollout.report.viewmodel import build_view
    from rollout.workspace import load

    started = time.perf_counter()
    ws = load(root)
    view = build_view(ws)
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    results = build_packs(ws, view, out, jobs=jobs)
    return time.perf_counter() - started, list(results), prepared


def overhead(root: Path, scratch: Path) -> None:
    """Bare ``HTML(string=...).write_pdf()`` against our render of the same HTML, same process."""
    from weasyprint import HTML

    from rollout.report.packs.build import PDF_VARIANT, allowed_folders
    from rollout.report.packs.html import pack_html
    from rollout.report.packs.plan import plan_packs
    from rollout.report.packs.render import render_pdf
    from rollout.report.packs.sections import Sources
    from rollout.workspace import load

    ws = load(root)
    src = Sources.from_view(ws, None)
    specs = plan_packs(ws)
    folders = allowed_folders(scratch)
    base = folders[0].resolve().as_uri() + "/"
    htmls = [pack_html(src, s) for s in specs]
    HTML(string="<p>warm up</p>").write_pdf()

    def bare(variant: str | None) -> float:
        started = time.perf_counter()
        for i, html in enumerate(htmls):
            HTML(string=html, base_url=base).write_pdf(scratch / f"bare-{i}.pdf", pdf_variant=variant)
        return time.perf_counter() - started

    def ours() -> float:
        started = time.perf_counter()
        for spec in specs:  # HTML from the view model, hash, restricted fetcher, captured log, atomic write
            html = pack_html(src, spec)
            render_pdf(html, scratch / f"ours-{spec.id}.pdf", base_url=base, allowed=folders, variant=PDF_VARIANT)
        return time.perf_counter() - started

    bare_plain = min(bare(None) for _ in range(2))
    bare_tagged = min(bare(PDF_VARIANT) for _ in range(2))
    mine = min(ours() for _ in range(2))
    print(f"  bare WeasyPrint, same HTML, untagged:      {bare_plain:6.2f} s")
    print(f"  bare WeasyPrint, same HTML, PDF/UA-1:      {bare_tagged:6.2f} s")
    print(f"  ours (HTML + fetcher + log + write), UA-1: {mine:6.2f} s")
    print(f"  overhead over bare WeasyPrint with the same options: {100 * (mine / bare_tagged - 1):+.1f} %")
    print(f"  (tagging itself costs {100 * (bare_tagged / bare_plain - 1):+.1f} % over an untagged PDF)")


def report(label: str, seconds: float, results: list[object]) -> None:
    rendered = [r for r in results if r.rendered]  # type: ignore[attr-defined]
    pages = sum(r.pages for r in results)  # type: ignore[attr-defined]
    workers = [r.peak_rss_mb for r in rendered]  # type: ignore[attr-defined]
    print(f"{label}: {seconds:.2f} s for {len(results)} packs ({len(rendered)} rendered, {pages} pages)")
    for r in results:
        print(f"    {r.summary()}")  # type: ignore[attr-defined]
    if workers:
        top = sorted(workers, reverse=True)[:2]
        print(f"    worker peak memory: {', '.join(f'{w:.0f} MB' for w in top)} (largest two)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--teams", type=int, default=2000, help="synthetic organization size (0: skip)")
    parser.add_argument("--large", type=Path, default=None, help="reuse this generated large demo")
    args = parser.parse_args()

    from rollout.demo import write_demo

    scratch = Path(tempfile.mkdtemp(prefix="bench-packs-"))
    try:
        demo = scratch / "demo"
        write_demo(demo, today=TODAY)
        print("== demo (Larkspur Freight: 7 departments, 20 teams)")
        seconds, results, prepared = build(demo, demo / "build" / "packs", jobs=2)
        print(f"  load + view model: {prepared:.2f} s")
        report("  all demo packs, 2 workers", seconds, results)
        seconds, results, _ = build(demo, demo / "build" / "packs", jobs=2)
        report("  rebuild, nothing changed", seconds, results)
        overhead(demo, scratch)

        if args.teams:
            large = args.large
            if large is None:
                large = scratch / "large"
                started = time.perf_counter()
                write_demo(large, teams=args.teams, today=TODAY)
                print(f"\n== rollout demo --teams {args.teams} (written in {time.perf_counter() - started:.1f} s)")
            else:
                print(f"\n== large demo in {large}")
            out = scratch / "large-packs"
            with TreeMemory() as tree:
                seconds, results, prepared = build(large, out, jobs=2)
            parent = peak_mb()
            print(f"  load + view model: {prepared:.2f} s")
            report("  all packs, 2 workers", seconds, results)
            workers = sorted((r.peak_rss_mb for r in results if r.rendered), reverse=True)[:2]
            print(f"  build process peak memory: {parent:.0f} MB (workspace, view model, HTML)")
            print(f"  peak memory, build process + two workers, sampled together: {tree.peak:.0f} MB")
            print(f"  (sum of each one's own peak, an upper bound: {parent + sum(workers):.0f} MB)")
            print(f"  render workers alone: {sum(workers):.0f} MB")
            seconds, results, _ = build(large, out, jobs=2)
            report("  rebuild, nothing changed", seconds, results)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
