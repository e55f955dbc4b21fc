"""The forms step's speed shortcuts against the plain computation they stand for.

- :func:`rollout.flows.checkin.with_unit` remembers each (value, unit of measure): it must give what
  :func:`rollout.report.formats.value` gives, whatever was asked before, with ``True``, ``1`` and
  ``1.0`` kept apart.
- The questionnaire and index form pages print through the site's ``page_escape``
  (:func:`rollout.forms.pages.environment`): each must be the page a plain Jinja environment
  (markupsafe's escaping) renders, for text that needs escaping.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import jinja2
import pytest
from markupsafe import Markup

from rollout import __version__
from rollout.flows.checkin import checkin_units, describe, plan_checkin, with_unit
from rollout.forms.pages import environment, person_options, template_dir
from rollout.forms.spec import Choice, PersonChoice, questionnaire_forms
from rollout.plural import plural
from rollout.report.formats import value
from rollout.report.site.render import sentence
from rollout.workspace import load

UNITS = ["%", "days", "EUR", "EUR millions", "$ k", "score out of 10", "pp", "", None, "NPS points"]
AMOUNTS: list[Any] = [0, 0.0, -0.0, 1, 1.0, True, False, 2.5, -3.25, 1234567, 1234567.891, 1e-12, 0.1 + 0.2, None]


def test_with_unit_is_the_formatter_for_odd_values() -> None:
    with_unit.cache_clear()
    for _ in range(2):  # cold, then from the cache
        for unit in UNITS:
            for amount in AMOUNTS:
                assert with_unit(amount, unit) == value(amount, unit), (amount, unit)
    # equal keys of other types are other entries (lru_cache(typed=True))
    assert with_unit(True, "%") == value(True, "%")
    assert with_unit(1, "%") == value(1, "%")


def test_with_unit_is_the_formatter_for_every_demo_value(demo_source: Path) -> None:
    ws = load(demo_source)
    cycle = ws.running_cycle()
    assert cycle is not None
    with_unit.cache_clear()
    seen = 0
    for unit_id in checkin_units(ws, cycle):
        for item in plan_checkin(ws, unit_id, cycle):
            kr = item.kr
            for amount in (kr.baseline, kr.target, item.last.value if item.last else None):
                assert with_unit(amount, kr.unit_of_measure) == value(amount, kr.unit_of_measure)
                seen += 1
            assert " → " in describe(item) or "milestone" in describe(item) or "no baseline" in describe(item)
    assert seen > 100
    assert with_unit.cache_info().hits > 0  # the demo repeats values: the cache is used


def _plain_environment() -> jinja2.Environment:
    """The forms' environment as Jinja makes it: markupsafe's escape on every printed value."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["sentence"] = sentence
    env.filters["plural"] = plural
    return env


ODD = "Larkspur & <Co> \"quoted\" 'single'"


@pytest.mark.parametrize("sheet_exists", [False, True])
def test_questionnaire_pages_are_the_plain_jinja_pages(demo_source: Path, sheet_exists: bool) -> None:
    ws = load(demo_source)
    forms, problems = questionnaire_forms(ws)
    assert forms and not problems
    people = Markup(person_options([PersonChoice("a&b", ODD, "u<1>", "Lead & <co>"), PersonChoice("c", "C", "", "")]))
    common = {"organization": ODD, "language": "en", "version": __version__}
    plain, ours = _plain_environment(), environment(None)
    for form in forms:
        odd = dataclasses.replace(form, title=ODD, intro=ODD, units=[*form.units, Choice("x&y", ODD)])
        for shown in (form, odd):
            context = {
                "form": shown,
                "sheet_exists": sheet_exists,
                "current": "form",
                "people_options": people,
                "as_of": ws.settings.as_of if sheet_exists else None,  # both shapes of the date field
            }
            expected = plain.get_template("questionnaire.html").render(common, **context)
            assert ours.get_template("questionnaire.html").render(common, **context) == expected, form.id


def test_index_page_is_the_plain_jinja_page(demo_source: Path) -> None:
    ws = load(demo_source)
    forms, _problems = questionnaire_forms(ws)
    odd = dataclasses.replace(forms[0], title=ODD, audience=ODD)
    common = {"organization": ODD, "language": "en", "version": __version__}
    for sheets in (set(), {forms[0].sheet, "forms/checkin-a&b.pdf"}):
        context = {
            "questionnaires": [*forms, odd],
            "checkins": [("a&b", ODD, 3, "forms/checkin-a&b.pdf"), ("ops", "Operations", 0, "forms/checkin-ops.pdf")],
            "sheets": sheets,
            "cycle": ODD,
            "current": "index",
        }
        expected = _plain_environment().get_template("index.html").render(common, **context)
        assert environment(None).get_template("index.html").render(common, **context) == expected


# --- a page whose fingerprint changed is written only when its bytes differ (pages._holds) ----------


