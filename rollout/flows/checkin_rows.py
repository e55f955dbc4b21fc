"""The rows of a check-in sheet, checked one by one (split from :mod:`rollout.flows.checkin_sheet`).

:class:`RowReader` checks every cell of a row and reports all its problems at once (the
README's "lists every mistake of the file at once"): the key result (``kr`` id, or a
unique title), the ``unit`` and ``cycle`` cells (when filled in, the key result's own),
the date (:func:`rollout.tabular.cell_date`, then :func:`~rollout.flows.entry_dates.date_problem`),
the value, the confidence and the author, then a second check-in of a key result on one
day. A row without a problem becomes a record.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from rollout.errors import Problem, UsageError
from rollout.flows.checkin import CheckinItem, make_record, parse_confidence
from rollout.flows.entry_dates import date_problem
from rollout.metrics.values import point_reading
from rollout.tabular import Cell, DateOrder, NumberError, Row, Table, cell_date, cell_number
from rollout.workspace import Workspace
from rollout.workspace.models import Cycle


class RowReader:
    """Checks the rows of one check-in sheet (:func:`rollout.flows.checkin_sheet.read_checkins`)."""

    def __init__(
        self,
        ws: Workspace,
        table: Table,
        *,
        day: date,
        unit: str | None,
        cycle: str | None,
        author: str | None,
        order: DateOrder | None,
    ) -> None:
        from rollout.tabular import parse_date_order

        configured = ws.settings.spreadsheets.date_format
        self.ws, self.table, self.day, self.unit, self.cycle, self.author = ws, table, day, unit, cycle, author
        self.order = order or (parse_date_order(configured) if configured else None)
        self.problems: list[Problem] = []
        self.files: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.seen: dict[tuple[str, date], int] = {}
        self.places: dict[tuple[str, date], Problem] = {}
        self.skipped = self.kept = self.undated = 0
        self.readings: list[str] = []  # values like 1.250, how they were read (point_reading), at their rows
        self.people = {p.name.casefold(): p.id for p in ws.people.values()}
        self.unit_names = {u.id.casefold(): u.id for u in ws.units.values()}
        self.unit_names |= {" ".join(u.name.split()).casefold(): u.id for u in ws.units.values()}

    def bad(self, row: Row, column: str, message: str) -> None:
        self.problems.append(row.problem(column, message))

    def key_result(self, row: Row) -> str | None:
        ref = row.text("kr")
        if ref:
            if ref in self.ws.key_results:
                return ref
            if self.unit is not None:  # within one unit, the end of an id (kr2) or a position (2) will do
                from rollout.errors import UsageError
                from rollout.flows.checkin import find_item
                from rollout.flows.checkin_sheet import sheet_items

                items = sheet_items(self.ws, self.ws.cycles[self.cycle] if self.cycle else self._cycle(), self.unit)
                try:
                    return find_item(items, ref).kr.id
                except UsageError as exc:
                    self.bad(row, "kr", f"{exc.message}; {exc.hint}" if exc.hint else exc.message)
                    return None
            self.bad(row, "kr", f"no key result {ref!r} in the workspace")
            return None
        title = row.text("key_result").casefold()
        cycles = [self.cycle] if self.cycle else [c.id for c in self.ws.cycles.values() if c.status != "closed"]
        found = [
            kr.id
            for cycle_id in cycles
            for objective in self.ws.objectives_in(cycle_id, self.unit)
            for kr in objective.key_results
            if kr.title.casefold() == title
        ]
        if len(found) == 1:
            return found[0]
        what = "several key results are" if found else "no key result is"
        self.bad(row, "key_result", f"{what} titled {row.text('key_result')!r}; add a KR id column")
        return None

    def _cycle(self) -> Cycle:
        from rollout.flows.checkin import target_cycle

        return target_cycle(self.ws)

    def row(self, row: Row) -> None:
        """Check every cell of ``row`` (all its problems at once, README: "every mistake of the file at
        once"); a row without any problem becomes a record of :attr:`files`."""
        if not (row.text("value") or row.text("confidence") or row.text("note")):
            self.skipped += 1
            return
        before = len(self.problems)
        kr_id = self.key_result(row)
        when = self.when(row)  # None: a date cell that is no date (said); the other cells are still checked
        confidence = self.confidence(row)
        who = self.person(row)
        if kr_id is None:
            return
        cycle_id, unit_id = self.ws.kr_home[kr_id]
        cycle = self.ws.cycles[cycle_id]
        self.placed(row, kr_id, cycle_id, unit_id)
        if self.unit is not None and unit_id != self.unit:
            self.bad(row, "kr", f"{kr_id} is a key result of {unit_id}; leave out UNIT to check in for every unit")
        if self.cycle is not None and cycle_id != self.cycle:
            self.bad(row, "kr", f"{kr_id} is in cycle {cycle_id}, not {self.cycle}")
        if cycle.status == "closed":
            self.bad(row, "kr", f"{kr_id} is in cycle {cycle_id}, which is closed")
        # a check-in no figure would use (outside its cycle, after as-of) is refused: one rule for every door
        late = None if when is None else date_problem(self.ws, when, cycle, "check-in", option=self.date_header)
        if late is not None:
            if "date" in row:
                self.bad(row, "date", str(late))
            else:  # the row has no date of its own: say which date was used, and where to put one
                column = "date" if "date" in self.table.positions else "kr"
                self.bad(row, column, f"no date in the row, so --date or today is used: {late.message}; fill in Date")
        objective = self.ws.objective_of(kr_id)
        kr = next(k for k in objective.key_results if k.id == kr_id)
        item = CheckinItem(kr, objective, self.ws.latest_checkin(kr_id))
        value = self.value(row, item)
        if when is None:
            return
        key = (kr_id, when)
        if key in self.seen:
            self.bad(row, "kr", f"a second check-in of {kr_id} on {when} (the first is row {self.seen[key]})")
        else:
            self.seen[key] = row.number  # the first row of a day, even a bad one: a second is a second
        if len(self.problems) > before or value is None:
            return
        self.places[(kr_id, when)] = row.problem("kr" if "kr" in row else "key_result", "")
        try:
            record = make_record(item, when, value, confidence, row.text("note"), who)
        except UsageError as exc:  # the record's own check, in plain words
            self.bad(row, "note", exc.message.partition(": ")[2] or exc.message)
            return
        self.files.setdefault((cycle_id, unit_id), []).append(record)
        self.kept += "value" not in row
        self.undated += "date" not in row

    @property
    def date_header(self) -> str:
        return self.table.headers.get("date", "Date")

    def when(self, row: Row) -> date | None:
        """The row's date (its ``date`` cell, else ``--date``/today); None when the cell is no date (said)."""
        if "date" not in row:
            return self.day
        try:
            return cell_date(row.cells["date"], self.order)
        except NumberError as exc:
            self.bad(row, "date", f"{exc}; {exc.hint}" if exc.hint else str(exc))
            return None

    def confidence(self, row: Row) -> int | str | None:
        try:
            if isinstance(row.cells["confidence"].value if "confidence" in row else None, date):
                # Excel turns a typed 8/10 into the date 10 August (or 8 October).
                raise ValueError(f"{row.text('confidence')} is a date (Excel reads 8/10 as one); type the number alone")
            return parse_confidence(row.text("confidence"))
        except ValueError as exc:
            self.bad(row, "confidence", str(exc))
            return None

    def placed(self, row: Row, kr_id: str, cycle_id: str, unit_id: str) -> None:
        """The row's ``unit`` and ``cycle`` cells, when filled in, name the key result's own unit and cycle.

        These are the columns a person reads when checking a sheet before sending it, so a row
        that says Sales for a key result of Inside Sales (or a cycle that does not exist, or
        another cycle) is refused at its cell rather than saved elsewhere. An empty cell is
        allowed (a person may delete the column's text). The unit is matched by id or by name
        (case and spaces aside), as the sheet writes the name (:func:`sheet_rows`).
        """
        unit_text = " ".join(row.text("unit").split())
        if unit_text:
            home = self.ws.units[unit_id]
            named = self.unit_names.get(unit_text.casefold())
            if named is None:
                from rollout.tabular import close_names
                from rollout.workspace.suggestions import meant

                hint = meant(close_names(unit_text, [u.name for u in self.ws.units.values()]))
                said = f"no unit {unit_text!r}; {kr_id} belongs to {home.name}"
                self.bad(row, "unit", said + (f" ({hint})" if hint else ""))
            elif named != unit_id:
                self.bad(row, "unit", f"{kr_id} belongs to {home.name}, not {self.ws.units[named].name}")
        cycle_text = row.text("cycle").strip()
        if cycle_text and cycle_text != cycle_id:
            known = {c.casefold(): c for c in self.ws.cycles}
            if cycle_text.casefold() not in known:
                self.bad(row, "cycle", f"no cycle {cycle_text!r}; {kr_id} is in cycle {cycle_id}")
            elif known[cycle_text.casefold()] != cycle_id:
                self.bad(row, "cycle", f"{kr_id} is in cycle {cycle_id}, not {known[cycle_text.casefold()]}")

    def value(self, row: Row, item: CheckinItem) -> float | None:
        cell = row.cells.get("value")
        if cell is None:
            if item.last is None:
                self.bad(row, "value", "empty, and there is no earlier check-in to keep")
                return None
            return item.last.value
        try:
            number, unit = cell_number(_without_unit(cell, item.kr.unit_of_measure), self.table)
        except NumberError as exc:
            self.bad(row, "value", f"{exc}" + (f"; {exc.hint}" if exc.hint else ""))
            return None
        if unit == "%" and item.kr.unit_of_measure not in (None, "%"):
            self.bad(
                row, "value", f"{cell.text} is a percentage, but {item.kr.id} is measured in {item.kr.unit_of_measure}"
            )
            return None
        if cell.value is None:  # typed text (CSV, a text cell): 1.250 is 1.25 with a decimal point
            reading = point_reading(cell.text, number)
            if reading is not None:
                self.readings.append(str(row.problem("value", reading)))
        return number

    def person(self, row: Row) -> str | None:
        text = row.text("author")
        if not text:
            return self.author
        if text in self.ws.people:
            return text
        found = self.people.get(" ".join(text.split()).casefold())
        if found is None:
            from rollout.tabular import close_names
            from rollout.workspace.suggestions import meant

            hint = meant(close_names(text, [p.name for p in self.ws.people.values()]))
            self.bad(row, "author", f"unknown person {text!r}" + (f"; {hint}" if hint else ""))
        return found


def _without_unit(cell: Cell, unit_of_measure: str | None) -> Cell:
    """A text cell without the key result's own unit of measure around its number (``1,500 deals``, ``EUR 2,000``).

    Only the key result's unit is taken off: any other word stays and makes the cell an
    error, so ``12 apples`` on a key result measured in deals is still refused.
    """
    uom = (unit_of_measure or "").strip()
    if cell.value is not None or not uom or uom == "%":
        return cell
    text = cell.text.strip()
    folded, key = text.casefold(), uom.casefold()
    if folded.endswith(key) and len(text) > len(key):
        text = text[: -len(key)].strip()
    elif folded.startswith(key) and len(text) > len(key):
        text = text[len(key) :].strip()
    else:
        return cell
    return replace(cell, text=text)
