"""Commands of the cycle: draft, checkin, review, close, next, status.

Each asks questions on a terminal and also runs from flags or an answers file
(``--answers FILE``); without a terminal and without those, it stops at once
and says which options to use.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from rollout.cli.common import Day, format_option, print_json, resolve_root, workspace_argument, workspace_option
from rollout.errors import Aborted, UsageError
from rollout.plural import noun, plural

_answers_option = click.option(
    "--answers",
    "answers_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Take the answers from this YAML file instead of asking.",
)
_date_type = Day()


def _load(directory: Path | None):  # type: ignore[no-untyped-def]
    from rollout.workspace import load

    root = resolve_root(directory)
    return root, load(root)


@click.command()
@workspace_option
@click.option("--cycle", "cycle_id", help="Cycle to draft (default: the running one, else the first planned).")
@click.option("--unit", "units", multiple=True, help="Draft only this unit (repeatable).")
@_answers_option
def draft(directory: Path | None, cycle_id: str | None, units: tuple[str, ...], answers_file: Path | None) -> None:
    """Draft OKRs step by step: company, then departments, then teams.

    Every line is checked against the quality rules as it is typed. Each
    objective is saved as soon as it is complete, so Ctrl-C keeps what was saved.
    Without a terminal, give an answers file (YAML); an objective with an
    existing `id:` is edited; parents and priorities are named by id or title:

    \b
      priorities: [Win the mid-market]
      units:
        acme-freight:                     # a unit id (rollout units list)
          - title: Become the carrier mid-market shippers recommend
            priority: Win the mid-market
            key_results:
              - title: Raise shipper NPS from 21 to 40
                metric: NPS
                direction: increase       # increase, decrease or milestone
                baseline: 21
                target: 40
                owner: maya-chen          # a person id (default: the unit's owner)
        sales:
          - title: Win the mid-market shippers we lost last year
            parent: Become the carrier mid-market shippers recommend
            key_results:                  # three to five, as above
    """
    from rollout.flows import drafting

    root, ws = _load(directory)
    for unit in units:
        ws.unit(unit)
    if answers_file is not None:
        from rollout.flows.answers import open_answers

        data, found = open_answers(answers_file, "draft")
        if cycle_id:
            data["cycle"] = cycle_id
        result = drafting.draft_from_answers(root, ws, data, str(answers_file), echo=click.echo, problems=found)
        click.echo(
            f"Drafted {plural(len(result.saved), 'objective')} in {result.cycle}"
            + (f", added {plural(len(result.priorities), 'priority')}" if result.priorities else "")
            + (
                f"; {plural(len(result.findings), 'finding')} left open (see `rollout check`)"
                if result.findings
                else ""
            )
        )
        return
    from rollout.prompting import require_terminal

    require_terminal("rollout draft --answers FILE")
    session = drafting.Session.open(root, ws, drafting.draft_cycle(ws, cycle_id))
    try:
        drafting.interactive_draft(session, list(units) or None)
    except Aborted as exc:
        # draft_objective says what became of the objective being typed; elsewhere nothing was in progress.
        detail = "" if exc.message == "interrupted" else f"; {exc.message}"
        raise Aborted(
            f"stopped; the {plural(len(session.saved), 'objective')} saved in this session "
            f"{noun(len(session.saved), 'is', 'are')} kept{detail}",
            hint="continue with `rollout draft --unit UNIT`",
        ) from None
    click.echo(
        f"Done: {plural(len(session.saved), 'objective')} saved in okrs/{session.cycle.id}/. "
        "`rollout check` reviews them all."
    )


@click.command()
@click.argument("unit", required=False)
@workspace_option
@click.option("--cycle", "cycle_id", help="Cycle (default: the running one).")
@click.option("--value", "values", multiple=True, metavar="KR=VALUE", help="New value of a key result (repeatable).")
@click.option("--confidence", "confidences", multiple=True, metavar="KR=C", help="0–10 or on_track/at_risk/off_track.")
@click.option("--note", "notes", multiple=True, metavar="KR=TEXT", help="A note or blocker for a key result.")
@click.option(
    "--csv",
    "csv_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Check-ins from a sheet (CSV or XLSX): a KR id or Key result column, New value, and optionally "
    "Confidence, Note, Date (per row), Author; any units at once (UNIT limits it to one).",
)
@click.option(
    "--sheet",
    "sheet_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write a pre-filled check-in sheet (.xlsx or .csv) for UNIT, or for every unit, to fill in and read back "
    "with --csv.",
)
@click.option("--date-format", metavar="DD/MM/YYYY|MM/DD/YYYY", help="How to read slashed dates in --csv.")
@click.option("--date", "day", type=_date_type, metavar="YYYY-MM-DD", help="Check-in date (default: today).")
@click.option("--author", help="Who checks in (person id; default: each key result's owner).")
def checkin(
    unit: str | None,
    directory: Path | None,
    cycle_id: str | None,
    values: tuple[str, ...],
    confidences: tuple[str, ...],
    notes: tuple[str, ...],
    csv_file: Path | None,
    sheet_file: Path | None,
    date_format: str | None,
    day: object,
    author: str | None,
) -> None:
    """Weekly check-in of a UNIT: a new value and a confidence per key result.

    Enter keeps last week's value. Without a terminal, give --value/--confidence, or
    --csv with a sheet (for one unit or the whole organization; --sheet writes one pre-filled).
    """
    from rollout.flows import checkin as flow

    root, ws = _load(directory)
    when: date = day.date() if day else ws.today  # type: ignore[attr-defined]
    flags = bool(values or confidences or notes)
    if sheet_file is not None or csv_file is not None:
        if flags or (sheet_file and csv_file):
            raise UsageError("give one of --sheet (write a sheet), --csv (read one) or --value")
        _checkin_sheet(root, ws, cycle_id, unit, sheet_file, csv_file, when, author, date_format)
        return
    cycle = flow.target_cycle(ws, cycle_id)
    if unit is None:
        if flags:
            raise UsageError("name the unit: rollout checkin UNIT --value KR=VALUE …")
        from rollout.prompting import require_terminal

        require_terminal("rollout checkin UNIT --value KR=VALUE --confidence KR=C, or --csv FILE")
        from rollout.flows import ui

        choices = [(f"{ws.units[u].name} ({u})", u) for u in flow.checkin_units(ws, cycle)]
        if not choices:
            raise UsageError(f"no unit has key results in {cycle.id}")
        unit = str(ui.select("Which unit checks in?", choices))
    items = flow.plan_checkin(ws, unit, cycle)
    from rollout.flows.entry_dates import check_date

    check_date(ws, when, cycle, "check-in")
    readings: list[str] = []
    if flags:
        records = flow.records_from_flags(
            ws, items, values=values, confidences=confidences, notes=notes, day=when, author=author, readings=readings
        )
    else:
        from rollout.prompting import require_terminal

        require_terminal(f"rollout checkin {unit} --value KR=VALUE --confidence KR=C, or --csv FILE")
        flow.check_author(ws, author)
        from rollout.flows.checkin_prompt import interactive_checkin

        try:
            records = interactive_checkin(items, day=when, author=author, unit_name=ws.units[unit].name)
        except Aborted:
            raise Aborted("stopped; no check-in was saved (they are saved together at the end)") from None
        if not records:
            click.echo("Nothing saved.")
            return
    from rollout.flows.checkin_repeats import save_entries

    saved = save_entries(ws, cycle.id, unit, records)  # a same-day re-entry replaces that day's check-in
    written = len(records) - saved.unchanged
    if not written:
        click.echo(f"Nothing new: {plural(saved.unchanged, 'check-in')} already saved as given in {saved.relpath}.")
        return
    click.echo(f"Saved {plural(written, 'check-in')} to {saved.relpath}{saved.said()}.")
    if flags:  # what was stored, as the site will show it: a value read otherwise than meant shows here
        units = {item.kr.id: item.kr.unit_of_measure for item in items}
        for record in records:
            click.echo(f"  {record['kr']}: {flow.with_unit(record['value'], units.get(record['kr']))}")
    for reading in readings:
        click.echo(f"note: {reading}", err=True)


def _checkin_sheet(  # type: ignore[no-untyped-def]
    root: Path,
    ws,
    cycle_id: str | None,
    unit: str | None,
    sheet_file: Path | None,
    csv_file: Path | None,
    when: date,
    author: str | None,
    date_format: str | None,
) -> None:
    """``checkin --sheet`` (write the pre-filled sheet) and ``checkin --csv`` (read one back)."""
    from rollout.flows import checkin_sheet as sheets
    from rollout.flows.checkin import target_cycle

    if cycle_id is not None:
        target_cycle(ws, cycle_id)  # an unknown or closed cycle is refused at once
    if sheet_file is not None:
        cycle = target_cycle(ws, cycle_id)
        from rollout.tabular import write_sheet
        from rollout.transfer import check_output

        check_output(root, sheet_file)
        rows = sheets.sheet_rows(ws, cycle, unit)
        if len(rows) == 1:
            raise UsageError(f"no key results in {cycle.id}" + (f" for {unit}" if unit else ""))
        write_sheet(sheet_file, rows, **sheets.sheet_options(rows))
        click.echo(
            f"Wrote {plural(len(rows) - 1, 'key result')} of {cycle.id} to {sheet_file}. "
            f"Fill in New value, Confidence and Note, then: rollout checkin --csv {sheet_file}"
        )
        return
    assert csv_file is not None
    order = None
    if date_format is not None:
        from rollout.tabular import parse_date_order

        try:
            order = parse_date_order(date_format)
        except ValueError as exc:
            raise UsageError(f"--date-format: {exc}") from None
    read = sheets.read_checkins(ws, csv_file, day=when, unit=unit, cycle=cycle_id, author=author, date_order=order)
    from dataclasses import replace

    from rollout.errors import LoadError
    from rollout.flows.checkin_repeats import new_checkins

    fresh = new_checkins(ws, read, csv_file.name)  # the rule of `rollout collect`: a file read twice is written once
    if fresh.clashes:
        raise LoadError(fresh.clashes, what=csv_file.name)
    if not fresh.files:
        click.echo(
            f"Nothing new in {csv_file.name}: {plural(fresh.repeats, 'check-in')} saved before, none written again."
        )
        return
    written = sheets.save_checkins(root, replace(read, files=fresh.files))
    skipped = f"; {plural(read.skipped, 'row')} without a value skipped" if read.skipped else ""
    skipped += f"; {fresh.repeats} saved before, not written again" if fresh.repeats else ""
    skipped += read.fallbacks()
    # The files come after their own sentence: after "skipped:" they read as the skipped rows.
    click.echo(
        f"Saved {plural(fresh.count, 'check-in')} to {plural(len(written), 'file')}{skipped}. "
        f"Wrote {', '.join(written)}."
    )
    for reading in read.readings:
        click.echo(f"note: {reading}", err=True)


@click.command()
@click.argument("unit", required=False)
@workspace_option
@click.option("--cycle", "cycle_id", help="Cycle (default: the running one).")
@click.option("--date", "day", type=_date_type, metavar="YYYY-MM-DD", help="Review date (default: today).")
@_answers_option
def review(
    unit: str | None, directory: Path | None, cycle_id: str | None, day: object, answers_file: Path | None
) -> None:
    """Record a monthly review of UNIT (default: the company): notes, risks, decisions, attendees.

    The answers file holds `date`, `attendees: [person ids]`, `notes` (Markdown),
    `risks: [...]` and `decisions: [...]`.
    """
    from rollout.flows import review as flow
    from rollout.flows.checkin import target_cycle
    from rollout.flows.entry_dates import check_date

    root, ws = _load(directory)
    cycle = target_cycle(ws, cycle_id)
    unit = unit or (ws.company.id if ws.company else None)
    if unit is None:
        raise UsageError("name the unit to review")
    ws.unit(unit)
    when: date = day.date() if day else ws.today  # type: ignore[attr-defined]
    if answers_file is not None:
        from rollout.flows.answers import open_answers

        data, found = open_answers(answers_file, "review")
        record = flow.review_from_answers(ws, data, str(answers_file), when, problems=found, cycle=cycle)
    else:
        from rollout.prompting import require_terminal

        require_terminal(f"rollout review {unit} --answers FILE")
        try:
            record = flow.interactive_review(ws, unit, cycle.id, when)
        except Aborted:
            raise Aborted("stopped; the review was not saved") from None
    check_date(ws, record["date"], cycle, "review")
    relpath = flow.save_review(root, cycle.id, unit, record)
    click.echo(f"Saved the review of {record['date']} to {relpath}.")


@click.command()
@workspace_argument
@click.option("--cycle", "cycle_id", help="Cycle to show (default: the running one).")
@click.option("--problems", is_flag=True, help="Only units that are off track, stale or missing check-ins.")
@format_option("text", "json")
def status(directory: Path | None, cycle_id: str | None, problems: bool, fmt: str) -> None:
    """The running cycle at a glance: score, status, stale key results and missing check-ins per unit."""
    from rollout.flows.status import render_status, status_data
    from rollout.metrics.analysis import analyze

    _root, ws = _load(directory)
    data = status_data(ws, analyze(ws), cycle_id)
    if problems:
        data["units"] = [u for u in data["units"] if u["status"] == "off_track" or u["stale"] or u["missing_checkins"]]
    if fmt == "json":
        print_json(data)
    else:
        click.echo(render_status(data, color=sys.stdout.isatty()))
