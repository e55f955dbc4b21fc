"""The readiness level's advice and the recommended strategy are one decision with one reason.

fe20 finding 15: the Readiness page and ``rollout readiness report`` showed "Level: Ready with
gaps — Pilot in one or two departments while the gaps below are closed" and, right under it,
recommended the "Leadership-first pilot"; the terminal's reason named the overall level while
the gate (leadership alignment 2.92 < 3.0) decided it. The leadership-pilot pack said "Expand
the rollout" beside "Expand carefully (3.7 of 5)", and "Retrospective answers: 6" beside "5 of 5
retrospective respondents". The rule: :func:`rollout.questionnaire.scoring.recommend`.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pypdf
import pytest

from rollout.questionnaire import loader
from rollout.questionnaire.model import Questionnaire
from rollout.questionnaire.scoring import outcome, score_text
from tests.clirun import run_cli

DECIDED = "Decided by leadership alignment on a few priorities 2.92 of 5, below 3.00"
LEVEL_ADVICE = "Pilot in one or two departments while the gaps below are closed"


@functools.cache
def readiness() -> Questionnaire:
    return loader.get("readiness", None)


def _scores(**low: float) -> dict[str, float | None]:
    """Every dimension at 4.1 ("Ready with gaps": a department-by-department pilot), but ``low``."""
    scores: dict[str, float | None] = {d.id: 4.1 for d in readiness().dimensions}
    scores.update({k.replace("_", "-"): v for k, v in low.items()})
    return scores


def test_the_level_decides_when_no_gate_holds() -> None:
    rec = outcome(readiness(), _scores()).recommendation
    assert rec is not None and rec.strategy.id == "department-by-department"
    assert rec.level_decided and rec.decided_by == "overall readiness 4.10 of 5, 'Ready with gaps'"
    # the level's own advice, under the level and as the recommendation's advice
    assert rec.level_advice == rec.advice and rec.advice.startswith(LEVEL_ADVICE)


def test_a_gate_decides_and_the_level_says_what_holds_it_back() -> None:
    # leadership alignment 2.92: below the gate's 3.00 (leadership-first)
    result = outcome(readiness(), _scores(leadership_alignment=2.92))
    rec = result.recommendation
    assert result.band is not None and result.band.label == "Ready with gaps"
    assert rec is not None and rec.strategy.id == "leadership-first" and not rec.level_decided
    assert rec.decided_by == "leadership alignment on a few priorities 2.92 of 5, below 3.00"
    assert rec.reasons[0].startswith("leaders first need to agree")  # never "overall readiness is …" first
    assert LEVEL_ADVICE not in rec.level_advice
    assert rec.level_advice == (
        "On its own this level calls for a department-by-department pilot; "
        "held back: leadership alignment on a few priorities 2.92 of 5, below 3.00."
    )
    # the advice is the leadership-first level's, not the level's own
    assert rec.advice.startswith("Start with the leadership team alone")


@pytest.mark.parametrize(
    ("score", "shown", "capped"),
    [
        (2.996, "3.00", False),  # reads 3.00: not below 3.00, the level decides
        (2.994, "2.99", True),  # reads 2.99: below 3.00
        (2.5, "2.50", True),
    ],
)
def test_a_gate_judges_the_score_as_shown(score: float, shown: str, capped: bool) -> None:
    rec = outcome(readiness(), _scores(leadership_alignment=score)).recommendation
    assert score_text(score) == shown
    assert rec is not None and (not rec.level_decided) == capped
    if capped:
        assert rec.decided_by.startswith(f"leadership alignment on a few priorities {shown} of 5, below 3.00")


def test_tie_rule_first_gate_in_the_questionnaire_decides() -> None:
    # Two gates at leadership-first hold: leadership alignment (listed first) decides; the
    # other is named as also holding.
    rec = outcome(readiness(), _scores(leadership_alignment=2.8, documented_priorities=2.0)).recommendation
    assert rec is not None and rec.strategy.id == "leadership-first"
    assert rec.decided_by.startswith("leadership alignment on a few priorities 2.80 of 5")
    assert rec.reasons[1] == "departments cannot align to priorities that are not written down"
    # A more cautious gate wins over a gate listed before it: capacity below 2.50 means "not yet".
    rec = outcome(readiness(), _scores(leadership_alignment=2.8, program_capacity=2.0)).recommendation
    assert rec is not None and rec.strategy.id == "not-yet"
    assert rec.decided_by == "capacity to run the program 2.00 of 5, below 2.50"


def test_a_gate_at_the_levels_own_strategy_is_not_a_reason() -> None:
    # Overall 2.9 is "Ready for a leadership pilot" already: the leadership gate changes nothing.
    scores = {d: 2.9 for d in _scores()}
    rec = outcome(readiness(), scores).recommendation
    assert rec is not None and rec.strategy.id == "leadership-first" and rec.level_decided
    assert rec.reasons == ["overall readiness is 'Ready for a leadership pilot'"]


def test_terminal_names_what_decided(demo_source: Path) -> None:
    ran = run_cli("readiness", "report", demo_source)
    assert ran.returncode == 0, ran.stderr
    flat = " ".join(ran.stdout.split())
    assert DECIDED + ": leaders first need to agree on the priorities" in flat
    assert "Because overall readiness" not in flat
    assert LEVEL_ADVICE not in flat  # the level does not advise a department pilot beside it
    assert "Readiness: Ready with gaps. On its own this level calls for a department-by-department pilot" in flat
    # readiness scores written as on the site (2.92), not '%.1f' (2.9)
    assert "Partly aligned (2.92 of 5)" in flat and "(2.9 of 5)" not in flat


def test_readiness_page_shows_one_decision(demo_site: Path) -> None:
    page = (demo_site / "readiness.html").read_text(encoding="utf-8")
    decided = re.search(r'id="readiness-decided"><strong>([^<]*)</strong>', page)
    assert decided is not None and decided[1].startswith(DECIDED)
    advice = re.search(r'id="readiness-level-advice">([^<]*)<', page)
    assert advice is not None and LEVEL_ADVICE not in advice[1] and "held back" in advice[1]
    assert "overall readiness is" not in page
    assert "(2.92 of 5)" in page and "(2.9 of 5)" not in page


@functools.cache
def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in pypdf.PdfReader(path).pages).split())


def test_phase_pack_says_the_same(demo_packs: dict[str, object]) -> None:
    result = demo_packs["phase-leadership-pilot"]
    text = _pdf_text(result.path)  # type: ignore[attr-defined]
    assert DECIDED in text
    assert "Expansion gate: Expand" in text and "Expand the rollout" not in text
    # the retrospective's band has its own name, not a second "recommendation"
    assert "Respondents' verdict: Expand carefully" in text
    # two figures, two names
    assert "Retrospective answers: 6, all retrospective questionnaires of the phase together" in text
    assert "Ready to expand: 5 of 5 who answered the question said yes" in text
    assert "retrospective respondents think" not in text
    # one wording of check-in discipline: the tile and the reason
    assert "expected check-ins" not in text and text.count("of 676 check-in weeks done") >= 2


def test_phase_page_nav_and_one_wording(demo_site: Path) -> None:
    page = (demo_site / "phases" / "leadership-pilot.html").read_text(encoding="utf-8")
    assert 'readiness.html" aria-current="page"' not in page  # not the Readiness page
    assert "expected check-ins" not in page
    tile = re.search(r"(\d+) of (\d+) check-in weeks done</p>", page)
    reason = re.search(r"Check-in discipline: (\d+) of (\d+) check-in weeks done", page)
    assert tile is not None and reason is not None and tile.groups() == reason.groups()
    assert "Respondents&#39; verdict" in page or "Respondents' verdict" in page
    readiness = (demo_site / "readiness.html").read_text(encoding="utf-8")
    assert 'readiness.html" aria-current="page"' in readiness


def test_sentence_is_defined_once() -> None:
    from rollout.report import formats
    from rollout.report.packs import html
    from rollout.report.site import render

    assert html.sentence is formats.sentence and render.sentence is formats.sentence
    assert formats.sentence("okr407 findings") == "Okr407 findings" and formats.sentence("") == ""


def test_checkin_discipline_reads_one_way_on_every_page(demo_site: Path) -> None:
    """c19: "366 of 400 expected check-ins" (tile) vs "366 of 400 check-in weeks done" (reason);
    the home and cycle pages said "expected weekly check-ins"."""
    for name in ("index.html", "cycles/2026-Q4.html", "phases/department-pilot.html"):
        page = (demo_site / name).read_text(encoding="utf-8")
        # (an exit criterion may say "80% of expected weekly check-ins": words a person wrote)
        assert not re.search(r"[\d,]+ of [\d,]+ expected (weekly )?check-ins", page), name
        assert re.search(r"[\d,]+ of [\d,]+ check-in weeks done", page), name


def test_phases_plan_gives_the_same_reason(demo_copy: Path) -> None:
    """`rollout phases plan` said "Because overall readiness is 'Ready with gaps'; leaders first …"."""
    (demo_copy / "phases.yaml").unlink()
    ran = run_cli("phases", "plan", "-w", demo_copy)
    assert ran.returncode == 2  # no terminal to confirm on: shown, not written
    flat = " ".join(ran.stdout.split())
    assert "strategy: leadership-first" in flat
    assert DECIDED + ": leaders first need to agree on the priorities" in flat
    assert "Because overall readiness" not in flat


def test_a_disagreement_is_not_named_after_the_leadership_alignment_dimension(demo_site: Path) -> None:
    """ "Leadership alignment gap: respondents disagree on realistic check-in rhythm" (a pilot
    retrospective) read as the readiness dimension "Leadership alignment on a few priorities"."""
    for name in ("readiness.html", "phases/leadership-pilot.html"):
        page = (demo_site / name).read_text(encoding="utf-8")
        assert "Leadership alignment gap" not in page, name
        assert "Respondents disagree on " in page, name
