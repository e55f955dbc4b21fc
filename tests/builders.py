"""Small workspace builders for tests: say what a test needs, get a valid workspace folder.

Tests that check a figure or a flow build the few records the figure depends on instead of
leaning on ids of the demo organization (which changes with the demo's story). The demo stays
in a few end-to-end tests.

    org = Org(as_of=date(2027, 2, 15))
    org.person("ana").unit("mini", "company", owner="ana")
    org.cycle("2027-Q1", date(2027, 1, 1), date(2027, 3, 31))
    org.objective("2027-Q1", "mini", "grow", krs=[kr("grow-kr1", baseline=30, target=45)])
    org.checkin("2027-Q1", "mini", "grow-kr1", date(2027, 1, 4), 33, confidence=7)
    root = org.write(tmp_path / "ws")

Every method returns the builder, so calls chain. Ids are the workspace's (lowercase slugs);
names and titles default to readable text made from the id. ``write`` returns the root folder.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import yaml

Record = dict[str, Any]


def kr(
    id: str,
    *,
    baseline: float | None = 0,
    target: float | None = 100,
    direction: str | None = "increase",
    title: str | None = None,
    owner: str | None = None,
    **extra: Any,
) -> Record:
    """One key result (``metric``, ``unit_of_measure``, ``due``, ``weight``, ... go in ``extra``).

    The title names the starting point and the target, as the quality rules expect.
    """
    record: Record = {"id": id}
    record["title"] = title or f"Move {id} from {baseline} to {target}"
    for key, value in (("direction", direction), ("baseline", baseline), ("target", target), ("owner", owner)):
        if value is not None:
            record[key] = value
    record.update(extra)
    return record


class Org:
    """A workspace under construction: people, units, cycles, OKRs, check-ins, reviews, phases."""

    def __init__(self, name: str = "Mini Co", *, as_of: date | None = date(2027, 2, 15), **settings: Any) -> None:
        self.settings: Record = {"version": 1, "organization": name, **settings}
        if as_of is not None:
            self.settings["as_of"] = as_of
        self.people: list[Record] = []
        self.units: list[Record] = []
        self.cycles: list[Record] = []
        self.phases: list[Record] = []
        self.priorities: list[Record] = []
        self.okrs: dict[tuple[str, str], list[Record]] = {}
        self.checkins: dict[tuple[str, str], list[Record]] = {}
        self.reviews: dict[tuple[str, str], Record] = {}
        self.assessments: dict[tuple[str, str], Record] = {}

    # --- organization ---------------------------------------------------------------------

    def person(self, id: str, name: str | None = None, **extra: Any) -> Org:
        self.people.append({"id": id, "name": name or id.replace("-", " ").title(), **extra})
        return self

    def unit(self, id: str, kind: str, *, parent: str | None = None, owner: str | None = None, **extra: Any) -> Org:
        """A unit (``company``, ``department`` or ``team``); its owner is added as a person if unknown."""
        record: Record = {"id": id, "name": extra.pop("name", id.replace("-", " ").title()), "kind": kind}
        if parent is not None:
            record["parent"] = parent
        if owner is not None:
            record["owner"] = owner
            if all(p["id"] != owner for p in self.people):
                self.person(owner, unit=id)
        self.units.append({**record, **extra})
        return self

    def cycle(self, id: str, start: date, end: date, status: str = "running", **extra: Any) -> Org:
        self.cycles.append({"id": id, "start": start, "end": end, "status": status, **extra})
        return self

    def phase(
        self, id: str, units: list[str], cycles: list[str], strategy: str = "leadership-first", **extra: Any
    ) -> Org:
        record = {"id": id, "name": extra.pop("name", id.replace("-", " ").capitalize()), "strategy": strategy}
        self.phases.append({**record, "units": units, "cycles": cycles, **extra})
        return self

    def priority(self, id: str, title: str | None = None, **extra: Any) -> Org:
        self.priorities.append({"id": id, "title": title or id.replace("-", " ").capitalize(), **extra})
        return self

    # --- OKRs and what happens to them -------------------------------------------------------

    def objective(
        self,
        cycle: str,
        unit: str,
        id: str,
        *,
        krs: list[Record] | None = None,
        title: str | None = None,
        owner: str | None = None,
        **extra: Any,
    ) -> Org:
        """An objective of ``unit`` in ``cycle``; the owner defaults to the unit's owner."""
        owner = owner or next((u.get("owner") for u in self.units if u["id"] == unit), None)
        record: Record = {"id": id, "title": title or f"Make {id.replace('-', ' ')} happen"}
        if owner is not None:
            record["owner"] = owner
        record.update(extra)
        record["key_results"] = [dict(k, owner=k.get("owner", owner)) if owner else dict(k) for k in krs or []]
        self.okrs.setdefault((cycle, unit), []).append(record)
        return self

    def checkin(
        self,
        cycle: str,
        unit: str,
        kr: str,
        day: date,
        value: float,
        *,
        confidence: int | None = 7,
        author: str | None = None,
        **extra: Any,
    ) -> Org:
        record: Record = {"kr": kr, "date": day, "value": value}
        if confidence is not None:
            record["confidence"] = confidence
        if author is not None:
            record["author"] = author
        self.checkins.setdefault((cycle, unit), []).append({**record, **extra})
        return self

    def weekly(
        self, cycle: str, unit: str, kr: str, first: date, values: list[float], *, confidence: int = 7, **extra: Any
    ) -> Org:
        """One check-in a week from ``first`` on, one per value."""
        from datetime import timedelta

        for week, value in enumerate(values):
            self.checkin(cycle, unit, kr, first + timedelta(weeks=week), value, confidence=confidence, **extra)
        return self

    def _review(self, cycle: str, unit: str) -> Record:
        return self.reviews.setdefault((cycle, unit), {})

    def score(
        self, cycle: str, unit: str, kr: str, score: float, *, override: float | None = None, reason: str | None = None
    ) -> Org:
        """An end-of-cycle score (with an optional override and its reason)."""
        record: Record = {"kr": kr, "score": score}
        if override is not None:
            record["override"] = override
            record["reason"] = reason or "agreed at the end-of-cycle review"
        self._review(cycle, unit).setdefault("scores", []).append(record)
        return self

    def decision(self, cycle: str, unit: str, objective: str, decision: str, note: str = "") -> Org:
        record: Record = {"objective": objective, "decision": decision}
        if note:
            record["note"] = note
        self._review(cycle, unit).setdefault("decisions", []).append(record)
        return self

    def monthly_review(self, cycle: str, unit: str, day: date, attendees: list[str], **extra: Any) -> Org:
        self._review(cycle, unit).setdefault("monthly", []).append({"date": day, "attendees": attendees, **extra})
        return self

    def lessons(self, cycle: str, unit: str, *lines: str) -> Org:
        self._review(cycle, unit).setdefault("lessons", []).extend(lines)
        return self

    def assessment(self, questionnaire: str, respondent: str, **fields: Any) -> Org:
        """``assessments/<questionnaire>/<respondent>.yaml`` (``version``, ``date``, ``answers``, ...)."""
        self.assessments[(questionnaire, respondent)] = {
            "questionnaire": questionnaire,
            "version": fields.pop("version", 1),
            "respondent": respondent,
            **fields,
        }
        return self

    # --- output ---------------------------------------------------------------------------------

    def files(self) -> dict[str, Record]:
        """Relative path → YAML document, in a fixed order."""
        out: dict[str, Record] = {"rollout.yaml": self.settings, "people.yaml": {"people": self.people}}
        out["units.yaml"] = {"units": self.units}
        out["cycles.yaml"] = {"cycles": self.cycles}
        if self.priorities:
            out["priorities.yaml"] = {"priorities": self.priorities}
        if self.phases:
            out["phases.yaml"] = {"phases": self.phases}
        for (cycle, unit), objectives in self.okrs.items():
            out[f"okrs/{cycle}/{unit}.yaml"] = {"objectives": objectives}
        for (cycle, unit), entries in self.checkins.items():
            out[f"checkins/{cycle}/{unit}.yaml"] = {"checkins": entries}
        for (cycle, unit), review in self.reviews.items():
            out[f"reviews/{cycle}/{unit}.yaml"] = review
        for (questionnaire, respondent), answers in self.assessments.items():
            out[f"assessments/{questionnaire}/{respondent}.yaml"] = answers
        return out

    def write(self, root: Path) -> Path:
        """Write the workspace into ``root`` (created; files already there are replaced); returns ``root``."""
        for name, document in self.files().items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True), encoding="utf-8")
        return root


