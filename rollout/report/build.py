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
import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from rollout import __version__
from rollout.errors import RolloutError, UsageError
from rollout.plural import plural

if TYPE_CHECKING:
    from rollout.metrics.analysis import Analysis
    from rollout.report.forked import Forked
    from rollout.report.site.links import LinkProblem
    from rollout.report.site.pages import Page
    from rollout.report.viewmodel import PackLink, SiteView
    from rollout.rules.engine import RulesRun
    from rollout.workspace import Workspace


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


@dataclass
class BuildState:
    """What a build keeps for the next build in the same process (``rollout serve``).

    When only check-ins changed in between (the weekly rhythm: someone saves a
    check-in), the next build reads just those files again, reuses the analysis, rule
    findings and views of every other unit, and re-renders only the pages that show
    what changed. Any other change (OKRs, units, settings, the date) builds everything
    again, from the files, as a fresh process would.
    """

    ws: Workspace | None = None
    analysis: Analysis | None = None
    rules: RulesRun | None = None
    view: SiteView | None = None
    pages: list[Page] | None = None
    changed: frozenset[tuple[str, str]] | None = None  # check-in files of the last build: (cycle, unit)
    stamp: str = ""  # of the last build's templates and packs
    hint: set[str] | None = None  # files known to have changed since the last build (relative); None: look
    manifest: tuple[int, int] | None = None  # (mtime, size) of the manifest the last build wrote


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
    clock = _Clock()
    ws = _load(root_or_ws, state.ws if state is not None else None, state.hint if state is not None else None)
    if state is not None:
        state.changed = _checkins_changed(state, ws)
    load_time = clock.lap()
    config, warnings = configure(ws, site=site, packs=packs, pack=pack, strict=strict, out=out, jobs=jobs)
    from rollout.report.images import image_warnings

    warnings += image_warnings(ws)
    result = BuildResult(config.out, warnings=warnings)
    result.timings["load"] = load_time

    # Written into a fresh folder, swapped in at the end: a crash leaves the previous build whole.
    from rollout.report.site.output import MANIFEST, discard, stage, swap

    final = config.out
    config.out = staging = stage(ws.root, final)
    try:
        with _frozen_heap():
            view = collect(ws, result, clock, with_packs=config.packs, state=state, jobs=config.jobs)
            gc.freeze()  # the view model lives until the end too: the render worker's collections skip it
            if config.site:
                build_forms_into(ws, config, result)
                result.timings["forms"] = clock.lap()
                render_site(ws, view, config, result, clock, progress, state)
            if config.packs:
                build_packs_into(ws, view, config, result, progress)
                result.timings["packs"] = clock.lap()
        swap(ws.root, staging, final)
    except BaseException:
        discard(staging)
        if state is not None:
            state.manifest = None
        raise
    finally:
        config.out = final
    result.packs = [
        dataclasses.replace(p, path=final / p.path.relative_to(staging)) if p.path.is_relative_to(staging) else p
        for p in result.packs
    ]
    if state is not None and config.site:
        state.manifest = _identity(final / MANIFEST)

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
        rules = run_rules(ws, previous=before.rules if before else None, changed=("checkins",))
    result.timings["rules"] = clock.lap()
    view = build_view(
        ws, analysis=analysis, findings=rules.findings, previous=before.view if before else None, changed=changed
    )
    result.warnings += view.warnings
    result.timings["view"] = clock.lap()
    if state is not None:
        state.ws, state.analysis, state.rules, state.view = ws, analysis, rules, view
    return view


