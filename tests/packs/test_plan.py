"""Which packs a workspace has, and naming them."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from rollout.errors import UsageError
from rollout.report.packs.plan import plan_packs, select_packs
from rollout.workspace import load


def test_demo_has_a_pack_per_cycle_and_per_phase(demo_source: Path) -> None:
    specs = plan_packs(load(demo_source))
    assert [s.id for s in specs] == [
        "cycle-2026-Q3",
        "cycle-2026-Q4",
        "phase-leadership-pilot",
        "phase-department-pilot",
    ]
    closed, running, *_ = specs
    assert closed.filename == "cycle-2026-Q3.pdf"
    assert closed.edition == "end-of-cycle review"
    # While a cycle runs, its pack is a monthly edition named by the month of the as-of date.
    assert running.filename == "cycle-2026-Q4-2026-11.pdf"
    assert running.edition == "November 2026 edition"
    assert running.as_of == date(2026, 11, 24)
    assert "monthly review, November 2026" in running.title
    assert {s.kind for s in specs[2:]} == {"phase"}
    assert specs[2].filename == "phase-leadership-pilot.pdf"


def test_next_month_is_a_new_edition(demo_copy: Path) -> None:
    path = demo_copy / "rollout.yaml"
    path.write_text(path.read_text().replace("as_of: 2026-11-24", "as_of: 2026-12-03"))
    running = plan_packs(load(demo_copy))[1]
    assert running.filename == "cycle-2026-Q4-2026-12.pdf"
    assert running.edition == "December 2026 edition"


def test_cycles_without_okrs_have_no_pack(demo_copy: Path) -> None:
    cycles = demo_copy / "cycles.yaml"
    cycles.write_text(cycles.read_text() + "- id: 2027-Q1\n  start: 2027-01-01\n  end: 2027-03-31\n  status: planned\n")
    ids = [s.id for s in plan_packs(load(demo_copy))]
    assert "cycle-2027-Q1" not in ids


def test_select_by_id_cycle_or_phase(demo_source: Path) -> None:
    specs = plan_packs(load(demo_source))
    assert [s.id for s in select_packs(specs, "cycle-2026-Q4")] == ["cycle-2026-Q4"]
    assert [s.id for s in select_packs(specs, "2026-q3")] == ["cycle-2026-Q3"]
    assert [s.id for s in select_packs(specs, "leadership-pilot")] == ["phase-leadership-pilot"]
    assert [s.id for s in select_packs(specs, "cycle-2026-Q4-2026-11.pdf")] == ["cycle-2026-Q4"]
    assert len(select_packs(specs, None)) == 4


def test_unknown_pack_names_the_known_ones(demo_source: Path) -> None:
    specs = plan_packs(load(demo_source))
    with pytest.raises(UsageError) as info:
        select_packs(specs, "2031-Q1")
    assert "2031-Q1" in info.value.message
    assert "cycle-2026-Q3" in info.value.hint


def test_planning_does_not_load_the_renderer(demo_source: Path) -> None:
    code = (
        "import sys\n"
        "from rollout.workspace import load\n"
        "from rollout.report.packs import plan_packs\n"
        f"assert plan_packs(load({str(demo_source)!r}))\n"
        "print(sorted(m for m in ('weasyprint', 'jinja2', 'markdown_it') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
