"""The questionnaire form's date stops at as-of (fx12d noticed it had no bound).

Answers dated after as-of are refused when they are brought in (``rollout collect``, the same
check as ``rollout ask --date``) and reported by OKR412; the form's date used to default to the
browser's today and take any later day, so a form filled after a workspace's fixed as-of made a
file that `collect` then refused."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rollout.forms.pages import build_forms
from rollout.workspace import load


def _questionnaire_page(root: Path) -> str:
    build_forms(load(root), root / "build", sheets=False, jobs=1)
    pages = sorted((root / "build" / "forms").glob("*.html"))
    page = next(p for p in pages if 'data-form="questionnaire"' in p.read_text(encoding="utf-8"))
    return page.read_text(encoding="utf-8")


def test_the_date_of_a_questionnaire_form_stops_at_as_of(make_ws: Any) -> None:
    root = make_ws()  # as_of: 2027-02-15
    html = _questionnaire_page(root)
    assert 'data-as-of="2027-02-15"' in html
    date_input = re.search(r'<input type="date" id="f-date"[^>]*>', html)
    assert date_input is not None and 'max="2027-02-15"' in date_input[0]
    assert "Up to 2027-02-15, the as-of date of these reports." in html


def test_without_as_of_the_browser_stops_the_date_at_today(make_ws: Any) -> None:
    root = make_ws()
    settings = root / "rollout.yaml"
    settings.write_text(
        "\n".join(line for line in settings.read_text(encoding="utf-8").splitlines() if "as_of" not in line) + "\n",
        encoding="utf-8",
    )
    html = _questionnaire_page(root)
    assert "data-as-of" not in html and "Up to today." in html
    script = (Path(__file__).parents[2] / "site" / "forms.js").read_text(encoding="utf-8")
    # forms.js sets the picker's max for a questionnaire: as-of when the page has one, else today
    assert 'dateInput.max = form.getAttribute("data-as-of") || today();' in script
