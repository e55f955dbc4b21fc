"""Render pages with Jinja2, in two processes for large sites.

Templates live in ``templates/site/``: ``base.html`` (layout, navigation) and one
template per page kind (``home.html``, ``unit.html``, …). Autoescape is on and
undefined variables are errors, so a template never prints user text unescaped
or silently prints nothing.

Large builds fork one worker (POSIX ``fork``: the view model is inherited, not
sent) and split the pages between it and the parent; each process renders,
hashes, compares with the previous build and writes its own pages, and sends
back only small records (content hash, links, ids).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markupsafe
from markupsafe import Markup, escape

from rollout.questionnaire.scoring import score_text
from rollout.report import charts, formats
from rollout.report.forked import Forked, can_fork
from rollout.report.formats import sentence as sentence  # one definition; forms and packs import it too
from rollout.report.markdown import render_document, render_inline, render_markdown
from rollout.report.site.links import extract
from rollout.report.site.output import PageRecord, sha_of, write_file
from rollout.report.site.pages import Page
from rollout.report.viewrecords import SiteView, alignment_url, cycle_url, objective_url, phase_url, unit_url
from rollout.report.vocabulary import (
    BAND_WORDS,
    DECISION_WORDS,
    DECISIONS_HEADING,
    FIGURES,
    FINAL_WORDS,
    KR_KIND_WORDS,
    READING_WORDS,
    RECOMMENDATION_WORDS,
    STATUS_WORDS,
    STRATEGY_WORDS,
    VERDICT_WORDS,
    decision_tally,
    reading_tags,
    severity_word,
)
from rollout.resources import data_dir

PARALLEL_FROM = 300  # cost in unit pages; below this one process is faster than forking a worker
Progress = Callable[[int], None]


@dataclass(frozen=True, slots=True)
class Rendered:
    path: str
    record: PageRecord
    written: bool


# --- formatting filters ------------------------------------------------------------


# The formatters are the reports' one set (rollout.report.formats), shared with the packs
# and the terminal.
fmt_score = formats.score
fmt_pct = formats.share
fmt_value = formats.value
fmt_date = formats.short_date


def status_word(status: str | None, final: bool = False) -> str:
    """The word for a status; ``final`` (a closed cycle): the band it stands for ("Moderate")."""
    return (FINAL_WORDS if final else STATUS_WORDS).get(status, "No data")


confidence_text = formats.confidence


@functools.cache
def pill(status: str | None, final: bool = False) -> Markup:
    """A status pill: the word always says it; the mark's shape repeats it without colour.

    ``final``: the status of a closed cycle, said as its band ("Moderate", not "At risk"),
    the same words as the closed cycle's pack. Cached: a handful of statuses, shown tens
    of thousands of times on a large site.
    """
    key = status or "none"
    return Markup(
        f'<span class="pill pill-{key}"><span class="pill-mark" aria-hidden="true"></span>'
        f"{status_word(status, final)}</span>"
    )


def scorebar(score: float | None, expected: float | None = None, width: int = 120) -> Markup:
    """A score bar with its value as text."""
    return Markup(
        f'<span class="scorebar">{charts.score_bar(score, expected=expected, width=width)}'
        f'<span class="scorebar-value">{fmt_score(score)}</span></span>'
    )


def zip_list(labels: Any, values: Any) -> list[tuple[Any, Any]]:
    return list(zip(labels, values, strict=False))


def phase_series(phase: Any, index: int) -> list[tuple[str, float | None]]:
    """``(cycle, value)`` pairs of a phase's results: 1 = mean score, 2 = check-in discipline."""
    return [(row[0], row[index]) for row in phase.results]


def rule_reference(markdown: str) -> Markup:
    """The rules' reference (the tool's Markdown) nested under the page's ``h2``."""
    return render_document(markdown, shift=1)


