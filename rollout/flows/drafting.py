"""Guided drafting (``rollout draft``): company, then departments, then teams.

The facilitator's workshop on a projector. Company level first: a few strategic
priorities (the tool pushes back past five), then objectives linked to them.
Departments pick the company objective each of theirs supports (its text and
key results are shown) or mark it bottom-up or cross-functional with the
contributing units; teams do the same against department objectives. Each key
result gets a metric, direction, baseline, target, unit of measure, owner and
due date (default: the cycle end).

Every line typed is checked at once with :func:`rollout.rules.check_draft`: a
finding shows its hint and a good example, and the facilitator rewrites the
line or keeps it with a reason (stored as a ``suppress`` entry). Existing
objectives can be edited. Each objective is saved as soon as it is complete
(round-trip edit of ``okrs/<cycle>/<unit>.yaml``), so Ctrl-C keeps everything
saved so far. ``--answers FILE`` drafts the same way without questions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rollout.errors import UsageError
from rollout.flows.answers import as_date, as_float, field_error, fresh_date
from rollout.plural import plural
from rollout.workspace import editing, layout
from rollout.workspace.create import slugify
from rollout.workspace.models import (
    MAX_ID_LENGTH,
    Cycle,
    Objective,
    OkrFile,
    PrioritiesFile,
    Suppression,
    check_slug,
)
from rollout.workspace.workspace import Workspace

if TYPE_CHECKING:
    from rollout.rules import Finding

Level = Literal["company", "department", "team"]
MAX_PRIORITIES = 5
MAX_OBJECTIVES = 5
MIN_KEY_RESULTS = 3
MAX_KEY_RESULTS = 5
DIRECTIONS = ("increase", "decrease", "milestone")


def _rules() -> tuple[Callable[..., list[Finding]], Mapping[str, Any]]:
    """The quality rules' draft checker, imported when drafting starts (not by `rollout --help`)."""
    from rollout.rules import REGISTRY, check_draft

    return check_draft, REGISTRY


def example_for(code: str) -> str:
    """The first good example of a rule, for the hint shown while drafting."""
    _check, registry = _rules()
    rule = registry.get(code)
    if rule is None:
        return ""
    good = str(rule.sections().get("good", ""))
    lines = [line.strip() for line in good.splitlines() if line.strip()]
    bullets = [line[2:].strip() for line in lines if line.startswith(("- ", "* "))]
    if bullets:
        return bullets[0]
    body = [line for line in lines if not line.startswith("```")]
    return " · ".join(body[:4]) if lines and lines[0].startswith("```") else " ".join(body)[:160]


# --- the session: what exists and what was drafted ------------------------------------


@dataclass
class Session:
    """The objectives of one cycle as plain records, kept up to date as the facilitator saves."""

    root: Path
    ws: Workspace
    cycle: Cycle
    by_unit: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    priorities: list[dict[str, Any]] = field(default_factory=list)
    taken: set[str] = field(default_factory=set)
    saved: list[str] = field(default_factory=list)  # "unit/objective" in save order

    @classmethod
    def open(cls, root: Path, ws: Workspace, cycle: Cycle) -> Session:
        session = cls(root, ws, cycle)
        for unit in ws.units_in(cycle.id):
            session.by_unit[unit] = [
                o.model_dump(mode="python", exclude_defaults=True) for o in ws.objectives_in(cycle.id, unit)
            ]
        session.priorities = [
            {"id": p.id, "title": p.title} for p in ws.priorities.values() if not p.cycles or cycle.id in p.cycles
        ]
        session.taken = set(ws.objectives) | set(ws.key_results)
        return session

    def level(self, unit_id: str) -> Level:
        kind: Level = self.ws.units[unit_id].kind
        return kind

    def objective(self, objective_id: str) -> dict[str, Any] | None:
        for records in self.by_unit.values():
            for record in records:
                if record["id"] == objective_id:
                    return record
        return None

    def parents_for(self, unit_id: str) -> list[dict[str, Any]]:
        """Objectives a unit's objective may support: the company's for departments, the department's for teams."""
        unit = self.ws.units[unit_id]
        if unit.kind == "company" or unit.parent is None:
            return []
        return list(self.by_unit.get(unit.parent, []))

    def new_id(self, title: str, unit_id: str) -> str:
        """A short readable id: the unit (or its initials) and three words of the title, unique in the workspace."""
        base = objective_id_for(title, unit_id)
        candidate, n = base, 2
        while candidate in self.taken:
            candidate, n = f"{base}-{n}", n + 1
        self.taken.add(candidate)
        return candidate

    def save(self, unit_id: str, record: dict[str, Any], *, write: bool = True) -> str:
        """Save one objective (``write=False`` only stages it, so later records can refer to it)."""
        relpath = layout.okr_file(self.cycle.id, unit_id)
        if write:
            save_objective(self.root, self.cycle.id, unit_id, record)
        records = self.by_unit.setdefault(unit_id, [])
        for i, existing in enumerate(records):
            if existing["id"] == record["id"]:
                records[i] = record
                break
        else:
            records.append(record)
        self.taken.add(record["id"])
        self.taken.update(kr["id"] for kr in record.get("key_results", []))
        if write:
            self.saved.append(f"{unit_id}/{record['id']}")
        return relpath

    def add_priority(self, title: str, description: str = "", *, write: bool = True) -> dict[str, Any]:
        """Add a priority for this cycle to priorities.yaml (``write=False``: only in memory, for references)."""
        ids = {p["id"] for p in self.priorities} | set(self.ws.priorities)
        base = slugify(title, max_length=40)
        pid, n = base, 2
        while pid in ids:
            pid, n = f"{base}-{n}", n + 1
        record: dict[str, Any] = {"id": pid, "title": title}
        if description:
            record["description"] = description
        record["cycles"] = [self.cycle.id]
        if write:
            write_priorities(self.root, [record])
        self.priorities.append(record)
        return record


