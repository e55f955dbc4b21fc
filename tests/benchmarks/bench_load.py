"""Benchmark: generate and validate a large synthetic organization.

    python tests/benchmarks/bench_load.py [--teams 2000] [--keep DIR]

Prints the time of `rollout demo --teams N`, of `rollout validate` with a cold
parse cache, and the median of three warm runs, each in a fresh process (as a
user runs them), with the peak memory of each process.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(*args: str) -> tuple[float, float]:
    """Seconds and peak MB of one `rollout` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "rollout", *args], check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--keep", type=Path, help="Use (or create) the organization in this folder.")
    options = parser.parse_args()
    folder = options.keep or Path(tempfile.mkdtemp()) / "org"
    try:
        if not (folder / "rollout.yaml").exists():
            seconds, peak = timed("demo", str(folder), "--teams", str(options.teams), "--no-build", "--force")
            print(f"demo --teams {options.teams}: {seconds:.1f} s (peak {peak:.0f} MB)")
        shutil.rmtree(folder / ".rollout", ignore_errors=True)
        seconds, peak = timed("validate", str(folder))
        print(f"validate, cold cache: {seconds:.2f} s (peak {peak:.0f} MB)")
        warm = [timed("validate", str(folder))[0] for _ in range(3)]
        print(f"validate, warm cache: median {statistics.median(warm):.2f} s of {', '.join(f'{w:.2f}' for w in warm)}")
    finally:
        if options.keep is None:
            shutil.rmtree(folder.parent, ignore_errors=True)


if __name__ == "__main__":
    main()
