"""The demo's questionnaire answers: readiness before the pilot, retrospectives after it.

Six leaders of Larkspur Freight answered the readiness assessment three weeks
before the leadership pilot. They broadly agree, except on metric discipline:
the CEO and the CFO see dashboards everywhere, the heads of Customer Service and
Operations know the figures nobody trusts, so the report shows that
disagreement as a leadership-alignment gap. Leadership alignment itself is only
partly there, which is why the assessment recommends the leadership-first pilot
the demo then ran.

After the leadership pilot (the closed quarter) the leaders answered the pilot
retrospective, and the head of People & HR the cycle retrospective.

Answers are keyed by the role of the respondent: the company owner ("ceo") or a
department id. Leaders missing from the organization (a synthetic demo has the
same department ids, so this is rare) are skipped.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import yaml

from rollout.workspace import layout

_READINESS: dict[str, dict[str, Any]] = {
    "ceo": {
        "leaders-agree": 3,
        "priority-count": 5,
        "heads-same-list": 3,
        "priorities-written": True,
        "priorities-shared": 3,
        "priorities-from-strategy": 4,
        "metrics-tracked": ["revenue", "customer", "speed", "cost"],
        "baselines-known": 5,
        "numbers-trusted": 4,
        "goals-visible": 3,
        "misses-discussed": 3,
        "review-frequency": "monthly",
        "conversations": 3,
        "frame-exists": True,
        "goals-linked": 3,
        "okr-not-kpi": 4,
        "has-sponsor": True,
        "program-owner": "no-time",
        "owner-hours": 4,
        "leaders-take-part": 4,
        "pilot-departments": ["hr", "sales"],
        "concerns": "That we write OKRs for everything we already do and call it strategy.",
    },
    "hr": {
        "leaders-agree": 3,
        "priority-count": 5,
        "heads-same-list": 2,
        "priorities-written": True,
        "priorities-shared": 2,
        "priorities-from-strategy": 3,
        "metrics-tracked": ["customer", "people"],
        "baselines-known": 3,
        "numbers-trusted": 3,
        "goals-visible": 2,
        "misses-discussed": 3,
        "review-frequency": "monthly",
        "conversations": 2,
        "frame-exists": True,
        "goals-linked": 2,
        "okr-not-kpi": 3,
        "has-sponsor": True,
        "program-owner": "no-time",
        "owner-hours": 4,
        "leaders-take-part": 3,
        "pilot-departments": ["hr", "customer-service"],
        "concerns": "Managers will see OKRs as a new appraisal form unless we keep scores out of pay talks.",
    },
    "customer-service": {
        "leaders-agree": 3,
        "priority-count": 6,
        "heads-same-list": 2,
        "priorities-written": True,
        "priorities-shared": 2,
        "priorities-from-strategy": 3,
        "metrics-tracked": ["speed"],
        "baselines-known": 2,
        "numbers-trusted": 1,
        "goals-visible": 2,
        "misses-discussed": 2,
        "review-frequency": "fortnightly",
        "conversations": 3,
        "frame-exists": True,
        "goals-linked": 2,
        "okr-not-kpi": 3,
        "has-sponsor": True,
        "program-owner": "no-time",
        "owner-hours": 3,
        "leaders-take-part": 3,
        "pilot-departments": ["customer-service", "hr"],
        "concerns": "Ticket data lives in three tools and every report gives a different response time.",
    },
    "operations": {
        "leaders-agree": 3,
        "priority-count": 7,
        "heads-same-list": 3,
        "priorities-written": True,
        "priorities-shared": 3,
        "priorities-from-strategy": 3,
        "metrics-tracked": ["speed"],
        "baselines-known": 1,
        "numbers-trusted": 1,
        "goals-visible": 2,
        "misses-discussed": 2,
        "review-frequency": "weekly",
        "conversations": 2,
        "frame-exists": False,
        "okr-not-kpi": 3,
        "has-sponsor": True,
        "program-owner": "no-time",
        "owner-hours": 2,
        "leaders-take-part": 3,
        "pilot-departments": ["operations"],
        "concerns": "On-time figures are rebuilt by hand each month; we argue about the number, not the fix.",
    },
    "sales": {
        "leaders-agree": 4,
        "priority-count": 5,
        "heads-same-list": 3,
        "priorities-written": True,
        "priorities-shared": 3,
        "priorities-from-strategy": 4,
        "metrics-tracked": ["revenue", "customer", "cost"],
        "baselines-known": 4,
        "numbers-trusted": 3,
        "goals-visible": 3,
        "misses-discussed": 2,
        "review-frequency": "fortnightly",
        "conversations": 3,
        "frame-exists": True,
        "goals-linked": 3,
        "okr-not-kpi": 3,
        "has-sponsor": True,
        "program-owner": "no-time",
        "owner-hours": 4,
        "leaders-take-part": 4,
        "pilot-departments": ["sales", "customer-service"],
        "concerns": "Sales already has quotas; OKRs must not become a second set of targets.",
    },
    "finance": {
        "leaders-agree": 3,
        "priority-count": 6,
        "heads-same-list": 3,
        "priorities-written": True,
        "priorities-shared": 3,
        "priorities-from-strategy": 4,
        "metrics-tracked": ["revenue", "cost", "speed", "customer"],
        "baselines-known": 5,
        "numbers-trusted": 5,
        "goals-visible": 3,
        "misses-discussed": 3,
        "review-frequency": "monthly",
        "conversations": 3,
        "frame-exists": True,
        "goals-linked": 3,
        "okr-not-kpi": 4,
        "has-sponsor": True,
        "program-owner": "no-time",
        "owner-hours": 4,
        "leaders-take-part": 3,
        "pilot-departments": ["hr"],
    },
}

_PILOT_RETRO: dict[str, dict[str, Any]] = {
    "ceo": {
        "objectives-clear": 4,
        "objectives-few": 4,
        "kr-understood": 4,
        "kr-outcomes": 3,
        "checkin-rhythm": "about-right",
        "checkin-minutes": 15,
        "leaders-involved": 3,
        "ready-to-expand": True,
        "expand-to": ["hr", "customer-service"],
        "change-first": "Every key result gets a baseline from a live system before the quarter starts.",
        "keep": "The monthly review with all department heads in one room.",
    },
    "hr": {
        "objectives-clear": 4,
        "objectives-few": 3,
        "kr-understood": 3,
        "kr-outcomes": 3,
        "checkin-rhythm": "about-right",
        "checkin-minutes": 20,
        "leaders-involved": 3,
        "ready-to-expand": True,
        "expand-to": ["hr", "customer-service"],
        "change-first": "A one-hour workshop on outcome versus activity key results before teams draft.",
        "keep": "Weekly check-ins on Monday morning.",
    },
    "customer-service": {
        "objectives-clear": 4,
        "objectives-few": 4,
        "kr-understood": 3,
        "kr-outcomes": 2,
        "checkin-rhythm": "about-right",
        "checkin-minutes": 15,
        "leaders-involved": 3,
        "ready-to-expand": True,
        "expand-to": ["customer-service"],
        "change-first": "Name a second owning department for cross-functional objectives such as delay alerts.",
    },
    "operations": {
        "objectives-clear": 3,
        "objectives-few": 3,
        "kr-understood": 3,
        "kr-outcomes": 3,
        "checkin-rhythm": "too-often",
        "checkin-minutes": 35,
        "leaders-involved": 3,
        "ready-to-expand": True,
        "expand-to": ["customer-service"],
        "change-first": "Fewer key results lifted from the operations dashboard; they were met without any change.",
    },
    "sales": {
        "objectives-clear": 4,
        "objectives-few": 4,
        "kr-understood": 4,
        "kr-outcomes": 4,
        "checkin-rhythm": "about-right",
        "checkin-minutes": 10,
        "leaders-involved": 4,
        "ready-to-expand": True,
        "expand-to": ["hr", "sales"],
        "change-first": "Grow a few teams at a time with a coach for each new department.",
    },
}

_CYCLE_RETRO: dict[str, dict[str, Any]] = {
    "hr": {
        "focus": 4,
        "alignment": 3,
        "targets": "right",
        "went-well": "Survey participation beat its target and the monthly pulse is now routine.",
        "did-not": "Annual attrition barely moved within the quarter; it is too slow to steer this way.",
        "lessons": "Target the first months of frontline staff, where most leavers go.",
        "carry-over": False,
    },
}


def _dump(data: dict[str, Any], header: str) -> str:
    body = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return "".join(f"# {line}\n" for line in header.splitlines()) + body


def _respondents(units: list[dict[str, Any]], people: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Role key ("ceo" or a department id) → the person record of its leader."""
    by_id = {p["id"]: p for p in people}
    out: dict[str, dict[str, Any]] = {}
    for unit in units:
        owner = by_id.get(unit.get("owner") or "")
        if owner is None:
            continue
        if unit["kind"] == "company":
            out["ceo"] = owner
        elif unit["kind"] == "department":
            out[unit["id"]] = owner
    return out


