"""Printable sheets: ``forms/<questionnaire>.pdf`` and ``forms/checkin-<unit>.pdf``.

Made with the packs' renderer and machinery (:mod:`rollout.report.packs.parallel`):
WeasyPrint in worker processes, the restricted URL fetcher, a content-hash manifest
(``forms/.packs.json``). A sheet whose inputs did not change (:class:`rollout.forms.inputs.Inputs`)
is not even made as HTML again; one whose HTML did not change is not rendered again. Sheets
show the questions and the key results, never last week's values, so one serves a whole
cycle. Only this step of the forms imports the renderer, and only in its workers.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from rollout.forms.spec import CheckinForm, QuestionnaireForm

if TYPE_CHECKING:
    from rollout.forms.inputs import Inputs
    from rollout.forms.pages import FormsResult, _Lazy
    from rollout.workspace.workspace import Workspace

SHEET_VARIANT = "pdf/ua-1"


@cache
def sheet_stylesheet() -> str:
    from rollout.forms.pages import template_dir

    return (template_dir() / "sheet.css").read_text(encoding="utf-8")


def sheet_html(form: QuestionnaireForm | CheckinForm, organization: str, language: str) -> str:
    """The HTML of one printable sheet (stylesheet inlined: the HTML alone determines the PDF)."""
    from rollout import __version__
    from rollout.forms.pages import environment

    template = "sheet-checkin.html" if isinstance(form, CheckinForm) else "sheet-questionnaire.html"
    return str(
        environment()
        .get_template(template)
        .render(form=form, css=sheet_stylesheet(), organization=organization, language=language, version=__version__)
    )


def render_sheets(
    ws: Workspace,
    out: Path,
    lazy: _Lazy,
    units: list[str],
    inputs: Inputs,
    jobs: int,
    result: FormsResult,
) -> None:
    """Render the sheets whose content changed, in the packs' worker processes; prune old ones.

    A sheet whose inputs (:class:`Inputs`) are those it was rendered from is not even made
    as HTML again; one whose HTML is unchanged (the packs' content hash) is not rendered.
    """
    from rollout.forms.pages import template_dir
    from rollout.forms.people import FewPeople, people_for
    from rollout.forms.spec import People, checkin_form
    from rollout.report.packs.parallel import MANIFEST as PACKS_MANIFEST
    from rollout.report.packs.parallel import RenderJob, digest, is_current, read_manifest, run_jobs, write_manifest

    manifest = read_manifest(out)
    before = {name: dict(entry) for name, entry in manifest.items()}
    base_url = template_dir().resolve().as_uri() + "/"
    allowed = (str(template_dir()),)
    pending: list[RenderJob] = []
    wanted: dict[str, tuple[str, str]] = {}  # filename → (inputs fingerprint, content digest)
    people: People | FewPeople | None = None
    cycle = ws.running_cycle()
    planned: list[tuple[str, str, Callable[[], QuestionnaireForm | CheckinForm | None]]] = [
        (f"{qid}.pdf", inputs.of_questionnaire_sheet(qid), lambda qid=qid: lazy.questionnaire(qid))  # type: ignore[misc]
        for qid in inputs.questionnaires()
    ]

    def unit_form(unit: str) -> CheckinForm:
        nonlocal people
        assert cycle is not None
        people = people_for(ws, people)
        return checkin_form(ws, cycle, unit, people)

    if cycle is not None:
        planned += [
            (f"checkin-{u}.pdf", inputs.of_checkin_sheet(cycle.id, u), lambda u=u: unit_form(u))  # type: ignore[misc]
            for u in units
        ]
    for filename, fingerprint, make in planned:
        entry = manifest.get(filename)
        if entry and entry.get("inputs") == fingerprint and _size(out / filename) == entry.get("size"):
            wanted[filename] = (fingerprint, str(entry.get("digest")))
            continue
        form = make()
        if form is None:  # a broken questionnaire file (reported with the form pages)
            continue
        html = sheet_html(form, ws.settings.organization, ws.settings.language)
        wanted[filename] = (fingerprint, digest(html, SHEET_VARIANT))
        if is_current(out, filename, wanted[filename][1], manifest):
            manifest[filename] = {**manifest[filename], "inputs": fingerprint}
        else:
            pending.append(RenderJob(filename, html, str(out / filename), base_url, allowed, SHEET_VARIANT))
    result.sheets = len(planned)
    for outcome in run_jobs(pending, workers=jobs):
        if outcome.error is not None:
            result.warnings.append(f"sheet forms/{outcome.key} failed: {outcome.error}")
            manifest.pop(outcome.key, None)
            continue
        result.sheets_rendered += 1
        result.warnings += [f"sheet forms/{outcome.key}: {w}" for w in outcome.warnings]
        result.warnings += [f"sheet forms/{outcome.key}: refused to fetch {url}" for url in outcome.refused]
        fingerprint, content = wanted[outcome.key]
        manifest[outcome.key] = {"digest": content, "inputs": fingerprint, "pages": outcome.pages, "size": outcome.size}
    for filename in list(manifest):
        if filename not in wanted:  # a sheet this step made before and no longer makes
            target = out / filename
            if target.parent == out and target.suffix == ".pdf":
                target.unlink(missing_ok=True)
            del manifest[filename]
    if manifest != before or not (out / PACKS_MANIFEST).is_file():
        write_manifest(out, manifest)


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None
