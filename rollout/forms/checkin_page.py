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
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from rollout.report.fragments import fill, fragment
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
def _key_result_pieces() -> tuple[tuple[str, str | None], ...]:
    from rollout.forms.pages import template_dir

    return fragment(template_dir() / KEY_RESULT_FORMAT)


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
    return fill(_key_result_pieces(), values)


def key_result_sections(form: CheckinForm) -> list[tuple[str, Markup]]:
    """``(objective title, its key results' blocks)`` in the form's order, for ``checkin.html``."""
    return [(title, Markup("\n".join(key_result_block(r) for r in rows))) for title, rows in form.objectives]


def checkin_page(env: Any, common: dict[str, Any], form: CheckinForm, existing: set[str]) -> str:
    """The HTML of ``form``'s page; ``existing``: site paths of the sheets made (a link to its own)."""
    from rollout.forms.pages import person_options

    return str(
        env.get_template("checkin.html").render(
            common,
            form=form,
            sheet_exists=form.sheet in existing,
            current="form",
            people_options=person_options(form.people, selected=form.owner),
            key_results=key_result_sections(form),
        )
    )