def _record(
    questionnaire: str, person: dict[str, Any], day: date, answers: dict[str, Any], departments: set[str]
) -> dict[str, Any]:
    fitted = {
        k: ([u for u in v if u in departments] if k in ("pilot-departments", "expand-to") else v)
        for k, v in answers.items()
    }
    record: dict[str, Any] = {"questionnaire": questionnaire, "version": 1, "respondent": person["id"]}
    if person.get("title"):
        record["role"] = person["title"]
    if person.get("unit"):
        record["unit"] = person["unit"]
    record.update({"date": day, "complete": True, "answers": fitted})
    return record


def demo_assessments(
    units: list[dict[str, Any]],
    people: list[dict[str, Any]],
    *,
    closed: tuple[str, date, date],
    pilot_phase: str = "leadership-pilot",
) -> dict[str, str]:
    """The demo's assessment files, {relative path: text}. ``closed`` = (cycle id, start, end) of the pilot."""
    cycle_id, start, end = closed
    leaders = _respondents(units, people)
    departments = {u["id"] for u in units if u["kind"] == "department"}
    out: dict[str, str] = {}
    header = "Answers of {name} to '{title}' (demo data)."
    plans: tuple[tuple[str, str, dict[str, dict[str, Any]], date, dict[str, Any]], ...] = (
        ("readiness", "OKR readiness assessment", _READINESS, start - timedelta(days=24), {}),
        ("pilot-retrospective", "Pilot retrospective", _PILOT_RETRO, end + timedelta(days=4), {"phase": pilot_phase}),
        ("cycle-retrospective", "Cycle retrospective", _CYCLE_RETRO, end + timedelta(days=5), {"cycle": cycle_id}),
    )
    for questionnaire, title, answers_by_role, day, extra in plans:
        for n, (role, answers) in enumerate(answers_by_role.items()):
            person = leaders.get(role)
            if person is None:
                continue
            record = _record(questionnaire, person, day + timedelta(days=n % 3), {**extra, **answers}, departments)
            out[layout.assessment_file(questionnaire, person["id"])] = _dump(
                record, header.format(name=person["name"], title=title)
            )
    return out