def write_priorities(root: Path, records: list[dict[str, Any]]) -> None:
    editing.append(
        root,
        "priorities.yaml",
        "priorities",
        records,
        model=PrioritiesFile,
        header="Strategic priorities that company objectives serve.",
    )


_FILLER = {
    "a", "an", "the", "of", "to", "for", "and", "or", "our", "we", "us", "with", "in", "on", "by", "at", "from",
    "make", "be", "become", "get", "every", "all", "more", "most", "that", "so", "it", "its", "their", "they",
}  # fmt: skip


def objective_id_for(title: str, unit_id: str) -> str:
    """``hr`` + "Fill frontline roles quickly" → ``hr-fill-frontline-roles``; long unit ids shrink to initials."""
    prefix = unit_id if len(unit_id) <= 12 else "".join(part[0] for part in unit_id.split("-") if part)
    words = [w for w in slugify(title, max_length=200).split("-") if w and w not in _FILLER]
    return slugify(" ".join([prefix, *words[:3]]), max_length=MAX_ID_LENGTH - 12)


def ordered_units(ws: Workspace, units: Sequence[str] | None = None) -> list[str]:
    """Company first, then departments, then teams (each in units.yaml order)."""
    chosen = list(units) if units is not None else list(ws.units)
    return sorted(chosen, key=lambda u: ws.level(u))


def draft_cycle(ws: Workspace, cycle_id: str | None) -> Cycle:
    """The cycle to draft: the one named, else the running one, else the first planned one."""
    if cycle_id is not None:
        cycle = ws.cycle(cycle_id)
    else:
        planned = [c for c in ws.cycles.values() if c.status == "planned"]
        found = ws.running_cycle() or (planned[0] if planned else None)
        if found is None:
            raise UsageError(
                "no running or planned cycle to draft", hint="add one to cycles.yaml or run `rollout next`"
            )
        cycle = found
    if cycle.status == "closed":
        raise UsageError(f"cycle {cycle.id} is closed; draft the next one (`rollout next {cycle.id}`)")
    return cycle


# --- checking and saving --------------------------------------------------------------


def check(record: Mapping[str, Any], level: Level, session: Session) -> list[Finding]:
    """Quality findings of an objective record (with the suppressions it carries)."""
    check_draft, _registry = _rules()
    objective = Objective.model_validate(record)
    findings: list[Finding] = check_draft(
        objective, level=level, config=session.ws.settings.rules, cycle=session.cycle, today=session.ws.today
    )
    return findings


