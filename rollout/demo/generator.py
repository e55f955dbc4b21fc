"""Generate the demo workspace from ``content.yaml`` (hand-written OKRs).

The realistic demo: Larkspur Freight, about 600 people, a leadership pilot in the
previous quarter (closed, scored, with lessons and decisions) and a pilot of two
departments in the running quarter (weekly check-ins up to today). Some OKRs are
deliberately flawed (marked ``flaw:`` in the content) so the quality rules have
something to find.

The hand-written demo is made through the library's flows, as a facilitator
would make it: the closed quarter is closed by ``rollout close`` logic, the
running one started by ``rollout next`` and refined with ``rollout draft``
(see :func:`build_files`).

``teams=N`` generates a synthetic organization of the same shape with N teams,
reusing the hand-written OKRs as templates (for benchmarks), written directly.

Everything is deterministic for a given ``today``.
"""

from __future__ import annotations

import math
import os
import random
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from rollout.demo.names import person_name
from rollout.demo.notes import Mood, Note, NoteBook, NoteWriter, mood
from rollout.errors import UsageError
from rollout.metrics.scoring import expected_progress, score_value
from rollout.workspace import layout
from rollout.workspace.calendar import previous_quarter, quarter_bounds, quarter_of
from rollout.workspace.create import slugify
from rollout.workspace.fileio import STATE_DIR, atomic_write
from rollout.workspace.transaction import Transaction

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace

CONTENT = "content.yaml"
_HEADERS = {
    "people.yaml": "People of the organization (ids are used as owners and authors).",
    "units.yaml": "Organization units: the company, its departments and teams.",
    "priorities.yaml": "Strategic priorities that company objectives serve.",
    "cycles.yaml": "OKR cycles.",
    "phases.yaml": "Rollout phases: who runs OKRs when, and what must be true to move on.",
}


def load_content() -> dict[str, Any]:
    text = resources.files("rollout.demo").joinpath(CONTENT).read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


class _Dumper(yaml.CSafeDumper):
    """Plain YAML: never anchors and aliases, even for repeated values."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _represent_str(dumper: _Dumper, value: str) -> yaml.Node:
    """Multi-line text (Markdown descriptions, notes) as a literal block, as a person would write it."""
    if "\n" in value.strip():
        return dumper.represent_scalar("tag:yaml.org,2002:str", value.rstrip("\n") + "\n", style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _represent_str)


def _dump(data: Any, header: str | None = None) -> str:
    body = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=4096, default_flow_style=False)
    if header:
        body = "".join(f"# {line}\n" for line in header.splitlines()) + body
    return body


@dataclass
class _Org:
    people: list[dict[str, Any]] = field(default_factory=list)
    units: list[dict[str, Any]] = field(default_factory=list)
    members: dict[str, list[str]] = field(default_factory=dict)  # unit → person ids (owner first)
    _ids: set[str] = field(default_factory=set)
    _count: int = 0

    def person(self, name: str, title: str | None, unit: str) -> str:
        base = slugify(name)
        pid, n = base, 2
        while pid in self._ids:
            pid, n = f"{base}-{n}", n + 1
        self._ids.add(pid)
        record: dict[str, Any] = {"id": pid, "name": name}
        if title:
            record["title"] = title
        record["unit"] = unit
        self.people.append(record)
        self.members.setdefault(unit, []).append(pid)
        return pid

    def staff(self, unit: str, size: int) -> None:
        for _ in range(max(0, size)):
            self._count += 1
            self.person(person_name(self._count), None, unit)

    def unit(self, uid: str, name: str, kind: str, parent: str | None, owner: str | None) -> None:
        record: dict[str, Any] = {"id": uid, "name": name, "kind": kind}
        if parent:
            record["parent"] = parent
        if owner:
            record["owner"] = owner
        self.units.append(record)


DEMO_MANIFEST = "demo-files"
"""Under ``.rollout/``: the files ``write_demo`` wrote, one relative path a line.

