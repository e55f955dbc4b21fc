"""The check-in form page of one unit (``forms/checkin-<unit>.html``).

The page is rendered by Jinja from ``templates/forms/checkin.html``, except its repeated
part: each key result's block is made from ``templates/forms/_key_result.fmt``, the markup of
``templates/forms/_key_result.html`` as a Python format string, filled with values escaped as
the template's autoescaping escapes them (:func:`rollout.report.site.render.page_escape`).

Why a format string: a full build of 2,000 teams makes 2,201 check-in pages with 14,047 key
results, each block printing 24 values. Rendering the pages with the blocks in Jinja took
0.46 s of CPU, with the blocks made here 0.31 s (the same 2,201 forms rendered both ways in
turn in one process, best of 6; this shared 2-core machine, 2026-11-29). The
Jinja file stays the readable definition: ``tests/forms/test_key_result_block.py`` renders
both for key results of every shape (milestone, no unit, no owner, no check-in yet, text that
needs escaping) and fails on any byte of difference. Edit both files together.

The rest of the page (``checkin.html`` with ``base.html`` and the ``_fields.html`` macros) is
rendered by Jinja once per build and shape, not once per page: :class:`_Frame` renders it with
markers in place of what differs from one unit's page to the next (the unit's id and name, its
people list, its objectives' titles and key result blocks) and fills the markers for each page.
The pages of one build share the cycle, the sheets' presence decides one link, and the number of
objectives decides the sections, so a build of 2,000 teams renders about ten frames for its
2,201 pages. The 2,201 pages took 0.24 s of CPU with the whole page rendered by Jinja each time
and 0.10 s with the frame filled (key result blocks and people lists included both ways; the same
forms both ways in turn in one process, best of 6; this shared 2-core machine, 2026-11-29).
``tests/forms/test_checkin_frame.py`` compares every page of the demo, odd names and each number
of objectives with the page Jinja renders on its own.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar

from markupsafe import Markup

from rollout.report.fragments import Pieces, filler, fragment
from rollout.report.site.render import _escape_text as escape
from rollout.report.site.render import sentence

if TYPE_CHECKING:
    from rollout.forms.spec import CheckinForm, CheckinRow

KEY_RESULT_FORMAT = "_key_result.fmt"
"""The format string of one key result's block, in the forms' template folder."""

CONFIDENCE_WORDS = {10: "certain", 7: "likely", 5: "fifty-fifty", 3: "unlikely", 0: "no chance"}
"""Words next to some confidence values in the check-in form (the scale is the workspace's 0–10)."""
CONFIDENCE_OPTIONS = Markup(
    '<option value="">Not given</option>'
    + "".join(
        f'<option value="{n}">{n}{" · " + CONFIDENCE_WORDS[n] if n in CONFIDENCE_WORDS else ""}</option>'
        for n in range(10, -1, -1)
    )
)


@cache
def _key_result_pieces() -> Pieces:
    from rollout.forms.pages import template_dir

    return fragment(template_dir() / KEY_RESULT_FORMAT)


@cache
def _fill_key_result() -> Callable[[Mapping[str, str]], str]:
    return filler(_key_result_pieces())


def key_result_block(row: CheckinRow, confidence_options: str = CONFIDENCE_OPTIONS) -> str:
    """The markup of one key result of the form (``_key_result.html``), without its final newline."""
    last_value = escape(row.last_value)
    values = {
        "kr": escape(row.kr),
        "title": escape(row.title),
        "last_value": last_value,
        "uom": escape(row.unit_of_measure),  # forms.js reads a % only for a key result measured in %
        "milestone": " data-milestone" if row.milestone else "",
        "scale": escape(sentence(row.scale)),
        "last": escape(row.last),
        "owner": f" · owner {escape(row.owner)}" if row.owner else "",
        "unit_of_measure": f" ({escape(row.unit_of_measure)})" if row.unit_of_measure else "",
        "placeholder": f' placeholder="{last_value}"' if row.last_value else "",
        "confidence_options": confidence_options,
    }
    return _fill_key_result()(values)


def key_result_sections(form: CheckinForm) -> list[tuple[str, Markup]]:
    """``(objective title, its key results' blocks)`` in the form's order, for ``checkin.html``."""
    return [(title, Markup("\n".join(key_result_block(r) for r in rows))) for title, rows in form.objectives]


def checkin_page(env: Any, common: dict[str, Any], form: CheckinForm, existing: set[str]) -> str:
    """The HTML of ``form``'s page; ``existing``: site paths of the sheets made (a link to its own)."""
    from rollout.forms.pages import person_options

    people_options = person_options(form.people, selected=form.owner)
    sheet_exists = form.sheet in existing
    if _MARK.search(form.unit + form.unit_name) is not None or "/" in form.unit:
        return render_checkin_page(env, common, form, sheet_exists, people_options, key_result_sections(form))
    values = {"unit": escape(form.unit), "unit_name": escape(form.unit_name), "people_options": people_options}
    for number, (title, rows) in enumerate(form.objectives, 1):
        values[f"title_{number}"] = escape(title)
        # The blocks of key_result_sections, as a plain string: the frame is filled by a join, and a
        # Markup per objective copied each section once more (6,000 of them, 2,000 teams).
        values[f"blocks_{number}"] = "\n".join([key_result_block(r) for r in rows])
    return filler(_Frame.of(env, common, form, sheet_exists, len(form.objectives)))(values)


def render_checkin_page(
    env: Any,
    common: dict[str, Any],
    form: CheckinForm,
    sheet_exists: bool,
    people_options: str,
    sections: list[tuple[str, Markup]],
) -> str:
    """``checkin.html`` rendered by Jinja for one page (the definition :class:`_Frame` follows)."""
    return str(
        env.get_template("checkin.html").render(
            common,
            form=form,
            sheet_exists=sheet_exists,
            current="form",
            people_options=people_options,
            key_results=sections,
        )
    )


_MARK = re.compile("\ue000([a-z_0-9]+)\ue001")
"""A marker of :class:`_Frame`: a field name between two private-use characters (never escaped)."""


def _marker(name: str) -> str:
    return f"\ue000{name}\ue001"


class _Frame:
    """``checkin.html`` rendered with markers for what differs between the pages of a build, as
    ``(literal text, field name or None)`` pieces for :func:`rollout.report.fragments.fill`.

    Kept per template environment, the page's shared values (``common``; the form's cycle, its
    dates, as-of), whether the sheet exists, and the number of objectives (the template numbers
    its sections). Anything else the form holds is blanked in the frame, so a template that
    started to print it would differ from Jinja's page in the tests.
    """

    _made: ClassVar[dict[tuple[Any, ...], Pieces]] = {}

    @classmethod
    def of(cls, env: Any, common: dict[str, Any], form: CheckinForm, sheet_exists: bool, objectives: int) -> Pieces:
        shared = (form.cycle, form.cycle_title, form.start, form.end, form.as_of, form.organization)
        key = (id(env), tuple(sorted(common.items())), shared, sheet_exists, objectives)
        pieces = cls._made.get(key)
        if pieces is None:
            blank = dataclasses.replace(
                form, unit=_marker("unit"), unit_name=_marker("unit_name"), owner="", rows=[], people=[], objectives=[]
            )
            sections = [(_marker(f"title_{n}"), Markup(_marker(f"blocks_{n}"))) for n in range(1, objectives + 1)]
            html = render_checkin_page(env, common, blank, sheet_exists, Markup(_marker("people_options")), sections)
            parts = _MARK.split(html)  # literal, name, literal, name, …, literal
            pieces = tuple((parts[i], parts[i + 1] if i + 1 < len(parts) else None) for i in range(0, len(parts), 2))
            if len(cls._made) > 64:  # a long `rollout serve` session: keep the memory bounded
                cls._made.clear()
            cls._made[key] = pieces
        return pieces
