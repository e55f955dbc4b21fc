"""Answers dated after as-of are refused at every door (fe22 F1, issue 12).

``rollout ask --date`` refused them; ``rollout collect`` (and ``serve --collect``, which
collects the same way) saved them, and the figures then left them out without a word until
that day came. The questionnaire form let a typed late date through (its picker stopped at
as-of, but the check on saving had no upper bound)."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from tests.browser import NEEDS_CHROMIUM
from tests.forms.test_collect import _answers_file


def _snapshot(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".rollout" not in p.parts
    }


def test_collect_refuses_answers_dated_after_as_of(demo_copy: Path, tmp_path: Path) -> None:
    from rollout.cli import cli
    from rollout.workspace import load

    as_of = load(demo_copy).today
    late = (as_of + timedelta(days=1)).isoformat()
    path = _answers_file(demo_copy, tmp_path, "grace-okafor")
    text = path.read_text(encoding="utf-8").replace("date: 2026-11-24", f"date: {late}")
    path.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"date: {late}") + 1
    before = _snapshot(demo_copy)
    result = CliRunner().invoke(cli, ["collect", str(path), "-w", str(demo_copy)])
    assert result.exit_code == 1, result.output
    flat = " ".join(result.output.split())
    assert f"{path.name}:{line}" in flat and f"answers date {late} is after as-of" in flat, flat
    assert f"date them on or before {as_of}" in flat
    assert "Traceback" not in result.output
    assert _snapshot(demo_copy) == before  # nothing written


@NEEDS_CHROMIUM
def test_the_questionnaire_form_refuses_a_typed_date_after_as_of(browser: Any, built_demo: Path) -> None:
    from rollout.workspace import load

    as_of = load(built_demo).today.isoformat()
    page = browser.new_page()
    page.goto((built_demo / "build" / "forms" / "readiness.html").as_uri())
    assert page.input_value("#f-date") == as_of and page.get_attribute("#f-date", "max") == as_of
    page.fill("#f-date", "2099-01-01")  # typed: the picker's max does not stop typing
    page.click("#save")
    error = page.locator("#f-date-error")
    assert error.is_visible() and f"Choose a date on or before {as_of}." in error.inner_text()
    page.close()
