"""The build pipeline: output folder safety, configuration, strict mode, incremental builds, CLI."""

from __future__ import annotations

import os
import threading
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from rollout.errors import UsageError
from rollout.report import build as build_module
from rollout.report.build import BuildFailed, BuildState, build, validate_config
from rollout.report.site.output import MANIFEST, resolve_build_dir
from tests.conftest import copy_demo

EXTRA_CHECKIN = "  - kr: sales-pipeline-kr1\n    date: 2027-02-15\n    value: 3.1\n    confidence: 8\n    author: ben\n"


@pytest.mark.parametrize("folder", [".", "..", "/tmp", "okrs", "checkins/x", ".rollout", "../elsewhere"])
def test_build_folder_must_be_inside_the_workspace_and_not_data(make_ws, folder: str) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    with pytest.raises(UsageError):
        resolve_build_dir(root, folder)


def test_foreign_non_empty_folder_is_refused_and_left_alone(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    (root / "site-out").mkdir()
    (root / "site-out" / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="not made by `rollout build`"):
        build(root, site=True, packs=False, out="site-out")
    assert sorted(p.name for p in (root / "site-out").iterdir()) == ["notes.txt"]


def test_build_dir_from_settings(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws(rollout_yaml="version: 1\norganization: Mini Co\nas_of: 2027-02-15\nbuild_dir: public/site\n")
    result = build(root, site=True, packs=False)
    assert result.out == (root / "public" / "site").resolve()
    assert (result.out / "index.html").is_file() and (result.out / MANIFEST).is_file()


def test_config_validation_separates_errors_and_warnings(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    errors, warnings, folder = validate_config(root, "build", site=False, packs=False, jobs=0)
    assert len(errors) == 2 and warnings == [] and folder is not None
    (root / ".git").mkdir()
    (root / ".gitignore").write_text(".rollout/\n", encoding="utf-8")
    errors, warnings, _ = validate_config(root, "build")
    assert errors == [] and len(warnings) == 1 and ".gitignore" in warnings[0]
    (root / ".gitignore").write_text(".rollout/\nbuild/\n", encoding="utf-8")
    assert validate_config(root, "build")[:2] == ([], [])
    errors, _, folder = validate_config(root, "..")
    assert folder is None and "outside the workspace" in errors[0]


def test_strict_mode_fails_on_a_config_warning(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    assert build(root, site=True, packs=False, strict=True).warnings == []
    (root / ".git").mkdir()
    assert len(build(root, site=True, packs=False).warnings) == 1
    with pytest.raises(BuildFailed, match="strict mode"):
        build(root, site=True, packs=False, strict=True)


def test_strict_mode_fails_on_a_broken_link(make_ws, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from rollout.report.site import pages as pages_module

    root = make_ws()
    real_plan = pages_module.plan_pages

    def without_sales(view, previous=None):  # type: ignore[no-untyped-def]
        return [p for p in real_plan(view, previous) if p.path != "units/2027-Q1/sales.html"]

    monkeypatch.setattr(pages_module, "plan_pages", without_sales)
    result = build(root, site=True, packs=False)
    broken = [p for p in result.link_problems if p.kind == "broken"]
    assert broken and all("units/2027-Q1/sales.html" in p.target for p in broken)
    with pytest.raises(BuildFailed):
        build(root, site=True, packs=False, strict=True)


def test_missing_data_is_a_warning(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws(
        phases_yaml="phases:\n  - id: pilot\n    name: Pilot\n    strategy: leadership-first\n"
        "    units: [mini, sales]\n    cycles: [2027-Q1]\n",
        **{"okrs/2027-Q1/sales.yaml": None, "checkins/2027-Q1/sales.yaml": None},
    )
    result = build(root, site=True, packs=False)
    assert any("phase pilot: no OKRs in 2027-Q1 for sales" in w for w in result.warnings)
    with pytest.raises(BuildFailed):
        build(root, site=True, packs=False, strict=True)


def test_second_build_renders_nothing_and_writes_nothing(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    first = build(root, site=True, packs=False)
    assert first.rendered == first.pages
    stamp = (first.out / "index.html").stat().st_mtime_ns
    again = build(root, site=True, packs=False)
    assert again.rendered == 0 and again.written == 0 and again.pages == first.pages
    assert (first.out / "index.html").stat().st_mtime_ns == stamp


def test_one_checkin_rerenders_only_the_pages_that_show_it(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws(
        units_yaml="units:\n  - {id: mini, name: Mini Co, kind: company, owner: ana}\n"
        "  - {id: sales, name: Sales, kind: department, parent: mini, owner: ben}\n"
        "  - {id: ops, name: Ops, kind: department, parent: mini, owner: ana}\n",
        **{
            "okrs/2027-Q1/ops.yaml": "objectives:\n  - id: ops-flow\n    title: Make every order flow without delay\n"
            "    owner: ana\n    parent: win-mid-market\n    key_results:\n      - id: ops-flow-kr1\n"
            "        title: Cut late orders from 9% to 4%\n        direction: decrease\n        baseline: 9\n"
            "        target: 4\n        owner: ana\n"
        },
    )
    first = build(root, site=True, packs=False)
    ops_page = first.out / "units/2027-Q1/ops.html"
    ops_mtime = ops_page.stat().st_mtime_ns
    path = root / "checkins/2027-Q1/sales.yaml"
    path.write_text(path.read_text(encoding="utf-8") + EXTRA_CHECKIN, encoding="utf-8")
    again = build(root, site=True, packs=False)
    unit_pages = {p for p in again.rendered_paths if p.startswith("units/")}
    # the sales page shows the check-in; the company page shows the sales objective's score
    assert unit_pages == {"units/2027-Q1/sales.html", "units/2027-Q1/mini.html"}
    assert "units.html" in again.rendered_paths and "index.html" in again.rendered_paths
    assert ops_page.stat().st_mtime_ns == ops_mtime
    assert "3.1" in (again.out / "units/2027-Q1/sales.html").read_text(encoding="utf-8")
    # a check-in on ops changes the ops page and the company page (its list of departments), not sales
    ops_checkins = root / "checkins/2027-Q1/ops.yaml"
    ops_checkins.write_text(
        "checkins:\n  - kr: ops-flow-kr1\n    date: 2027-02-15\n    value: 6\n    author: ana\n", encoding="utf-8"
    )
    third = build(root, site=True, packs=False)
    assert {p for p in third.rendered_paths if p.startswith("units/")} == {
        "units/2027-Q1/ops.html",
        "units/2027-Q1/mini.html",
    }


def test_removed_unit_page_is_deleted_but_foreign_files_stay(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    first = build(root, site=True, packs=False)
    (first.out / "keep-me.txt").write_text("x", encoding="utf-8")
    (root / "checkins/2027-Q1/sales.yaml").unlink()
    (root / "okrs/2027-Q1/sales.yaml").unlink()
    again = build(root, site=True, packs=False)
    assert not (first.out / "units/2027-Q1/sales.html").exists()
    assert again.removed == 1 and (first.out / "keep-me.txt").is_file()


def test_parallel_rendering_gives_the_same_pages(demo_source: Path, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]

    from rollout.report.site import render

    root = tmp_path / "demo"
    copy_demo(demo_source, root)
    serial_state, parallel_state = BuildState(), BuildState()
    serial = build(root, site=True, packs=False, out="one", jobs=1, state=serial_state)
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(build_module, "RULES_ELSEWHERE_FROM", 1)  # the rules run in a second process too
    parallel = build(root, site=True, packs=False, out="two", jobs=2, state=parallel_state)
    assert parallel.pages == serial.pages == parallel.rendered
    for page in serial.out.rglob("*.html"):
        assert page.read_bytes() == (parallel.out / page.relative_to(serial.out)).read_bytes()
    assert serial_state.rules is not None and parallel_state.rules is not None
    assert parallel_state.rules.findings == serial_state.rules.findings
    assert parallel_state.rules.made == serial_state.rules.made
    assert [h.id for h in parallel_state.rules.holders] == [h.id for h in serial_state.rules.holders]


def test_cli_build_and_strict_exit_codes(make_ws) -> None:  # type: ignore[no-untyped-def]
    from rollout.cli import cli

    root = make_ws()
    runner = CliRunner()
    ok = runner.invoke(cli, ["build", str(root), "--site", "--timings"])
    assert ok.exit_code == 0, ok.output
    assert "Built" in ok.output and "render" in ok.output
    (root / ".git").mkdir()
    strict = runner.invoke(cli, ["build", str(root), "--site", "--strict"])
    assert strict.exit_code == 1
    bad = runner.invoke(cli, ["build", str(root), "--site", "--out", str(root.parent)])
    assert bad.exit_code != 0


def test_build_does_not_need_weasyprint_for_the_site(make_ws) -> None:  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    root = make_ws()
    code = (
        "import sys; from rollout.report.build import build; "
        f"build({str(root)!r}, site=True, packs=False); print('weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class _Serving:
    """``rollout serve`` on a workspace, in a thread: its URL and what it printed."""

    def __init__(self, root: Path, interval: float) -> None:
        from rollout.report.site.serve import serve_workspace

        self.urls: list[str] = []
        self.lines: list[str] = []
        self._stop = threading.Event()
        kwargs = {"root": root, "port": 0, "interval": interval, "echo": self.lines.append, "stop": self._stop}
        self._thread = threading.Thread(
            target=serve_workspace, kwargs={**kwargs, "ready": self.urls.append}, daemon=True
        )

    def __enter__(self) -> _Serving:
        self._thread.start()
        self.wait_for(lambda: self.urls, "the server")
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def wait_for(self, predicate: Callable[[], object], what: str) -> None:
        # Up to 30 s (it returns as soon as it holds): 10 s timed out once with the machine's
        # 2 cores shared by several full test runs (load 6), with the server still polling.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if predicate():
                return
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {what}: {self.lines}")

    def page(self, path: str) -> str:
        return str(urllib.request.urlopen(self.urls[0] + path, timeout=5).read().decode())

    def rebuilt(self) -> bool:
        return any(line.startswith("Rebuilt") for line in self.lines)


def test_serve_rebuilds_on_change(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    with _Serving(root, interval=0.2) as server:
        assert server.urls[0].startswith("http://127.0.0.1:")
        page = server.page("units/2027-Q1/sales.html")
        assert "2.2" in page and "3.1" not in page
        path = root / "checkins/2027-Q1/sales.yaml"
        path.write_text(path.read_text(encoding="utf-8") + EXTRA_CHECKIN, encoding="utf-8")
        os.utime(path)
        server.wait_for(server.rebuilt, "the rebuild")
        assert "3.1" in server.page("units/2027-Q1/sales.html")
        # the file by its path in the workspace: okrs/ and checkins/ hold a sales.yaml each (fe23 F9)
        assert "Changed: checkins/2027-Q1/sales.yaml" in server.lines, server.lines


def test_build_module_reads_as_the_pipeline() -> None:
    import inspect

    source = inspect.getsource(build_module.build)
    steps = ["_load(", "configure(", "collect(", "render_site(", "build_packs_into("]
    positions = [source.index(step) for step in steps]
    assert positions == sorted(positions)


def test_unknown_pack_is_a_configuration_error_before_any_work(make_ws) -> None:  # type: ignore[no-untyped-def]
    root = make_ws()
    with pytest.raises(UsageError, match="unknown pack 'nope'"):
        build(root, site=False, packs=True, pack="nope")
    assert not (root / "build").exists()


def test_incremental_build_equals_a_full_rebuild(demo_copy: Path) -> None:
    """Dependencies are complete: after edits, the incremental output is byte for byte a fresh build."""
    root = demo_copy
    build(root, site=True, packs=False)
    team = root / "checkins/2026-Q4/talent-acquisition.yaml"
    kr = next(line.split(":", 1)[1].strip() for line in team.read_text(encoding="utf-8").splitlines() if "kr:" in line)
    team.write_text(
        team.read_text(encoding="utf-8")
        + f"- kr: {kr}\n  date: 2026-11-23\n  value: 1\n  confidence: 2\n  note: Hiring froze this week.\n",
        encoding="utf-8",
    )
    department = root / "okrs/2026-Q4/hr.yaml"
    text = department.read_text(encoding="utf-8")
    department.write_text(
        text.replace("title: Fill frontline roles quickly", "title: Fill frontline roles fast"), encoding="utf-8"
    )
    again = build(root, site=True, packs=False)
    assert 0 < again.rendered < again.pages
    fresh = build(root, site=True, packs=False, out="fresh")
    for page in fresh.out.rglob("*.html"):
        rel = page.relative_to(fresh.out)
        assert (again.out / rel).read_bytes() == page.read_bytes(), rel


def test_a_packs_only_build_folder_is_accepted_by_the_next_build(tmp_path: Path) -> None:
    from rollout.report.build import build
    from tests.builders import two_quarters

    root = two_quarters().phase("department-pilot", ["hr", "hiring"], ["2026-Q4"]).write(tmp_path / "ws")
    first = build(root, site=False, packs=True, pack="phase-department-pilot")
    assert [p.spec.filename for p in first.packs] == ["phase-department-pilot.pdf"]
    second = build(root, site=True, packs=False)
    assert second.pages > 0 and (second.out / "packs" / "phase-department-pilot.pdf").is_file()
    assert 'href="packs/phase-department-pilot.pdf"' in (second.out / "index.html").read_text()


def test_a_new_workspace_without_okrs_builds_without_broken_links(tmp_path: Path) -> None:
    from datetime import date

    from rollout.report.build import build
    from rollout.workspace.create import create_workspace

    root = tmp_path / "new"
    create_workspace(root, "Empty Co", "2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
    result = build(root, packs=False)
    assert result.link_problems == []
    assert (result.out / "cycles" / "2027-Q1.html").is_file()
    assert result.warnings == ["the company has no OKRs in the running cycle 2027-Q1"]


def test_serve_picks_up_a_file_saved_while_its_first_build_ran(make_ws, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A save during the first build (or before the first poll) is not lost: serve snapshots
    the files before each build, not after (the snapshot taken after it once hid such a save
    for good, and a CI run timed out waiting for the rebuild)."""
    import rollout.report.build as build_module_here

    root = make_ws()
    real_build = build_module_here.build
    sales = root / "checkins/2027-Q1/sales.yaml"
    calls: list[int] = []

    def build_then_save(*args, **kwargs):  # type: ignore[no-untyped-def]
        result = real_build(*args, **kwargs)
        if not calls:
            sales.write_text(sales.read_text(encoding="utf-8") + EXTRA_CHECKIN, encoding="utf-8")
        calls.append(1)
        return result

    monkeypatch.setattr(build_module_here, "build", build_then_save)
    with _Serving(root, interval=0.1) as server:
        server.wait_for(server.rebuilt, "the rebuild after a save during the first build")
        assert "3.1" in server.page("units/2027-Q1/sales.html")
        time.sleep(0.5)  # a few more polls: the build's own writes never trigger another rebuild
        assert sum(line.startswith("Rebuilt") for line in server.lines) == 1, server.lines


def test_serve_remembers_changes_made_while_a_rebuild_failed(make_ws) -> None:  # type: ignore[no-untyped-def]
    """serve tells the loader which files changed; after a failed rebuild, the files changed
    since the last good one are all read again, not just the latest."""
    root = make_ws()
    with _Serving(root, interval=0.1) as server:

        def errors() -> int:
            return sum("mini.yaml" in line and "unknown key result" in line for line in server.lines)

        mini = root / "checkins/2027-Q1/mini.yaml"
        mini.write_text("checkins:\n  - kr: nope\n    date: 2027-02-01\n    value: 33\n", encoding="utf-8")
        server.wait_for(lambda: errors() == 1, "the error")
        sales = root / "checkins/2027-Q1/sales.yaml"
        sales.write_text(sales.read_text(encoding="utf-8") + EXTRA_CHECKIN, encoding="utf-8")
        server.wait_for(lambda: errors() == 2, "the error again: mini.yaml is still wrong")
        assert not server.rebuilt()
        mini.write_text(
            "checkins:\n  - kr: win-mid-market-kr1\n    date: 2027-02-01\n    value: 33\n", encoding="utf-8"
        )
        server.wait_for(server.rebuilt, "the rebuild")
        sales_page = server.page("units/2027-Q1/sales.html")
        mini_page = server.page("units/2027-Q1/mini.html")
        assert "3.1" in sales_page and "<strong>33 points</strong>" in mini_page
