"""``rollout build``: the site and the review packs of a workspace.

Modelled on MkDocs' build: :func:`build` reads top to bottom as the pipeline
(configure → validate the configuration → load → collect → render → write →
check links → report). Configuration problems come back as *errors* (the build
cannot run) and *warnings* (it can, but something is off); strict mode turns
every warning (configuration, missing data, broken internal links) into a
failure. Builds are incremental: a page is rendered only when something it
depends on changed (see :mod:`rollout.report.site.pages`), and written only
when its HTML changed.
"""

from __future__ import annotations

import contextlib
import dataclasses
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rollout.errors import RolloutError, UsageError
from rollout.plural import plural
from rollout.report.buildstate import BuildState, checkins_changed, frozen_heap, lasting
from rollout.report.site.output import identity
from rollout.report.stages import build_forms_into, build_packs_into, forms_elsewhere, render_site
from rollout.workspace.fileio import BUILD_LOCK_NAME, workspace_lock

if TYPE_CHECKING:
    from rollout.report.forked import Forked
    from rollout.report.site.links import LinkProblem
    from rollout.report.viewmodel import SiteView
    from rollout.rules.engine import RulesRun
    from rollout.workspace import Workspace

__all__ = [
    "BuildConfig",
    "BuildFailed",
    "BuildResult",
    "BuildState",
    "Progress",
    "build",
    "configure",
    "validate_config",
]


class BuildFailed(RolloutError):
    """Strict mode: the build had warnings (the site was written; fix them and build again)."""

    exit_code = 1


class Progress(Protocol):
    """Progress reporting: a stage starts with its number of steps, then advances."""

    def start(self, stage: str, total: int) -> None: ...

    def advance(self, steps: int) -> None: ...


@dataclass
class BuildConfig:
    """What to build and where (from rollout.yaml and the command line)."""

    root: Path
    out: Path  # absolute, checked by validate_config
    site: bool = True
    packs: bool = True
    pack: str | None = None
    strict: bool = False
    jobs: int = 2


@dataclass
class BuildResult:
    out: Path
    pages: int = 0
    rendered: int = 0
    written: int = 0
    removed: int = 0
    rendered_paths: list[str] = field(default_factory=list)
    assets_written: int = 0
    packs: list[Any] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    link_problems: list[LinkProblem] = field(default_factory=list)
    external_links: int = 0
    timings: dict[str, float] = field(default_factory=dict)
    forms: Any = None  # rollout.forms.pages.FormsResult of a site build

    def summary(self) -> str:
        parts = []
        if self.pages:
            parts.append(
                f"{plural(self.pages, 'page')} ({self.rendered} rendered, {self.written} written"
                + (f", {self.removed} removed" if self.removed else "")
                + ")"
            )
        if self.forms is not None and self.forms.files:
            sheets = f", {self.forms.sheets_rendered} sheets rendered" if self.forms.sheets else ""
            parts.append(f"{len(self.forms.files)} form files ({self.forms.written} written{sheets})")
        if self.packs:
            fresh = sum(1 for p in self.packs if p.rendered)
            parts.append(f"{plural(len(self.packs), 'pack')} ({fresh} rendered)")
        total = sum(self.timings.values())
        listed = ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else "".join(parts)
        return f"Built {listed or 'nothing'} in {total:.1f} s → {self.out}"


BUILD_WAIT = 600.0
"""Seconds a build waits for another build of the same workspace to finish (a full build with
packs of a large organization takes minutes) before it gives up with a LockTimeout."""


# --- the pipeline -----------------------------------------------------------------------