def two_quarters(as_of: date = date(2026, 11, 24)) -> Org:
    """A company with one department and one team, a closed and a running quarter, leaders who check in.

    The shape the metrics and flows tests need (hand-checkable figures):

    - ``co`` (company, owner ``ceo``) → ``hr`` (department, owner ``hr-lead``) → ``hiring`` (team, owner ``recruiter``);
    - ``2026-Q3`` closed (1 Jul–30 Sep), ``2026-Q4`` running (1 Oct–31 Dec), check-ins on Mondays;
    - Q4: ``co-careers`` ← ``hr-hire-faster`` (kr1: days to hire 30 → 22, kr2: offers 0 → 40) ←
      ``hiring-pipeline`` (kr1: 10 → 50 candidates), and an orphan ``hiring-orphan``;
    - Q3: ``hr-c-hiring`` with two scored key results, one of them overridden.
    """
    org = Org("Mini Freight", as_of=as_of)
    org.unit("co", "company", owner="ceo", name="Mini Freight")
    org.unit("hr", "department", parent="co", owner="hr-lead", name="People & HR")
    org.unit("hiring", "team", parent="hr", owner="recruiter")
    org.cycle("2026-Q3", date(2026, 7, 1), date(2026, 9, 30), "closed")
    org.cycle("2026-Q4", date(2026, 10, 1), date(2026, 12, 31), "running")
    org.objective("2026-Q3", "co", "co-c-people", krs=[kr("co-c-people-kr1", baseline=60, target=80)])
    org.objective(
        "2026-Q3",
        "hr",
        "hr-c-hiring",
        parent="co-c-people",
        krs=[kr("hr-c-hiring-kr1", baseline=40, target=60), kr("hr-c-hiring-kr2", baseline=50, target=75)],
    )
    org.score("2026-Q3", "co", "co-c-people-kr1", 0.75)
    org.score("2026-Q3", "hr", "hr-c-hiring-kr1", 0.85)
    org.score("2026-Q3", "hr", "hr-c-hiring-kr2", 0.64, override=0.8, reason="one site's sign-on bonus war")
    org.decision("2026-Q3", "hr", "hr-c-hiring", "refined", "cover every frontline role")
    org.objective("2026-Q4", "co", "co-careers", krs=[kr("co-careers-kr1", baseline=60, target=80)])
    org.objective(
        "2026-Q4",
        "hr",
        "hr-hire-faster",
        parent="co-careers",
        krs=[
            kr("hr-hire-faster-kr1", baseline=30, target=22, direction="decrease", unit_of_measure="days"),
            kr("hr-hire-faster-kr2", baseline=0, target=40, unit_of_measure="offers"),
        ],
    )
    org.objective(
        "2026-Q4",
        "hiring",
        "hiring-pipeline",
        parent="hr-hire-faster",
        krs=[kr("hiring-pipeline-kr1", baseline=10, target=50)],
    )
    org.objective("2026-Q4", "hiring", "hiring-orphan", krs=[kr("hiring-orphan-kr1", baseline=0, target=10)])
    return org