``--force`` deletes a folder's content only when every entry in it is on this list
or is the tool's own derived data (``.rollout/``, a build folder with a build
manifest); anything else (notes, ``.git``, files drafted later) makes it refuse.
"""


def write_demo(root: Path, *, teams: int | None = None, today: date | None = None, force: bool = False) -> None:
    """Write the demo workspace to ``root`` (replacing a previous demo only with ``force``).

    Raises :class:`UsageError` when ``root`` is not empty and is not a demo this tool
    wrote (see :data:`DEMO_MANIFEST`), or holds anything the demo did not write.
    """
    today = today or date.today()
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} is a file, not a folder", hint="choose another folder")
    if root.exists() and any(root.iterdir()):
        if not force and not (root / layout.ROOT_FILE).exists():
            raise UsageError(f"{root} exists and is not a rollout workspace", hint="choose another folder")
        if not force:
            raise UsageError(f"{root} already holds a workspace", hint="add --force to replace it with a fresh demo")
        _remove_previous_demo(root)
    root.mkdir(parents=True, exist_ok=True)
    content = load_content()
    files = build_files(content, teams=teams, today=today)
    manifest = root / STATE_DIR / DEMO_MANIFEST
    listed = sorted(files)
    # The list first: a demo killed half-way can still be replaced with --force.
    atomic_write(manifest, "".join(f"{rel}\n" for rel in listed))
    # Then every file in one transaction: the demo is there whole or not at all.
    with Transaction(root) as tx:
        for rel, text in files.items():
            tx.replace(rel, "", text)
        tx.commit()


def _staged_for(rel: str, ours: set[str]) -> bool:
    """``rel`` is a temporary file a killed demo left beside one of its files: the transaction's
    own pattern ``.<name>.<random>.tmp`` (see :mod:`rollout.workspace.transaction`)."""
    folder, _slash, name = rel.rpartition("/")
    match = _TEMP.fullmatch(name)
    return match is not None and (f"{folder}/{match['name']}" if folder else match["name"]) in ours


_TEMP = re.compile(r"\.(?P<name>.+)\.[A-Za-z0-9_]+\.tmp")


def _remove_previous_demo(root: Path) -> None:
    """Delete a demo this tool wrote in ``root``; refuse (deleting nothing) if anything else is there."""
    from rollout.report.site.output import made_by_build

    try:
        listed = (root / STATE_DIR / DEMO_MANIFEST).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        raise UsageError(
            f"{root} was not written by `rollout demo` (no {STATE_DIR}/{DEMO_MANIFEST}); --force replaces only a demo",
            hint="choose another folder, or delete this one yourself if you are sure",
        ) from None
    ours = {rel for rel in listed if rel and ".." not in rel.split("/") and not rel.startswith("/")}
    foreign: list[str] = []
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        top = rel.split("/", 1)[0]
        if top == STATE_DIR or (path.is_dir() and not path.is_symlink()):
            continue
        if rel in ours or _staged_for(rel, ours) or (top == "build" and made_by_build(root / "build")):
            continue
        foreign.append(rel)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise UsageError(
            f"{root} holds files `rollout demo` did not write ({shown}); nothing was deleted",
            hint="move them away or choose another folder",
        )
    # The list (in .rollout/) goes last: a deletion killed half-way can be finished with --force.
    for child in sorted(root.iterdir(), key=lambda p: p.name == STATE_DIR):
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


@dataclass
class _Demo:
    """What every file of the demo is made from."""

    content: dict[str, Any]
    today: date
    org: _Org
    company_id: str
    departments: list[dict[str, Any]]
    okrs: dict[str, Any]  # "closed" | "running" → content unit key → objectives
    cycles: dict[str, tuple[str, date, date]]  # "closed" | "running" → (id, start, end)
    rng: random.Random
    synthetic: bool
    notebook: NoteBook
    department_key: dict[str, str]  # unit id → department whose notes it reads ("company" for the company)
    writers: dict[tuple[str, str, tuple[Note, ...]], NoteWriter] = field(default_factory=dict)

    def unit_id(self, key: str) -> str:
        return self.company_id if key == "company" else key

    @cached_property
    def stale_unit(self) -> str:
        """The running-quarter unit that stopped checking in (see :func:`_stale_unit`)."""
        return self.unit_id(_stale_unit(self.okrs, "running") or "")

    def note_writer(self, cycle_id: str, unit_id: str, metric: str | None) -> NoteWriter:
        """The notes ``unit_id`` writes in ``cycle_id`` about ``metric``'s group of notes.

        One writer per group, so two key results of a unit that read the same notes never repeat each other.
        """
        notes = self.notebook.notes_for(self.department_key.get(unit_id, "company"), metric)
        key = (cycle_id, unit_id, notes)
        writer = self.writers.get(key)
        if writer is None:
            writer = self.writers[key] = NoteWriter(notes, seed=f"{cycle_id}/{unit_id}/{notes[0].text}")
        return writer

    @cached_property
    def owners(self) -> dict[str, str | None]:
        return {u["id"]: u.get("owner") for u in self.org.units}

    def members(self, unit_id: str) -> list[str]:
        return self.org.members.get(unit_id) or [str(self.owners[unit_id])]


def build_files(content: dict[str, Any], *, teams: int | None, today: date) -> dict[str, str]:
    """The demo as {relative path: file text}.

    The hand-written demo (``teams=None``) is made the way a facilitator makes it:
    the closed quarter as it ran goes into a scratch workspace, ``rollout close``
    scores it from its latest check-ins and records the decisions, ``rollout next``
    starts the running quarter with the carried objectives, and ``rollout draft``
    rewords the refined ones and adds the new ones (see :func:`_through_the_flows`).

    The synthetic organization (``teams=N``, for benchmarks) is written directly
    from templates: the round-trip edits of the flows, for 2,200 units, would
    take minutes instead of seconds.
    """
    demo = _setup(content, teams, today)
    out: dict[str, str] = {}
    out[layout.ROOT_FILE] = _dump(
        {"version": 1, "organization": content["organization"], "as_of": today, "rules": {"fail_on": "error"}},
        "rollout workspace (demo organization). Format: see the README; `rollout schema` for editors.",
    )
    out[".gitignore"] = layout.GITIGNORE
    out["people.yaml"] = _dump({"people": demo.org.people}, _HEADERS["people.yaml"])
    out["units.yaml"] = _dump({"units": demo.org.units}, _HEADERS["units.yaml"])
    out["priorities.yaml"] = _dump(
        {"priorities": [{k: p[k] for k in ("id", "title", "description") if k in p} for p in content["priorities"]]},
        _HEADERS["priorities.yaml"],
    )
    from rollout.demo.assessments import demo_assessments

    out.update(demo_assessments(demo.org.units, demo.org.people, closed=demo.cycles["closed"]))
    if demo.synthetic:
        out["cycles.yaml"] = _cycles_file(demo, closed_status="closed", running=True)
        out["phases.yaml"] = _phases_file(demo, department_pilot=True)
        for key in ("closed", "running"):
            out.update(_okr_and_checkin_files(demo, key))
        out.update(_reviews(content, demo.cycles, demo.company_id, demo.org, demo.okrs))
    else:
        out.update(_through_the_flows(demo, out))
    return out


def _setup(content: dict[str, Any], teams: int | None, today: date) -> _Demo:
    """People, units and cycles of the demo organization."""
    running_id = quarter_of(today)
    closed_id = previous_quarter(running_id) or "closed"
    running_bounds = quarter_bounds(running_id)
    closed_bounds = quarter_bounds(closed_id)
    assert running_bounds and closed_bounds
    cycles = {"closed": (closed_id, *closed_bounds), "running": (running_id, *running_bounds)}
    org = _Org()
    company_id = slugify(content["organization"])
    ceo = org.person(content["ceo"]["name"], content["ceo"]["title"], company_id)
    org.unit(company_id, content["organization"], "company", None, ceo)
    departments = content["departments"] if teams is None else _synthetic_departments(content, teams)
    for dept in departments:
        head = org.person(dept["head"]["name"], dept["head"]["title"], dept["id"])
        org.unit(dept["id"], dept["name"], "department", company_id, head)
        org.staff(dept["id"], dept.get("size", 4))
        for team in dept.get("teams", []):
            lead = org.person(team["lead"]["name"], team["lead"]["title"], team["id"])
            org.unit(team["id"], team["name"], "team", dept["id"], lead)
            org.staff(team["id"], team.get("size", 6) - 1)
    # Executives at company level, owning company key results with the CEO.
    for title in ("Chief Operating Officer", "Chief Financial Officer", "Chief Commercial Officer"):
        org.person(person_name(10_000 + len(org.people)), title, company_id)
    okrs = content["okrs"] if teams is None else _synthetic_okrs(content, departments)
    # Synthetic departments and teams read the notes of the hand-written department they were made from.
    department_key = {company_id: "company"}
    for dept in departments:
        key = dept.get("template", dept["id"])
        department_key[dept["id"]] = key
        department_key.update({team["id"]: key for team in dept.get("teams", [])})
    return _Demo(
        content,
        today,
        org,
        company_id,
        departments,
        okrs,
        cycles,
        random.Random(20270101),
        teams is not None,
        NoteBook.from_content(content.get("checkin_notes")),
        department_key,
    )


def _cycles_file(demo: _Demo, *, closed_status: str, running: bool) -> str:
    closed_id, closed_start, closed_end = demo.cycles["closed"]
    running_id, running_start, running_end = demo.cycles["running"]
    cycles: list[dict[str, Any]] = [
        {
            "id": closed_id,
            "name": f"{closed_id} (leadership pilot)",
            "start": closed_start,
            "end": closed_end,
            "status": closed_status,
            "checkin_weekday": "monday",
        }
    ]
    if running:
        cycles.append(
            {
                "id": running_id,
                "name": _running_name(demo),
                "start": running_start,
                "end": running_end,
                "status": "running",
                "checkin_weekday": "monday",
            }
        )
    return _dump({"cycles": cycles}, _HEADERS["cycles.yaml"])


def _running_name(demo: _Demo) -> str:
    return f"{demo.cycles['running'][0]} (department pilot)"


def _phases_file(demo: _Demo, *, department_pilot: bool) -> str:
    """The rollout phases; the department pilot is planned once its quarter exists."""
    departments = demo.departments
    phases: list[dict[str, Any]] = [
        {
            "id": "leadership-pilot",
            "name": "Leadership pilot",
            "strategy": "leadership-first",
            "units": [demo.company_id, *[d["id"] for d in departments]],
            "cycles": [demo.cycles["closed"][0]],
            "entry_criteria": [
                "Leadership agrees on at most four strategic priorities",
                "Company priorities are written down and shared",
                "A program owner and an executive sponsor are named",
            ],
            "exit_criteria": [
                "Every leader checked in at least every two weeks",
                "Company objectives scored and reviewed with lessons",
                "Pilot retrospective completed",
            ],
        }
    ]
    if department_pilot:
        pilot_depts = [d["id"] for d in departments[:2]] if demo.synthetic else ["hr", "customer-service"]
        pilot_units = [u["id"] for u in demo.org.units if u["id"] in pilot_depts or u.get("parent") in pilot_depts]
        phases.append(
            {
                "id": "department-pilot",
                "name": "Department pilot" if demo.synthetic else "Department pilot: People & HR and Customer Service",
                "strategy": "department-by-department",
                "units": pilot_units,
                "cycles": [demo.cycles["running"][0]],
                "entry_criteria": [
                    "Leadership pilot retrospective done and framework refined",
                    "Readiness of the pilot departments at least 'ready with gaps'",
                ],
                "exit_criteria": [
                    "At least 80% of expected weekly check-ins done",
                    "Average key result score of 0.5 or more",
                    "Teams can tell an outcome key result from an activity",
                ],
            }
        )
    return _dump({"phases": phases}, _HEADERS["phases.yaml"])


def _okr_and_checkin_files(demo: _Demo, key: str) -> dict[str, str]:
    """OKR and check-in files of one quarter, written directly from the content."""
    out: dict[str, str] = {}
    cycle_id, _start, end = demo.cycles[key]
    for unit_key, objectives in demo.okrs.get(key, {}).items():
        unit_id = demo.unit_id(unit_key)
        members = demo.members(unit_id)
        written = []
        checkins: list[dict[str, Any]] = []
        for objective in objectives:
            record = _objective_record(objective, demo.owners[unit_id], members, end)
            written.append(record)
            for kr_content, kr_record in zip(objective["key_results"], record["key_results"], strict=True):
                checkins += _kr_checkins(demo, key, unit_id, kr_record, kr_content)
        out[layout.okr_file(cycle_id, unit_id)] = _dump({"objectives": written}, f"OKRs of {unit_id} for {cycle_id}.")
        out.update(_checkin_file(cycle_id, unit_id, checkins))
    return out


def _kr_checkins(
    demo: _Demo, key: str, unit_id: str, kr_record: dict[str, Any], kr_content: dict[str, Any]
) -> list[dict[str, Any]]:
    cycle_id, start, end = demo.cycles[key]
    return _checkins(
        kr_record,
        kr_content,
        key,
        start,
        end,
        demo.today,
        demo.members(unit_id),
        demo.note_writer(cycle_id, unit_id, kr_content.get("metric") or kr_record.get("metric")),
        demo.rng,
        stale=key == "running" and unit_id == demo.stale_unit,
    )


def _checkin_file(cycle_id: str, unit_id: str, checkins: list[dict[str, Any]]) -> dict[str, str]:
    if not checkins:
        return {}
    checkins.sort(key=lambda c: (c["date"], c["kr"]))
    return {
        layout.checkin_file(cycle_id, unit_id): _dump(
            {"checkins": checkins}, f"Weekly check-ins of {unit_id} for {cycle_id} (append-only)."
        )
    }


# --- the hand-written demo, made through the flows ------------------------------------

_GENERATOR_ONLY = ("trajectory", "confidence", "flaw", "final")
_KR_FIELDS = ("title", "metric", "direction", "baseline", "target", "unit_of_measure")


class DemoContentError(RuntimeError):
    """``content.yaml`` disagrees with what the flows make of it (a bug in the bundled content)."""


def _through_the_flows(demo: _Demo, shared: dict[str, str]) -> dict[str, str]:
    """The closed and running quarters as ``close``, ``next`` and ``draft`` make them; returns the files.

    1. A scratch workspace holds the closed quarter as it ran (status running, its
       OKRs, weekly check-ins to its end, monthly reviews) and everything shared.
    2. :func:`rollout.flows.closing.close_cycle` scores it from the latest check-ins,
       with the overrides, decisions and lessons of the content's ``closing:``.
    3. :func:`rollout.flows.closing.start_next` starts the running quarter with the
       carried objectives, under the ids the content gives them.
    4. :func:`rollout.flows.drafting.draft_from_answers` (``rollout draft --answers``)
       rewords the refined objectives and adds the new ones; carried-over
       objectives keep the key results ``next`` gave them.
    5. The running quarter's check-ins and monthly reviews are added directly.
    """
    from rollout.flows import closing, drafting
    from rollout.workspace import load

    closed_id = demo.cycles["closed"][0]
    running_id = demo.cycles["running"][0]
    scratch_files = dict(shared)
    scratch_files["cycles.yaml"] = _cycles_file(demo, closed_status="running", running=False)
    scratch_files["phases.yaml"] = _phases_file(demo, department_pilot=False)
    scratch_files.update(_okr_and_checkin_files(demo, "closed"))
    scratch_files.update(_monthly_review_file(demo, "closed"))
    with tempfile.TemporaryDirectory(prefix="rollout-demo-") as tmp:
        root = Path(tmp)
        for rel, text in scratch_files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        # 2. rollout close
        ws = load(root)
        answers = closing.close_answers_from(ws, closed_id, _close_answers(demo), CONTENT)
        closing.close_cycle(root, ws, closed_id, answers, on=ws.cycles[closed_id].end)
        # 3. rollout next
        ws = load(root)
        _check_scores(demo, ws)
        running = {o["id"]: o for objectives in demo.okrs["running"].values() for o in objectives}
        ids = {o["carried_from"]: o["id"] for o in running.values() if o.get("carried_from")}
        plan = closing.start_next(root, ws, closed_id, running_id, name=_running_name(demo), ids=ids)
        carried = {r["id"]: r for records in plan.files.values() for r in records}
        carried_over = _check_carried(ws, closed_id, running, carried)
        # 4. rollout draft --answers: refined objectives reworded, new ones added
        ws = load(root)
        draft = {"cycle": running_id, "units": _draft_answers(demo, carried, carried_over)}
        drafting.draft_from_answers(root, ws, draft, CONTENT, echo=lambda _line: None)
        out = _read_tree(root)
    # 5. the running quarter: check-ins up to today, monthly reviews, and its pilot phase
    out["phases.yaml"] = _phases_file(demo, department_pilot=True)
    for unit_key, objectives in demo.okrs["running"].items():
        unit_id = demo.unit_id(unit_key)
        written = {
            o["id"]: o
            for o in yaml.load(out[layout.okr_file(running_id, unit_id)], Loader=yaml.CSafeLoader)["objectives"]
        }
        checkins: list[dict[str, Any]] = []
        for objective in objectives:
            for kr_content, kr_record in zip(
                objective["key_results"], written[objective["id"]]["key_results"], strict=True
            ):
                checkins += _kr_checkins(demo, "running", unit_id, kr_record, kr_content)
        out.update(_checkin_file(running_id, unit_id, checkins))
    out.update(_monthly_review_file(demo, "running"))
    return out


def _read_tree(root: Path) -> dict[str, str]:
    """Every workspace file under ``root`` (not the tool's own state in ``.rollout/``) as {relpath: text}."""
    out: dict[str, str] = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d != STATE_DIR)
        for name in sorted(names):
            path = Path(folder) / name
            out[path.relative_to(root).as_posix()] = path.read_text(encoding="utf-8")
    return out


