"""The drafting session: the cycle's objectives as plain records, ids, checking and saving."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from rollout.errors import UsageError
from rollout.workspace import editing, layout
from rollout.workspace.create import slugify
from rollout.workspace.models import (
    MAX_ID_LENGTH,
    Cycle,
    Objective,
    OkrFile,
    PrioritiesFile,
    Unit,
    is_reserved,
)
from rollout.workspace.transaction import Transaction
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
    saved: list[str] = field(default_factory=list)  # "unit/objective" in first-save order, each once

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

    def active_units(self) -> list[Unit]:
        """Units that exist when the cycle starts (not archived before it, set up by its end), units.yaml order."""
        cycle = self.cycle
        return [
            u
            for u in self.ws.units.values()
            if (u.archived is None or u.archived > cycle.start) and (u.since is None or u.since <= cycle.end)
        ]

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
            self.mark_saved(unit_id, record["id"])
        return relpath

    def mark_saved(self, unit_id: str, objective_id: str) -> None:
        """Count an objective as saved in this session (once, however often it was saved)."""
        key = f"{unit_id}/{objective_id}"
        if key not in self.saved:
            self.saved.append(key)

    def add_priority(self, title: str, description: str = "", *, write: bool = True) -> dict[str, Any]:
        """Add a priority for this cycle to priorities.yaml (``write=False``: only in memory, for references)."""
        ids = {p["id"] for p in self.priorities} | set(self.ws.priorities)
        base = slugify(title, max_length=40)
        if is_reserved(base):  # a priority called "Index"
            base = f"{base}-priority"
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


def write_priorities(root: Path, records: list[dict[str, Any]], *, tx: Transaction | None = None) -> None:
    """Append priorities to ``priorities.yaml`` (staged in ``tx`` when given, else written now)."""
    header = "Strategic priorities that company objectives serve."
    if tx is None:
        editing.append(root, "priorities.yaml", "priorities", records, model=PrioritiesFile, header=header)
        return
    with tx.edit("priorities.yaml", model=PrioritiesFile, header=header, quick=True) as doc:
        if doc.get("priorities") is None:
            doc["priorities"] = editing.to_yaml_value([])
        for record in records:
            doc["priorities"].append(editing.to_yaml_value(record))


_FILLER = {
    "a", "an", "the", "of", "to", "for", "and", "or", "our", "we", "us", "with", "in", "on", "by", "at", "from",
    "make", "be", "become", "get", "every", "all", "more", "most", "that", "so", "it", "its", "their", "they",
}  # fmt: skip


ID_LENGTH = MAX_ID_LENGTH - 12  # room for "-kr5" and a "-2" that makes it unique


def objective_id_for(title: str, unit_id: str) -> str:
    """``hr`` + "Fill frontline roles quickly" → ``hr-fill-frontline-roles``; long unit ids shrink to initials.

    The unit (or its initials) and the first three words of the title that are not
    filler, cut at a word boundary to at most :data:`ID_LENGTH` characters (a single
    word longer than that is cut inside it, the only place it can be).
    """
    prefix = unit_id if len(unit_id) <= 12 else "".join(part[0] for part in unit_id.split("-") if part)
    words = [w for w in slugify(title, max_length=200).split("-") if w and w not in _FILLER]
    return cut_at_word(slugify(" ".join([prefix, *words[:3]]), max_length=200), ID_LENGTH)


def cut_at_word(slug: str, max_length: int) -> str:
    """``slug`` shortened to ``max_length`` by dropping whole words (hyphen-separated) from its end."""
    if len(slug) <= max_length:
        return slug
    head = slug[: max_length + 1]
    cut = head[: head.rindex("-")] if "-" in head else slug[:max_length]
    return cut.strip("-") or slug[:max_length]


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
    # A new objective gets its id from its final title, after the checks: check it under a stand-in id.
    objective = Objective.model_validate(record if record.get("id") else {**record, "id": "draft"})
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


def save_objectives(
    root: Path, cycle_id: str, unit_id: str, records: Sequence[dict[str, Any]], *, tx: Transaction | None = None
) -> str:
    """Create or update objectives of one unit in a single round-trip edit of its file (in the given order);
    staged in ``tx`` when given (written at its commit), else written now."""
    from rollout.workspace.editing import to_yaml_value

    relpath = layout.okr_file(cycle_id, unit_id)
    header = f"OKRs of {unit_id} for {cycle_id}."
    if tx is not None:
        opened = tx.edit(relpath, model=OkrFile, header=header)
    else:
        opened = editing.edit(root, relpath, model=OkrFile, header=header)
    with opened as doc:
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
