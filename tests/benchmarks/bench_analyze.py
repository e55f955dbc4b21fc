"""Benchmark: ``analyze()`` on a large synthetic organization.

    python tests/benchmarks/bench_analyze.py [--teams 2000] [--keep DIR]

Loads the organization once (warm parse cache), then prints the median of five
``analyze()`` runs and the figures it found, so the time can be read against
the size of the data.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="Use (or create) the organization in this folder.")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp()) / "org"
    try:
        from rollout.demo import write_demo
        from rollout.metrics.analysis import analyze
        from rollout.workspace import load

        if not (folder / "rollout.yaml").exists():
            write_demo(folder, teams=options.teams, today=date(2026, 11, 24))
        load(folder)  # fill the parse cache
        started = time.perf_counter()
        ws = load(folder)
        print(f"load (warm): {time.perf_counter() - started:.2f} s")
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            analysis = analyze(ws)
            runs.append(time.perf_counter() - started)
        checkins = sum(len(v) for v in ws.checkins.values())
        print(
            f"analyze: median {statistics.median(runs):.3f} s (min {min(runs):.3f}) for {len(ws.units)} units, "
            f"{len(analysis.key_results)} key results, {checkins} check-ins"
        )
    finally:
        if not options.keep:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