def _close_answers(demo: _Demo) -> dict[str, Any]:
    """The content's ``closing:`` as a ``rollout close --answers`` file."""
    closing = demo.content["closing"]
    return {
        "overrides": [
            {"kr": f"{o['objective']}-kr{o['key_result']}", "score": o["score"], "reason": o["reason"]}
            for o in closing.get("overrides", [])
        ],
        "decisions": {
            d["objective"]: {"decision": d["decision"], "note": d.get("note", "")} for d in closing["decisions"]
        },
        "lessons": list(closing.get("lessons", [])),
    }


def _check_scores(demo: _Demo, ws: Workspace) -> None:
    """The scores ``close`` computed from the latest check-ins are those the content's ``final:`` values imply."""
    overrides = {(o["objective"], o["key_result"]): o for o in demo.content["closing"].get("overrides", [])}
    closed_id = demo.cycles["closed"][0]
    for unit_key, objectives in demo.okrs["closed"].items():
        review = ws.review(closed_id, demo.unit_id(unit_key))
        got = [s.model_dump(exclude_defaults=True) for s in (review.scores if review else [])]
        expected = _closing_scores(objectives, overrides)
        if got != expected:
            raise DemoContentError(f"{unit_key}: close scored {got}, the content's final values give {expected}")


def _check_carried(
    ws: Workspace, closed_id: str, running: dict[str, dict[str, Any]], carried: dict[str, dict[str, Any]]
) -> set[str]:
    """Every carried objective is in the running quarter, carried-over ones with the key results ``next`` made.

    Returns the new ids of the carried-over objectives.
    """
    decisions = {d.objective: d.decision for (c, _u), r in ws.reviews.items() if c == closed_id for d in r.decisions}
    carried_over = set()
    for new_id, record in carried.items():
        objective = running.get(new_id)
        if objective is None:
            raise DemoContentError(f"the close carries {record['carried_from']} but no running objective names it")
        if decisions[record["carried_from"]] != "carried_over":
            continue
        made = [{k: kr.get(k) for k in _KR_FIELDS} for kr in record["key_results"]]
        written = [{k: kr.get(k) for k in _KR_FIELDS} for kr in objective["key_results"]]
        if made != written:
            raise DemoContentError(
                f"{new_id} is carried over, so its key results are those `next` made: {made}, not {written}"
            )
        carried_over.add(new_id)
    return carried_over