def _merge(node: Any, data: Mapping[str, Any]) -> None:
    """Update a round-trip mapping in place, keeping comments on what did not change."""
    from ruamel.yaml.compat import ordereddict

    from rollout.workspace.editing import to_plain, to_yaml_value

    for key in [k for k in node if k not in data]:
        del node[key]
    for position, (key, value) in enumerate(data.items()):
        if key not in node:
            # A new key goes where the record has it (after the keys before it), not at the end:
            # a parent added to a carried objective belongs above its key results.
            before = [k for k in list(data)[:position] if k in node]
            node.insert(list(node).index(before[-1]) + 1 if before else 0, key, to_yaml_value(value))
        elif key == "key_results" and isinstance(node.get(key), list):
            old = {str(item.get("id")): item for item in node[key] if hasattr(item, "get")}
            seq = to_yaml_value([])
            for kr in value:
                if kr["id"] in old:
                    _merge(old[kr["id"]], kr)
                    seq.append(old[kr["id"]])
                else:
                    seq.append(to_yaml_value(kr))
            node[key] = seq
        elif to_plain(node[key]) != to_plain(value):
            # Not ``node[key] = …``: ruamel would keep the old value's quoting ('%' → 'tickets');
            # a changed value is written in the tool's style, in the same place.
            ordereddict.__setitem__(node, key, to_yaml_value(value))


def save_objective(root: Path, cycle_id: str, unit_id: str, record: dict[str, Any]) -> str:
    """Create or update one objective in ``okrs/<cycle>/<unit>.yaml`` (round trip, validated, atomic)."""
    return save_objectives(root, cycle_id, unit_id, [record])


def save_objectives(root: Path, cycle_id: str, unit_id: str, records: Sequence[dict[str, Any]]) -> str:
    """Create or update objectives of one unit in a single round-trip edit of its file (in the given order)."""
    from rollout.workspace.editing import to_yaml_value

    relpath = layout.okr_file(cycle_id, unit_id)
    with editing.edit(root, relpath, model=OkrFile, header=f"OKRs of {unit_id} for {cycle_id}.") as doc:
        if doc.get("objectives") is None:
            doc["objectives"] = to_yaml_value([])
        items = doc["objectives"]
        for record in records:
            for item in items:
                if str(item.get("id")) == record["id"]:
                    _merge(item, record)
                    break
            else:
                items.append(to_yaml_value(record))
    return relpath


# --- from an answers file -------------------------------------------------------------


@dataclass(frozen=True)
class DraftResult:
    cycle: str
    saved: tuple[str, ...]
    priorities: tuple[str, ...]
    findings: tuple[tuple[str, Finding], ...]  # (objective id, finding) left open


def _suppressions(value: Any, source: str, where: str) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, dict):
        raise field_error(source, where, "expected a mapping of rule code to the reason for keeping it")
    out = []
    for code, reason in value.items():
        if not str(reason or "").strip():
            raise field_error(source, f"{where}.{code}", "keeping a finding needs a reason")
        Suppression.model_validate({"rule": str(code), "reason": str(reason)})
        out.append({"rule": str(code), "reason": str(reason).strip()})
    return out


def record_from_answers(
    data: Mapping[str, Any], unit_id: str, session: Session, source: str, where: str
) -> dict[str, Any]:
    """An objective record from an answers entry; references are checked against the workspace and the draft."""
    ws = session.ws
    if not isinstance(data, dict) or not str(data.get("title") or "").strip():
        raise field_error(source, where, "an objective needs at least a title")
    existing = session.objective(str(data["id"])) if data.get("id") else None
    objective_id = str(data.get("id") or session.new_id(str(data["title"]), unit_id))
    try:
        check_slug(objective_id)
    except ValueError as exc:
        raise field_error(source, f"{where}.id", str(exc)) from None
    if existing is None and data.get("id") and objective_id in session.taken:
        raise field_error(source, f"{where}.id", f"{objective_id!r} is already used in the workspace")
    session.taken.add(objective_id)
    record: dict[str, Any] = {"id": objective_id, "title": str(data["title"]).strip()}
    owner = data.get("owner") or ws.units[unit_id].owner
    if owner is not None and owner not in ws.people:
        raise field_error(source, f"{where}.owner", f"unknown person {owner!r}")
    if owner:
        record["owner"] = owner
    parent = data.get("parent")
    if parent is not None:
        if session.objective(str(parent)) is None and parent not in ws.objectives:
            raise field_error(source, f"{where}.parent", f"no objective {parent!r} (draft the level above first)")
        record["parent"] = str(parent)
    alignment = data.get("alignment")
    if alignment is not None:
        if alignment not in ("bottom_up", "cross_functional"):
            raise field_error(source, f"{where}.alignment", "use bottom_up or cross_functional")
        record["alignment"] = alignment
    contributors = data.get("contributors") or []
    for unit in contributors:
        if unit not in ws.units:
            raise field_error(source, f"{where}.contributors", f"unknown unit {unit!r}")
    if contributors:
        record["contributors"] = list(contributors)
    priority = data.get("priority")
    if priority is not None:
        if priority not in {p["id"] for p in session.priorities} | set(ws.priorities):
            raise field_error(source, f"{where}.priority", f"unknown priority {priority!r}")
        record["priority"] = priority
    for key in ("description", "carried_from"):
        if data.get(key):
            record[key] = data[key]
    suppress = _suppressions(data.get("keep"), source, f"{where}.keep")
    if suppress:
        record["suppress"] = suppress
    krs = data.get("key_results") or []
    if not isinstance(krs, list):
        raise field_error(source, f"{where}.key_results", "expected a list")
    if len(krs) > MAX_KEY_RESULTS:
        raise field_error(source, f"{where}.key_results", f"{len(krs)} key results: keep to {MAX_KEY_RESULTS} at most")
    record["key_results"] = [
        _kr_from_answers(kr, n, objective_id, record.get("owner"), session, source, f"{where}.key_results[{n - 1}]")
        for n, kr in enumerate(krs, start=1)
    ]
    Objective.model_validate(record)
    return record


