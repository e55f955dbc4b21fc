"""Benchmark: `rollout check` on 20,000 objectives in one cycle (the near-duplicate rule's worst case).

    python tests/benchmarks/bench_check_objectives.py [--objectives 20000] [--runs 3] [--keep DIR]

Writes a workspace of one company, 20 departments and enough teams for the
objectives (4 per team, three measurable key results each, every one with an
owner), all in one running cycle, a week after it started (so nothing is stale yet). Titles are a verb and four to seven words drawn (Zipf-like: a few words
are common, most are rare, as in real titles) from the words of the demo's
hand-written OKRs; one objective in 25 restates another team's objective with at
most one word changed, so the near-duplicate rule has something to find. Then times
`rollout check` as a user runs it (fresh process, parse cache warm after one
untimed run) and prints the median, plus the rules' share measured in-process.

Target: under 5 s for 20,000 objectives on the 2-core machine (issue 13).
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

VERBS = ["Grow", "Cut", "Win", "Keep", "Make", "Earn", "Delight", "Simplify", "Speed up", "Protect"]
PER_TEAM = 4


def vocabulary() -> list[str]:
    """Distinct words of the demo's OKR content, most frequent first."""
    from collections import Counter

    text = (Path(__file__).parents[2] / "rollout" / "demo" / "content.yaml").read_text(encoding="utf-8")
    counts = Counter(w.lower() for w in re.findall(r"[A-Za-z][a-z]{3,}", text))
    return [w for w, _n in counts.most_common()]


PROBE = textwrap.dedent(
    """
    import sys, time
    from rollout.workspace import load
    from rollout.rules import check_workspace
    t0 = time.perf_counter()
    ws = load(sys.argv[1])
    t1 = time.perf_counter()
    findings = check_workspace(ws)
    t2 = time.perf_counter()
    print(f"{t1 - t0:.3f} {t2 - t1:.3f} {len(findings)}")
    """
)


def generate(root: Path, objectives: int, seed: int = 13) -> None:
    """The workspace: PER_TEAM objectives per team in cycle 2027-Q1."""
    rng = random.Random(seed)
    words = vocabulary()
    weights = [1 / (rank + 1) for rank in range(len(words))]
    titles: list[str] = []
    teams = max(1, -(-objectives // PER_TEAM))
    root.mkdir(parents=True)
    (root / "rollout.yaml").write_text("version: 1\norganization: Bench\nas_of: 2027-01-08\n")
    (root / "cycles.yaml").write_text(
        "cycles:\n  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n    status: running\n"
    )
    people = ["people:"]
    units = ["units:", "  - {id: bench, name: Bench, kind: company, owner: p-company}"]
    people.append("  - {id: p-company, name: Company Lead}")
    for d in range(20):
        units.append(f"  - {{id: d{d}, name: Department {d}, kind: department, parent: bench, owner: p-d{d}}}")
        people.append(f"  - {{id: p-d{d}, name: Department Lead {d}}}")
    folder = root / "okrs" / "2027-Q1"
    folder.mkdir(parents=True)
    made = 0
    for t in range(teams):
        units.append(f"  - {{id: t{t}, name: Team {t}, kind: team, parent: d{t % 20}, owner: p-t{t}}}")
        people.append(f"  - {{id: p-t{t}, name: Team Lead {t}}}")
        lines = ["objectives:"]
        for o in range(PER_TEAM):
            if made >= objectives:
                break
            made += 1
            if titles and rng.random() < 0.04:
                title = rng.choice(titles[: max(1, len(titles) - PER_TEAM)]).split()
                if rng.random() < 0.5:
                    title[rng.randrange(1, len(title))] = rng.choice(words)
                title = " ".join(title)
            else:
                title = " ".join([rng.choice(VERBS), *rng.choices(words, weights, k=rng.randint(4, 7))])
            titles.append(title)
            lines += [
                f"  - id: t{t}-o{o}",
                f"    title: {title}",
                f"    owner: p-t{t}",
                "    alignment: bottom_up",
                "    key_results:",
            ]
            for k in range(1, 4):
                lines += [
                    f"      - id: t{t}-o{o}-kr{k}",
                    f"        title: Raise the {rng.choice(words)} score from {o + k} to {o + k + 10}",
                    "        direction: increase",
                    f"        owner: p-t{t}",
                    f"        baseline: {o + k}",
                    f"        target: {o + k + 10}",
                    "        due: 2027-03-31",
                ]
        (folder / f"t{t}.yaml").write_text("\n".join(lines) + "\n")
    (root / "units.yaml").write_text("\n".join(units) + "\n")
    (root / "people.yaml").write_text("\n".join(people) + "\n")


def run_check(folder: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "rollout", "check", str(folder)], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"rollout check failed:\n{result.stderr[-2000:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--objectives", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="Write the workspace here (reused if present).")
    options = parser.parse_args()
    scratch = Path(tempfile.mkdtemp())
    try:
        root = options.keep or scratch / "org"
        if not (root / "rollout.yaml").exists():
            generate(root, options.objectives)
        run_check(root)  # warm the parse cache
        times = [run_check(root) for _ in range(options.runs)]
        split = subprocess.run([sys.executable, "-c", PROBE, str(root)], capture_output=True, text=True, check=True)
        load, rules, findings = split.stdout.split()
        print(
            f"check, {options.objectives} objectives in one cycle: median {statistics.median(times):.2f} s of "
            f"{', '.join(f'{t:.2f}' for t in times)} ({findings} findings; in-process: load {load} s, rules {rules} s)"
        )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