def _forms_of(root: Path) -> Any:
    from rollout.forms.pages import build_forms

    return build_forms(load(root), root / "build", sheets=False, jobs=1)


def test_same_bytes_are_not_written_again_and_other_bytes_are(make_ws: Any) -> None:
    root = make_ws()
    first = _forms_of(root)
    forms = root / "build" / "forms"
    assert first.written == len(list(forms.glob("*.html"))) > 3
    inodes = {p.name: p.stat().st_ino for p in forms.glob("*.html")}
    # A comment in people.yaml changes every page's fingerprint, not one byte of any page.
    with (root / "people.yaml").open("a", encoding="utf-8") as handle:
        handle.write("# a comment\n")
    tampered = forms / "checkin-sales.html"
    tampered.write_bytes(tampered.read_bytes().replace(b"<h1>", b"<H1>"))  # the same size
    again = _forms_of(root)
    assert again.written == 1  # the page changed on disk; every other page holds its bytes
    assert b"<H1>" not in tampered.read_bytes()
    assert {p.name: p.stat().st_ino for p in forms.glob("*.html") if p != tampered} == {
        k: v for k, v in inodes.items() if k != tampered.name
    }


def test_a_manifest_of_the_former_version_is_not_trusted(make_ws: Any) -> None:
    import json

    from rollout.forms.pages import PAGES_MANIFEST

    root = make_ws()
    first = _forms_of(root)
    manifest = root / "build" / "forms" / PAGES_MANIFEST
    pages = json.loads(manifest.read_text(encoding="utf-8"))["pages"]
    assert all(isinstance(v, str) for v in pages.values())
    # version 2 kept (fingerprint, digest of the bytes): read as no manifest, so every page is made again
    manifest.write_text(json.dumps({"version": 2, "pages": {k: [v, "0" * 32] for k, v in pages.items()}}))
    assert _forms_of(root).written == first.written


# --- fragments.filler: fill as one compiled expression ------------------------------------------------


def test_filler_is_fill_for_odd_pieces() -> None:
    import random

    from rollout.report.fragments import fill, filler

    odd = ["", "a", "'", '"', "\\", "\\n", "{", "}}", "'''", '"""', "ü → ·", "\n", "%s", "{x}", "lambda: 1", ")"]
    names = ["kr", "x y", "'", '"', "\\", "a'b\"c", "_0", "v", "ü"]
    chooser = random.Random(12)  # a fixed seed: the same pieces every run
    for _ in range(300):
        pieces = tuple((chooser.choice(odd), chooser.choice([*names, None])) for _ in range(chooser.randint(0, 12)))
        values = {name: chooser.choice(odd) + name for name in names}
        assert filler(pieces)(values) == fill(pieces, values), pieces
    assert filler(())({}) == ""
    with pytest.raises(KeyError):
        filler((("a", "missing"),))({})


def test_key_result_blocks_and_frames_are_filled_as_fill_fills_them(
    demo_source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rollout.forms.checkin_page as page_module
    from rollout.forms.spec import checkin_form, people_of
    from rollout.report.fragments import fill

    ws = load(demo_source)
    cycle = ws.running_cycle()
    assert cycle is not None
    forms = [checkin_form(ws, cycle, unit, people_of(ws)) for unit in checkin_units(ws, cycle)]
    common = {"organization": ODD, "language": "en", "version": __version__}
    page_module._fill_key_result.cache_clear()
    ours = [page_module.checkin_page(environment(None), common, form, set()) for form in forms]
    page_module._Frame._made.clear()
    page_module._fill_key_result.cache_clear()
    monkeypatch.setattr(page_module, "filler", lambda pieces: lambda values: fill(pieces, values))
    try:
        assert [page_module.checkin_page(environment(None), common, form, set()) for form in forms] == ours
    finally:
        page_module._fill_key_result.cache_clear()


# --- the forked forms process yields the cores to the build's critical path (stages.forms_elsewhere) --


def test_the_forked_forms_process_is_niced(demo_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    import rollout.forms.pages as pages_module
    from rollout.forms.pages import FormsResult
    from rollout.report import stages
    from rollout.report.build import configure

    def niceness(*_args: object, **_kwargs: object) -> FormsResult:
        return FormsResult(warnings=[str(os.nice(0))])

    monkeypatch.setattr(stages, "FORMS_ELSEWHERE_FROM", 1)
    monkeypatch.setattr(pages_module, "build_forms", niceness)
    ws = load(demo_copy)
    config, _warnings = configure(ws, site=True, packs=False, pack=None, strict=False, out="niced", jobs=2)
    forked = stages.forms_elsewhere(ws, config, None)
    assert forked is not None
    result = forked.result()
    assert result is not None
    assert int(result.warnings[0]) == min(os.nice(0) + stages.FORMS_NICENESS, 19)