def _kr_from_answers(
    data: Any, n: int, objective_id: str, owner: str | None, session: Session, source: str, where: str
) -> dict[str, Any]:
    if isinstance(data, str):
        data = {"title": data}
    if not isinstance(data, dict) or not str(data.get("title") or "").strip():
        raise field_error(source, where, "a key result needs at least a title")
    record: dict[str, Any] = {"id": str(data.get("id") or f"{objective_id}-kr{n}"), "title": str(data["title"]).strip()}
    if data.get("metric"):
        record["metric"] = str(data["metric"])
    if data.get("direction") is not None:
        if data["direction"] not in DIRECTIONS:
            raise field_error(source, f"{where}.direction", f"use one of {', '.join(DIRECTIONS)}")
        record["direction"] = data["direction"]
    for key in ("baseline", "target"):
        if data.get(key) is not None:
            record[key] = as_float(data[key], source, f"{where}.{key}")
    if data.get("unit_of_measure"):
        record["unit_of_measure"] = str(data["unit_of_measure"])
    kr_owner = data.get("owner") or owner
    if kr_owner is not None and kr_owner not in session.ws.people:
        raise field_error(source, f"{where}.owner", f"unknown person {kr_owner!r}")
    if kr_owner:
        record["owner"] = kr_owner
    record["due"] = fresh_date(as_date(data["due"], source, f"{where}.due") if data.get("due") else session.cycle.end)
    if data.get("weight") is not None:
        record["weight"] = as_float(data["weight"], source, f"{where}.weight")
    if data.get("health_metric"):
        record["health_metric"] = True
    suppress = _suppressions(data.get("keep"), source, f"{where}.keep")
    if suppress:
        record["suppress"] = suppress
    return record