def _draft_answers(
    demo: _Demo, carried: dict[str, dict[str, Any]], carried_over: set[str]
) -> dict[str, list[dict[str, Any]]]:
    """The running quarter as ``rollout draft --answers`` input: every objective, without generator-only keys.

    Carried-over objectives keep the key results ``next`` gave them (ids, owners,
    due dates, moved baselines) and may only be relinked; refined and new ones get
    the content's key results, owned by members of the unit in turn.
    """
    units: dict[str, list[dict[str, Any]]] = {}
    for unit_key, objectives in demo.okrs["running"].items():
        unit_id = demo.unit_id(unit_key)
        members = demo.members(unit_id)
        entries = units.setdefault(unit_id, [])
        for objective in objectives:
            entry = {k: v for k, v in objective.items() if k not in _GENERATOR_ONLY and k != "key_results"}
            if objective["id"] in carried_over:
                entry["key_results"] = [dict(kr) for kr in carried[objective["id"]]["key_results"]]
            else:
                entry["key_results"] = [
                    {k: v for k, v in kr.items() if k not in _GENERATOR_ONLY}
                    | {"owner": members[n % len(members)] if len(members) > 1 else demo.owners[unit_id]}
                    for n, kr in enumerate(objective["key_results"], start=1)
                ]
            entries.append(entry)
    return units


