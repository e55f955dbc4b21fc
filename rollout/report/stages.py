"""The stages of ``rollout build`` after the view model is made (:mod:`rollout.report.build`
runs them in order): the site's pages (:func:`render_site`), its forms
(:func:`build_forms_into`) and the PDF review packs (:func:`build_packs_into`)."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rollout import __version__
from rollout.report.buildstate import BuildState
from rollout.report.site.output import identity

if TYPE_CHECKING:
    from rollout.forms.pages import FormsResult
    from rollout.report.build import BuildConfig, BuildResult, Progress, _Clock
    from rollout.report.forked import Forked
    from rollout.report.viewmodel import PackLink, SiteView
    from rollout.workspace import Workspace


def render_site(
    ws: Workspace,
    view: SiteView,
    config: BuildConfig,
    result: BuildResult,
    clock: _Clock,
    progress: Progress | None,
    state: BuildState | None = None,
    take_forms: Callable[[], None] | None = None,
) -> None:
    """Plan, render what changed, write, remove what is gone, check every link.

    ``take_forms``: makes (or waits for) the site's forms (:func:`build_forms_into`), called once
    the pages are written and before the links are checked, which include the forms' files.
    """
    from rollout.report.site.links import LinkProblem, PageLinks, check, pages_to_recheck
    from rollout.report.site.output import (
        MANIFEST,
        Manifest,
        copy_assets,
        files_in,
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
    existing_packs(view, folder, building=config.packs, only=config.pack)

    earlier = state.pages if state is not None and state.changed is not None else None
    pages = plan_pages(view, earlier)
    templates = stamp_of_tools()
    stamp = templates + "|" + " ".join(p.href for p in view.packs)
    fingerprints = Fingerprints(ws, stamp)
    # After a check-in in `rollout serve`: a page planned as before whose files did not
    # change keeps its fingerprint (and is not even looked at on disk).
    quick = (
        state is not None
        and earlier is not None
        and state.changed is not None
        and state.stamp == stamp
        and state.manifest == identity(folder / MANIFEST)
    )
    same = {p.path: p for p in earlier} if quick and earlier is not None else {}
    touched = {checkin_file(c, u) for c, u in state.changed} if quick and state and state.changed else set()
    work = []
    keep = {}
    # Is a kept page still on disk? Most pages are asked unless the quick path spares them:
    # then one listing of the folder (output.files_in) beats a stat per page.
    on_disk = None if quick else files_in(folder)
    for page in pages:
        old = previous.pages.get(page.path)
        if old is not None and same.get(page.path) is page and not depends_on(page, touched):
            keep[page.path] = old
            continue
        fingerprint = fingerprints.of(page)
        old = previous.pages.get(page.path)
        if (
            old is not None
            and old.fingerprint == fingerprint
            and (page.path in on_disk if on_disk is not None else (folder / page.path).is_file())
        ):
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
    if take_forms is not None:
        take_forms()

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
        state.pages, state.stamp, state.manifest = pages, stamp, identity(folder / MANIFEST)
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


FORMS_ELSEWHERE_FROM = 2_000  # key results; below this, forking costs more than it saves
FORMS_NICENESS = 10  # added to the forked forms process's niceness (see forms_elsewhere)


def forms_elsewhere(ws: Workspace, config: BuildConfig, state: BuildState | None) -> Forked[FormsResult] | None:
    """The forms step, started in a forked process while this one analyzes (see :func:`build_forms_into`).

    Only for a large site-only build that is not an incremental one in ``rollout serve``:
    there the 2,206 check-in forms of 2,000 teams took 1.3 s in this process while the
    other core waited (a site build from process start went 4.25 → 4.86 s; this machine).
    Sheets (with the packs) render in worker processes of their own, which a forked
    child may not start; ``None`` when it is not worth it or not possible.
    """
    from rollout.report.forked import Forked, can_fork

    if not config.site or config.packs or config.jobs < 2 or (state is not None and state.changed is not None):
        return None
    if len(ws.key_results) < FORMS_ELSEWHERE_FROM or not can_fork():
        return None
    from rollout.forms.pages import FORMS_DIR, PAGES_MANIFEST, build_forms

    # A build over a previous one (its forms manifest is there) makes few form pages: here,
    # that is fingerprints only, and a forked process costs more than it saves. A build after
    # one check-in from process start: 3.6 → 3.4 s of CPU with the forms in this process
    # (median of 3, load average 6.7 on this 2-core machine, 2026-11-29).
    if (config.out / FORMS_DIR / PAGES_MANIFEST).is_file():
        return None

    _import_before_fork()
    out = config.out

    def in_background() -> FormsResult:
        # The forms are not on the build's critical path (analysis, rules, view, render; they
        # are taken after the render): the child yields the cores to those. With the same
        # priority, three processes shared two cores during the analysis and the forms' child
        # spent more CPU than the same work alone; niced, its CPU in a full build of 2,000 teams
        # went 0.93 → 0.77 s, the whole build's 5.75 → 5.19 s (medians of 12 builds each, 4
        # alternations, load 2.7–5.5 from other work on this shared 2-core machine, 2026-11-29;
        # the build's figure scatters by ±1 s at that load).
        with contextlib.suppress(OSError, AttributeError):
            os.nice(FORMS_NICENESS)
        return build_forms(ws, out, sheets=False, jobs=1)

    return Forked(in_background)


def _import_before_fork() -> None:
    """Import, before the forms' process is forked, what it imports on first use and this process
    imports later anyway (the site's renderer with its view model, the analysis, the rules, Jinja).

    The child then inherits them instead of importing them a second time: 87 modules and the
    forms' templates, 0.15 s of the child's CPU in a full build of 2,000 teams (this shared 2-core
    machine, 2026-11-29). The ones only the forms use are left to the child. The questionnaire
    model (the site's readiness pages) and the packs' plan (the site's pack links) were still
    imported by both: 9 modules, 0.015 s of the child's CPU (2026-11-29).
    """
    import importlib

    for name in (
        "jinja2",
        "rollout.metrics.analysis",
        "rollout.report.site.render",
        "rollout.rules.engine",
        "rollout.questionnaire.loader",
        "rollout.report.packs.plan",
        "rollout.metrics.values",
    ):
        importlib.import_module(name)


def build_forms_into(
    ws: Workspace,
    config: BuildConfig,
    result: BuildResult,
    state: BuildState | None = None,
    elsewhere: Forked[FormsResult] | None = None,
) -> None:
    """The forms of the site (rollout.forms): ``<build>/forms/``, with the paper sheets when
    the packs are built too (they use the same renderer); their problems become warnings.

    ``elsewhere``: the step already running in a forked process (:func:`forms_elsewhere`);
    its result is taken, or the step is done here when the child failed."""
    from rollout.forms.pages import build_forms

    quick = state is not None and state.changed is not None
    result.forms = elsewhere.result() if elsewhere is not None else None
    if result.forms is None:
        result.forms = build_forms(
            ws,
            config.out,
            sheets=config.packs,
            jobs=config.jobs,
            previous=state.forms if quick and state is not None else None,
            touched=state.changed if quick and state is not None else None,
        )
    if state is not None:
        state.forms = result.forms.state
    result.warnings += result.forms.warnings


def tool_files() -> list[tuple[str, Path]]:
    """``(name, path)`` of every file besides the workspace that shapes a page, in a fixed order:
    the site templates, the site assets and every module of the ``rollout`` package."""
    import rollout
    from rollout.resources import data_dir

    files: list[tuple[str, Path]] = []
    package = Path(rollout.__file__).parent
    for base in (data_dir("templates") / "site", data_dir("site"), package):
        pattern = "*.py" if base == package else "*"
        files += [(str(p.relative_to(base)), p) for p in sorted(base.rglob(pattern)) if p.is_file()]
    return files


@functools.cache  # the tool does not change within a process: `rollout serve` hashes it once
def stamp_of_tools() -> str:
    """Version of everything besides the workspace that shapes a page (:func:`tool_files`).

    The code is every module of the package, not a list of them: a list missed modules split
    off later, so a developer's build after a code change reused stale pages. Reading and
    hashing the 214 modules (1.6 MB) costs about 5 ms, once per process.
    """
    from rollout.report.site.output import sha_of

    parts = [__version__] + [f"{name}:{sha_of(path.read_bytes())}" for name, path in tool_files()]
    return sha_of("\n".join(parts).encode())


def existing_packs(view: SiteView, folder: Path, *, building: bool, only: str | None) -> None:
    """Link only packs that exist or that this build writes: drop the others from the view."""
    from rollout.report.site.output import PACKS_DIR

    def kept(link: PackLink) -> bool:
        if building and (only is None or only in (link.id, link.cycle, link.phase)):
            return True
        return (folder / PACKS_DIR / link.href.split("/", 1)[1]).is_file()

    view.packs = [p for p in view.packs if kept(p)]