def draft_from_answers(
    root: Path, ws: Workspace, data: Mapping[str, Any], source: str, *, echo: Callable[[str], None] = print
) -> DraftResult:
    """Draft from an answers file::

        cycle: 2027-Q1                       # default: the running cycle, else the first planned one
        priorities: [Win the mid-market, …]  # company priorities to add (titles or {title, description})
        units:
          <unit id>:
            - title: …                       # id: to edit an existing objective
              priority | parent | alignment: bottom_up|cross_functional, contributors: […]
              keep: {OKR101: reason}         # findings kept on purpose
              key_results:
                - {title, metric, direction, baseline, target, unit_of_measure, owner, due, keep}

    Units are drafted company first, then departments, then teams; every objective is
    checked and saved in turn. Findings that were not kept are returned (and echoed).
    """
    cycle = draft_cycle(ws, data.get("cycle"))
    session = Session.open(root, ws, cycle)
    units = data.get("units") or {}
    if not isinstance(units, dict):
        raise field_error(source, "units", "expected a mapping of unit id to a list of objectives")
    for unit_id in units:
        if unit_id not in ws.units:
            raise field_error(source, f"units.{unit_id}", f"unknown unit {unit_id!r}")
    raw_priorities = data.get("priorities") or []
    if not isinstance(raw_priorities, list):
        raise field_error(source, "priorities", "expected a list of titles")
    total = len(session.priorities) + len(raw_priorities)
    if total > MAX_PRIORITIES and not data.get("allow_many_priorities"):
        raise field_error(
            source,
            "priorities",
            f"{total} priorities for {cycle.id}: a few strategic priorities focus the company, more than "
            f"{MAX_PRIORITIES} dilute it (set allow_many_priorities: true to insist)",
        )
    added: list[dict[str, Any]] = []
    for n, item in enumerate(raw_priorities):
        title = item.get("title") if isinstance(item, dict) else item
        if not str(title or "").strip():
            raise field_error(source, f"priorities[{n}]", "a priority needs a title")
        description = str(item.get("description") or "") if isinstance(item, dict) else ""
        added.append(session.add_priority(str(title).strip(), description, write=False))
    # Build and check every record first (references resolve against what is staged above it),
    # so a mistake anywhere in the file changes nothing; then write them in order.
    staged: list[tuple[str, dict[str, Any]]] = []
    open_findings: list[tuple[str, Finding]] = []
    for unit_id in ordered_units(ws, list(units)):
        entries = units[unit_id] or []
        if not isinstance(entries, list):
            raise field_error(source, f"units.{unit_id}", "expected a list of objectives")
        existing = len(session.by_unit.get(unit_id, []))
        new = sum(1 for e in entries if not (isinstance(e, dict) and e.get("id") and session.objective(str(e["id"]))))
        if existing + new > MAX_OBJECTIVES:
            echo(f"note: {unit_id} would have {existing + new} objectives; {MAX_OBJECTIVES} at most keeps focus")
        for n, entry in enumerate(entries):
            record = record_from_answers(entry, unit_id, session, source, f"units.{unit_id}[{n}]")
            findings = check(record, session.level(unit_id), session)
            for finding in findings:
                echo(f"{unit_id}/{record['id']}: {finding.code} {finding.message} [{finding.field}]")
                echo(f"    hint: {finding.hint}")
                open_findings.append((record["id"], finding))
            session.save(unit_id, record, write=False)
            staged.append((unit_id, record))
    if added:
        write_priorities(root, added)
    by_unit: dict[str, list[dict[str, Any]]] = {}
    for unit_id, record in staged:
        by_unit.setdefault(unit_id, []).append(record)
    for unit_id, records in by_unit.items():  # one round-trip edit per file
        save_objectives(root, cycle.id, unit_id, records)
        session.saved.extend(f"{unit_id}/{record['id']}" for record in records)
    return DraftResult(cycle.id, tuple(session.saved), tuple(p["id"] for p in added), tuple(open_findings))


# --- interactive ----------------------------------------------------------------------


def _show_finding(finding: Finding) -> None:
    from rollout.flows import ui

    colour = {"error": "red", "warning": "yellow"}.get(finding.severity, "cyan")
    ui.say(ui.wrap(f"{finding.code} {finding.message}", "  "), fg=colour, bold=True)
    ui.say(ui.wrap(f"fix: {finding.hint}", "  ", "       "))
    example = example_for(finding.code)
    if example:
        ui.say(ui.wrap(f"e.g. {example}", "  ", "       "), fg="green")


def resolve_findings(
    findings: Sequence[Finding], record: dict[str, Any], kr_index: int | None, fields: Sequence[str]
) -> bool:
    """Show the findings on ``fields`` (of the objective, or of key result ``kr_index``); True means rewrite.

    Kept findings are added to the record's (or key result's) ``suppress`` list with the reason given.
    """
    from rollout.flows import ui

    prefix = "" if kr_index is None else f"key_results[{kr_index}]."
    relevant = [f for f in findings if any(f.field == prefix + name for name in fields)]
    if kr_index is not None:
        relevant += [f for f in findings if f.field == f"key_results[{kr_index}]" and f not in relevant]
    for finding in relevant:
        _show_finding(finding)
        choice = ui.select(
            "Rewrite it or keep it?", [("Rewrite", "rewrite"), ("Keep it (give a reason)", "keep")], default="rewrite"
        )
        if choice == "rewrite":
            return True
        reason = ui.text("Why keep it?", validate=lambda t: bool(t.strip()) or "a reason is required to keep a finding")
        target = record if kr_index is None else record["key_results"][kr_index]
        target.setdefault("suppress", []).append({"rule": finding.code, "reason": reason})
    return False


