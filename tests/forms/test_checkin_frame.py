"""The check-in form pages are filled into a frame rendered once per build and shape
(:class:`rollout.forms.checkin_page._Frame`): each page must be the page Jinja renders for it on
its own (:func:`rollout.forms.checkin_page.render_checkin_page`), whatever the frames made before
it in the same process."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from rollout import __version__
from rollout.forms.checkin_page import _Frame, checkin_page, key_result_sections, render_checkin_page
from rollout.forms.pages import environment, person_options
from rollout.forms.spec import CheckinForm, CheckinRow, PersonChoice, checkin_form, people_of
from rollout.workspace import load

COMMON = {"organization": "Larkspur & <Co>", "language": "en", "version": __version__}


def _jinja(form: CheckinForm, existing: set[str], common: dict[str, str] = COMMON) -> str:
    return render_checkin_page(
        environment(None),
        common,
        form,
        form.sheet in existing,
        person_options(form.people, selected=form.owner),
        key_result_sections(form),
    )


def _row(n: int, title: str = "Raise NPS") -> CheckinRow:
    return CheckinRow(f"kr-{n}", f"{title} {n}", "o", "from 1 to 2", "no check-in yet", "", "", False, "")


def _form(unit: str = "ops", name: str = "Operations", objectives: int = 2, **changes: object) -> CheckinForm:
    sections = [(f"Objective {n} <&> 'quoted'", [_row(n * 10 + k) for k in range(n)]) for n in range(1, objectives + 1)]
    form = CheckinForm(
        unit=unit,
        unit_name=name,
        cycle="2026-Q4",
        cycle_title="Q4 2026",
        start=date(2026, 10, 1),
        end=date(2026, 12, 31),
        owner="ann",
        rows=[r for _t, rows in sections for r in rows],
        people=[PersonChoice("ann", "Ann <Lee>", unit, "Lead"), PersonChoice("bo", "Bo", unit, "")],
        organization="Larkspur",
        objectives=sections,
        as_of=date(2026, 11, 20),
    )
    return dataclasses.replace(form, **changes)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _no_frames_yet() -> None:
    _Frame._made.clear()


def test_every_demo_page_is_the_jinja_page(demo_source: Path) -> None:
    from rollout.flows.checkin import checkin_units

    ws = load(demo_source)
    cycle = ws.running_cycle()
    assert cycle is not None
    env = environment(None)
    forms = [checkin_form(ws, cycle, unit, people_of(ws)) for unit in checkin_units(ws, cycle)]
    assert len({len(f.objectives) for f in forms}) > 1  # frames of several shapes
    for sheets in (set(), {f.sheet for f in forms[::2]}):  # with and without the sheet's link, mixed
        for form in forms:
            assert checkin_page(env, COMMON, form, sheets) == _jinja(form, sheets), form.unit


@pytest.mark.parametrize("objectives", [0, 1, 2, 3, 7])
def test_each_number_of_objectives(objectives: int) -> None:
    form = _form(objectives=objectives)
    assert checkin_page(environment(None), COMMON, form, set()) == _jinja(form, set())


@pytest.mark.parametrize(
    "unit,name",
    [
        ("ops", 'R&D <"core"> team\'s'),
        ("ops", "Zoë · Ünits … \u2028"),
        ("ops", "name with a \ue000unit_name\ue001 marker"),  # the frame's own marker: rendered by Jinja
        ("a/b", "a slash in the id"),  # the sheet link splits on "/": rendered by Jinja
    ],
)
def test_odd_names(unit: str, name: str) -> None:
    form = _form(unit=unit, name=name)
    page = checkin_page(environment(None), COMMON, form, {form.sheet})
    assert page == _jinja(form, {form.sheet})
    assert "\ue000" not in page or "\ue000" in name


def test_a_frame_is_not_reused_for_another_shape() -> None:
    """Each value the frame holds is part of its key: a page after a page of another shape, cycle,
    as-of, organization or sheet is still its own Jinja page (a frame kept under a broken key fails)."""
    env = environment(None)
    first = _form()
    variants = [
        _form(unit="hr", name="People"),
        _form(objectives=3),
        _form(cycle="2027-Q1", cycle_title="Q1 2027"),
        _form(start=date(2026, 10, 2)),
        _form(end=date(2026, 12, 30)),
        _form(as_of=None),
        _form(as_of=date(2026, 11, 21)),
    ]
    checkin_page(env, COMMON, first, set())
    for form in variants:
        assert checkin_page(env, COMMON, form, set()) == _jinja(form, set())
    assert checkin_page(env, COMMON, first, {first.sheet}) == _jinja(first, {first.sheet})
    other = {**COMMON, "organization": "Other", "version": "9.9"}
    assert checkin_page(env, other, first, set()) == _jinja(first, set(), other)