def make_environment(bytecode: Path | None = None) -> Any:
    """The Jinja environment of the site templates (compiled templates are cached in it).

    ``bytecode``: a folder where compiled templates are kept between processes (Jinja's
    bytecode cache, keyed by each template's source), which saves compiling them again.
    """
    import jinja2

    env = jinja2.Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(str(bytecode)) if bytecode is not None else None,
        loader=jinja2.FileSystemLoader(str(data_dir("templates") / "site")),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
        cache_size=-1,
    )
    env.filters.update(
        md=render_markdown,
        md_inline=render_inline,
        score=fmt_score,
        judged_mean=formats.judged_mean,
        pct=fmt_pct,
        value=fmt_value,
        readiness=score_text,
        day=fmt_date,
        long_day=formats.long_date,
        cycle_state=formats.cycle_state,
        phase_scope=formats.phase_scope,
        as_of=formats.as_of,
        count=formats.count,
        measured=formats.measured,
        milestone=formats.milestone,
        status_word=status_word,
        severity=severity_word,
        confidence=confidence_text,
        zip_list=zip_list,
        sentence=sentence,
        plural=formats.counted,
        rule_reference=rule_reference,
        # Charts and pills are filters, not globals: Jinja calls filters directly, which is
        # several times cheaper than a global call (thousands per page on large sites).
        pill=pill,
        scorebar=scorebar,
        bar=charts.score_bar,
        meter=charts.meter,
        sparkline=charts.sparkline,
    )
    env.globals.update(
        charts=charts,
        pill=pill,
        scorebar=scorebar,
        phase_series=phase_series,
        unit_url=unit_url,
        cycle_url=cycle_url,
        phase_url=phase_url,
        objective_url=objective_url,
        alignment_url=alignment_url,
        BAND_WORDS=BAND_WORDS,
        DECISION_WORDS=DECISION_WORDS,
        DECISIONS_HEADING=DECISIONS_HEADING,
        decision_tally=decision_tally,
        STRATEGY_WORDS=STRATEGY_WORDS,
        RECOMMENDATION_WORDS=RECOMMENDATION_WORDS,
        VERDICT_WORDS=VERDICT_WORDS,
        READING_WORDS=READING_WORDS,
        KR_KIND_WORDS=KR_KIND_WORDS,
        reading_tags=reading_tags,
        FIGURES=FIGURES,
        fraction=formats.fraction,
    )
    return env


TEMPLATES = {
    "home": "home.html",
    "units": "units.html",
    "alignment": "alignment.html",
    "unit": "unit.html",
    "cycle": "cycle.html",
    "phase": "phase.html",
    "readiness": "readiness.html",
    "quality": "quality.html",
    "checkins": "checkins.html",
    "figures": "figures.html",
}


def context_for(view: SiteView, page: Page) -> dict[str, Any]:
    """What the page's template receives."""
    ctx: dict[str, Any] = {"view": view, "page": page, "root": page.root, "kind": page.kind}
    if page.kind == "unit":
        cycle_id, unit_id = page.key
        ctx["uc"] = view.unit_cycles[(cycle_id, unit_id)]
        ctx["unit"] = view.units[unit_id]
        ctx["cycle"] = view.cycles[cycle_id]
    elif page.kind in ("cycle", "alignment"):
        ctx["cycle"] = view.cycles[page.key[0]]
    elif page.kind == "phase":
        ctx["phase"] = view.phases[page.key[0]]
    elif page.kind == "quality":
        ctx["qc"] = view.quality.cycles[page.key[0]] if page.key else view.quality.first
    elif page.kind == "figures":
        from rollout.metrics.figures import explanation

        ctx["figures"] = render_document(explanation(), shift=-1)
    return ctx


# markupsafe's C escaping of a str: what escape() does before wrapping the result in Markup.
_escape_text: Callable[[str], str] = getattr(markupsafe, "_escape_inner", lambda text: str(escape(text)))


def page_escape(value: Any) -> str:
    """Autoescaping of what a template prints: the same escaping as :func:`markupsafe.escape`.

    markupsafe wraps every escaped value in a new ``Markup`` object; what a template prints
    only ever goes into the page (Jinja wraps captured output, macro results and blocks in
    ``Markup`` itself), so the wrapper is dropped: about a fifth of the cost of a large page.
    """
    if type(value) is str:
        return _escape_text(value)
    if hasattr(value, "__html__"):
        html: str = value.__html__()
        return html
    return _escape_text(str(value))


def _use_page_escape(template: Any) -> None:
    """Make a compiled template print through :func:`page_escape`.

    Jinja's compiled templates call the ``escape`` their module imports from
    ``jinja2.runtime`` on every printed value; blocks and macros share that namespace.
    """
    namespace = template.root_render_func.__globals__
    if namespace.get("escape") is escape:
        namespace["escape"] = page_escape


class _Names:
    """The ``person`` and ``unit_name`` filters, for whichever view is being rendered.

    Jinja binds filters when it compiles a template; going through this holder lets
    one compiled environment serve every build of a process (``rollout serve``).
    """

    view: SiteView | None = None

    def person(self, person_id: str | None) -> str:
        assert self.view is not None
        return self.view.person(person_id)

    def unit_name(self, unit_id: str | None) -> str:
        assert self.view is not None
        return self.view.unit_name(unit_id)