def _ask_checked(
    message: str,
    record: dict[str, Any],
    key: str,
    level: Level,
    session: Session,
    kr_index: int | None = None,
    default: str = "",
) -> None:
    """Ask one line, check it at once, and re-ask while the facilitator chooses to rewrite."""
    from rollout.flows import ui

    target = record if kr_index is None else record["key_results"][kr_index]
    text = default
    while True:
        text = ui.text(message, default=text, validate=lambda t: bool(t.strip()) or "required")
        target[key] = text
        if not resolve_findings(check(record, level, session), record, kr_index, [key]):
            return


def _person(message: str, session: Session, default: str | None) -> str | None:
    from rollout.flows import ui

    people = session.ws.people

    def valid(text: str) -> bool | str:
        return not text.strip() or text.strip() in people or f"unknown person id {text.strip()!r} (see people.yaml)"

    answer = ui.text(message, default=default or "", validate=valid, instruction="(person id)")
    if answer:
        person = people[answer]
        ui.hint(person.name + (f", {person.title}" if person.title else ""))
    return answer or None


def _number(message: str, default: float | None) -> float | None:
    from rollout.flows import ui

    def valid(text: str) -> bool | str:
        if not text.strip():
            return True
        try:
            float(text.replace(",", "."))
        except ValueError:
            return "a number, e.g. 42 or 3.5"
        return True

    answer = ui.text(message, default=ui.number(default) if default is not None else "", validate=valid)
    return float(answer.replace(",", ".")) if answer else None


def _link(record: dict[str, Any], unit_id: str, session: Session) -> None:
    """Priority for company objectives; parent, bottom-up or cross-functional below."""
    from rollout.flows import ui

    level = session.level(unit_id)
    if level == "company":
        if not session.priorities:
            ui.hint("No priorities yet for this cycle: add them first to link objectives to strategy.")
            return
        record.pop("priority", None)
        chosen = ui.select(
            "Which strategic priority does it serve?",
            [(p["title"], p["id"]) for p in session.priorities] + [("(none)", None)],
            default=record.get("priority"),
        )
        if chosen:
            record["priority"] = chosen
        return
    parents = session.parents_for(unit_id)
    import questionary

    from rollout.prompting import ask

    choices = [
        questionary.Choice(
            title=p["title"],
            value=p["id"],
            description=("its key results:\n" + "\n".join(f"  · {kr['title']}" for kr in p["key_results"][:5]))
            if p.get("key_results")
            else None,
        )
        for p in parents
    ]
    choices += [
        questionary.Choice(title="Bottom-up (no parent objective)", value="bottom_up"),
        questionary.Choice(title="Cross-functional (with other units)", value="cross_functional"),
    ]
    above = "company" if level == "department" else "department"
    current = record.get("parent") or record.get("alignment")
    default = next((c for c in choices if c.value == current), None)
    chosen = ask(questionary.select(f"Which {above} objective does it support?", choices=choices, default=default))
    for key in ("parent", "alignment", "contributors"):
        record.pop(key, None)
    if chosen in ("bottom_up", "cross_functional"):
        record["alignment"] = chosen
        if chosen == "cross_functional":
            units = [u for u in session.ws.units.values() if u.id != unit_id and u.kind != "company"]
            if not units:
                ui.hint("No other units to name as contributors yet.")
                return
            contributors = ui.checkbox(
                "Which units contribute? (space to tick)", [(u.name, u.id) for u in units], checked=[]
            )
            if contributors:
                record["contributors"] = contributors
    else:
        record["parent"] = chosen
        parent = session.objective(chosen)
        if parent:
            ui.hint(f"Supports: {parent['title']}")
            for kr in parent.get("key_results", []):
                ui.hint(f"  · {kr['title']}")


def _next_kr_id(record: dict[str, Any], session: Session) -> str:
    """``<objective>-krN`` with the first N free in the workspace and in the record."""
    used = session.taken | {kr["id"] for kr in record.get("key_results", [])}
    n = 1
    while f"{record['id']}-kr{n}" in used:
        n += 1
    return f"{record['id']}-kr{n}"


