"""Loading one per-unit file (``okrs/``, ``checkins/`` or ``reviews/<cycle>/<unit>.yaml``) into a workspace.

Part of :func:`rollout.workspace.loader.load` (and of its reload of changed check-in and
review files): the file's records are validated, placed (file and path, for messages and
findings) and indexed; every problem goes to the :class:`~rollout.workspace.collect.Collector`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from rollout.errors import Problem
from rollout.workspace import layout
from rollout.workspace.cache import ParseCache, Source
from rollout.workspace.collect import Collector, validate_records, validate_review
from rollout.workspace.models import (
    CheckIn,
    CheckInEntry,
    CheckInFile,
    Objective,
    OkrFile,
    Record,
    check_cycle_id,
    check_slug,
)
from rollout.workspace.workspace import Workspace


def _place_all(records: Iterable[Record], file: str, key: str) -> None:
    for index, record in enumerate(records):
        record.place(file, (key, index))


def load_unit_file(ws: Workspace, rel: str, source: Source, out: Collector, cache: ParseCache) -> None:
    """Validate, place and index the records of ``rel`` (``<top>/<cycle>/<unit>.yaml``) into ``ws``."""
    top, cycle, name = rel.split("/")
    unit = name[: -len(".yaml")]
    ok = True
    for value, check in ((cycle, check_cycle_id), (unit, check_slug)):
        try:
            check(value)
        except ValueError as exc:
            out.problems.append(Problem(rel, 0, 0, "", f"file name: {exc}"))
            ok = False
    if not ok:
        return
    if cycle not in ws.cycles:
        where = source.locate(())
        message = f"unknown cycle {cycle!r} (folder name); cycles are listed in cycles.yaml"
        out.add_reference("cycle", cycle, Problem(rel, *where, "", message))
    if unit not in ws.units:
        message = f"unknown unit {unit!r} (file name); units are listed in units.yaml"
        out.add_reference("unit", unit, Problem(rel, *source.locate(()), "", message))
    if top == "okrs":
        objectives = []
        for i, objective in validate_records(OkrFile, Objective, source, out, "objectives", "objective"):
            objectives.append(objective)
            objective.place(rel, ("objectives", i))
            objective.home(cycle, unit)
            out.index(ws.objectives, [objective], "objective")
            for j, kr in enumerate(objective.key_results):
                kr.place(rel, ("objectives", i, "key_results", j))
                if kr.id in ws.key_results:
                    out.index(ws.key_results, [kr], "key result")
                else:
                    ws.key_results[kr.id] = kr
                    ws.kr_objective[kr.id] = objective.id
                    ws.kr_home[kr.id] = (cycle, unit)
        ws.okr_files[(cycle, unit)] = objectives
    elif top == "checkins":
        rows, source.rows = source.rows if source.rows is not None else cache.rows(source.sha), None
        index: list[int] | None = None  # position of each row in the file, when some were invalid
        if rows is None:
            before = len(out.problems)
            kept = validate_records(CheckInFile, CheckInEntry, source, out, "checkins", "check-in")
            rows = [(c.kr, c.date.toordinal(), c.value, c.confidence, c.note, c.author) for _i, c in kept]
            if len(out.problems) == before:
                cache.store_rows(source.sha, rows)
            else:  # the valid rows are still checked, so every problem of the file shows in one run
                index = [i for i, _c in kept]
        ws.checkin_files[(cycle, unit)] = rel
        home, people, by_kr, kr_home_of = (cycle, unit), ws.people, ws.checkins, ws.kr_home
        days: dict[int, date] = {}
        # The usual file has no problem: its key results and authors are then checked once each,
        # not once per row (128,091 check-ins of 2,000 teams: 15-25 ms of every load, 2026-11-29).
        per_row = not _all_at_home(rows, home, kr_home_of, people)
        for n, (kr, day, value, confidence, note, author) in enumerate(rows):
            i = n if index is None else index[n]
            if per_row:
                kr_home = kr_home_of.get(kr)
                if kr_home is None:
                    out.unknown("key result", kr, source, rel, ("checkins", i, "kr"))
                    continue
                if kr_home != home:
                    belongs = layout.checkin_file(*kr_home)
                    out.at(source, rel, ("checkins", i, "kr"), f"key result {kr!r} belongs in {belongs}")
                if author is not None and author not in people:
                    out.unknown("person", author, source, rel, ("checkins", i, "author"))
            when = days.get(day)
            if when is None:
                when = days[day] = date.fromordinal(day)
            by_kr[kr].append(CheckIn(kr, when, value, confidence, note, author, i))
    else:
        review = validate_review(source, out)
        if review is None:
            return
        for key in ("monthly", "scores", "decisions"):
            _place_all(getattr(review, key), rel, key)
        ws.reviews[(cycle, unit)] = review


def _all_at_home(
    rows: list[Any], home: tuple[str, str], kr_home_of: dict[str, tuple[str, str]], people: dict[str, Any]
) -> bool:
    """Whether every row of a check-in file names a key result of this file's unit and cycle,
    and a known author or none: then no row has a problem to report."""
    return all(kr_home_of.get(kr) == home for kr in {row[0] for row in rows}) and all(
        author is None or author in people for author in {row[5] for row in rows}
    )
