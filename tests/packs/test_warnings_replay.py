"""A pack's warnings are kept with its file and replayed: ``--strict`` gives the same verdict every run.

The example of issue 17: ``rollout build --strict`` passed the second time on a PDF with
missing-glyph warnings, because the unchanged pack was not rendered again and its warnings
were not replayed; a plain rebuild did not show them either.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rollout.report.build import BuildFailed, build
from rollout.report.packs.parallel import MANIFEST
from tests.conftest import WorkspaceFactory

# U+12000 CUNEIFORM SIGN A: no installed font has it, so WeasyPrint logs a missing glyph.
UNDRAWABLE = "\U00012000"
OKRS = f"""
    objectives:
      - id: win-mid-market
        title: Become the supplier mid-market buyers recommend {UNDRAWABLE}
        owner: ana
        key_results:
          - id: win-mid-market-kr1
            title: Raise NPS from 30 to 45
            metric: NPS
            direction: increase
            baseline: 30
            target: 45
            unit_of_measure: points
            owner: ana
"""


@pytest.fixture
def glyphless(make_ws: WorkspaceFactory) -> Path:
    return make_ws(**{"okrs/2027-Q1/mini.yaml": OKRS})


def pack_warnings(warnings: list[str]) -> list[str]:
    return [w for w in warnings if w.startswith("pack ")]


def test_unchanged_pack_replays_its_warnings(glyphless: Path) -> None:
    first = build(glyphless, site=False, packs=True, jobs=1)
    [pack] = first.packs
    assert pack.rendered
    replayed = pack_warnings(first.warnings)
    assert replayed and all(".notdef" in w for w in replayed), first.warnings
    again = build(glyphless, site=False, packs=True, jobs=1)
    [same] = again.packs
    assert not same.rendered  # current: not rendered again ...
    assert same.warnings == pack.warnings  # ... and its warnings come back with it
    assert pack_warnings(again.warnings) == replayed
    assert f"unchanged ({same.pages} pages, {len(pack.warnings)} warnings)" in same.summary()


def test_strict_fails_on_every_run(glyphless: Path) -> None:
    for _run in range(3):
        with pytest.raises(BuildFailed, match="strict mode"):
            build(glyphless, site=False, packs=True, strict=True, jobs=1)


def test_cli_strict_exit_code_and_output_are_the_same_every_run(
    glyphless: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rollout.cli import main

    def run(*args: str) -> tuple[int, str]:
        with pytest.raises(SystemExit) as caught:
            main(["build", str(glyphless), "--packs", *args])
        out, err = capsys.readouterr()
        return int(caught.value.code or 0), out + err

    runs = [run("--strict") for _ in range(2)]
    assert [code for code, _ in runs] == [1, 1], runs
    for _code, output in runs:
        assert "warning: pack cycle-2027-Q1-2027-02.pdf: warning: .notdef glyph" in output
        assert "strict mode" in output and "Traceback" not in output
    code, output = run()
    assert code == 0
    assert ".notdef glyph" in output and "unchanged (" in output


def test_fixed_pack_is_clean_again(glyphless: Path) -> None:
    assert pack_warnings(build(glyphless, site=False, packs=True, jobs=1).warnings)
    okrs = glyphless / "okrs" / "2027-Q1" / "mini.yaml"
    okrs.write_text(okrs.read_text(encoding="utf-8").replace(f" {UNDRAWABLE}", ""), encoding="utf-8")
    fixed = build(glyphless, site=False, packs=True, strict=True, jobs=1)
    assert fixed.packs[0].rendered and fixed.warnings == []
    assert build(glyphless, site=False, packs=True, strict=True, jobs=1).warnings == []


def test_manifest_without_a_warnings_record_renders_again(glyphless: Path) -> None:
    """A manifest written before warnings were kept cannot vouch for a clean file: render once more."""
    build(glyphless, site=False, packs=True, jobs=1)
    folder = glyphless / "build" / "packs"
    data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    for entry in data["packs"].values():
        del entry["warnings"], entry["refused"]
    (folder / MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    again = build(glyphless, site=False, packs=True, jobs=1)
    assert again.packs[0].rendered
    assert pack_warnings(again.warnings)
    stored = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    [entry] = stored["packs"].values()
    assert entry["warnings"] == again.packs[0].warnings and entry["refused"] == []


def test_site_link_problems_are_replayed_too(make_ws: WorkspaceFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Site pages: a broken link found in an unchanged page is reported (and fails --strict) on every run."""
    from rollout.report.site import pages as pages_module

    root = make_ws()
    real_plan = pages_module.plan_pages

    def without_sales(view, previous=None):  # type: ignore[no-untyped-def]
        return [p for p in real_plan(view, previous) if p.path != "units/2027-Q1/sales.html"]

    monkeypatch.setattr(pages_module, "plan_pages", without_sales)
    first = build(root, site=True, packs=False)
    assert first.link_problems
    second = build(root, site=True, packs=False)
    assert second.rendered == 0
    assert [str(p) for p in second.link_problems] == [str(p) for p in first.link_problems]
    for _run in range(2):
        with pytest.raises(BuildFailed):
            build(root, site=True, packs=False, strict=True)
