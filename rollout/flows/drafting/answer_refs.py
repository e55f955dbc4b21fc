"""References and small checks of a ``draft`` answers file: priorities and objectives named by
id or title, kept findings (``keep:``), and a record checked against its model."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from rollout.flows.answers import field_error
from rollout.flows.drafting.session import Session
from rollout.workspace import messages
from rollout.workspace.models import Suppression


def suppressions(value: Any, source: str, where: str) -> list[dict[str, str]]:
    if value is None:
        return []
    if not isinstance(value, dict):
        raise field_error(source, where, "expected a mapping of rule code to the reason for keeping it")
    out = []
    for code, reason in value.items():
        if not str(reason or "").strip():
            raise field_error(source, f"{where}.{code}", "keeping a finding needs a reason")
        validated(Suppression, {"rule": str(code), "reason": str(reason)}, source, f"{where}.{code}")
        out.append({"rule": str(code), "reason": str(reason).strip()})
    return out


def validated(model: type[BaseModel], record: dict[str, Any], source: str, where: str) -> None:
    """Check ``record`` against ``model``; the first problem is an :class:`AnswerError` at ``where``
    plus the field (the record's keys are the answers file's keys), in plain words."""
    try:
        model.model_validate(record)
    except ValidationError as exc:
        path, message = next(iter(messages.problems(exc, record).items()))
        field = messages.field_name(path)
        raise field_error(source, f"{where}.{field}" if field else where, message) from None


def names_refused(entry: Any, refused: set[str]) -> bool:
    """An entry whose parent or contributes_to names an entry refused above (by id or title)."""
    if not refused or not isinstance(entry, dict):
        return False
    targets = entry.get("contributes_to")
    named = [entry.get("parent"), *(targets if isinstance(targets, list) else [])]
    return any(str(t).strip().casefold() in refused for t in named if t is not None)


def priority_ref(value: Any, session: Session, source: str, where: str) -> str:
    """The id of a strategic priority named by id or by its exact title (case ignored), as
    ``priorities:`` above it in the same file gives titles only. Raises UsageError listing them."""
    text = str(value).strip()
    known = {str(p["id"]): str(p["title"]) for p in session.priorities} | {
        p.id: p.title for p in session.ws.priorities.values()
    }
    if text in known:
        return text
    by_title = [pid for pid, title in known.items() if title.strip().casefold() == text.casefold()]
    if len(by_title) == 1:
        return by_title[0]
    listing = "; ".join(f"{pid} ({title})" for pid, title in known.items()) or "none yet (add them under priorities:)"
    raise field_error(source, where, f"unknown priority {text!r}", hint=f"the priorities: {listing}")


def objective_ref(value: Any, session: Session, source: str, where: str, advice: str) -> str:
    """The id of the objective an answers file names by id or by its exact title (case ignored).

    Titles are accepted because the file's author cannot know the id a new objective will get
    (``rollout draft`` makes it from the title). Ids of other cycles are accepted as given; the
    rules judge a parent in another cycle (OKR302). Raises UsageError with the closest id (and its
    title) of the cycle as a hint (:func:`rollout.workspace.suggestions.did_you_mean`).
    """
    from rollout.workspace.suggestions import did_you_mean

    text = str(value).strip()
    if session.objective(text) is not None or text in session.ws.objectives:
        return text
    records = [r for records in session.by_unit.values() for r in records]
    same_title = [r["id"] for r in records if str(r.get("title", "")).strip().casefold() == text.casefold()]
    if len(same_title) == 1:
        return str(same_title[0])
    if len(same_title) > 1:
        raise field_error(
            source,
            where,
            f"{len(same_title)} objectives are called {text!r}",
            hint=f"name one by its id: {', '.join(map(str, same_title))}",
        )
    close = did_you_mean(text, {str(r["id"]): str(r.get("title", "")) for r in records})
    if close:
        hint = f"{close} (an id, or the objective's exact title)"
    else:
        hint = f"name it by its id or its exact title; {advice}"
    raise field_error(source, where, f"no objective {text!r} in {session.cycle.id}", hint=hint)
