"""Issue 12 class 10 in the form path (fe20 findings 2 and 16), in headless Chromium.

The check-in form reads a value as the terminal does (``1,250`` is 1250, ``1e309`` refused,
``%`` only on a key result measured in %), with the terminal's words for a value it refuses,
writes the exact value read to its CSV, and limits the date by the site's as-of
(``data-as-of``), not by the browser's date. Filled, saved, read back and collected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from rollout.metrics.values import parse_number
from tests.browser import NEEDS_CHROMIUM
from tests.metrics.builders import write_workspace

pytestmark = [
    pytest.mark.e2e,
    NEEDS_CHROMIUM,
]

AS_OF = "2027-03-08"
BROWSER_TODAY = "2026-11-29T12:00:00"  # the browser's date is before the site's as-of


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rollout.report.build import build

    root = write_workspace(
        tmp_path_factory.mktemp("values") / "ws",
        objectives=[
            [
                {"title": "Raise revenue from 1000 to 2000 kEUR", "unit_of_measure": "EUR", "target": 2000},
                {"title": "Reduce complaints from 6 to 4 per 1,000 shipments", "unit_of_measure": "complaints"},
                {"title": "Raise the answered share from 0 to 100%", "unit_of_measure": "%"},
            ]
        ],
        as_of=AS_OF,
    )
    build(root, site=True, packs=False)
    return root


def _page(browser: Any, site: Path) -> Any:
    context = browser.new_context(accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(BROWSER_TODAY)
    page.goto((site / "build" / "forms" / "checkin-co.html").as_uri())
    return page


def _python(text: str, unit: str) -> tuple[float | None, str]:
    try:
        return parse_number(text, unit), ""
    except ValueError as exc:
        return None, str(exc)


TEXTS = [
    "1,250",
    "1,250.5",
    "1.250,5",
    "1 250",
    "22,5",
    "0,75",
    "-3",
    "+4.5",
    "2e3",
    "1e309",
    "inf",
    "nan",
    "1_250",
    "1,25,0",
    "1.2.3",
    "12 apples",
    "1,250 EUR",
    "EUR 1,250",
    "85%",
    "5 %",
    "it's 5",
    "",
]


@pytest.mark.parametrize("unit", ["EUR", "complaints", "%", ""])
def test_the_form_reads_numbers_as_the_terminal(browser: Any, site: Path, unit: str) -> None:
    page = _page(browser, site)
    try:
        found = page.evaluate(
            """([texts, unit]) => texts.map(t => {
                 try { return [window.rolloutValues.readValue(t, unit), ""]; } catch (m) { return [null, String(m)]; }
               })""",
            [TEXTS, unit],
        )
    finally:
        page.context.close()
    for text, (value, message) in zip(TEXTS, found, strict=True):
        assert (value, message) == _python(text, unit), text


def test_fill_save_and_collect_1250(browser: Any, site: Path, tmp_path: Path) -> None:
    from rollout.cli import cli
    from rollout.workspace import load

    page = _page(browser, site)
    try:
        assert page.input_value("#f-date") == AS_OF  # the site's as-of, not the browser's date
        page.fill("#value-o1-kr1", "1,250")
        page.fill("#value-o1-kr2", "1e309")
        page.fill("#value-o1-kr3", "85%")
        page.click("#save")
        shown = page.locator("#kr-o1-kr2-error").inner_text()
        assert shown == _python("1e309", "complaints")[1] + "."
        page.fill("#value-o1-kr2", "5%")
        page.click("#save")
        assert page.locator("#kr-o1-kr2-error").inner_text() == (
            "'5%' is a percentage, but the key result is measured in complaints."
        )
        page.fill("#value-o1-kr2", "5")
        page.fill("#f-date", "2027-03-09")  # after as-of
        page.click("#save")
        assert page.locator("#f-date-error").inner_text() == "Choose a date from 2027-01-01 to 2027-03-08."  # fe21 #11
        page.fill("#f-date", "2027-03-01")  # after the browser's date, before as-of: fine
        with page.expect_download() as download:
            page.click("#save")
        target = tmp_path / download.value.suggested_filename
        download.value.save_as(target)
    finally:
        page.context.close()
    text = target.read_text(encoding="utf-8")
    assert ",1250," in text and "Infinity" not in text and ",85," in text and ",5," in text
    result = CliRunner().invoke(cli, ["collect", str(target), "-w", str(site)])
    assert result.exit_code == 0, result.output
    ws = load(site)
    assert [c.value for c in ws.checkins["o1-kr1"]] == [1250.0]
    assert [c.value for c in ws.checkins["o1-kr3"]] == [85.0]


def test_the_form_and_the_terminal_agree_on_random_texts(browser: Any, site: Path) -> None:
    """400 texts made of the characters people type into a value (a fixed seed: the same texts every run)."""
    import random

    rng = random.Random(12)
    alphabet = "0123456789" * 3 + ",. %-+e'_\u00a0\u202f" + "E"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 9))) for _ in range(400)]
    page = _page(browser, site)
    try:
        found = page.evaluate(
            """(texts) => texts.map(t => {
                 try { return [window.rolloutValues.readValue(t, "EUR"), ""]; } catch (m) { return [null, String(m)]; }
               })""",
            texts,
        )
    finally:
        page.context.close()
    disagree = [
        (t, tuple(f), _python(t, "EUR")) for t, f in zip(texts, found, strict=True) if tuple(f) != _python(t, "EUR")
    ]
    assert not disagree, disagree[:5]


POINTS = ["1.250", "-2.500", "12.5", "1,250", "1.250,5", "1250.000", "0.125", "1.250 EUR", "999.999", ""]


def test_the_form_says_how_a_point_was_read_as_the_terminal(browser: Any, site: Path) -> None:
    """fe24 F9: "1.250" is 1.25 here, 1250 to many European readers; the form says so under the
    field, in the terminal's words (rollout.metrics.values.point_reading)."""
    from rollout.metrics.values import point_reading

    page = _page(browser, site)
    try:
        found = page.evaluate(
            """(texts) => texts.map(t => {
                 try { return window.rolloutValues.pointReading(t, window.rolloutValues.readValue(t, "EUR")); }
                 catch (m) { return "refused"; }
               })""",
            POINTS,
        )
        page.fill("#value-o1-kr1", "1.250")
        shown = page.locator("#kr-o1-kr1 .kr-reading").inner_text()
        page.fill("#value-o1-kr1", "1,250")
        gone = page.locator("#kr-o1-kr1 .kr-reading").count()
    finally:
        page.context.close()
    for text, js in zip(POINTS, found, strict=True):
        try:
            expected = point_reading(text, parse_number(text, "EUR"))
        except ValueError:
            expected = "refused"
        assert js == expected, text
    assert shown == "'1.250' was read as 1.25 (a decimal point); for 1,250, write 1250 or 1,250."
    assert gone == 0
