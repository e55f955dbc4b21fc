"""``forms/`` in the built site: a form page per questionnaire and per unit's check-in, their
printable sheets (:mod:`rollout.forms.sheets`), and an index.

Pages are rendered with Jinja2 from ``templates/forms/`` (autoescaped, strict undefined).
Incremental like the site: each page has a fingerprint of the workspace files it shows
(:class:`Inputs`); a page whose fingerprint did not change is not made again, and one is
written only when its bytes differ from the file there. The folder keeps two manifests: ``.forms.json`` (the
pages this step wrote) and ``.packs.json`` (the sheets); a file this step no longer makes
is removed, and nothing else is ever deleted.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from rollout.forms.inputs import FormsState, Inputs
from rollout.forms.spec import PersonChoice, QuestionnaireForm, questionnaire_forms
from rollout.report.site.output import files_in, identity, write_file
from rollout.resources import data_dir

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace

FORMS_DIR = "forms"
PAGES_MANIFEST = ".forms.json"
PAGES_MANIFEST_VERSION = 3  # 3: a fingerprint per page (2 kept a digest of its bytes too)


@dataclass
class FormsResult:
    """What the forms step made: site paths of its files, pages written, sheets rendered, warnings."""

    files: list[str] = field(default_factory=list)
    written: int = 0
    sheets: int = 0
    sheets_rendered: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)
    state: FormsState | None = None  # for the next build in the same process


def template_dir() -> Path:
    return data_dir("templates") / "forms"


@cache
def environment(bytecode: str | None = None) -> Any:
    """The Jinja environment of the form templates; ``bytecode``: a folder that keeps them
    compiled between processes (Jinja's bytecode cache, keyed by each template's source).
    Compiling the check-in form's templates again took 0.06 s of each `rollout build` from
    process start (this machine), which renders only a changed unit's form."""
    import jinja2

    from rollout.plural import plural
    from rollout.report.site.render import sentence

    env = jinja2.Environment(
        bytecode_cache=jinja2.FileSystemBytecodeCache(bytecode) if bytecode is not None else None,
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["sentence"] = sentence
    env.filters["plural"] = plural
    # The check-in form prints each key result's id eight times: 400,000 values for 2,000
    # teams, and markupsafe's escape() wraps each in a Markup object (1.1 of 7.2 s of the
    # profiled forms step). The site's page_escape escapes the same, without the wrapper.
    from rollout.report.site.render import _use_page_escape

    for name in ("checkin.html", "_fields.html", "base.html", "questionnaire.html", "index.html"):
        _use_page_escape(env.get_template(name))
    return env


def build_forms(
    ws: Workspace,
    folder: Path,
    *,
    sheets: bool = False,
    jobs: int = 2,
    previous: FormsState | None = None,
    touched: frozenset[tuple[str, str]] | None = None,
) -> FormsResult:
    """Write ``<folder>/forms/``: the form pages and, with ``sheets``, the printable PDFs.

    ``folder`` is the (checked) build folder. Incremental like the site: each page and sheet
    has a fingerprint of the workspace files it shows (see :class:`Inputs`), and one whose
    fingerprint did not change is neither made nor written again, so a new check-in remakes
    one unit's form. ``previous`` (the state of the last build in this process) and ``touched``
    (the (cycle, unit) pairs whose check-ins alone changed since; None: anything may have)
    skip the other units' pages (see :class:`FormsState`). Raises
    :class:`~rollout.errors.LoadError` when a questionnaire file is broken (the same error as
    ``rollout ask``) and :class:`~rollout.errors.WriteError` when a file cannot be written.
    """
    import time

    from rollout import __version__
    from rollout.flows.checkin import checkin_units
    from rollout.forms.checkin_page import checkin_page
    from rollout.forms.people import FewPeople, people_for
    from rollout.forms.spec import People, checkin_form

    started = time.perf_counter()
    out = folder / FORMS_DIR
    out.mkdir(parents=True, exist_ok=True)
    inputs = Inputs(ws)
    result = FormsResult()
    cycle = ws.running_cycle()
    if previous is not None and touched is not None:  # only check-ins changed: the same units (FormsState)
        units = list(previous.units)
    else:
        units = checkin_units(ws, cycle) if cycle is not None else []
    lazy = _Lazy(ws)
    if sheets:
        from rollout.forms.sheets import render_sheets

        render_sheets(ws, out, lazy, units, inputs, jobs, result)
    existing = made_sheets(out)
    shared = inputs.shared(cycle.id if cycle else "", units, sorted(existing))
    quick = (
        previous is not None
        and touched is not None
        and previous.shared == shared
        and previous.manifest == identity(out / PAGES_MANIFEST)
    )
    before = previous.made if quick and previous is not None else _read_pages_manifest(out)
    kept = touched if quick and touched is not None else None
    common = {"organization": ws.settings.organization, "language": ws.settings.language, "version": __version__}
    env = environment(_bytecode_folder(ws.root))
    made: dict[str, str] = {}  # site path → fingerprint
    # Every page is asked "still on disk?" unless the quick path spares it: one listing then.
    on_disk = None if quick else {f"{FORMS_DIR}/{name}" for name in files_in(out)}

    def page(rel: str, fingerprint: str, render: Callable[[], str | None]) -> None:
        old = before.get(rel)
        if (
            old is not None
            and old == fingerprint
            and (rel in on_disk if on_disk is not None else (folder / rel).is_file())
        ):
            made[rel] = old
            return
        html = render()
        if html is None:  # not made (a broken questionnaire file): reported, and an old page removed
            return
        data = html.encode("utf-8")
        made[rel] = fingerprint
        if old is None or not _holds(folder / rel, data):
            # Every page is in ``out``, made above: no mkdir per page (2,206 of them, 0.04 s of a
            # full build of 2,000 teams, this machine).
            write_file(folder / rel, data, make_parent=False, staged=True)  # the build's staging folder
            result.written += 1

    questionnaire_files = inputs.questionnaires()
    for qid in questionnaire_files:
        rel = f"{FORMS_DIR}/{qid}.html"
        sheet = f"{FORMS_DIR}/{qid}.pdf"

        def render_questionnaire(qid: str = qid, sheet: str = sheet) -> str | None:
            form = lazy.questionnaire(qid)
            if form is None:
                return None
            return str(
                env.get_template("questionnaire.html").render(
                    common,
                    form=form,
                    sheet_exists=sheet in existing,
                    current="form",
                    people_options=lazy.everyone(),
                    # answers dated after as-of are refused (rollout collect) and reported (OKR412)
                    as_of=ws.settings.as_of,
                )
            )

        page(rel, inputs.of_questionnaire(qid, sheet in existing), render_questionnaire)
    counts: list[tuple[str, str, int, str]] = []  # (unit, name, key results, sheet) for the index
    if quick and previous is not None:
        counts = list(previous.counts)
    people: People | FewPeople | None = None  # made on the first form rendered (forms.people)
    for unit in units:
        assert cycle is not None
        rel, sheet = f"{FORMS_DIR}/checkin-{unit}.html", f"{FORMS_DIR}/checkin-{unit}.pdf"
        if not quick:
            key_results = sum(len(o.key_results) for o in ws.objectives_in(cycle.id, unit))
            counts.append((unit, ws.units[unit].name, key_results, sheet))

        if kept is not None and (cycle.id, unit) not in kept and rel in before:
            made[rel] = before[rel]  # unchanged since the last build in this process (FormsState)
            continue

        def render_checkin(unit: str = unit) -> str:
            nonlocal people
            assert cycle is not None
            people = people_for(ws, people)
            return checkin_page(env, common, checkin_form(ws, cycle, unit, people), existing)

        page(rel, inputs.of_checkin(cycle.id, unit, sheet in existing), render_checkin)
    page(
        f"{FORMS_DIR}/index.html",
        inputs.of_index(cycle.id if cycle else "", sorted(existing)),
        lambda: str(
            env.get_template("index.html").render(
                common,
                questionnaires=[f for f in map(lazy.questionnaire, questionnaire_files) if f is not None],
                checkins=counts,
                sheets=existing,
                cycle=(cycle.name or cycle.id) if cycle else "",
                current="index",
            )
        ),
    )
    for rel in before.keys() - made.keys():  # pages this step made before and no longer makes
        target = folder / rel
        if target.parent == out and target.suffix == ".html":
            target.unlink(missing_ok=True)
    if made != before:
        body = {"version": PAGES_MANIFEST_VERSION, "pages": made}
        # No ``indent``: with it json.dumps runs the pure-Python encoder (0.05 s for 2,206 pages on
        # each `rollout serve` rebuild, this machine); without it, the C one (a few ms).
        write_file(out / PAGES_MANIFEST, (json.dumps(body, sort_keys=True) + "\n").encode())
    result.warnings += lazy.problems
    result.files = sorted(made) + sorted(existing)
    result.state = FormsState(shared, made, identity(out / PAGES_MANIFEST), tuple(units), tuple(counts))
    result.seconds = time.perf_counter() - started
    return result


class _Lazy:
    """The questionnaire forms and the people list, made only when a page or sheet needs them."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self._forms: dict[str, QuestionnaireForm] | None = None
        self._everyone: Markup | None = None
        self.problems: list[str] = []

    def questionnaire(self, qid: str) -> QuestionnaireForm | None:
        """The form of questionnaire ``qid``; None when its file is broken (see ``problems``)."""
        if self._forms is None:
            forms, self.problems = questionnaire_forms(self.ws)
            self._forms = {f.id: f for f in forms}
        return self._forms.get(qid)

    def everyone(self) -> Markup:
        if self._everyone is None:
            from rollout.forms.spec import people_of

            # people_of's list is people_choices(ws), sorted once for the check-in forms too
            # (15,000 people: 0.04 s of a full build of 2,000 teams, this machine, 2026-11-29).
            self._everyone = person_options(people_of(self.ws).everyone)
        return self._everyone


def _bytecode_folder(root: Path) -> str | None:
    """``.rollout/cache/jinja-forms`` of the workspace, made if need be; None when it cannot be
    (a read-only workspace, ``.rollout`` a link): the templates are then compiled each time."""
    from rollout.workspace.fileio import STATE_DIR

    folder = root.resolve() / STATE_DIR / "cache" / "jinja-forms"
    if (root / STATE_DIR).is_symlink():
        return None
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
    return str(folder) if folder.is_dir() else None


def person_options(people: list[PersonChoice], selected: str = "") -> Markup:
    """The ``<option>`` list of people, made once and shared by every page that shows it.

    Made with plain escaping rather than a Jinja loop: the demo's 601 people on 18 pages
    took 0.6 s through the template, a third of the forms step; this takes 10 ms.
    """
    from rollout.report.site.render import _escape_text  # markupsafe's escaping, without a Markup per value

    parts = []
    for p in people:
        title = f" — {_escape_text(p.title)}" if p.title else ""
        mark = " selected" if p.id == selected else ""
        parts.append(
            f'<option value="{_escape_text(p.id)}" data-unit="{_escape_text(p.unit)}"{mark}>'
            f"{_escape_text(p.name)}{title}</option>"
        )
    return Markup("\n".join(parts))


def made_sheets(out: Path) -> set[str]:
    """Site paths of the sheets a build made that are on disk (a site-only build links those)."""
    from rollout.report.packs.parallel import read_manifest

    return {f"{FORMS_DIR}/{name}" for name in read_manifest(out) if (out / name).is_file()}


def _holds(path: Path, data: bytes) -> bool:
    """Whether the file at ``path`` holds ``data`` (``False`` when there is none).

    Asked only of a page whose fingerprint changed. The manifest kept a digest of each page's
    bytes for this; making it was 0.045 s of CPU in every full build of 2,000 teams (48 MB of
    forms), where no page is there to compare with (this shared 2-core machine, 2026-11-29).
    """
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _read_pages_manifest(out: Path) -> dict[str, str]:
    """Site path → fingerprint of the pages the last build wrote."""
    try:
        data = json.loads((out / PAGES_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != PAGES_MANIFEST_VERSION:
        return {}
    pages = data.get("pages")
    if not isinstance(pages, dict):
        return {}
    return {str(k): v for k, v in pages.items() if isinstance(v, str)}
