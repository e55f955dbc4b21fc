"""A questionnaire report in words: the decision sentences (terminal, site and packs) and
``rollout readiness report``'s terminal text, from a :class:`~rollout.questionnaire.report.ReadinessReport`.

Split out of :mod:`rollout.questionnaire.report` (580 lines) along its seam: that module
aggregates the answers, this one writes them.
"""

from __future__ import annotations

from rollout.plural import plural
from rollout.questionnaire.report import ReadinessReport, StrategyInfo
from rollout.questionnaire.scoring import score_text

# --- the decision in words (terminal, site and packs) -----------------------------------


def level_advice(report: ReadinessReport) -> str:
    """The sentence shown under the level: the level's advice when it decided the
    recommendation, else what holds it back (:class:`~rollout.questionnaire.scoring.Recommendation`)."""
    if report.strategy is not None and report.strategy.level_advice:
        return report.strategy.level_advice
    return report.level.recommendation if report.level else ""


def decided_text(strategy: StrategyInfo) -> str:
    """What decided the recommendation, in one sentence, the same in the terminal, the site
    and the packs: "Decided by leadership alignment … 2.92 of 5, below 3.00: leaders first
    need to agree …"; for the level: "Decided by overall readiness 3.31 of 5, 'Ready'."."""
    if not strategy.decided_by:
        return ""
    first = strategy.reasons[0] if strategy.reasons else ""
    if first and not first.startswith("overall readiness is") and first != strategy.decided_by:
        return f"Decided by {strategy.decided_by}: {first}."
    return f"Decided by {strategy.decided_by}."


# --- terminal rendering ----------------------------------------------------------------


def _fmt(value: float | None) -> str:
    """A readiness score in the terminal as on the site and in the packs: up to two decimals
    (``2.92``, ``3.05``, ``3``; :func:`rollout.report.formats.number`), ``–`` when unknown."""
    return score_text(value)


def render_text(report: ReadinessReport, *, width: int = 100) -> str:
    """A readable terminal report: the table of dimensions, then level, gaps and strategy."""
    import textwrap

    def wrap(text: str, indent: str = "", first: str | None = None) -> list[str]:
        return textwrap.wrap(
            text, width=width, initial_indent=indent if first is None else first, subsequent_indent=indent
        ) or [""]

    lines = [f"{report.title} (questionnaire {report.questionnaire}, version {report.version})"]
    if not report.respondents:
        lines.append("No complete answers yet.")
        if report.in_progress:
            lines.append("Still answering: " + ", ".join(r.name for r in report.in_progress))
        lines.append(f"Collect them with `rollout ask {report.questionnaire} --respondent PERSON`.")
        return "\n".join(lines)
    who = ", ".join(f"{r.name} ({r.role})" if r.role else r.name for r in report.respondents)
    if report.only:
        lines.append("Only answers with " + ", ".join(f"{k} = {v}" for k, v in report.only.items()))
    count = len(report.respondents)
    lines += wrap(f"{plural(count, 'respondent')}: {who}", "  ", "")
    if report.in_progress:
        lines += wrap("Still answering: " + ", ".join(r.name for r in report.in_progress), "  ", "")
    if report.scored:
        lines.append("")
        level_w = max(5, *(len(d.band.label) for d in report.dimensions if d.band))
        title_w = min(max(9, *(len(d.title) for d in report.dimensions)), max(20, width - level_w - 32))
        header = f"{'Dimension':<{title_w}}  {'Mean':>4}  {'Range':>9}  {'SD':>4}  {'Level':<{level_w}}   n"
        rule = "─" * min(width, len(header) + 2)
        lines += [header, rule]
        for d in report.dimensions:
            title = d.title if len(d.title) <= title_w else d.title[: title_w - 1] + "…"
            rng = f"{_fmt(d.min)}–{_fmt(d.max)}" if d.min is not None else "–"
            mark = " ⚠" if d.disagreement else ""
            level = d.band.label if d.band else "–"
            lines.append(
                f"{title:<{title_w}}  {_fmt(d.mean):>4}  {rng:>9}  {_fmt(d.stdev):>4}  {level:<{level_w}}  "
                f"{len(d.answered_by):>2}{mark}"
            )
        lines.append(rule)
        overall = report.level.label if report.level else ""
        lines.append(f"{'Overall':<{title_w}}  {_fmt(report.overall):>4}  {'':>9}  {'':>4}  {overall}")
        lines.append("n: respondents who answered; Range: lowest–highest respondent; SD: standard deviation")
        if report.disagreements:
            lines.append(
                f"⚠ respondents disagree: their scores differ by {report.disagreement_spread:g} points or more"
            )
        if report.level:
            lines.append("")
            lines += wrap(f"{report.level_name}: {report.level.label}. {level_advice(report)}", "  ", "")
        if report.gaps:
            lines.append("")
            lines.append("Gaps to close first:")
            for n, gap in enumerate(report.gaps, start=1):
                lines += wrap(gap.message, "     ", f"  {n}. ")
                lines += wrap(gap.recommendation, "     ", "     → ")
        if report.strategy:
            lines.append("")
            lines.append(f"Recommended strategy: {report.strategy.title}")
            lines += wrap(decided_text(report.strategy), "  ", "  ")
            if report.strategy.advice:
                lines += wrap(report.strategy.advice, "  ", "  ")
            lines += wrap(report.strategy.description, "  ", "  ")
            also = report.strategy.reasons[1:]
            if also:
                lines += wrap(f"Also holding: {'; '.join(also)}.", "  ", "  ")
            if report.pilot_units and all(not u.votes and u.score is None for u in report.pilot_units):
                lines += wrap("Pilot units: " + ", ".join(u.name for u in report.pilot_units) + ".", "    ", "  ")
            elif report.pilot_units:
                lines.append("  Pilot units:")
                for unit in report.pilot_units:
                    lines += wrap(f"{unit.name}" + (f": {unit.reason}" if unit.reason else ""), "      ", "    - ")
            later = report.candidates if report.strategy.id == "leadership-first" else []
            if later:
                lines += wrap(
                    "Departments proposed for the first department pilot after that: "
                    + "; ".join(f"{c.name} ({c.reason})" for c in later[:3])
                    + ".",
                    "    ",
                    "  ",
                )
    if report.tallies:
        lines.append("")
        for qid, counts in report.tallies.items():
            lines += wrap(report.questions.get(qid, qid))
            # Most answers first; a tie in alphabetical order of the answer.
            shown = ", ".join(f"{label}: {n}" for label, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
            lines += wrap(shown, "  ", "  ")
    if report.comments:
        current = ""
        for c in report.comments:
            if c.question != current:
                current = c.question
                lines.append("")
                lines += wrap(report.questions.get(c.question, c.question))
            lines += wrap(f"{c.text} ({c.name})", "    ", "  - ")
    return "\n".join(lines)
