"""Load a workspace folder into a validated :class:`Workspace`.

The pipeline: discover files → parse (through the cache) → validate each file
with its model → check references across files. Every problem of every stage is
collected, each with ``file:line:col`` and the field, and raised together as one
:class:`~rollout.errors.LoadError`: a user fixes everything in one pass.
"""

from __future__ import annotations

import dataclasses
import gc
from collections import defaultdict
from collections.abc import Collection
from operator import attrgetter
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from rollout.errors import LoadError, Problem, WorkspaceNotFound
from rollout.workspace import layout
from rollout.workspace.cache import ParseCache, Source
from rollout.workspace.collect import Collector as _Collector
from rollout.workspace.collect import validate, validate_records
from rollout.workspace.messages import field_name
from rollout.workspace.models import (
    LEVEL,
    Assessment,
    CheckIn,
    Cycle,
    CyclesFile,
    KeyResult,
    Model,
    Objective,
    PeopleFile,
    Person,
    Phase,
    PhasesFile,
    PrioritiesFile,
    Priority,
    Record,
    Settings,
    Unit,
    UnitsFile,
)
from rollout.workspace.references import add_suggestions, check_references, check_review_references
from rollout.workspace.unit_files import load_unit_file
from rollout.workspace.workspace import Workspace
from rollout.workspace.yamlsafe import YamlProblem

M = TypeVar("M", bound=BaseModel)
# Check-ins sort by date, ties in file order; a C key function, not a lambda: 128,091 calls for 2,000 teams.
_BY_DATE = attrgetter("date")


def load(
    root: Path | str,
    *,
    use_cache: bool = True,
    previous: Workspace | None = None,
    changed: Collection[str] | None = None,
) -> Workspace:
    """Load and validate the workspace at ``root``; raise :class:`LoadError` listing every problem.

    ``previous`` is the workspace loaded from the same folder earlier (``rollout serve``
    keeps it): when only check-in and review files changed since, just those files are
    read again and the rest is shared with ``previous`` (see :func:`_reload`). The result
    is the same as a full load. ``changed`` (relative paths) is what a caller that
    watches the folder knows changed since ``previous`` was loaded: the other files
    are then not even looked at.

    Loading creates hundreds of thousands of small objects for a large organization;
    the cyclic garbage collector is paused meanwhile (it would rescan them again and
    again) and the loaded records are frozen out of its way afterwards.
    """
    from rollout.workspace.transaction import recover

    recover(Path(root))  # finish a multi-file change that a crash interrupted after its commit point
    enabled = gc.isenabled()
    if enabled:
        # The young generations first: what is alive at the end is frozen, garbage too, and
        # frozen garbage is never collected. `rollout serve --collect` left each collected
        # form's parsed table behind this way, a few dozen objects a form. Cheap: the workspace
        # is not made yet and the last build left nothing young (0.01 to 2 ms, 2,000 teams).
        gc.collect(1)
    gc.disable()
    try:
        ws = _load(Path(root), use_cache, previous, changed)
        started = ws.running_cycle()
        if started is not None and started.status == "planned":
            # A planned cycle runs from its first day (Workspace.running_cycle), with nothing
            # written: every page, figure and door that reads `status` then says running too.
            started.status = "running"
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
    _LAST[:] = [ws]
    return ws


# The workspace loaded last stays referenced until the next load. A command returns before
# the program leaves without tearing its heap down (rollout.cli.run); when the command's
# reference was the last one, returning freed the workspace's records one by one first:
# 0.08 s of CPU at the end of each `rollout check` of 2,000 teams (2026-11-29, this machine).
_LAST: list[Workspace] = []