def _monthly_review_file(demo: _Demo, key: str) -> dict[str, str]:
    """The company's monthly reviews of one quarter (the closed quarter's end is added by ``close``)."""
    cycle_id, start, _end = demo.cycles[key]
    monthly = _monthly(demo.content, key, start, demo.org)
    if not monthly:
        return {}
    return {
        layout.review_file(cycle_id, demo.company_id): _dump(
            {"monthly": monthly},
            f"Reviews of {demo.company_id} for {cycle_id}: monthly reviews and the end of cycle.",
        )
    }


def _monthly(content: dict[str, Any], key: str, start: date, org: _Org) -> list[dict[str, Any]]:
    leaders = [u["owner"] for u in org.units if u["kind"] in ("company", "department") and u.get("owner")]
    return [
        {
            "date": start + timedelta(days=30 * (i + 1) - 2),
            "attendees": leaders[: 6 + i % 3],
            "notes": review["notes"],
            "risks": review.get("risks", []),
            "decisions": review.get("decisions", []),
        }
        for i, review in enumerate(content.get("monthly_reviews", {}).get(key, []))
    ]


def _stale_unit(okrs: dict[str, Any], key: str) -> str | None:
    """One running-quarter team stopped checking in three weeks ago (realistic, and a finding)."""
    if key != "running":
        return None
    teams = [u for u in okrs.get("running", {}) if u not in ("company",)]
    return teams[-1] if teams else None


