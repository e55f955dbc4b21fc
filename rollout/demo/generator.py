"""Generate the demo workspace from ``content.yaml`` (hand-written OKRs).

The realistic demo: Larkspur Freight, about 600 people, a leadership pilot in the
previous quarter (closed, scored, with lessons and decisions) and a pilot of two
departments in the running quarter (weekly check-ins up to today). Some OKRs are
deliberately flawed (marked ``flaw:`` in the content) so the quality rules have
something to find.

``teams=N`` generates a synthetic organization of the same shape with N teams,
reusing the hand-written OKRs as templates (for benchmarks).

Everything is deterministic for a given ``today``.
"""

from __future__ import annotations

import math
import random
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from rollout.demo.names import person_name
from rollout.errors import UsageError
from rollout.workspace import layout
from rollout.workspace.calendar import previous_quarter, quarter_bounds, quarter_of
from rollout.workspace.create import slugify
from rollout.workspace.fileio import atomic_write

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


def write_demo(root: Path, *, teams: int | None = None, today: date | None = None, force: bool = False) -> None:
    """Write the demo workspace to ``root`` (replacing a previous demo only with ``force``)."""
    today = today or date.today()
    if root.exists() and any(root.iterdir()):
        if not force and not (root / layout.ROOT_FILE).exists():
            raise UsageError(f"{root} exists and is not a rollout workspace", hint="choose another folder")
        if not force:
            raise UsageError(f"{root} already holds a workspace", hint="add --force to replace it with a fresh demo")
        for child in root.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child)
            else:
                child.unlink()
    root.mkdir(parents=True, exist_ok=True)
    content = load_content()
    files = build_files(content, teams=teams, today=today)
    for rel, text in files.items():
        if rel != layout.ROOT_FILE:
            atomic_write(root / rel, text)
    atomic_write(root / layout.ROOT_FILE, files[layout.ROOT_FILE])


