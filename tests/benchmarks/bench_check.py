"""Benchmark: `rollout check` on a one-unit workspace and on a 2,000-team organization.

    python tests/benchmarks/bench_check.py [DIR] [--teams 2000] [--runs 3]

DIR holds the large organization: it is generated there with
`rollout demo DIR --teams N --no-build` when it has no rollout.yaml yet (about a
minute), and reused otherwise; without DIR a temporary folder is used and
removed. Every run is a fresh process, timed from process start as a user runs
it, with the parse cache warm (one untimed run first). Prints the median of the
warm runs, the number of findings, and the time split into loading and checking.

Targets: one-unit workspace < 0.3 s; 2,000 teams < 2 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

PROBE = textwrap.dedent(
    """
    import sys, time
    t0 = time.perf_counter()
    from rollout.workspace import load
    from rollout.rules import check_workspace
    t1 = time.perf_counter()
    ws = load(sys.argv[1])
    t2 = time.perf_counter()
    findings = check_workspace(ws)
    t3 = time.perf_counter()
    print(f"{t1 - t0:.3f} {t2 - t1:.3f} {t3 - t2:.3f} {len(findings)}")
    """
)


def run_check(folder: Path, *args: str) -> float:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "rollout", "check", str(folder), *args], capture_output=True, text=True
    )
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"rollout check failed:\n{result.stderr}")
    return elapsed


def measure(label: str, folder: Path, runs: int) -> None:
    run_check(folder)  # warm the parse cache
    times = [run_check(folder) for _ in range(runs)]
    json_times = [run_check(folder, "--format", "json") for _ in range(runs)]
    findings = json.loads(
        subprocess.run(
            [sys.executable, "-m", "rollout", "check", str(folder), "--format", "json"], capture_output=True, text=True
        ).stdout
    )["summary"]["findings"]
    split = subprocess.run([sys.executable, "-c", PROBE, str(folder)], capture_output=True, text=True, check=True)
    imports, load, check, _n = split.stdout.split()
    print(
        f"{label}: median {statistics.median(times):.2f} s of {', '.join(f'{t:.2f}' for t in times)} "
        f"(--format json: median {statistics.median(json_times):.2f} s) "
        f"({findings} findings; in-process: imports {imports} s, load {load} s, rules {check} s)"
    )


def one_unit(folder: Path) -> Path:
    subprocess.run(
        [sys.executable, "-m", "rollout", "init", str(folder), "--organization", "Solo", "--cycle", "2027-Q1"],
        check=True,
        capture_output=True,
    )
    unit = next(
        line.split(":", 1)[1].strip()
        for line in (folder / "units.yaml").read_text().splitlines()
        if line.strip().startswith("- id:")
    )
    okrs = folder / "okrs" / "2027-Q1" / f"{unit}.yaml"
    okrs.parent.mkdir(parents=True, exist_ok=True)
    okrs.write_text(
        textwrap.dedent(
            f"""
            objectives:
              - id: {unit}-recommend
                title: Become the supplier our customers recommend
                key_results:
                  - id: {unit}-recommend-kr1
                    title: Raise NPS from 30 to 45
                    direction: increase
                    baseline: 30
                    target: 45
                  - id: {unit}-recommend-kr2
                    title: Launch a referral programme
                  - id: {unit}-recommend-kr3
                    title: Maintain churn at 2%
            """
        ).lstrip(),
        encoding="utf-8",
    )
    return folder


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="Folder of the large organization (reused if present).")
    parser.add_argument("--teams", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    try:
        measure("one-unit workspace", one_unit(scratch / "solo"), options.runs)
        big = options.folder or scratch / "org"
        if not (big / "rollout.yaml").exists():
            started = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "rollout",
                    "demo",
                    str(big),
                    "--teams",
                    str(options.teams),
                    "--no-build",
                    "--force",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            print(f"generated {options.teams} teams in {time.perf_counter() - started:.0f} s")
        measure(f"{options.teams} teams", big, options.runs)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