def _objective_record(objective: dict[str, Any], owner: str | None, members: list[str], due: date) -> dict[str, Any]:
    record: dict[str, Any] = {"id": objective["id"], "title": objective["title"]}
    if owner:
        record["owner"] = owner
    for key in ("parent", "alignment", "contributors", "priority", "carried_from", "description"):
        if objective.get(key):
            record[key] = objective[key]
    krs = []
    for n, kr in enumerate(objective["key_results"], start=1):
        kr_record: dict[str, Any] = {"id": f"{objective['id']}-kr{n}", "title": kr["title"]}
        for key in ("metric", "direction", "baseline", "target", "unit_of_measure"):
            if kr.get(key) is not None:
                kr_record[key] = kr[key]
        kr_record["owner"] = members[n % len(members)] if len(members) > 1 else owner
        kr_record["due"] = due
        krs.append(kr_record)
    record["key_results"] = krs
    return record


def _mondays(start: date, end: date) -> list[date]:
    day = start + timedelta(days=(7 - start.weekday()) % 7)
    out = []
    while day <= end:
        out.append(day)
        day += timedelta(days=7)
    return out


def _checkins(
    kr: dict[str, Any],
    content: dict[str, Any],
    key: str,
    start: date,
    end: date,
    today: date,
    members: list[str],
    notes: NoteWriter,
    rng: random.Random,
    *,
    stale: bool,
) -> list[dict[str, Any]]:
    """Weekly check-ins of one key result; about one in three has a note that fits how it is doing that week.

    A note is always written on the week the target is first reached (when a
    ``done`` note exists) and on the latest check-in of a worried, behind key
    result of the running quarter, so its page says why.
    """
    if "baseline" not in kr or "target" not in kr:
        return []  # a flawed key result nobody can check in on
    baseline, target = float(kr["baseline"]), float(kr["target"])
    if key == "closed":
        weeks = _mondays(start, end)
        reach = float(content.get("final", target))
        final_fraction = (reach - baseline) / (target - baseline) if target != baseline else 1.0
    else:
        weeks = [d for d in _mondays(start, end) if d <= today]
        if stale:
            weeks = [d for d in weeks if d <= today - timedelta(days=21)]
        final_fraction = float(content.get("trajectory", 0.5))
    out = []
    reached = False
    for i, day in enumerate(weeks, start=1):
        fraction = final_fraction * (i / len(weeks)) ** 1.15
        if i < len(weeks):
            fraction += rng.uniform(-0.04, 0.04)
        if kr.get("direction") == "milestone":
            value = 1.0 if (key == "closed" and i == len(weeks) and final_fraction >= 1) else 0.0
        else:
            value = baseline + (target - baseline) * fraction
            value = round(value, 1) if abs(target - baseline) < 20 else round(value)
        progress_gap = final_fraction - 0.6
        confidence = content.get("confidence") if (key == "running" and i == len(weeks)) else None
        if confidence is None:
            confidence = max(1, min(10, round(6 + progress_gap * 6 + rng.uniform(-1, 1))))
        record: dict[str, Any] = {
            "kr": kr["id"],
            "date": day,
            "value": value,
            "confidence": int(confidence),
            "author": kr.get("owner") or members[0],
        }
        score = score_value(kr.get("direction"), baseline, target, value)
        week = mood(score, expected_progress(start, end, day), int(confidence))
        note = _note(notes, week, first_done=week == "done" and not reached, last=key == "running" and i == len(weeks))
        if rng.random() < 0.3:
            pick = rng.randrange(NOTE_PICKS)
            note = note or notes.write(week, pick=pick)
        if note:
            record["note"] = note
        reached = reached or week == "done"
        out.append(record)
    return out