def _load(
    root: Path, use_cache: bool, previous: Workspace | None = None, changed: Collection[str] | None = None
) -> Workspace:
    if not (root / layout.ROOT_FILE).is_file():
        raise WorkspaceNotFound(
            f"{root} is not a rollout workspace (no {layout.ROOT_FILE})",
            hint="create one with `rollout init`, or try the demo with `rollout demo`",
        )
    out = _Collector()
    cache = ParseCache(root, enabled=use_cache)
    if previous is not None and use_cache and changed is not None and previous.root == root:
        known = _files_after(previous, root, changed)
        reloaded = _reload(previous, known, cache, only=set(changed)) if known is not None else None
        if reloaded is not None:
            return reloaded
    files, misplaced = layout.discover(root)
    if previous is not None and use_cache and not misplaced and previous.root == root:
        reloaded = _reload(previous, files, cache)
        if reloaded is not None:
            return reloaded
    for rel in misplaced:
        rel, _tab, why = rel.partition("\t")
        out.problems.append(
            Problem(rel, 0, 0, "", why or "unexpected file or folder here; see the workspace layout in the README")
        )

    sources: dict[str, Source] = {}
    cache.prime(files)
    for rel in files:
        source = _read(cache, rel, out)
        if source is not None:
            sources[rel] = source
    cache.save()

    ws = Workspace(root=root, sources=sources)
    out.sources = sources
    settings_source = sources.get(layout.ROOT_FILE)
    settings = validate(Settings, settings_source, out) if settings_source else None
    if settings is not None:  # else: keep defaults and go on, so every problem is reported in one run
        settings.place(layout.ROOT_FILE, ())
        ws.settings = settings

    def single(name: str, model: type[M], record: type[Record], key: str, what: str) -> list[Any]:
        source = sources.get(name)
        if source is None:
            return []
        records = []
        for index, item in validate_records(model, record, source, out, key, what):
            item.place(name, (key, index))
            records.append(item)
        return records

    out.index(ws.people, single("people.yaml", PeopleFile, Person, "people", "person"), "person")
    out.index(ws.units, single("units.yaml", UnitsFile, Unit, "units", "unit"), "unit")
    priorities = single("priorities.yaml", PrioritiesFile, Priority, "priorities", "priority")
    out.index(ws.priorities, priorities, "priority")
    cycles: list[Cycle] = single("cycles.yaml", CyclesFile, Cycle, "cycles", "cycle")
    out.index(ws.cycles, sorted(cycles, key=lambda c: c.start), "cycle")
    out.index(ws.phases, single("phases.yaml", PhasesFile, Phase, "phases", "phase"), "phase")

    # OKRs first: check-ins and reviews refer to them.
    by_top: dict[str, list[str]] = defaultdict(list)
    for rel in sources:
        by_top[rel.split("/", 1)[0]].append(rel)
    for top in layout.PER_UNIT_DIRS:
        for rel in by_top[top]:
            load_unit_file(ws, rel, sources[rel], out, cache)
    for rel in by_top[layout.ASSESSMENTS]:
        record = validate(Assessment, sources[rel], out)
        if record is not None:
            record.place(rel, ())
            ws.assessments.append(record)

    check_references(ws, out)
    out.fold()
    if out.problems:
        add_suggestions(ws, out.problems)  # "did you mean": only on the way out with problems
        raise LoadError(out.problems)
    for items in ws.checkins.values():
        items.sort(key=_BY_DATE)
    return ws


def _read(cache: ParseCache, rel: str, out: _Collector) -> Source | None:
    """One file, parsed (through the cache); ``None`` after noting why it cannot be used."""
    source = _parse(cache, rel, out)
    if source is None:
        out.note_unreadable(rel)
    return source