def build(
    root_or_ws: Path | str | Workspace,
    *,
    site: bool = True,
    packs: bool = True,
    pack: str | None = None,
    strict: bool = False,
    out: Path | str | None = None,
    jobs: int = 2,
    progress: Progress | None = None,
    echo: Callable[[str], None] | None = None,
    state: BuildState | None = None,
) -> BuildResult:
    """Build the site and/or the packs of a workspace into its build folder.

    ``pack`` builds that one pack (an id, or a cycle or phase id) and implies ``packs``.
    ``state`` carries work over from the previous build in the same process (see
    :class:`BuildState`). Raises :class:`UsageError` for configuration errors,
    :class:`BuildFailed` in strict mode when there were warnings.
    """
    # One build of a workspace at a time, from before it is read to the swap (_one_build_at_a_time).
    with _one_build_at_a_time(root_or_ws):
        clock = _Clock()
        ws = _load(root_or_ws, state.ws if state is not None else None, state.hint if state is not None else None)
        if state is not None:
            state.changed = checkins_changed(state, ws)
            if state.changed is None:
                # Everything is worked out again: the previous build's workspace and findings go now,
                # not once the new ones are made (its view, with the analysis, once the renderer takes
                # the new view). 2,000 teams, an OKR edit a rebuild in one process: RSS levels off at
                # 364 MB after 3 rebuilds instead of 394 MB after 12 (this machine, 2026-11-29).
                state.ws = state.analysis = state.rules = state.view = state.pages = None
        load_time = clock.lap()
        config, warnings = configure(ws, site=site, packs=packs, pack=pack, strict=strict, out=out, jobs=jobs)
        from rollout.report.images import image_warnings

        warnings += image_warnings(ws)
        result = BuildResult(config.out, warnings=warnings)
        result.timings["load"] = load_time

        # Written into a fresh folder, swapped in at the end: a crash leaves the previous build whole.
        # The build before the live one is kept as a spare and brought up to date (output.stage).
        from rollout.report.site.output import MANIFEST, discard, stage, swap

        final = config.out
        config.out = staging = stage(ws.root, final)
        result.timings["stage"] = clock.lap()
        forms = None
        try:
            with frozen_heap():
                forms = forms_elsewhere(ws, config, state)  # a large site: the forms meanwhile, in a second process
                with lasting():  # the analysis, the findings and the view live until the end: frozen once made
                    view = collect(ws, result, clock, with_packs=config.packs, state=state, jobs=config.jobs)
                if config.site:
                    # The forms are taken after the pages are rendered, before their links are checked:
                    # while the forked forms process finished, this one waited 0.7 s of a full build of
                    # 2,000 teams idle (lead's --timings, load 1.5, 2026-11-29); it renders meanwhile now.
                    def take_forms() -> None:
                        build_forms_into(ws, config, result, state, forms)
                        result.timings["forms"] = clock.lap()

                    render_site(ws, view, config, result, clock, progress, state, take_forms)
                if config.packs:
                    build_packs_into(ws, view, config, result, progress)
                    result.timings["packs"] = clock.lap()
            swap(ws.root, staging, final)
        except BaseException:
            if forms is not None:
                forms.cancel()  # it writes into the staging folder
            discard(staging)
            if state is not None:
                state.manifest = state.forms = None
            raise
        finally:
            config.out = final
        result.packs = [
            dataclasses.replace(p, path=final / p.path.relative_to(staging)) if p.path.is_relative_to(staging) else p
            for p in result.packs
        ]
        if state is not None and config.site:
            state.manifest = identity(final / MANIFEST)

        result.warnings += [str(p) for p in result.link_problems]
        for line in result.warnings:
            if echo is not None:
                echo(f"warning: {line}")
        if config.strict and result.warnings:
            count = len(result.warnings)
            raise BuildFailed(
                f"aborted with {plural(count, 'warning')} in strict mode",
                hint="the output was written; fix the warnings above, or build without --strict",
            )
        return result


@contextlib.contextmanager
def _one_build_at_a_time(root_or_ws: Path | str | Workspace) -> Iterator[None]:
    """Hold the workspace's build lock (``.rollout/build.lock``) for a whole build: from before the
    workspace is read to the swap of the finished build.

    Builds share their staging folder, so two at once deleted each other's half-made build
    ("Directory not empty"); and a build that waited for the lock after reading the workspace
    then published what it read before a check-in saved meanwhile, over the newer build (fe26
    G1). A folder that is no workspace (no ``rollout.yaml``) is not locked: its load fails and
    nothing may be written there. Waits :data:`BUILD_WAIT` seconds, then raises LockTimeout.
    """
    root = Path(root_or_ws) if isinstance(root_or_ws, str | Path) else root_or_ws.root
    if not (root / "rollout.yaml").is_file():
        yield
        return
    with workspace_lock(root, BUILD_WAIT, name=BUILD_LOCK_NAME, doing="is building"):
        yield


def configure(
    ws: Workspace,
    *,
    site: bool,
    packs: bool,
    pack: str | None,
    strict: bool,
    out: Path | str | None,
    jobs: int,
) -> tuple[BuildConfig, list[str]]:
    """The build configuration, validated: raises on errors, returns the warnings."""
    root = ws.root
    build_dir: str | Path = out if out is not None else ws.settings.build_dir
    errors, warnings, folder = validate_config(root, build_dir, site=site, packs=packs, pack=pack, jobs=jobs)
    if pack is not None:
        errors += _unknown_pack(ws, pack)
    if errors:
        raise UsageError(errors[0] if len(errors) == 1 else "; ".join(errors))
    assert folder is not None
    config = BuildConfig(root, folder, site=site, packs=packs or pack is not None, pack=pack, strict=strict, jobs=jobs)
    return config, warnings