NOTE_PICKS = 25
"""Range of the draw that picks one of the fitting notes. Drawn from the demo's one random stream as the
notes of earlier versions were (one pick in 25), so the demo's figures (values, confidences) did not move
when notes became specific to their key result."""


def _note(notes: NoteWriter, week: Mood | None, *, first_done: bool, last: bool) -> str | None:
    """The note a check-in must carry: reaching the target, or the latest word on a key result in trouble."""
    if first_done:
        return notes.write(week, only="done")
    if last and week == "bad":
        return notes.write(week, only="bad") or notes.write(week)
    return None


def _reviews(
    content: dict[str, Any],
    cycles: dict[str, tuple[str, date, date]],
    company_id: str,
    org: _Org,
    okrs: dict[str, Any],
) -> dict[str, str]:
    out: dict[str, str] = {}
    closing = content.get("closing", {})
    overrides = {(o["objective"], o["key_result"]): o for o in closing.get("overrides", [])}
    decisions = {d["objective"]: d for d in closing.get("decisions", [])}
    for key in ("closed", "running"):
        cycle_id, start, _end = cycles[key]
        monthly = _monthly(content, key, start, org)
        company_review: dict[str, Any] = {"monthly": monthly} if monthly else {}
        if key == "closed":
            for unit_id, objectives in okrs.get("closed", {}).items():
                unit_id = company_id if unit_id == "company" else unit_id
                scores = _closing_scores(objectives, overrides)
                unit_review = company_review if unit_id == company_id else {}
                unit_review["scores"] = scores
                unit_review["decisions"] = [
                    {
                        "objective": o["id"],
                        "decision": decisions[o["id"]]["decision"],
                        "note": decisions[o["id"]].get("note", ""),
                    }
                    for o in objectives
                    if o["id"] in decisions
                ]
                if unit_id == company_id:
                    unit_review["lessons"] = closing.get("lessons", [])
                else:
                    out[layout.review_file(cycle_id, unit_id)] = _dump(
                        unit_review, f"Review of {unit_id} for {cycle_id}."
                    )
        if company_review:
            out[layout.review_file(cycle_id, company_id)] = _dump(
                company_review, f"Reviews of {company_id} for {cycle_id}: monthly reviews and the end of cycle."
            )
    return out