def _key_result(record: dict[str, Any], index: int, unit_id: str, session: Session, progress: str) -> None:
    """Ask (or edit) key result ``index`` of the record field by field."""
    from rollout.flows import ui

    level = session.level(unit_id)
    krs = record.setdefault("key_results", [])
    if index == len(krs):
        krs.append({"id": _next_kr_id(record, session), "title": ""})
    kr = krs[index]
    ui.say()
    ui.say(f"Key result {index + 1} · {progress}", fg="cyan")
    ui.hint('An outcome with a number, e.g. "Raise on-time delivery from 92% to 95%", not an activity.')
    _ask_checked(
        "Key result (an outcome you can measure):", record, "title", level, session, index, kr.get("title", "")
    )
    _kr_fields(record, kr, session)
    fields = ["metric", "direction", "baseline", "target", "unit_of_measure", "owner", "due"]
    while resolve_findings(check(record, level, session), record, index, fields):
        _kr_fields(record, kr, session)


_DECREASE_WORDS = {
    "reduce",
    "cut",
    "lower",
    "shorten",
    "decrease",
    "drop",
    "halve",
    "minimize",
    "minimise",
    "eliminate",
}


def guess_direction(title: str) -> str:
    """``decrease`` for titles opening with reduce/cut/lower…, else ``increase`` (only a default)."""
    first = title.strip().split(" ", 1)[0].lower() if title.strip() else ""
    return "decrease" if first in _DECREASE_WORDS else "increase"


def _kr_fields(record: dict[str, Any], kr: dict[str, Any], session: Session) -> None:
    """Metric, direction, baseline, target, unit of measure, owner and due date (Enter keeps what is there)."""
    from rollout.flows import ui

    kr["metric"] = ui.text("Metric (what is measured):", default=kr.get("metric") or "") or None
    kr["direction"] = ui.select(
        "Direction:",
        [
            ("increase (higher is better)", "increase"),
            ("decrease (lower is better)", "decrease"),
            ("milestone (done or not)", "milestone"),
        ],
        default=kr.get("direction") or guess_direction(kr.get("title", "")),
    )
    if kr["direction"] == "milestone":
        kr["baseline"], kr["target"] = 0.0, 1.0
        kr.pop("unit_of_measure", None)
    else:
        kr["baseline"] = _number("Baseline (where it is today):", kr.get("baseline"))
        kr["target"] = _number("Target (where it should be at the end):", kr.get("target"))
        kr["unit_of_measure"] = (
            ui.text("Unit of measure (%, days, EUR…):", default=kr.get("unit_of_measure") or "") or None
        )
    kr["owner"] = _person("Owner:", session, kr.get("owner") or record.get("owner"))

    def valid_day(text: str) -> bool | str:
        try:
            date.fromisoformat(text.strip())
        except ValueError:
            return "a date, YYYY-MM-DD"
        return True

    due = kr.get("due") or session.cycle.end
    kr["due"] = date.fromisoformat(ui.text("Due:", default=str(due), validate=valid_day).strip())
    for key in [k for k, v in kr.items() if v is None]:
        del kr[key]


