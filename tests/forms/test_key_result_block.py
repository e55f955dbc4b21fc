"""The check-in form's key result blocks are made from ``_key_result.fmt`` (a format string, for
speed: see :mod:`rollout.forms.checkin_page`); ``_key_result.html`` is their Jinja definition.
The two must give the same bytes for key results of every shape, and whole pages must be the
pages the Jinja loop made."""

from __future__ import annotations

from pathlib import Path

import pytest

from rollout.forms.checkin_page import CONFIDENCE_OPTIONS, checkin_page, key_result_block
from rollout.forms.pages import environment
from rollout.forms.spec import CheckinRow, checkin_form, people_of
from rollout.workspace import load

SHAPES = [
    CheckinRow(
        "kr-1",
        "Raise NPS to 40",
        "Delight customers",
        "from 32 to 40",
        "last 35 on 17 Nov, confidence 7",
        "35",
        "",
        False,
        "Ann Lee",
    ),
    CheckinRow(
        "kr-2", "Ship the portal", "Portal", "milestone: 1 = done, 0 = not yet", "no check-in yet", "", "", True, ""
    ),
    CheckinRow(
        "kr-3",
        "Cut cost to 1,250 EUR",
        "Costs",
        "from 2,000 to 1,250 EUR",
        "last 1,400 EUR on 3 Nov",
        "1,400",
        "EUR",
        False,
        "Bo",
    ),
    CheckinRow(
        "kr_4<x>",
        'Say "hi" & <b>bye</b>',
        "O'Neil's <objective>",
        "from <1> to \"2\" & 'more'",
        "last <b>1</b> on 1 Jan, confidence on track",
        "<1>",
        "% & <pts>",
        True,
        "D'Arcy & <Co>",
    ),
    CheckinRow("kr-5", "ümlaut · dots …", "Ö", "no baseline or target set", "last 0 on 2 Feb", "0", "h", False, "Zoë"),
]


def _jinja_block(row: CheckinRow) -> str:
    """``_key_result.html`` rendered (Jinja drops a template's final newline, as the format string has none)."""
    template = environment(None).get_template("_key_result.html")
    return str(template.render(r=row, confidence_options=CONFIDENCE_OPTIONS))


@pytest.mark.parametrize("row", SHAPES, ids=[r.kr for r in SHAPES])
def test_format_string_gives_the_jinja_bytes(row: CheckinRow) -> None:
    assert key_result_block(row) == _jinja_block(row)


def test_the_odd_values_are_escaped() -> None:
    block = key_result_block(SHAPES[3])
    assert "<b>" not in block and "&lt;b&gt;" in block
    assert 'data-title="Say &#34;hi&#34; &amp; &lt;b&gt;bye&lt;/b&gt;"' in block
    assert ' placeholder="&lt;1&gt;"' in block and " data-milestone " in block
    assert "New value (% &amp; &lt;pts&gt;)" in block and " · owner D&#39;Arcy &amp; &lt;Co&gt;" in block


def test_every_block_of_the_demo_equals_the_jinja_one(demo_source: Path) -> None:
    ws = load(demo_source)
    cycle = ws.running_cycle()
    assert cycle is not None
    from rollout.flows.checkin import checkin_units

    rows = [r for unit in checkin_units(ws, cycle) for r in checkin_form(ws, cycle, unit, people_of(ws)).rows]
    assert len(rows) > 20
    for row in rows:
        assert key_result_block(row) == _jinja_block(row), row.kr


def test_a_page_is_the_page_of_the_jinja_loop(demo_source: Path) -> None:
    """The page template with the key results rendered by Jinja (the loop it had before)."""
    from rollout import __version__
    from rollout.flows.checkin import checkin_units
    from rollout.forms.pages import person_options, template_dir

    ws = load(demo_source)
    cycle = ws.running_cycle()
    assert cycle is not None
    env = environment(None)
    source = (template_dir() / "checkin.html").read_text(encoding="utf-8")
    assert "{% for title, blocks in key_results %}" in source and "{{ blocks }}\n" in source
    looped = source.replace("{% for title, blocks in key_results %}", "{% for title, rows in form.objectives %}")
    looped = looped.replace("{{ blocks }}\n", '{% for r in rows %}{% include "_key_result.html" %}{{ nl }}{% endfor %}')
    reference = env.from_string(looped)
    common = {"organization": ws.settings.organization, "language": ws.settings.language, "version": __version__}
    for unit in checkin_units(ws, cycle):
        form = checkin_form(ws, cycle, unit, people_of(ws))
        for sheets in (set(), {form.sheet}):
            expected = reference.render(
                common,
                form=form,
                sheet_exists=form.sheet in sheets,
                current="form",
                people_options=person_options(form.people, selected=form.owner),
                confidence_options=CONFIDENCE_OPTIONS,
                nl="\n",
            )
            assert checkin_page(env, common, form, sheets) == expected, unit