def _closing_scores(objectives: list[dict[str, Any]], overrides: dict[tuple[str, int], Any]) -> list[dict[str, Any]]:
    """The closed quarter's score entries, made by the close logic (``rollout close``) from the final values."""
    from rollout.flows.closing import final_scores

    values = []
    chosen: dict[str, tuple[float, str]] = {}
    for objective in objectives:
        for n, kr in enumerate(objective["key_results"], start=1):
            kr_id = f"{objective['id']}-kr{n}"
            values.append((kr_id, kr.get("direction"), kr.get("baseline"), kr.get("target"), kr.get("final")))
            override = overrides.get((objective["id"], n))
            if override:
                chosen[kr_id] = (float(override["score"]), str(override["reason"]))
    return final_scores(values, chosen)


def _synthetic_departments(content: dict[str, Any], teams: int) -> list[dict[str, Any]]:
    """N teams in departments of about ten, shaped like the hand-written demo."""
    templates = content["departments"]
    count = max(1, math.ceil(teams / 10))
    departments = []
    made = 0
    for d in range(count):
        base = templates[d % len(templates)]
        dept_id = base["id"] if d < len(templates) else f"{base['id']}-{d // len(templates) + 1}"
        n_teams = min(10, teams - made)
        dept_teams = []
        for t in range(n_teams):
            tbase = base["teams"][t % len(base["teams"])]
            dept_teams.append(
                {
                    "id": f"{dept_id}-t{t + 1}",
                    "name": f"{tbase['name']} {t + 1}",
                    "lead": {"name": person_name(50_000 + made), "title": "Team lead"},
                    "size": 7,
                }
            )
            made += 1
        departments.append(
            {
                "id": dept_id,
                "template": base["id"],
                "name": base["name"] if d < len(templates) else f"{base['name']} {d // len(templates) + 1}",
                "head": {"name": person_name(90_000 + d), "title": base["head"]["title"]},
                "size": 3,
                "teams": dept_teams,
            }
        )
    return departments


def _clean(objective: dict[str, Any], new_id: str, parent: str | None) -> dict[str, Any]:
    copy = {
        k: v
        for k, v in objective.items()
        if k not in ("id", "parent", "alignment", "contributors", "carried_from", "flaw")
    }
    copy["id"] = new_id
    if parent:
        copy["parent"] = parent
    copy["key_results"] = [
        {k: v for k, v in kr.items() if k != "flaw"}
        for kr in objective["key_results"]
        if "baseline" in kr and "target" in kr
    ]
    return copy


def _synthetic_okrs(content: dict[str, Any], departments: list[dict[str, Any]]) -> dict[str, Any]:
    """OKRs made from the hand-written ones, in the demo's rollout story: the closed quarter
    was the leadership pilot (company and departments), every team joined in the running one."""
    out: dict[str, Any] = {}
    for key in ("closed", "running"):
        source = content["okrs"][key]
        company = source["company"]
        pool_dept = [
            o
            for u, objs in source.items()
            if u != "company" and u in {d["id"] for d in content["departments"]}
            for o in objs
            if "flaw" not in o and o.get("parent")
        ]
        pool_team = [o for u, objs in source.items() if u != "company" for o in objs if "flaw" not in o] or pool_dept
        cycle: dict[str, Any] = {"company": company}
        for d, dept in enumerate(departments):
            dept_objs = []
            for k in range(2):
                template = pool_dept[(d * 2 + k) % len(pool_dept)]
                parent = company[(d + k) % len(company)]["id"]
                dept_objs.append(_clean(template, f"{dept['id']}-{key[0]}o{k + 1}", parent))
            cycle[dept["id"]] = dept_objs
            if key == "closed":
                continue
            for t, team in enumerate(dept["teams"]):
                template = pool_team[(d * 7 + t) % len(pool_team)]
                cycle[team["id"]] = [
                    _clean(template, f"{team['id']}-{key[0]}o1", dept_objs[t % 2]["id"]),
                    _clean(
                        pool_team[(d * 7 + t + 3) % len(pool_team)],
                        f"{team['id']}-{key[0]}o2",
                        dept_objs[(t + 1) % 2]["id"],
                    ),
                ]
        out[key] = cycle
    return out