def draft_objective(
    session: Session, unit_id: str, progress: str, existing: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Draft a new objective (or edit ``existing``) for a unit, then save it."""
    from rollout.flows import ui

    level = session.level(unit_id)
    unit = session.ws.units[unit_id]
    ui.heading(f"{unit.name} · {'edit' if existing else 'new'} objective", progress)
    record: dict[str, Any] = dict(existing) if existing else {"id": "", "title": ""}
    if existing:
        record["key_results"] = [dict(kr) for kr in existing.get("key_results", [])]
    title = record.get("title", "")
    ui.hint("Qualitative and inspiring: where do we want to be at the end of the quarter?")
    while True:
        title = ui.text("Objective:", default=title, validate=lambda t: bool(t.strip()) or "required")
        record["title"] = title
        if not record["id"]:
            record["id"] = session.new_id(title, unit_id)
        if not resolve_findings(check(record, level, session), record, None, ["title"]):
            break
    record["owner"] = _person("Owner:", session, record.get("owner") or unit.owner)
    if record["owner"] is None:
        del record["owner"]
    _link(record, unit_id, session)
    krs = record.setdefault("key_results", [])
    index = 0
    while index < len(krs):
        choice = ui.select(
            f"Key result {index + 1}: {krs[index]['title']}",
            [("Keep", "keep"), ("Edit", "edit"), ("Remove", "remove")],
            default="keep",
        )
        if choice == "edit":
            _key_result(record, index, unit_id, session, f"{index + 1} of {len(krs)}")
        if choice == "remove":
            krs.pop(index)
            continue
        index += 1
    while len(krs) < MAX_KEY_RESULTS:
        if len(krs) >= MIN_KEY_RESULTS and not ui.confirm(
            f"Add key result {len(krs) + 1}? (3–5 is the rule)", default=False
        ):
            break
        _key_result(record, len(krs), unit_id, session, f"{len(krs) + 1} of {max(MIN_KEY_RESULTS, len(krs) + 1)}")
    else:
        ui.hint(f"{MAX_KEY_RESULTS} key results is the maximum: focus beats coverage.")
    open_findings = check(record, level, session)
    if open_findings:
        ui.say(f"{plural(len(open_findings), 'finding')} left open; `rollout check` will list them.", fg="yellow")
    relpath = session.save(unit_id, record)
    ui.say(f"Saved {record['id']} to {relpath}", fg="green")
    return record


def draft_priorities(session: Session) -> None:
    from rollout.flows import ui

    ui.heading("Company · strategic priorities", f"step 1 of 3 · {session.cycle.id}")
    ui.hint("A few priorities the whole company will focus on this cycle (from strategy, not a task list).")
    for p in session.priorities:
        ui.say(f"  · {p['title']}")
    while True:
        count = len(session.priorities)
        if count >= MAX_PRIORITIES:
            ui.say(f"That is {count} priorities. More than {MAX_PRIORITIES} means nothing is a priority.", fg="yellow")
            if not ui.confirm("Add another anyway?", default=False):
                return
        title = ui.text(f"Priority {count + 1}:", instruction="(Enter on an empty line to finish)")
        if not title:
            return
        session.add_priority(title)
        ui.say(f"  added {session.priorities[-1]['id']}", fg="green")


def draft_unit(session: Session, unit_id: str, progress: str) -> None:
    """The objectives of one unit: edit the existing ones or add new ones, one at a time."""
    from rollout.flows import ui

    unit = session.ws.units[unit_id]
    while True:
        records = session.by_unit.get(unit_id, [])
        ui.heading(unit.name, progress)
        for n, record in enumerate(records, start=1):
            ui.say(f"  {n}. {record['title']}  ({len(record.get('key_results', []))} KRs)")
        if not records:
            ui.hint("No objectives yet.")
        choices: list[tuple[str, Any]] = []
        if len(records) < MAX_OBJECTIVES:
            choices.append((f"Add objective {len(records) + 1}", "add"))
        choices += [(f"Edit: {r['title'][:60]}", r["id"]) for r in records]
        choices.append(("Next unit", "next"))
        choice = ui.select("What now?", choices, default="add" if len(records) < 3 else "next")
        if choice == "next":
            return
        existing = None if choice == "add" else session.objective(choice)
        number = len(records) + 1 if existing is None else records.index(existing) + 1
        draft_objective(session, unit_id, f"{progress} · objective {number} of {max(number, len(records))}", existing)


def interactive_draft(session: Session, units: Sequence[str] | None = None) -> None:
    """The guided workshop: priorities, company, departments, teams (or just ``units``)."""
    from rollout.flows import ui

    ws = session.ws
    kinds = [u.kind for u in ws.units.values()]
    ui.heading(
        f"Drafting {session.cycle.title} · {ws.settings.organization}", f"{session.cycle.start} → {session.cycle.end}"
    )
    ui.hint(
        f"{plural(kinds.count('department'), 'department')}, {plural(kinds.count('team'), 'team')}. "
        "Each objective is saved when it is "
        "complete; Ctrl-C stops without losing what was saved."
    )
    if units:
        for n, unit_id in enumerate(ordered_units(ws, units), start=1):
            draft_unit(session, unit_id, f"unit {n} of {len(units)}")
        return
    start = ui.select(
        "Where do we start?",
        [
            ("Company: priorities and objectives (step 1)", 0),
            ("Departments (step 2)", 1),
            ("Teams (step 3)", 2),
        ],
        default=0,
    )
    company = ws.company
    if start == 0 and company is not None:
        draft_priorities(session)
        draft_unit(session, company.id, "step 1 of 3 · company")
    if start <= 1:
        departments = [u.id for u in ws.units.values() if u.kind == "department"]
        for n, unit_id in enumerate(departments, start=1):
            draft_unit(session, unit_id, f"step 2 of 3 · department {n} of {len(departments)}")
    teams = [u.id for u in ws.units.values() if u.kind == "team"]
    for n, unit_id in enumerate(teams, start=1):
        draft_unit(session, unit_id, f"step 3 of 3 · team {n} of {len(teams)}")
