"""Days are written one way (rollout.report.formats): "on 2 Nov" in the check-in form and
prompt, as "2 Nov 2026" on the site, never with a leading zero ("on 02 Nov")."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from rollout.report.formats import day_month, weekday_date


def test_day_words() -> None:
    assert day_month(date(2026, 11, 2)) == "2 Nov"
    assert weekday_date(date(2026, 11, 29)) == "Sun 29 Nov 2026"


def test_checkin_forms_write_days_without_a_leading_zero(demo_site: Path) -> None:
    pages = sorted((demo_site / "forms").glob("checkin-*.html"))
    assert pages
    text = " ".join(page.read_text(encoding="utf-8") for page in pages)
    assert re.search(r"\bon [1-9]\d? [A-Z][a-z]{2}\b", text)
    assert not re.search(r"\bon 0\d [A-Z][a-z]{2}\b", text)
