"""``forms/`` in the built site: a form page per questionnaire and per unit's check-in, their
printable sheets, and an index.

Pages are rendered with Jinja2 from ``templates/forms/`` (autoescaped, strict undefined),
and written only when their bytes changed. Sheets (``forms/*.pdf``) are rendered with the
packs' renderer and machinery (:mod:`rollout.report.packs.parallel`: WeasyPrint in worker
processes, the restricted URL fetcher, a content-hash manifest), so a sheet is rendered
again only when its HTML changed: the questionnaire, the people or the key results and
last week's values. The folder keeps two manifests: ``.forms.json`` (the pages this step
wrote) and ``.packs.json`` (the sheets); a file that is no longer made is removed, and
nothing else is ever deleted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup, escape

from rollout.forms.spec import CheckinForm, PersonChoice, QuestionnaireForm, checkin_forms, questionnaire_forms
from rollout.report.site.output import sha_of, write_file
from rollout.resources import data_dir

if TYPE_CHECKING:
    from rollout.workspace.workspace import Workspace

FORMS_DIR = "forms"
PAGES_MANIFEST = ".forms.json"
SHEET_VARIANT = "pdf/ua-1"


@dataclass
class FormsResult:
    """What the forms step made: site paths of its files, pages written, sheets rendered, warnings."""

    files: list[str] = field(default_factory=list)
    written: int = 0
    sheets: int = 0
    sheets_rendered: int = 0
    seconds: float = 0.0
    warnings: list[str] = field(default_factory=list)


def template_dir() -> Path:
    return data_dir("templates") / "forms"


@cache
def environment() -> Any:
    import jinja2

    from rollout.report.site.render import sentence

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters["sentence"] = sentence
    return env


def build_forms(
    ws: Workspace,
    folder: Path,
    *,
    sheets: bool = False,
    jobs: int = 2,
    only: frozenset[tuple[str, str]] | None = None,
) -> FormsResult:
    """Write ``<folder>/forms/``: the form pages and, with ``sheets``, the printable PDFs.

    ``folder`` is the (checked) build folder. ``only``: the ``(cycle, unit)`` pairs whose
    check-ins alone changed since the last build in this process (``rollout serve``, see
    :class:`rollout.report.build.BuildState`): only those units' check-in forms are made
    again (they show last week's values; nothing else does). Raises
    :class:`~rollout.errors.LoadError` when a questionnaire file is broken (the same error
    as ``rollout ask``) and :class:`~rollout.errors.WriteError` when a file cannot be written.
    """
    import time

    from rollout import __version__

    started = time.perf_counter()
    out = folder / FORMS_DIR
    out.mkdir(parents=True, exist_ok=True)
    before, stamp_before = _read_pages_manifest(out)
    stamp = templates_stamp()
    result = FormsResult()
    common = {"organization": ws.settings.organization, "language": ws.settings.language, "version": __version__}
    pages: dict[str, str] = {}
    if only is not None and before and stamp == stamp_before and (out / "index.html").is_file():
        existing = made_sheets(out)
        shas = dict(before)
        for cform in _changed_checkin_forms(ws, only):
            pages[cform.path] = _checkin_page(common, cform, existing)
    else:
        shas = {}
        questionnaires = questionnaire_forms(ws)
        checkins = checkin_forms(ws)
        if sheets:
            render_sheets(ws, out, questionnaires, checkins, jobs, result)
        existing = made_sheets(out)
        env = environment()
        everyone = person_options(questionnaires[0].people) if questionnaires else Markup("")
        for qform in questionnaires:
            pages[qform.path] = env.get_template("questionnaire.html").render(
                common, form=qform, sheet_exists=qform.sheet in existing, current="form", people_options=everyone
            )
        for cform in checkins:
            pages[cform.path] = _checkin_page(common, cform, existing)
        running = ws.running_cycle()
        pages[f"{FORMS_DIR}/index.html"] = env.get_template("index.html").render(
            common,
            questionnaires=questionnaires,
            checkins=checkins,
            sheets=existing,
            cycle=(running.name or running.id) if running else "",
            current="index",
        )
    for rel, html in pages.items():
        data = html.encode("utf-8")
        sha = shas[rel] = sha_of(data)
        target = folder / rel
        if before.get(rel) != sha or not target.is_file():
            write_file(target, data)
            result.written += 1
    for rel in before.keys() - shas.keys():  # pages this step made before and no longer makes
        target = folder / rel
        if target.parent == out and target.suffix == ".html":
            target.unlink(missing_ok=True)
    if shas != before or stamp != stamp_before:
        manifest = json.dumps({"version": 1, "stamp": stamp, "pages": shas}, indent=1, sort_keys=True) + "\n"
        write_file(out / PAGES_MANIFEST, manifest.encode())
    result.files = sorted(shas) + sorted(existing)
    result.seconds = time.perf_counter() - started
    return result


def _checkin_page(common: dict[str, Any], form: CheckinForm, existing: set[str]) -> str:
    options = person_options(form.people, selected=form.owner)
    return str(
        environment()
        .get_template("checkin.html")
        .render(common, form=form, sheet_exists=form.sheet in existing, current="form", people_options=options)
    )


def _changed_checkin_forms(ws: Workspace, pairs: frozenset[tuple[str, str]]) -> list[CheckinForm]:
    """The check-in forms of the running cycle's units among ``pairs``."""
    from rollout.flows.checkin import checkin_units
    from rollout.forms.spec import checkin_form, people_choices

    cycle = ws.running_cycle()
    units = {u for c, u in pairs if cycle is not None and c == cycle.id}
    if cycle is None or not units:
        return []
    people = people_choices(ws)
    members: dict[str, list[PersonChoice]] = {}
    for person in people:
        members.setdefault(person.unit, []).append(person)
    return [checkin_form(ws, cycle, u, people, members) for u in checkin_units(ws, cycle) if u in units]


def person_options(people: list[PersonChoice], selected: str = "") -> Markup:
    """The ``<option>`` list of people, made once and shared by every page that shows it.

    Made with plain escaping rather than a Jinja loop: the demo's 601 people on 18 pages
    took 0.6 s through the template, a third of the forms step; this takes 10 ms.
    """
    parts = []
    for p in people:
        title = f" — {escape(p.title)}" if p.title else ""
        mark = " selected" if p.id == selected else ""
        parts.append(
            f'<option value="{escape(p.id)}" data-unit="{escape(p.unit)}"{mark}>{escape(p.name)}{title}</option>'
        )
    return Markup("\n".join(parts))


def made_sheets(out: Path) -> set[str]:
    """Site paths of the sheets a build made that are on disk (a site-only build links those)."""
    from rollout.report.packs.parallel import read_manifest

    return {f"{FORMS_DIR}/{name}" for name in read_manifest(out) if (out / name).is_file()}


def _read_pages_manifest(out: Path) -> tuple[dict[str, str], str]:
    """``(site path → sha, templates stamp)`` of the pages the last build wrote."""
    try:
        data = json.loads((out / PAGES_MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}, ""
    pages = data.get("pages") if isinstance(data, dict) else None
    if not isinstance(pages, dict):
        return {}, ""
    return {str(k): str(v) for k, v in pages.items()}, str(data.get("stamp", ""))


def templates_stamp() -> str:
    """Version of what shapes a form page besides the workspace: the tool and the templates."""
    from rollout import __version__

    parts = [__version__]
    for path in sorted(template_dir().glob("*")):
        if path.is_file():
            parts.append(f"{path.name}:{sha_of(path.read_bytes())}")
    return sha_of("\n".join(parts).encode())


# --- printable sheets ------------------------------------------------------------------


@cache
def sheet_stylesheet() -> str:
    return (template_dir() / "sheet.css").read_text(encoding="utf-8")


def sheet_html(form: QuestionnaireForm | CheckinForm, organization: str, language: str) -> str:
    """The HTML of one printable sheet (stylesheet inlined: the HTML alone determines the PDF)."""
    from rollout import __version__

    template = "sheet-checkin.html" if isinstance(form, CheckinForm) else "sheet-questionnaire.html"
    return str(
        environment()
        .get_template(template)
        .render(form=form, css=sheet_stylesheet(), organization=organization, language=language, version=__version__)
    )


def render_sheets(
    ws: Workspace,
    out: Path,
    questionnaires: list[QuestionnaireForm],
    checkins: list[CheckinForm],
    jobs: int,
    result: FormsResult,
) -> None:
    """Render the sheets whose HTML changed, in the packs' worker processes; prune old ones."""
    from rollout.report.packs.parallel import MANIFEST as PACKS_MANIFEST
    from rollout.report.packs.parallel import RenderJob, digest, is_current, read_manifest, run_jobs, write_manifest

    manifest = read_manifest(out)
    before = {name: dict(entry) for name, entry in manifest.items()}
    base_url = template_dir().resolve().as_uri() + "/"
    allowed = (str(template_dir()),)
    pending: list[RenderJob] = []
    digests: dict[str, str] = {}
    forms: list[QuestionnaireForm | CheckinForm] = [*questionnaires, *checkins]
    for form in forms:
        filename = form.sheet.split("/", 1)[1]
        html = sheet_html(form, ws.settings.organization, ws.settings.language)
        digests[filename] = digest(html, SHEET_VARIANT)
        if not is_current(out, filename, digests[filename], manifest):
            pending.append(RenderJob(filename, html, str(out / filename), base_url, allowed, SHEET_VARIANT))
    result.sheets = len(forms)
    for outcome in run_jobs(pending, workers=jobs):
        if outcome.error is not None:
            result.warnings.append(f"sheet forms/{outcome.key} failed: {outcome.error}")
            manifest.pop(outcome.key, None)
            continue
        result.sheets_rendered += 1
        result.warnings += [f"sheet forms/{outcome.key}: {w}" for w in outcome.warnings]
        result.warnings += [f"sheet forms/{outcome.key}: refused to fetch {url}" for url in outcome.refused]
        manifest[outcome.key] = {"digest": digests[outcome.key], "pages": outcome.pages, "size": outcome.size}
    for filename in list(manifest):
        if filename not in digests:  # a sheet this step made before and no longer makes
            target = out / filename
            if target.parent == out and target.suffix == ".pdf":
                target.unlink(missing_ok=True)
            del manifest[filename]
    if manifest != before or not (out / PACKS_MANIFEST).is_file():
        write_manifest(out, manifest)