def render_site(
    ws: Workspace,
    view: SiteView,
    config: BuildConfig,
    result: BuildResult,
    clock: _Clock,
    progress: Progress | None,
    state: BuildState | None = None,
) -> None:
    """Plan, render what changed, write, remove what is gone, check every link."""
    from rollout.report.site.links import LinkProblem, PageLinks, check, pages_to_recheck
    from rollout.report.site.output import (
        MANIFEST,
        Manifest,
        copy_assets,
        remove_stale,
    )
    from rollout.report.site.pages import Fingerprints, depends_on, plan_pages
    from rollout.report.site.render import Renderer
    from rollout.resources import data_dir
    from rollout.workspace.fileio import STATE_DIR
    from rollout.workspace.layout import checkin_file

    folder = config.out
    folder.mkdir(parents=True, exist_ok=True)
    previous = Manifest.load(folder)
    _existing_packs(view, folder, building=config.packs, only=config.pack)

    earlier = state.pages if state is not None and state.changed is not None else None
    pages = plan_pages(view, earlier)
    templates = _stamp()
    stamp = templates + "|" + " ".join(p.href for p in view.packs)
    fingerprints = Fingerprints(ws, stamp)
    # After a check-in in `rollout serve`: a page planned as before whose files did not
    # change keeps its fingerprint (and is not even looked at on disk).
    quick = (
        state is not None
        and earlier is not None
        and state.changed is not None
        and state.stamp == stamp
        and state.manifest == _identity(folder / MANIFEST)
    )
    same = {p.path: p for p in earlier} if quick and earlier is not None else {}
    touched = {checkin_file(c, u) for c, u in state.changed} if quick and state and state.changed else set()
    work = []
    keep = {}
    for page in pages:
        old = previous.pages.get(page.path)
        if old is not None and same.get(page.path) is page and not depends_on(page, touched):
            keep[page.path] = old
            continue
        fingerprint = fingerprints.of(page)
        old = previous.pages.get(page.path)
        if old is not None and old.fingerprint == fingerprint and (folder / page.path).is_file():
            keep[page.path] = old
        else:
            work.append((page, fingerprint))
    result.timings["plan"] = clock.lap()

    if progress is not None:
        progress.start("pages", len(work))
    renderer = Renderer(view, folder, previous.pages, stamp=templates, bytecode=ws.root / STATE_DIR / "cache" / "jinja")
    rendered = renderer.render_all(work, jobs=config.jobs, progress=progress.advance if progress else None)
    result.timings["render"] = clock.lap()

    records = dict(keep)
    for item in rendered:
        records[item.path] = item.record
    assets, result.assets_written = copy_assets(data_dir("site"), folder, previous)
    result.removed = remove_stale(folder, previous, set(records), set(assets))
    manifest = Manifest(records, assets, stamp)
    result.pages = len(pages)
    result.rendered = len(rendered)
    result.rendered_paths = sorted(r.path for r in rendered)
    result.written = sum(1 for r in rendered if r.written)
    result.timings["write"] = clock.lap()

    # Check every link: pages just rendered, and unchanged pages whose targets changed; the
    # problems of other unchanged pages carry over from the previous build.
    files = set(assets) | {p.href for p in view.packs} | set(result.forms.files if result.forms else ())
    now = {path: PageLinks(r.links, r.ids) for path, r in records.items()}
    if previous.stamp != stamp or set(previous.assets) != set(assets):
        recheck: set[str] | None = None
    else:
        before = {path: PageLinks(r.links, r.ids) for path, r in previous.pages.items()}
        removed = set(previous.pages) - set(records)
        recheck = pages_to_recheck(now, before, result.rendered_paths, removed, {p for p, _t, _k in previous.problems})
    problems = check(now, files, only=recheck)
    if recheck is not None:
        problems += [LinkProblem(p, t, k) for p, t, k in previous.problems if p not in recheck and p in records]
    # One order whether a problem was just found or replayed from the manifest (same bytes each run).
    problems.sort(key=lambda p: (p.page, p.target, p.kind))
    manifest.problems = [(p.page, p.target, p.kind) for p in problems]
    manifest.save(folder)
    if state is not None:
        state.pages, state.stamp, state.manifest = pages, stamp, _identity(folder / MANIFEST)
    result.link_problems = [p for p in problems if p.kind != "external-link"]
    result.external_links = sum(1 for p in problems if p.kind == "external-link")
    result.timings["links"] = clock.lap()


