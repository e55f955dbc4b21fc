"""Pack HTML: the Jinja2 templates in ``templates/packs/`` filled from :mod:`.sections`.

The stylesheet is inlined, so the HTML alone determines the PDF: its hash is the
pack's content hash, and the render fetches nothing at all for a healthy pack.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from rollout.plural import plural
from rollout.questionnaire.scoring import score_text
from rollout.report import formats
from rollout.report.formats import sentence as sentence  # one definition; forms and packs import it too
from rollout.report.packs.cycle_pack import CyclePack, cycle_pack
from rollout.report.packs.phase_pack import PhasePack, phase_pack
from rollout.report.packs.plan import PackSpec
from rollout.report.packs.sections import FINAL_TEXT, STATUS_TEXT, Sources, long_date, status_count_text
from rollout.report.vocabulary import DECISIONS_HEADING, FIGURES, STATUS_RULE, label, severity_word
from rollout.resources import data_dir


def template_dir() -> Path:
    return data_dir("templates") / "packs"


@dataclass(frozen=True)
class TocEntry:
    anchor: str
    title: str
    level: int = 1


@cache
def environment() -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(template_dir())),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.globals["status_text"] = lambda key: STATUS_TEXT.get(key, STATUS_TEXT[None])
    env.globals["status_counts"] = status_count_text
    env.globals["meter"] = _meter
    env.filters["plural"] = plural
    env.filters["severity"] = severity_word
    env.filters["sentence"] = sentence  # the gate's reasons read as on the site's phase page
    env.filters["value"] = formats.value
    env.filters["readiness"] = score_text  # readiness scores and spreads written as on the site
    env.globals["FIGURES"] = FIGURES
    env.globals["DECISIONS_HEADING"] = DECISIONS_HEADING
    env.globals["STATUS_RULE"] = STATUS_RULE
    return env


def _meter(value: float | None) -> Any:
    from rollout.report.charts import meter

    return meter(value, width=70, height=7)


@cache
def stylesheet() -> str:
    return (template_dir() / "pack.css").read_text(encoding="utf-8")


def cycle_toc(pack: CyclePack) -> list[TocEntry]:
    toc = [TocEntry("summary", "Executive summary")]
    if pack.company:
        toc.append(TocEntry("company", "Company objectives"))
    if not pack.planned:
        toc += [
            TocEntry("celebrate", "Achievements to celebrate"),
            TocEntry("off-track", "Key results that fell short" if pack.closed else "Key results off track"),
        ]
    if pack.closed:
        toc.append(TocEntry("lessons", "Lessons and decisions"))
    elif pack.reviews:
        toc.append(TocEntry("reviews", "Latest monthly review"))
    if pack.compact:
        toc.append(TocEntry("departments", f"Departments ({len(pack.departments)})"))
    elif pack.departments:
        toc.append(TocEntry(pack.departments[0].anchor, "Departments"))
        toc += [TocEntry(d.anchor, d.name, 2) for d in pack.departments]
    toc.append(TocEntry("quality", "Appendix: quality findings"))
    return toc


def phase_toc(pack: PhasePack) -> list[TocEntry]:
    return [
        TocEntry("recommendation", label("gate")),
        TocEntry("units", "Units in the phase"),
        TocEntry("readiness", "Readiness", 2),
        TocEntry("results", "Results across the phase's cycles"),
        TocEntry("retrospective", "Pilot retrospective"),
        TocEntry("refine", "What to refine in the framework"),
    ]


def pack_context(src: Sources, spec: PackSpec) -> tuple[str, dict[str, Any]]:
    """Template name and context of one pack."""
    from rollout import __version__

    pack: CyclePack | PhasePack
    if spec.kind == "cycle":
        pack = cycle_pack(src, spec)
        template, toc = "cycle.html", cycle_toc(pack)
    else:
        pack = phase_pack(src, spec)
        template, toc = "phase.html", phase_toc(pack)
    as_of = spec.as_of or src.ws.today
    closed = isinstance(pack, CyclePack) and pack.closed
    words = FINAL_TEXT if closed else STATUS_TEXT
    if closed and spec.cycle is not None:  # final scores: no as-of date that could differ from the site's
        cycle = src.ws.cycles[spec.cycle]
        if cycle.closed_on is not None and cycle.closed_on < cycle.end:  # closed early: its scores are that day's
            asof_label = f"Final scores · cycle closed on {long_date(cycle.closed_on)}"
        else:
            asof_label = f"Final scores · cycle ended {long_date(cycle.end)}"
    else:
        asof_label = sentence(formats.as_of(as_of))
    return template, {
        "status_counts": lambda counts: status_count_text(counts, closed),
        "status_text": lambda key, final=None: (words if final is None else (FINAL_TEXT if final else STATUS_TEXT)).get(
            key, words[None]
        ),
        "pack": pack,
        "toc": toc,
        "css": stylesheet(),
        "version": __version__,
        "created": as_of.isoformat(),
        "asof_label": asof_label,
    }


def pack_html(src: Sources, spec: PackSpec) -> str:
    """The complete HTML of one pack (stylesheet inlined)."""
    template, context = pack_context(src, spec)
    return str(environment().get_template(template).render(context))