def validate_config(
    root: Path, build_dir: str | Path, *, site: bool = True, packs: bool = True, pack: str | None = None, jobs: int = 2
) -> tuple[list[str], list[str], Path | None]:
    """Check a build configuration: ``(errors, warnings, resolved build folder or None)``."""
    from rollout.report.site.output import resolve_build_dir

    errors: list[str] = []
    warnings: list[str] = []
    folder: Path | None = None
    try:
        folder = resolve_build_dir(root, build_dir)
    except UsageError as exc:
        errors.append(exc.message + (f" ({exc.hint})" if exc.hint else ""))
    if not site and not packs and pack is None:
        errors.append("nothing to build: choose the site, the packs, or both")
    if jobs < 1:
        errors.append(f"jobs must be at least 1, not {jobs}")
    if folder is not None and (root / ".git").exists() and not _ignored_by_git(root, folder):
        where = folder.relative_to(root.resolve())
        warnings.append(f"the build folder {where} is not in .gitignore: build output would be committed")
    return errors, warnings, folder


def collect(
    ws: Workspace,
    result: BuildResult,
    clock: _Clock,
    *,
    with_packs: bool = True,
    state: BuildState | None = None,
    jobs: int = 1,
) -> SiteView:
    """Analyze, check and shape the workspace into the view model (timed separately).

    With a ``state`` whose ``changed`` is set, only the changed units are worked out
    again (see :class:`BuildState`). Otherwise, on a large workspace and with ``jobs`` > 1,
    the rules run in a second process while this one analyzes.
    """
    from rollout.metrics.analysis import analyze
    from rollout.report.viewmodel import build_view
    from rollout.rules.engine import rule_holders, run_rules

    before = state if state is not None and state.changed is not None else None
    changed = before.changed if before is not None and before.changed is not None else frozenset()
    # A large workspace checked from scratch: the rules run in a second process meanwhile.
    elsewhere = _rules_elsewhere(ws) if before is None and jobs > 1 else None
    analysis = analyze(ws, previous=before.analysis if before else None, changed=changed)
    result.timings["analyze"] = clock.lap()
    rules = elsewhere.result() if elsewhere is not None else None
    if rules is not None:
        rules = dataclasses.replace(rules, holders=rule_holders(ws))
    else:
        # Only these units' check-ins changed: the rules about single key results look at theirs alone.
        krs = {kr.id for pair in changed for o in ws.okr_files.get(pair, ()) for kr in o.key_results}
        rules = run_rules(
            ws, previous=before.rules if before else None, changed=("checkins",), changed_krs=krs if before else None
        )
    result.timings["rules"] = clock.lap()
    view = build_view(
        ws, analysis=analysis, findings=rules.findings, previous=before.view if before else None, changed=changed
    )
    result.warnings += view.warnings
    result.timings["view"] = clock.lap()
    if state is not None:
        state.ws, state.analysis, state.rules, state.view = ws, analysis, rules, view
    return view


# --- helpers -------------------------------------------------------------------------------


class _Clock:
    def __init__(self) -> None:
        self._last = time.perf_counter()

    def lap(self) -> float:
        now = time.perf_counter()
        spent, self._last = now - self._last, now
        return spent


RULES_ELSEWHERE_FROM = 2_000  # key results; below this, forking costs more than it saves


def _rules_elsewhere(ws: Workspace) -> Forked[RulesRun] | None:
    """The rules, running on ``ws`` in a forked process (large workspaces only).

    Their findings come back without the records that hold suppressions (the parent has
    those); ``None`` when it is not worth it or not possible.
    """
    from rollout.report.forked import Forked, can_fork

    if len(ws.key_results) < RULES_ELSEWHERE_FROM or not can_fork():
        return None

    def work() -> RulesRun:
        from rollout.rules.engine import run_rules

        return dataclasses.replace(run_rules(ws, changed=("checkins",)), holders=[])

    return Forked(work)


def _unknown_pack(ws: Workspace, pack: str) -> list[str]:
    """An error if ``pack`` names no pack of the workspace (checked before any work is done)."""
    from rollout.report.packs import plan_packs, select_packs

    try:
        select_packs(plan_packs(ws), pack)
    except UsageError as exc:
        return [f"{exc.message} ({exc.hint})" if exc.hint else exc.message]
    return []


def _load(
    root_or_ws: Path | str | Workspace, previous: Workspace | None = None, changed: set[str] | None = None
) -> Workspace:
    """The workspace: loaded (and validated) from a folder, or as given."""
    if not isinstance(root_or_ws, str | Path):
        return root_or_ws
    from rollout.workspace import load

    return load(Path(root_or_ws), previous=previous, changed=changed)


def _ignored_by_git(root: Path, folder: Path) -> bool:
    first = folder.relative_to(root.resolve()).parts[0]
    try:
        lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    patterns = {line.strip().strip("/") for line in lines if line.strip() and not line.startswith("#")}
    return first in patterns or "*" in patterns
