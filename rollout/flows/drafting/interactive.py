"""The guided workshop (``rollout draft`` on a terminal): objectives, their links, units, the order of the day."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rollout.errors import Aborted, RolloutError
from rollout.flows.drafting.session import (
    MAX_KEY_RESULTS,
    MAX_OBJECTIVES,
    MAX_PRIORITIES,
    MIN_KEY_RESULTS,
    Session,
    check,
    ordered_units,
)
from rollout.plural import plural

if TYPE_CHECKING:
    pass
from rollout.flows.drafting.key_results import ask_key_result, krs_text
from rollout.flows.drafting.prompts import ask_person, resolve_findings


def _link(record: dict[str, Any], unit_id: str, session: Session) -> None:
    """Priority for company objectives; parent, bottom-up or cross-functional below."""
    from rollout.flows import ui

    level = session.level(unit_id)
    if level == "company":
        if not session.priorities:
            ui.hint("No priorities yet for this cycle: add them first to link objectives to strategy.")
            return
        # Enter keeps what the objective has: the default is its current priority, not "(none)".
        current = record.pop("priority", None)
        options = [(p["title"], p["id"]) for p in session.priorities]
        if current is not None and current not in {p["id"] for p in session.priorities}:
            known = session.ws.priorities.get(current)
            options.insert(0, (known.title if known else current, current))
        chosen = ui.select("Which strategic priority does it serve?", [*options, ("(none)", None)], default=current)
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
    # Enter keeps what the objective has: its current parent is the default, even one from elsewhere.
    current = record.get("parent") or record.get("alignment")
    if current and not any(c.value == current for c in choices):
        parent_record = session.objective(current)
        title = parent_record["title"] if parent_record else current
        choices.insert(0, questionary.Choice(title=f"{title} (its current parent)", value=current))
    default = next((c for c in choices if c.value == current), None)
    previous_contributors = list(record.get("contributors", []))
    chosen = ask(questionary.select(f"Which {above} objective does it support?", choices=choices, default=default))
    for key in ("parent", "alignment", "contributors"):
        record.pop(key, None)
    if chosen in ("bottom_up", "cross_functional"):
        record["alignment"] = chosen
        if chosen == "cross_functional":
            units = [u for u in session.active_units() if u.id != unit_id and u.kind != "company"]
            if not units:
                ui.hint("No other units to name as contributors yet.")
                return
            contributors = ui.checkbox(
                "Which units contribute? (space to tick)",
                [(u.name, u.id) for u in units],
                checked=previous_contributors,
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


def draft_objective(
    session: Session, unit_id: str, progress: str, existing: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Draft a new objective (or edit ``existing``) for a unit, then save it.

    Enter through every prompt keeps what an existing objective has. A new objective's
    id is made from its final title (after the rules had their say). Enter on an empty
    key result title parks the objective with the key results it has. Ctrl-C keeps a
    new objective that has a title, with its finished key results, and raises
    :class:`~rollout.errors.Aborted` saying what was kept; an edit in progress is
    dropped (the saved version stays) and the message says so.
    """
    record: dict[str, Any] = dict(existing) if existing else {"id": "", "title": ""}
    if existing:
        record["key_results"] = [dict(kr) for kr in existing.get("key_results", [])]
    try:
        return _draft_objective(session, unit_id, progress, record, existing is not None)
    except Aborted:
        raise Aborted(_after_interrupt(session, unit_id, record, existing)) from None


def _after_interrupt(session: Session, unit_id: str, record: dict[str, Any], existing: dict[str, Any] | None) -> str:
    """Keep what can be kept of the objective being typed when Ctrl-C stopped it; say what happened."""
    title = str(record.get("title") or "").strip()
    if existing is not None:
        return f"your changes to {existing['title']!r} were not saved; its saved version stays"
    if not title:
        return "the objective being typed had no title yet, so there was nothing to keep"
    if not record.get("id"):
        record["id"] = session.new_id(title, unit_id)
    kept = []
    for kr in record.get("key_results", []):
        if str(kr.get("title") or "").strip():
            kept.append({k: v for k, v in kr.items() if v is not None})
    record["key_results"] = kept
    if record.get("owner") is None:
        record.pop("owner", None)
    try:
        session.save(unit_id, record)
    except (RolloutError, ValueError) as exc:
        return f"the objective being typed could not be kept ({exc}), so it was dropped"
    return (
        f"the objective being typed was kept as {record['id']} with {krs_text(len(kept))}; "
        f"finish it with `rollout draft --unit {unit_id}`"
    )


def _draft_objective(
    session: Session, unit_id: str, progress: str, record: dict[str, Any], editing: bool
) -> dict[str, Any]:
    from rollout.flows import ui

    level = session.level(unit_id)
    unit = session.ws.units[unit_id]
    ui.heading(f"{unit.name} · {'edit' if editing else 'new'} objective", progress)
    title = record.get("title", "")
    ui.hint("Qualitative and inspiring: where do we want to be at the end of the quarter?")
    while True:
        title = ui.text("Objective:", default=title, validate=lambda t: bool(t.strip()) or "required")
        record["title"] = title
        if not resolve_findings(check(record, level, session), record, None, ["title"]):
            break
    if not record["id"]:  # from the final title, not a wording the rules turned down
        record["id"] = session.new_id(title, unit_id)
    record["owner"] = ask_person("Owner:", session, record.get("owner") or unit.owner)
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
            ask_key_result(record, index, unit_id, session, f"{index + 1} of {len(krs)}")
        if choice == "remove":
            krs.pop(index)
            continue
        index += 1
    parked = False
    while len(krs) < MAX_KEY_RESULTS:
        if len(krs) >= MIN_KEY_RESULTS and not ui.confirm(
            f"Add key result {len(krs) + 1}? (3–5 is the rule)", default=False
        ):
            break
        progress_kr = f"{len(krs) + 1} of {max(MIN_KEY_RESULTS, len(krs) + 1)}"
        if not ask_key_result(record, len(krs), unit_id, session, progress_kr):
            parked = len(krs) < MIN_KEY_RESULTS
            break
    else:
        ui.hint(f"{MAX_KEY_RESULTS} key results is the maximum: focus beats coverage.")
    open_findings = check(record, level, session)
    if open_findings:
        ui.say(f"{plural(len(open_findings), 'finding')} left open; `rollout check` will list them.", fg="yellow")
    relpath = session.save(unit_id, record)
    if parked:
        ui.say(
            ui.wrap(
                f"Parked {record['id']} with {krs_text(len(krs))} in {relpath}; "
                f"add the rest later with `rollout draft --unit {unit_id}`."
            ),
            fg="yellow",
        )
    else:
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
    active = session.active_units()  # dissolved units have no OKRs to draft
    kinds = [u.kind for u in active]
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
        departments = [u.id for u in active if u.kind == "department"]
        for n, unit_id in enumerate(departments, start=1):
            draft_unit(session, unit_id, f"step 2 of 3 · department {n} of {len(departments)}")
    teams = [u.id for u in active if u.kind == "team"]
    for n, unit_id in enumerate(teams, start=1):
        draft_unit(session, unit_id, f"step 3 of 3 · team {n} of {len(teams)}")
