"""Every script a multinational organization writes renders: Latin, Arabic, Hebrew, CJK and emoji.

WeasyPrint logs ``.notdef glyph rendered`` for each character no installed font has; the packs'
font chain (``templates/packs/pack.css``) and the fonts ``.ci/setup.sh`` installs must cover them all.
"""

from __future__ import annotations

import re
from pathlib import Path

import pypdf

from rollout.report.packs import build_packs
from rollout.workspace import load
from tests.conftest import WorkspaceFactory

ROOT = Path(__file__).resolve().parents[2]

PEOPLE = """
    people:
      - id: ana
        name: ليلى حداد
      - id: ben
        name: 王伟
      - id: cho
        name: 김민준
      - id: dai
        name: 佐藤さくら
      - id: eli
        name: נועה כהן
"""
UNITS = """
    units:
      - id: mini
        name: Mini Co 🌍
        kind: company
        owner: ana
      - id: sales
        name: 销售部 · 営業部 · 영업팀
        kind: department
        parent: mini
        owner: ben
"""
COMPANY_OKRS = """
    objectives:
      - id: win-mid-market
        title: Become the supplier mid-market buyers recommend 🚀 — أن نصبح المورد الموصى به
        owner: ana
        key_results:
          - id: win-mid-market-kr1
            title: Raise NPS from 30 to 45 📈 (להעלות את ה-NPS)
            metric: NPS
            direction: increase
            baseline: 30
            target: 45
            unit_of_measure: points
            owner: cho
"""
SALES_OKRS = """
    objectives:
      - id: sales-pipeline
        title: 建立可信的销售渠道 — 信頼できるパイプライン — 신뢰할 수 있는 파이프라인 ✅
        owner: ben
        parent: win-mid-market
        key_results:
          - id: sales-pipeline-kr1
            title: Grow qualified pipeline from 2.0 to 3.5 MEUR 🎉
            direction: increase
            baseline: 2.0
            target: 3.5
            owner: dai
"""


def test_pack_with_every_script_has_no_missing_glyph(make_ws: WorkspaceFactory) -> None:
    root = make_ws(
        people_yaml=PEOPLE,
        units_yaml=UNITS,
        **{"okrs/2027-Q1/mini.yaml": COMPANY_OKRS, "okrs/2027-Q1/sales.yaml": SALES_OKRS},
    )
    results = build_packs(load(root), None, root / "build" / "packs", jobs=1)
    assert results, "the workspace has a running cycle, so it has a cycle pack"
    for result in results:
        assert result.error is None, result.error
        assert not [w for w in result.warnings if ".notdef" in w], result.warnings
        assert result.warnings == []
        reader = pypdf.PdfReader(result.path)
        text = "".join(page.extract_text() for page in reader.pages)
        for sample in ("王伟", "김민준", "佐藤さくら", "ليلى", "🚀"):
            assert sample in text, sample
        fonts: set[str] = set()
        for page in reader.pages:
            for font in page["/Resources"]["/Font"].values():
                fonts.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
        families = {re.sub(r"-(Bold|Oblique|Italic|BoldOblique)$", "", name) for name in fonts}
        # Latin, Arabic and Hebrew (DejaVu), CJK and emoji each come from the font the chain names.
        assert {"Liberation-Sans", "DejaVu-Sans", "WenQuanYi-Micro-Hei", "Noto-Color-Emoji"} <= families, families


def test_every_declared_font_is_installed_by_setup() -> None:
    """The font chain of the packs and the site names only fonts whose package setup installs."""
    setup = (ROOT / ".ci" / "setup.sh").read_text(encoding="utf-8")
    packages = {
        "Liberation Sans": "fonts-liberation",
        "DejaVu Sans": "fonts-dejavu-core",
        "WenQuanYi Micro Hei": "fonts-wqy-microhei",
    }
    pack_css = (ROOT / "templates" / "packs" / "pack.css").read_text(encoding="utf-8")
    site_css = (ROOT / "site" / "style.css").read_text(encoding="utf-8")
    demo_packages = setup.split("TEST_PACKAGES=")[0]
    for family, package in packages.items():
        assert package in demo_packages, package
        assert f'"{family}"' in pack_css, family
        assert f'"{family}"' in site_css, family
    # Emoji: named in the site's chain; in the packs reached through fontconfig (see pack.css).
    assert "fonts-noto-color-emoji" in demo_packages
    assert '"Noto Color Emoji"' in site_css


def test_digits_stay_in_the_text_font(tmp_path: Path) -> None:
    """Digits next to emoji come from Liberation Sans, not from the emoji font (wide glyphs)."""
    from rollout.report.packs.render import render_pdf

    css = (ROOT / "templates" / "packs" / "pack.css").read_text(encoding="utf-8")
    chain = re.search(r"^html \{\s*font-family: ([^;]+);", css, re.M)
    assert chain is not None
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
        f"<style>body {{ font-family: {chain.group(1)}; }}</style></head><body><p>2027-Q1 100% #1</p></body></html>"
    )
    target = tmp_path / "digits.pdf"
    outcome = render_pdf(html, target, base_url=tmp_path.as_uri() + "/", allowed=[tmp_path])
    assert outcome.warnings == []
    page = pypdf.PdfReader(target).pages[0]
    fonts = {str(font.get_object()["/BaseFont"]).split("+")[-1] for font in page["/Resources"]["/Font"].values()}
    assert fonts == {"Liberation-Sans"}, fonts