_COMPILED: dict[str, tuple[Any, _Names]] = {}


def compiled_environment(stamp: str = "", bytecode: Path | None = None) -> tuple[Any, _Names]:
    """The site's Jinja environment with every template compiled (about 0.15 s), kept per
    process for the templates' ``stamp``: a rebuild in ``rollout serve`` reuses it."""
    if stamp and stamp in _COMPILED:
        return _COMPILED[stamp]
    if bytecode is not None:
        with contextlib.suppress(OSError):
            bytecode.mkdir(parents=True, exist_ok=True)
        if not bytecode.is_dir():
            bytecode = None
    env = make_environment(bytecode)
    names = _Names()
    env.filters.update(person=names.person, unit_name=names.unit_name)
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        _use_page_escape(env.get_template(name))  # compile once, before any fork
    if stamp:
        _COMPILED.clear()
        _COMPILED[stamp] = (env, names)
    return env, names


class Renderer:
    """Renders pages of one view into one build folder."""

    def __init__(
        self,
        view: SiteView,
        folder: Path,
        previous: dict[str, PageRecord],
        stamp: str = "",
        bytecode: Path | None = None,
    ) -> None:
        self.view = view
        self.folder = folder
        self.previous = previous
        self.env, names = compiled_environment(stamp, bytecode)
        names.view = view
        self._folders: set[Path] = set()

    def render_html(self, page: Page) -> str:
        template = self.env.get_template(TEMPLATES[page.kind])
        return str(template.render(context_for(self.view, page)))

    def render_one(self, page: Page, fingerprint: str) -> Rendered:
        html = self.render_html(page)
        data = html.encode("utf-8")
        sha = sha_of(data)
        found = extract(html)
        old = self.previous.get(page.path)
        target = self.folder / page.path
        written = False
        if old is None or old.sha != sha or not target.is_file():
            parent = target.parent
            if parent not in self._folders:
                parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(parent)
            write_file(target, data, make_parent=False, staged=True)  # the build's staging folder
            written = True
        return Rendered(page.path, PageRecord(fingerprint, sha, found.links, found.ids), written)

    def render_all(
        self, work: Sequence[tuple[Page, str]], *, jobs: int = 2, progress: Progress | None = None
    ) -> list[Rendered]:
        """Render ``(page, fingerprint)`` pairs, forking a worker when there are many and ``jobs`` > 1."""
        costs = [self.cost(page) for page, _fp in work]
        if jobs <= 1 or sum(costs) < PARALLEL_FROM or not can_fork():
            return self._render_list(work, progress)
        # Split in two contiguous runs of about equal cost: the parent takes the overview pages
        # (first in the list) and the first unit pages. Contiguous matters: after a fork each
        # process copies every memory page it touches, so interleaved halves would both touch
        # (and copy) nearly the whole heap, and slow each other down.
        half, running, cut = sum(costs) / 2, 0.0, len(work)
        for index, cost in enumerate(costs):
            running += cost
            if running >= half:
                cut = index + 1
                break
        mine, theirs = list(work[:cut]), list(work[cut:])
        # Both processes meet notes in Markdown: the parser is made (markdown-it imported) once,
        # here, for both (0.04 s of CPU in each process that made its own, this machine, 2026-11-29).
        from rollout.report.markdown import _parser

        _parser()
        worker = Forked(lambda: self._render_list(theirs, None))
        results = self._render_list(mine, progress)
        theirs_done = worker.result()
        if theirs_done is None:  # the worker failed: render its pages here (and report any error)
            theirs_done = self._render_list(theirs, None)
        if progress is not None:
            progress(len(theirs))
        return results + theirs_done

    def cost(self, page: Page) -> float:
        """Rough rendering cost of a page, in unit pages."""
        if page.kind == "unit":
            return 1.0
        if page.kind in ("units", "cycle", "alignment"):
            return 1.0 + len(self.view.units) / 30
        return 5.0

    def _render_list(self, work: Sequence[tuple[Page, str]], progress: Progress | None) -> list[Rendered]:
        results = []
        step = max(1, len(work) // 50)
        for index, (page, fingerprint) in enumerate(work, 1):
            results.append(self.render_one(page, fingerprint))
            if progress is not None and index % step == 0:
                progress(step)
        if progress is not None and len(work) % step:
            progress(len(work) % step)
        return results