def _parse(cache: ParseCache, rel: str, out: _Collector) -> Source | None:
    try:
        if rel.startswith("checkins/"):
            sha, _raw = cache.sha(rel)
            rows = cache.rows(sha)
            if rows is not None:  # validated before: no need for its parsed data
                return Source(rel, {}, sha, None, cache, rows=rows)
        source = cache.read(rel)
    except YamlProblem as exc:
        out.problems.append(exc.problem)
        return None
    except OSError as exc:
        out.problems.append(Problem(rel, 0, 0, "", f"cannot read: {exc.strerror}"))
        return None
    if source.data is None:
        out.problems.append(Problem(rel, 1, 1, "", "file is empty; it must hold a mapping"))
        return None
    if not isinstance(source.data, dict):
        out.problems.append(Problem(rel, 1, 1, "", "the file must hold a mapping of keys to values"))
        return None
    return source


RELOADABLE = ("checkins/", "reviews/")


def _files_after(previous: Workspace, root: Path, changed: Collection[str]) -> list[str] | None:
    """The workspace's files once ``changed`` (check-in and review files) changed, or None
    when a change is anything else (the folder must then be listed again)."""
    files = dict.fromkeys(previous.sources)
    for rel in changed:
        parts = rel.split("/")
        if not rel.startswith(RELOADABLE) or len(parts) != 3 or not rel.endswith(".yaml"):
            return None
        if parts[2].startswith("."):
            continue  # editor swap files and temp files are not workspace files
        if (root / rel).is_file() and not ((root / rel).is_symlink() and layout.escapes(root, root / rel)):
            files[rel] = None
        else:
            files.pop(rel, None)
    return list(files)


def _reload(previous: Workspace, files: list[str], cache: ParseCache, only: set[str] | None = None) -> Workspace | None:
    """``previous`` with its changed check-in and review files read again, or ``None`` for a full load.

    Only files whose content hash changed are read. Check-ins and reviews are leaves
    (nothing refers to them), so replacing them leaves every other record valid; any
    other change (OKRs, units, settings, …) needs the full load.
    """
    old = previous.sources
    try:
        shas = {
            rel: old[rel].sha if only is not None and rel not in only and rel in old else cache.sha(rel)[0]
            for rel in files
        }
    except OSError:
        return None
    changed = [rel for rel in files if rel not in old or old[rel].sha != shas[rel]]
    removed = [rel for rel in old if rel not in shas]
    if not changed and not removed:
        cache.save()
        return previous
    if not all(rel.startswith(RELOADABLE) for rel in (*changed, *removed)):
        return None
    ws = dataclasses.replace(
        previous,
        sources=dict(old),
        checkins=defaultdict(list, previous.checkins),
        checkin_files=dict(previous.checkin_files),
        reviews=dict(previous.reviews),
    )
    out = _Collector()
    out.sources = ws.sources
    touched: list[str] = []
    for rel in (*changed, *removed):
        top, cycle, name = rel.split("/")
        key = (cycle, name[: -len(".yaml")])
        ws.sources.pop(rel, None)
        if top == "checkins":
            ws.checkin_files.pop(key, None)
            for objective in ws.okr_files.get(key, ()):
                for kr in objective.key_results:
                    ws.checkins[kr.id] = []  # a new list: the previous workspace keeps its own
                    touched.append(kr.id)
        else:
            ws.reviews.pop(key, None)
    for rel in changed:
        source = _read(cache, rel, out)
        if source is not None:
            ws.sources[rel] = source
            load_unit_file(ws, rel, source, out, cache)
    cache.save()
    if any(rel.startswith("reviews/") for rel in changed):
        check_review_references(ws, out)
    out.fold()
    if out.problems:
        add_suggestions(ws, out.problems)  # "did you mean": only on the way out with problems
        raise LoadError(out.problems)
    for kr_id in touched:
        ws.checkins[kr_id].sort(key=_BY_DATE)
    return ws


# Under its former name, for callers that check a changed workspace (rollout.org.store).
_check_references = check_references

__all__ = [
    "LEVEL",
    "CheckIn",
    "KeyResult",
    "Model",
    "Objective",
    "Person",
    "Phase",
    "Priority",
    "Unit",
    "_Collector",
    "_check_references",
    "field_name",
    "load",
    "validate",
]
