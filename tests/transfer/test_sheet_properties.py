"""Properties: export → import into an empty workspace gives the same OKRs; no sheet ever causes a traceback."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from rollout.cli import main
from rollout.tabular import write_sheet
from rollout.transfer import export_rows
from rollout.workspace import load
from rollout.workspace.editing import write_new

PEOPLE = ["Ana Lima", "Ben Okoro", "Carla Diaz", "Dmitri Volkov", "Emeka Obi", "Fatima Zahra", "Gustav Berg"]
UNITS = ["Sales", "Support", "Logistics", "Finance", "Marketing", "Warehouse", "Platform"]
PREFIXES = ["", "=", "+", "-", "@", "'", "''=", "\t="]

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäéß0123456789%,;\"'()/&", min_size=1, max_size=12)
titles = st.builds(
    lambda prefix, parts: (prefix + " ".join(parts)).strip(),
    st.sampled_from(PREFIXES),
    st.lists(words, min_size=1, max_size=6),
).filter(lambda t: len(t) > 1 and not t.startswith("'\t"))
numbers = st.one_of(
    st.none(), st.integers(-10_000, 10_000).map(float), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 4))
)


def _run(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    import contextlib

    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main(args)
        except SystemExit as exc:
            return int(exc.code or 0), err.getvalue()
    return 0, err.getvalue()


def _workspace(root: Path, data: st.DataObject) -> None:
    write_new(root, "rollout.yaml", {"version": 1, "organization": "Prop Co", "as_of": date(2027, 2, 1)})
    write_new(root, "people.yaml", {"people": [{"id": f"p{i}", "name": n} for i, n in enumerate(PEOPLE)]})
    departments = data.draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    units: list[dict[str, Any]] = [{"id": "prop-co", "name": "Prop Co", "kind": "company"}]
    units += [{"id": f"d{i}", "name": n, "kind": "department", "parent": "prop-co"} for i, n in enumerate(departments)]
    team = data.draw(st.booleans())
    if team:
        units.append({"id": "t0", "name": "Night Shift", "kind": "team", "parent": "d0"})
    write_new(root, "units.yaml", {"units": units})
    write_new(
        root,
        "cycles.yaml",
        {"cycles": [{"id": "2027-Q1", "start": date(2027, 1, 1), "end": date(2027, 3, 31), "status": "running"}]},
    )
    used: set[str] = set()
    placed: dict[str, list[str]] = {}
    for unit in units:
        objectives = []
        for n in range(data.draw(st.integers(0, 2))):
            title = data.draw(titles.filter(lambda t, seen=used: t.casefold() not in seen))
            used.add(title.casefold())
            oid = f"{unit['id']}-o{n}"
            objective: dict[str, Any] = {"id": oid, "title": title}
            ancestors = {"department": ["prop-co"], "team": ["d0", "prop-co"]}.get(unit["kind"], [])
            candidates = [o for a in ancestors for o in placed.get(a, [])]
            if candidates and data.draw(st.booleans()):
                objective["parent"] = data.draw(st.sampled_from(candidates))
            if "parent" not in objective and unit["kind"] != "company" and data.draw(st.booleans()):
                objective["alignment"] = data.draw(st.sampled_from(["bottom_up", "cross_functional"]))
            if data.draw(st.booleans()):
                objective["owner"] = f"p{data.draw(st.integers(0, len(PEOPLE) - 1))}"
            key_results = []
            kr_titles: set[str] = set()
            for k in range(data.draw(st.integers(0, 3))):
                kr_title = data.draw(titles.filter(lambda t, seen=kr_titles: t.casefold() not in seen))
                kr_titles.add(kr_title.casefold())
                kr: dict[str, Any] = {"id": f"{oid}-kr{k}", "title": kr_title}
                baseline, target = data.draw(numbers), data.draw(numbers)
                if baseline is not None:
                    kr["baseline"] = baseline
                if target is not None:
                    kr["target"] = target
                if data.draw(st.booleans()):
                    kr["direction"] = data.draw(st.sampled_from(["increase", "decrease", "milestone"]))
                if data.draw(st.booleans()):
                    kr["weight"] = data.draw(st.sampled_from([0.5, 2.0, 3.0, 10.0]))
                if data.draw(st.booleans()):
                    kr["health_metric"] = True
                if data.draw(st.booleans()):
                    kr["due"] = date(2027, 1, 1) + timedelta(days=data.draw(st.integers(0, 89)))
                if data.draw(st.booleans()):
                    kr["unit_of_measure"] = data.draw(st.sampled_from(["%", "days", "EUR", "points"]))
                if data.draw(st.booleans()):
                    kr["owner"] = f"p{data.draw(st.integers(0, len(PEOPLE) - 1))}"
                key_results.append(kr)
            objective["key_results"] = key_results
            objectives.append(objective)
            placed.setdefault(unit["id"], []).append(oid)
        if objectives:
            write_new(root, f"okrs/2027-Q1/{unit['id']}.yaml", {"objectives": objectives})


def _okrs(root: Path) -> list[tuple[Any, ...]]:
    """The OKRs by content (names and titles, never ids), sorted."""
    ws = load(root)
    person = {p.id: p.name for p in ws.people.values()}
    out = []
    for objective in ws.objectives.values():
        parent = ws.objectives[objective.parent].title if objective.parent else None
        krs = tuple(
            (
                k.title,
                k.baseline,
                k.target,
                k.direction,
                k.weight,
                k.health_metric,
                k.due,
                k.unit_of_measure,
                person.get(k.owner or ""),
            )
            for k in objective.key_results
        )
        out.append(
            (
                ws.units[objective.unit].name,
                objective.title,
                parent,
                objective.alignment,
                person.get(objective.owner or ""),
                krs,
            )
        )
    return sorted(out, key=repr)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data(), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_export_then_import_into_an_empty_workspace_gives_the_same_okrs(data: st.DataObject, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        source, target, sheet = Path(tmp) / "a", Path(tmp) / "b", Path(tmp) / f"okrs{suffix}"
        _workspace(source, data)
        write_sheet(sheet, export_rows(load(source)))
        code, _err = _run(["init", str(target), "--organization", "Prop Co", "--cycle", "2027-Q1"])
        assert code == 0
        code, err = _run(["import", str(sheet), "-w", str(target), "--create-units"])
        assert code == 0, err
        assert _okrs(target) == _okrs(source)


# --- fuzz: any bytes, any cells: a clean error or success, never a traceback --------------------------------

MINI = {
    "rollout.yaml": "version: 1\norganization: Fuzz Co\nas_of: 2027-02-01\n",
    "people.yaml": "people:\n  - id: ana\n    name: Ana Lima\n",
    "units.yaml": "units:\n  - id: fuzz\n    name: Fuzz Co\n    kind: company\n  - id: sales\n    name: Sales\n    kind: department\n    parent: fuzz\n",
    "cycles.yaml": "cycles:\n  - id: 2027-Q1\n    start: 2027-01-01\n    end: 2027-03-31\n    status: running\n",
    "okrs/2027-Q1/sales.yaml": "objectives:\n  - id: sell\n    title: Sell more\n    key_results:\n      - id: sell-kr1\n        title: Win deals\n        baseline: 0\n        target: 10\n",
}


def _fresh(tmp: str) -> Path:
    root = Path(tmp) / "ws"
    for name, text in MINI.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    return root


cells = st.one_of(
    st.sampled_from(["", "2027-Q1", "FY27-Q2", "Sales", "Sell more", "sell-kr1", "Win deals", "Ana Lima", "CON", "Index",
                     "1,000", "1.000,5", "20%", "31.03.2027", "30/06/2027", "46477", "=1+1", "'=x", "on track", "-", "x" * 300]),
    st.text(max_size=30),
)  # fmt: skip
HEADERS = ["cycle", "unit", "parent_unit", "objective", "key_result", "baseline", "target", "due", "owner", "weight",
           "health_metric", "alignment", "parent_objective", "kr", "value", "confidence", "date", "note", "Key result"]  # fmt: skip
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _import_and_checkin(path: Path, root: Path) -> None:
    for args in (
        ["import", str(path), "-w", str(root), "--create-units"],
        ["checkin", "-w", str(root), "--csv", str(path)],
    ):
        code, err = _run(args)  # an exception other than SystemExit fails the test with its traceback
        assert code in (0, 1, 2) and "Traceback" not in err


@FUZZ
@given(raw=st.binary(max_size=400))
def test_any_bytes_as_csv(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _fresh(tmp)
        path = Path(tmp) / "sheet.csv"
        path.write_bytes(raw)
        _import_and_checkin(path, root)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(st.lists(cells, max_size=9), max_size=5),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_plausible_csv_sheets(header: list[str], rows: list[list[str]], delimiter: str, encoding: str) -> None:
    import csv

    stream = io.StringIO()
    csv.writer(stream, delimiter=delimiter).writerows([header, *rows])
    with tempfile.TemporaryDirectory() as tmp:
        root = _fresh(tmp)
        path = Path(tmp) / "sheet.csv"
        path.write_bytes(stream.getvalue().encode(encoding, errors="replace"))
        _import_and_checkin(path, root)


@FUZZ
@given(
    header=st.lists(st.sampled_from(HEADERS), min_size=1, max_size=8),
    rows=st.lists(
        st.lists(st.one_of(cells, st.floats(allow_nan=True), st.booleans(), st.dates()), max_size=9), max_size=4
    ),
    percent=st.booleans(),
)
def test_plausible_xlsx_sheets(header: list[str], rows: list[list[object]], percent: bool) -> None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    book = Workbook()
    sheet = book.active
    for row in [header, *rows]:
        sheet.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
    if percent:
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.number_format = "0%"
    with tempfile.TemporaryDirectory() as tmp:
        root = _fresh(tmp)
        path = Path(tmp) / "sheet.xlsx"
        book.save(path)
        _import_and_checkin(path, root)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cut=st.integers(0, 4000), junk=st.binary(max_size=50))
def test_damaged_xlsx(cut: int, junk: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = _fresh(tmp)
        good = Path(tmp) / "good.xlsx"
        write_sheet(good, [["cycle", "unit", "objective", "key_result"], ["2027-Q1", "Sales", "Sell more", "Win"]])
        data = good.read_bytes()
        path = Path(tmp) / "sheet.xlsx"
        path.write_bytes(data[:cut] + junk + data[cut + len(junk) :])
        _import_and_checkin(path, root)
        inner = Path(tmp) / "inner.xlsx"
        with zipfile.ZipFile(good) as src, zipfile.ZipFile(inner, "w") as dst:
            for item in src.infolist():
                body = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    body = body[: cut % (len(body) + 1)] + junk
                dst.writestr(item, body)
        _import_and_checkin(inner, root)