def build_files(content: dict[str, Any], *, teams: int | None, today: date) -> dict[str, str]:
    """The demo as {relative path: file text}."""
    running_id = quarter_of(today)
    closed_id = previous_quarter(running_id) or "closed"
    running_bounds = quarter_bounds(running_id)
    closed_bounds = quarter_bounds(closed_id)
    assert running_bounds and closed_bounds
    cycles = {"closed": (closed_id, *closed_bounds), "running": (running_id, *running_bounds)}
    rng = random.Random(20270101)
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
    out: dict[str, str] = {}
    out[layout.ROOT_FILE] = _dump(
        {"version": 1, "organization": content["organization"], "as_of": today, "rules": {"fail_on": "error"}},
        "rollout workspace (demo organization). Format: see the README; `rollout schema` for editors.",
    )
    out[".gitignore"] = layout.GITIGNORE
    out["people.yaml"] = _dump({"people": org.people}, _HEADERS["people.yaml"])
    out["units.yaml"] = _dump({"units": org.units}, _HEADERS["units.yaml"])
    out["priorities.yaml"] = _dump(
        {"priorities": [{k: p[k] for k in ("id", "title", "description") if k in p} for p in content["priorities"]]},
        _HEADERS["priorities.yaml"],
    )
    out["cycles.yaml"] = _dump(
        {
            "cycles": [
                {
                    "id": closed_id,
                    "name": f"{closed_id} (leadership pilot)",
                    "start": cycles["closed"][1],
                    "end": cycles["closed"][2],
                    "status": "closed",
                    "checkin_weekday": "monday",
                },
                {
                    "id": running_id,
                    "name": f"{running_id} (department pilot)",
                    "start": cycles["running"][1],
                    "end": cycles["running"][2],
                    "status": "running",
                    "checkin_weekday": "monday",
                },
            ]
        },
        _HEADERS["cycles.yaml"],
    )
    pilot_depts = [d["id"] for d in departments[:2]] if teams is not None else ["hr", "customer-service"]
    pilot_units = [u["id"] for u in org.units if u["id"] in pilot_depts or u.get("parent") in pilot_depts]
    out["phases.yaml"] = _dump(
        {
            "phases": [
                {
                    "id": "leadership-pilot",
                    "name": "Leadership pilot",
                    "strategy": "leadership-first",
                    "units": [company_id, *[d["id"] for d in departments]],
                    "cycles": [closed_id],
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
                },
                {
                    "id": "department-pilot",
                    "name": "Department pilot: People & HR and Customer Service"
                    if teams is None
                    else "Department pilot",
                    "strategy": "department-by-department",
                    "units": pilot_units,
                    "cycles": [running_id],
                    "entry_criteria": [
                        "Leadership pilot retrospective done and framework refined",
                        "Readiness of the pilot departments at least 'ready with gaps'",
                    ],
                    "exit_criteria": [
                        "At least 80% of expected weekly check-ins done",
                        "Average key result score of 0.5 or more",
                        "Teams can tell an outcome key result from an activity",
                    ],
                },
            ]
        },
        _HEADERS["phases.yaml"],
    )

    owners = {u["id"]: u.get("owner") for u in org.units}
    notes = content.get("checkin_notes", ["On plan."])
    finals: dict[str, list[tuple[str, float, float, float, str | None]]] = {}
    for key in ("closed", "running"):
        cycle_id, start, end = cycles[key]
        for unit_id, objectives in okrs.get(key, {}).items():
            unit_id = company_id if unit_id == "company" else unit_id
            members = org.members.get(unit_id) or [str(owners[unit_id])]
            written = []
            checkins: list[dict[str, Any]] = []
            for objective in objectives:
                record = _objective_record(objective, owners[unit_id], members, end)
                written.append(record)
                for kr_content, kr_record in zip(objective["key_results"], record["key_results"], strict=True):
                    checkins += _checkins(
                        kr_record,
                        kr_content,
                        key,
                        start,
                        end,
                        today,
                        members,
                        notes,
                        rng,
                        stale=unit_id == _stale_unit(okrs, key),
                    )
                    if key == "closed":
                        finals.setdefault(unit_id, []).append(
                            (
                                kr_record["id"],
                                kr_record.get("baseline", 0),
                                kr_record.get("target", 1),
                                kr_content.get("final", kr_record.get("target", 1)),
                                kr_record.get("direction"),
                            )
                        )
            out[layout.okr_file(cycle_id, unit_id)] = _dump(
                {"objectives": written}, f"OKRs of {unit_id} for {cycle_id}."
            )
            if checkins:
                checkins.sort(key=lambda c: (c["date"], c["kr"]))
                out[layout.checkin_file(cycle_id, unit_id)] = _dump(
                    {"checkins": checkins}, f"Weekly check-ins of {unit_id} for {cycle_id} (append-only)."
                )
    out.update(_reviews(content, cycles, company_id, org, okrs, finals))
    from rollout.demo.assessments import demo_assessments

    out.update(demo_assessments(org.units, org.people, closed=cycles["closed"]))
    return out


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
    notes: list[str],
    rng: random.Random,
    *,
    stale: bool,
) -> list[dict[str, Any]]:
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
        if rng.random() < 0.3:
            record["note"] = rng.choice(notes)
        out.append(record)
    return out


def _reviews(
    content: dict[str, Any],
    cycles: dict[str, tuple[str, date, date]],
    company_id: str,
    org: _Org,
    okrs: dict[str, Any],
    finals: dict[str, list[tuple[str, float, float, float, str | None]]],
) -> dict[str, str]:
    out: dict[str, str] = {}
    leaders = [u["owner"] for u in org.units if u["kind"] in ("company", "department") and u.get("owner")]
    reviews = content.get("monthly_reviews", {})
    closing = content.get("closing", {})
    overrides = {(o["objective"], o["key_result"]): o for o in closing.get("overrides", [])}
    decisions = {d["objective"]: d for d in closing.get("decisions", [])}
    for key in ("closed", "running"):
        cycle_id, start, _end = cycles[key]
        monthly = []
        for i, review in enumerate(reviews.get(key, [])):
            day = start + timedelta(days=30 * (i + 1) - 2)
            monthly.append(
                {
                    "date": day,
                    "attendees": leaders[: 6 + i % 3],
                    "notes": review["notes"],
                    "risks": review.get("risks", []),
                    "decisions": review.get("decisions", []),
                }
            )
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
    """Every unit runs OKRs in both quarters, reusing the hand-written ones as templates."""
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