def build_packs_into(
    ws: Workspace, view: SiteView, config: BuildConfig, result: BuildResult, progress: Progress | None
) -> None:
    """The PDF review packs (rollout.report.packs), into ``<build>/packs``; their problems become warnings."""
    from rollout.report.packs import build_packs, plan_packs, select_packs
    from rollout.report.site.output import PACKS_DIR

    chosen = select_packs(plan_packs(ws), config.pack)
    callback: Callable[[Any], None] | None = None
    if progress is not None:
        progress.start("packs", len(chosen))

        def callback(_pack: Any) -> None:
            progress.advance(1)

    result.packs = list(
        build_packs(ws, view, config.out / PACKS_DIR, only=config.pack, jobs=config.jobs, progress=callback)
    )
    for pack in result.packs:
        if pack.error:
            result.warnings.append(f"pack {pack.spec.filename} failed: {pack.error}")
        result.warnings += [f"pack {pack.spec.filename}: {w}" for w in pack.warnings]
        result.warnings += [f"pack {pack.spec.filename}: refused to fetch {url}" for url in pack.refused]


def build_forms_into(ws: Workspace, config: BuildConfig, result: BuildResult) -> None:
    """The forms of the site (rollout.forms): ``<build>/forms/``, with the paper sheets when
    the packs are built too (they use the same renderer); their problems become warnings."""
    from rollout.forms.pages import build_forms

    result.forms = build_forms(ws, config.out, sheets=config.packs, jobs=config.jobs)
    result.warnings += result.forms.warnings


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


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _checkins_changed(state: BuildState, ws: Workspace) -> frozenset[tuple[str, str]] | None:
    """The (cycle, unit) pairs whose check-ins changed since the state's build, or None when
    anything else changed too (or there is nothing to build on)."""
    before = state.ws
    if before is None or state.view is None or state.rules is None or state.analysis is None:
        return None
    if before is ws:
        return frozenset()
    if before.today != ws.today or before.root != ws.root:
        return None
    old, new = before.sources, ws.sources
    changed = [
        rel for rel in old.keys() | new.keys() if (old.get(rel) and old[rel].sha) != (new.get(rel) and new[rel].sha)
    ]
    if not all(rel.startswith("checkins/") for rel in changed):
        return None
    return frozenset((parts[1], parts[2][: -len(".yaml")]) for parts in (rel.split("/") for rel in changed))


@contextlib.contextmanager
def _frozen_heap() -> Iterator[None]:
    """Keep the garbage collector off the loaded workspace while building.

    The workspace holds millions of objects that live until the end: full collections
    would scan them again and again, and a forked render worker would copy every memory
    page the collector touches. Frozen objects are skipped; new garbage is still collected,
    in larger batches: the analysis and view model are built from hundreds of thousands of
    objects that all survive, and collecting every 700 allocations (the default) re-scans
    them for nothing (a tenth of a large build).
    """
    gc.freeze()
    thresholds = gc.get_threshold()
    gc.set_threshold(20_000, thresholds[1], thresholds[2])
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _ignored_by_git(root: Path, folder: Path) -> bool:
    first = folder.relative_to(root.resolve()).parts[0]
    try:
        lines = (root / ".gitignore").read_text(encoding="utf-8").splitlines()
    except OSError:
        return False
    patterns = {line.strip().strip("/") for line in lines if line.strip() and not line.startswith("#")}
    return first in patterns or "*" in patterns


def _stamp() -> str:
    """Version of everything besides the workspace that shapes a page: tool, templates, assets."""
    from rollout.report.site.output import sha_of
    from rollout.resources import data_dir

    parts = [__version__]
    for name in ("templates", "site"):
        base = data_dir(name) / "site" if name == "templates" else data_dir(name)
        for path in sorted(base.rglob("*")):
            if path.is_file():
                parts.append(f"{path.relative_to(base)}:{sha_of(path.read_bytes())}")
    for module in ("markdown", "charts", "viewmodel"):
        source = Path(__file__).with_name(f"{module}.py")
        if source.is_file():
            parts.append(f"{module}:{sha_of(source.read_bytes())}")
    return sha_of("\n".join(parts).encode())


def _existing_packs(view: SiteView, folder: Path, *, building: bool, only: str | None) -> None:
    """Link only packs that exist or that this build writes: drop the others from the view."""
    from rollout.report.site.output import PACKS_DIR

    def kept(link: PackLink) -> bool:
        if building and (only is None or only in (link.id, link.cycle, link.phase)):
            return True
        return (folder / PACKS_DIR / link.href.split("/", 1)[1]).is_file()

    view.packs = [p for p in view.packs if kept(p)]
