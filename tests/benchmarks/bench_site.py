"""Benchmark of `rollout build --site` on a large organization (prints figures; asserts nothing).

    python tests/benchmarks/bench_site.py [DIR] [JOBS]

DIR holds the organization of ``rollout demo DIR --teams 2000 --no-build`` (made there
when it has no rollout.yaml yet; default /tmp/big).

Reports, separately: load, analyze, rules, view model, plan, render (+ write), link check;
a full build into a fresh folder; an incremental build after one check-in is appended;
peak memory (parent and worker); and the ratio of our render stage to bare Jinja2
rendering of the same pages with the same templates, in one process, in the same run.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPEAT = 3


def mb(kb: int) -> float:
    return kb / 1024


def resident_kb() -> int:
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def full_build_memory(root: Path, jobs: int) -> None:
    """Run in a fresh process: load + full build, then print peak memory of this process and its worker."""
    from rollout.report.build import build

    out = root / "build-bench-memory"
    shutil.rmtree(out, ignore_errors=True)
    result = build(root, site=True, packs=False, out=out, jobs=jobs)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over exec from the (large) benchmark process.
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    me = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    print(f"{result.pages} {mb(me):.0f} {mb(kids):.0f}")
    shutil.rmtree(out, ignore_errors=True)


def main() -> None:
    if sys.argv[1:2] == ["--memory"]:
        full_build_memory(Path(sys.argv[2]), int(sys.argv[3]))
        return
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/big").resolve()
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    if not (root / "rollout.yaml").exists():
        print(f"making the organization: rollout demo {root} --teams 2000 --no-build")
        demo = [sys.executable, "-m", "rollout", "demo", str(root), "--teams", "2000", "--no-build", "--force"]
        subprocess.run(demo, check=True, stdout=subprocess.DEVNULL)
    out = root / "build-bench"
    shutil.rmtree(out, ignore_errors=True)
    # Every full build goes into a folder of its own, all deleted at the end: creating thousands
    # of files right after deleting thousands costs seconds of kernel time on some file systems
    # (ext4 without a journal skips recently freed inodes one by one), which is not the build's.
    fresh_folders = (root / f"build-bench-full-{n}" for n in range(1000))
    made: list[Path] = []

    def fresh_folder() -> Path:
        folder = next(fresh_folders)
        shutil.rmtree(folder, ignore_errors=True)
        made.append(folder)
        return folder

    from rollout.report.build import build
    from rollout.workspace import load

    load(root)  # fills the parse cache if it is cold: every figure below is with a warm cache
    started = time.perf_counter()
    ws = load(root)
    load_s = time.perf_counter() - started
    print(f"workspace: {len(ws.units)} units, {sum(len(v) for v in ws.checkins.values())} check-ins")
    print(f"load (warm parse cache)      {load_s:6.2f} s")
    after_load = resident_kb()
    print(f"memory after load: {mb(after_load):.0f} MB resident (the workspace itself)")

    # Full builds into a fresh folder; the machine is shared, so report the best of a few runs
    # (and the CPU time, which does not depend on what else runs).
    runs = []
    for _ in range(REPEAT):
        folder = fresh_folder()
        os.sync()  # the previous run's pages are on disk: its writeback does not land on this run
        cpu = os.times()
        started = time.perf_counter()
        full = build(ws, site=True, packs=False, out=folder, jobs=jobs)
        wall = time.perf_counter() - started
        spent = os.times()
        cpu_s = (spent.user - cpu.user) + (spent.system - cpu.system)
        cpu_s += (spent.children_user - cpu.children_user) + (spent.children_system - cpu.children_system)
        runs.append((wall, cpu_s, full))
    wall, cpu_s, full = min(runs, key=lambda run: run[0])
    print(
        f"full build, {full.pages} pages, {full.rendered} rendered, {full.written} written, jobs={jobs}, "
        f"best of {REPEAT}"
    )
    for stage, seconds in full.timings.items():
        print(f"  {stage:<26} {seconds:6.2f} s")
    if full.forms is not None:
        # The forms are made in a second process while this one analyzes (report.stages.forms_elsewhere):
        # the "forms" stage above is only the wait for them; this is what they took where they ran.
        print(f"  (the check-in forms: {len(full.forms.files)} files, {full.forms.seconds:.2f} s where they were made)")
    render_write = full.timings["render"] + full.timings["write"]
    renders = sorted(run[2].timings["render"] for run in runs)
    print(
        f"  = build after load          {wall:6.2f} s   (render + write {render_write:.2f} s; "
        f"render in all runs: {', '.join(f'{r:.2f}' for r in renders)} s)"
    )
    print(f"  CPU time of the build (both processes): {cpu_s:.2f} s")

    # Bare Jinja2: a plain environment (markupsafe's escaping) with the same templates, filters
    # and contexts; one process, no hashing, links or writes.
    from rollout.report.site.pages import plan_pages
    from rollout.report.site.render import TEMPLATES, context_for, make_environment
    from rollout.report.viewmodel import build_view

    view = build_view(ws)
    env = make_environment()
    env.filters.update(person=view.person, unit_name=view.unit_name)
    pages = plan_pages(view)
    bare_runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        for page in pages:
            env.get_template(TEMPLATES[page.kind]).render(context_for(view, page))
        bare_runs.append(time.perf_counter() - started)
    bare = min(bare_runs)
    print(
        f"bare Jinja2, same {len(pages)} pages, 1 process, best of {REPEAT}: {bare:.2f} s; "
        f"our render+write / bare = {render_write / bare:.2f}"
    )

    # Incremental: append one check-in to one team's file, reload, rebuild.
    build(ws, site=True, packs=False, out=out, jobs=jobs)
    team = next(u for u in ws.units.values() if u.kind == "team")
    cycle = ws.running_cycle()
    assert cycle is not None
    from rollout.workspace.layout import checkin_file

    rel = checkin_file(cycle.id, team.id)
    path = root / rel
    original = path.read_bytes()
    kr = next(
        k
        for (c, u), objectives in ws.okr_files.items()
        if (c, u) == (cycle.id, team.id)
        for o in objectives
        for k in o.key_results
    )
    try:
        path.write_bytes(original + f"- kr: {kr.id}\n  date: {ws.today.isoformat()}\n  value: 1.5\n".encode())
        started = time.perf_counter()
        ws2 = load(root)
        reload_s = time.perf_counter() - started
        started = time.perf_counter()
        again = build(ws2, site=True, packs=False, out=out, jobs=jobs)
        inc_s = time.perf_counter() - started
    finally:
        path.write_bytes(original)
    print(
        f"incremental after one check-in: reload {reload_s:.2f} s, build {inc_s:.2f} s; "
        f"{again.rendered} of {again.pages} pages rendered, {again.written} written"
    )
    for stage, seconds in again.timings.items():
        print(f"  {stage:<26} {seconds:6.2f} s")
    inc_pages = again.timings["plan"] + again.timings["render"] + again.timings["write"] + again.timings["links"]
    print(f"  = pages stage (plan+render+write+links) {inc_pages:.2f} s")

    # The same in one process, as `rollout serve` rebuilds: the state of the previous build is kept.
    from rollout.report.build import BuildState

    state = BuildState()
    build(root, site=True, packs=False, out=out, jobs=jobs, state=state)
    kept: list[tuple[float, Any]] = []
    try:
        for n in range(REPEAT):
            path.write_bytes(original + f"- kr: {kr.id}\n  date: {ws.today.isoformat()}\n  value: {2.5 + n}\n".encode())
            state.hint = {rel}  # what serve's file watcher tells the build
            started = time.perf_counter()
            served = build(root, site=True, packs=False, out=out, jobs=jobs, state=state)
            kept.append((time.perf_counter() - started, served))
    finally:
        path.write_bytes(original)
    kept.sort(key=lambda run: run[0])
    median, served = kept[len(kept) // 2]
    print(
        f"incremental after one check-in in one process (rollout serve), median of {REPEAT}: {median:.2f} s "
        f"(runs: {', '.join(f'{w:.2f}' for w, _r in kept)}); {served.rendered} of {served.pages} pages rendered"
    )
    for stage, seconds in served.timings.items():
        print(f"  {stage:<26} {seconds:6.2f} s")

    # What a user sees: `rollout build --site` from process start (imports and load included).
    def command(folder: Path) -> list[str]:
        return [sys.executable, "-m", "rollout", "build", "--site", "--out", str(folder), "-j", str(jobs), str(root)]

    # As installed by pip: modules compiled once (PYTHONDONTWRITEBYTECODE would compile them on every run).
    child_env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "rollout", "--version"], check=True, capture_output=True, env=child_env)
    fresh_runs = []
    for _ in range(REPEAT):
        folder = fresh_folder()
        os.sync()
        started = time.perf_counter()
        subprocess.run(command(folder), check=True, capture_output=True, env=child_env)
        fresh_runs.append(time.perf_counter() - started)
    inc_runs = []
    try:
        for n in range(REPEAT):
            path.write_bytes(original + f"- kr: {kr.id}\n  date: {ws.today.isoformat()}\n  value: {4.5 + n}\n".encode())
            started = time.perf_counter()
            subprocess.run(command(out), check=True, capture_output=True, env=child_env)
            inc_runs.append(time.perf_counter() - started)
    finally:
        path.write_bytes(original)
    print(
        f"`rollout build --site` from process start, median of {REPEAT}: full {sorted(fresh_runs)[1]:.2f} s "
        f"(runs: {', '.join(f'{r:.2f}' for r in fresh_runs)}); after one check-in {sorted(inc_runs)[1]:.2f} s "
        f"(runs: {', '.join(f'{r:.2f}' for r in inc_runs)})"
    )
    for folder in (out, *made):
        shutil.rmtree(folder, ignore_errors=True)

    # Peak memory of a whole `rollout build --site` (load included), measured in a fresh process.

    line = subprocess.run(
        [sys.executable, __file__, "--memory", str(root), str(jobs)],
        capture_output=True,
        text=True,
        check=True,
        env=child_env,
    ).stdout.split()
    print(
        f"peak memory of a full build in a fresh process: {line[1]} MB (the loaded workspace alone: "
        f"{mb(after_load):.0f} MB); its render worker: {line[2]} MB resident, mostly pages shared after fork"
    )


if __name__ == "__main__":
    main()
