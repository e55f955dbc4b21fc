"""Printable sheets: rendered with the packs' renderer, checked on text and page count, incremental."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _text(path: Path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return len(reader.pages), "\n".join(page.extract_text() or "" for page in reader.pages)


def test_sheets_are_rendered_once_and_read_like_the_forms(make_ws: Callable[..., Path]) -> None:
    from rollout.forms.pages import build_forms
    from rollout.questionnaire.loader import get
    from rollout.workspace import load

    root = make_ws()
    ws = load(root)
    folder = root / "build"
    result = build_forms(ws, folder, sheets=True, jobs=1)  # in this process: the demo packs cover the workers
    assert result.warnings == []
    forms = folder / "forms"
    names = sorted(p.name for p in forms.glob("*.pdf"))
    assert names == [
        "checkin-mini.pdf",
        "checkin-sales.pdf",
        "cycle-retrospective.pdf",
        "hr-okr-checklist.pdf",
        "pilot-retrospective.pdf",
        "readiness.pdf",
    ]
    assert result.sheets == result.sheets_rendered == 6

    pages, text = _text(forms / "readiness.pdf")
    assert 2 <= pages <= 5
    flat = " ".join(text.split())
    assert "OKR readiness assessment" in flat and "Your name" in flat and "Date" in flat
    for question in get("readiness").all_questions()[:6]:
        assert " ".join(question.text.split())[:40] in flat
    assert "Answer only if your answer to Documented company priorities, question 1 is yes." in flat
    assert "Not at all true" in flat and "Completely true" in flat
    assert "Page 1 of" in flat

    pages, text = _text(forms / "checkin-sales.pdf")
    flat = " ".join(text.split())
    assert pages == 1
    assert "Weekly check-in · Sales" in flat
    assert "Grow qualified pipeline from 2.0 to 3.5 MEUR" in flat
    assert "2 → 3.5" in flat  # baseline → target, as the site and the packs write it
    assert "New value" in flat and "Confidence 0–10" in flat

    # the index links the sheets, each form page its own
    index = (forms / "index.html").read_text(encoding="utf-8")
    assert 'href="readiness.pdf"' in index and 'href="checkin-sales.pdf"' in index
    assert 'href="checkin-sales.pdf"' in (forms / "checkin-sales.html").read_text(encoding="utf-8")

    # nothing changed: nothing rendered or written again
    again = build_forms(load(root), folder, sheets=True, jobs=2)
    assert again.sheets_rendered == 0 and again.written == 0

    # a new check-in changes the form page (its last value) but no sheet: they serve a whole cycle
    from rollout.flows.checkin import plan_checkin, save_checkins

    ws = load(root)
    item = plan_checkin(ws, "sales", ws.cycle("2027-Q1"))[0]
    save_checkins(root, "2027-Q1", "sales", [{"kr": item.kr.id, "date": ws.today, "value": 2.6}])
    third = build_forms(load(root), folder, sheets=True, jobs=1)
    assert third.sheets_rendered == 0 and third.written == 1
    assert 'placeholder="2.6"' in (forms / "checkin-sales.html").read_text(encoding="utf-8")
    # a key result reworded changes that unit's sheet, and only that one
    okrs = root / "okrs" / "2027-Q1" / "sales.yaml"
    okrs.write_text(okrs.read_text(encoding="utf-8").replace("Grow qualified", "Grow the qualified"), encoding="utf-8")
    fourth = build_forms(load(root), folder, sheets=True, jobs=1)
    assert fourth.sheets_rendered == 1
    assert "Grow the qualified pipeline" in " ".join(_text(forms / "checkin-sales.pdf")[1].split())


def test_a_site_only_build_renders_no_sheet_and_imports_no_renderer(make_ws: Callable[..., Path]) -> None:
    import subprocess
    import sys

    root = make_ws()
    code = (
        "import sys; from rollout.report.build import build; "
        f"r = build({str(root)!r}, site=True, packs=False, strict=True); "
        "print(len(r.forms.files), r.forms.sheets, 'weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    files, sheets, imported = out.stdout.split()
    assert int(files) == 7 and sheets == "0" and imported == "False"  # 4 questionnaires, 2 check-ins, the index
    assert not list((root / "build" / "forms").glob("*.pdf"))


def test_sheets_render_every_script(make_ws: Callable[..., Path]) -> None:
    """A unit named in CJK with emoji, Arabic and Hebrew names: no glyph is missing (the packs' font chain)."""
    from rollout.forms.pages import build_forms
    from rollout.workspace import load

    root = make_ws(
        units_yaml="""
            units:
              - id: mini
                name: Mini Co 🌍
                kind: company
                owner: ana
              - id: sales
                name: 销售部 · 営業部 · المبيعات · מכירות
                kind: department
                parent: mini
                owner: ben
        """
    )
    result = build_forms(load(root), root / "build", sheets=True, jobs=1)
    assert result.warnings == []  # WeasyPrint warns about every .notdef glyph
    text = " ".join(_text(root / "build" / "forms" / "checkin-sales.pdf")[1].split())
    assert "销售部" in text
