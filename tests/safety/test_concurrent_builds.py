"""Two builds of one workspace at once (a `rollout build` while `rollout serve` rebuilds, or a
build started twice): builds share their staging folder (``.rollout/build-next``), and the
second deleted the first's half-made build ("could not prepare the build in …/build-next:
Directory not empty", or a build folder with pages missing). One build runs at a time now
(``build.lock``); the other waits for it, and gives up with a plain error after BUILD_WAIT.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import rollout.report.build as build_module
from rollout.errors import LockTimeout
from rollout.workspace.fileio import BUILD_LOCK_NAME, STATE_DIR

ROOT = Path(__file__).resolve().parents[2]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


HOLDER = (
    "import sys\n"
    "from pathlib import Path\n"
    "from rollout.workspace.fileio import BUILD_LOCK_NAME, workspace_lock\n"
    "with workspace_lock(Path(sys.argv[1]), name=BUILD_LOCK_NAME):\n"
    "    print('held', flush=True)\n"
    "    sys.stdin.readline()\n"
)


def _hold_build_lock(root: Path) -> subprocess.Popen[str]:
    """Another process holding ``root``'s build lock until a line comes on its stdin (or it is killed)."""
    other = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(root)], env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert other.stdout is not None and other.stdout.readline().strip() == "held"
    return other


def test_two_builds_at_once_both_finish_whole(demo_copy: Path) -> None:
    command = [sys.executable, "-m", "rollout", "build", "--site", "-w", str(demo_copy)]
    runs = [
        subprocess.Popen(command, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    for run, (_out, err) in zip(runs, results, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err
    site = demo_copy / "build"
    pages = [p for p in site.rglob("*.html") if p.is_file()]
    assert len(pages) > 20 and (site / "index.html").is_file()
    assert not (demo_copy / STATE_DIR / "build-next").exists()


def test_a_build_waits_then_says_another_is_running(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = _hold_build_lock(demo_copy)
    try:
        monkeypatch.setattr(build_module, "BUILD_WAIT", 0.3)
        before = sorted(p.name for p in demo_copy.iterdir())
        started = time.monotonic()
        with pytest.raises(LockTimeout, match="another rollout command is building"):
            build_module.build(demo_copy, site=True, packs=False)
        assert time.monotonic() - started < 10
        assert sorted(p.name for p in demo_copy.iterdir()) == before  # nothing written
        assert (demo_copy / STATE_DIR / BUILD_LOCK_NAME).is_file()
    finally:
        other.kill()
        other.wait()


def test_a_build_that_waited_reads_the_workspace_after_its_wait(demo_copy: Path) -> None:
    """fe26 G1: the build read the workspace, then waited for the lock: a check-in saved while it
    waited was missing from the pages it published over the newer build."""
    import threading

    from rollout.workspace import load

    other = _hold_build_lock(demo_copy)
    assert other.stdin is not None
    ws = load(demo_copy)
    cycle = ws.running_cycle()
    assert cycle is not None
    kr = next(k for o in ws.objectives_in(cycle.id, "hr") for k in o.key_results if k.direction != "milestone")
    done: list[Exception | None] = []

    def waiting_build() -> None:
        try:
            build_module.build(demo_copy, site=True, packs=False)
            done.append(None)
        except Exception as exc:
            done.append(exc)

    thread = threading.Thread(target=waiting_build)
    thread.start()
    time.sleep(1.0)  # the build is waiting for the lock
    path = demo_copy / "checkins" / cycle.id / "hr.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + f"- kr: {kr.id}\n  date: {ws.today.isoformat()}\n  value: 4321\n",
        encoding="utf-8",
    )
    other.stdin.write("go\n")
    other.stdin.flush()
    other.wait(timeout=30)
    thread.join(timeout=300)
    assert done == [None]
    page = (demo_copy / "build" / "units" / cycle.id / "hr.html").read_text(encoding="utf-8")
    assert "4,321" in page
