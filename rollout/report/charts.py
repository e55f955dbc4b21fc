"""SVG charts made by the build: score bars, sparklines, score distribution, trends.

Shared by the site and the PDF packs. Rules every chart follows:

- every number a chart shows is also written as text (inside the SVG as
  ``<text>``, and in the accessible name), so nothing depends on reading a shape;
- greyscale-readable: shapes differ by lightness and outline, never by hue alone;
- no script, no external reference, no ``style`` attribute (CSP-friendly): colours
  come from classes styled by the site stylesheet, with inline fallbacks in
  ``fill``/``stroke`` attributes so a PDF without the stylesheet still reads;
- small and fast: thousands of them are drawn for a large organization.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from rollout.metrics.scoring import display
from rollout.report.formats import counted, share

INK = "#1d2733"
MUTED = "#5b6673"
TRACK = "#e4e8ec"
ACCENT = "#1f5a85"
# Status and band fills: distinct lightness in greyscale (dark → light).
FILLS = {"strong": "#1f5a85", "moderate": "#6f9cc0", "weak": "#d3dfe9", "none": "#f4f6f8"}


def _num(value: float) -> str:
    """Coordinate formatting (one decimal is plenty at screen and print resolution)."""
    return f"{value:.1f}"


def _label(text: str) -> str:
    return escape(text, quote=True)


def fmt_score(score: float | None) -> str:
    """Scores are shown as everywhere else (site, packs, terminal): rounded to 0.1."""
    return display(score)


@functools.lru_cache(maxsize=8192)
def score_bar(score: float | None, *, expected: float | None = None, width: int = 120, height: int = 10) -> Markup:
    """A horizontal bar for a 0–1 score, with a tick at the expected progress.

    Decorative next to its text value (the caller prints the number), so it is hidden from
    assistive technology. Cached: large sites show the same few hundred bars thousands of times.
    """
    filled = 0.0 if score is None else max(0.0, min(1.0, score)) * width
    parts = [
        f'<svg class="bar" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        'aria-hidden="true" focusable="false">',
        f'<rect class="bar-track" width="{width}" height="{height}" rx="2" fill="{TRACK}"/>',
    ]
    if filled > 0:
        parts.append(f'<rect class="bar-fill" width="{_num(filled)}" height="{height}" rx="2" fill="{ACCENT}"/>')
    if expected is not None:
        x = _num(max(1.0, min(width - 1.0, expected * width)))
        parts.append(
            f'<line class="bar-expected" x1="{x}" x2="{x}" y1="0" y2="{height}" stroke="{INK}" stroke-width="2"/>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def sparkline(
    values: Sequence[float],
    *,
    baseline: float | None = None,
    target: float | None = None,
    label: str = "",
    width: int = 120,
    height: int = 30,
) -> Markup:
    """Check-in values over time, with the target as a dashed line and the last value as a dot.

    The accessible name lists the first and last values and the target, so the trend is
    readable without the picture.
    """
    if not values:
        return Markup("")
    points = [float(v) for v in values]
    span_values = [*points]
    if target is not None:
        span_values.append(float(target))
    if baseline is not None:
        span_values.append(float(baseline))
    lo, hi = min(span_values), max(span_values)
    if hi == lo:
        hi = lo + 1.0
    pad = 3.0
    inner_w = width - 2 * pad
    inner_h = height - 2 * pad
    step = inner_w / (len(points) - 1) if len(points) > 1 else 0.0
    scale = inner_h / (hi - lo)
    coords = [(pad + i * step, pad + (hi - v) * scale) for i, v in enumerate(points)]
    path = " ".join([f"{x:.1f},{y:.1f}" for x, y in coords])
    name = f"{label}: " if label else ""
    if len(points) == 1:  # "1 check-in: 40", never "from 40 to 40"
        name += f"1 check-in: {_fmt_value(points[0])}"
    else:
        name += f"{counted(len(points), 'check-in')}, from {_fmt_value(points[0])} to {_fmt_value(points[-1])}"
    if target is not None:
        name += f", target {_fmt_value(float(target))}"
    name = _label(name)
    parts = [
        f'<svg class="spark" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{name}"><title>{name}</title>'
    ]
    if target is not None:
        y = _num(pad + (hi - float(target)) * scale)
        parts.append(
            f'<line class="spark-target" x1="{_num(pad)}" x2="{_num(width - pad)}" y1="{y}" y2="{y}" '
            f'stroke="{MUTED}" stroke-width="1" stroke-dasharray="3 2"/>'
        )
    if len(coords) > 1:
        parts.append(
            f'<polyline class="spark-line" points="{path}" fill="none" stroke="{ACCENT}" stroke-width="1.6" '
            'stroke-linejoin="round" stroke-linecap="round"/>'
        )
    last_x, last_y = coords[-1]
    parts.append(f'<circle class="spark-dot" cx="{_num(last_x)}" cy="{_num(last_y)}" r="2.6" fill="{INK}"/></svg>')
    return Markup("".join(parts))


def _fmt_value(value: float) -> str:
    if abs(value - round(value)) < 1e-9:
        return f"{round(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def distribution(bands: Sequence[tuple[str, str, int]], *, title: str, width: int = 420) -> Markup:
    """Vertical bars, one per band: ``(key, label, count)`` with key in strong|moderate|weak|none.

    Counts are printed above each bar and labels below; the accessible name holds them all.
    """
    total = sum(count for _k, _l, count in bands) or 1
    top = max((count for _k, _l, count in bands), default=0) or 1
    height = 164 if any(" (" in label for _k, label, _c in bands) else 150
    chart_h = 96
    gap = 14
    bar_w = (width - gap * (len(bands) + 1)) / max(1, len(bands))
    name = f"{title}: " + ", ".join(f"{label} {count}" for _k, label, count in bands)
    parts = [
        f'<svg class="chart dist" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_label(name)}"><title>{_label(name)}</title>',
        f'<line x1="0" x2="{width}" y1="{chart_h + 22}" y2="{chart_h + 22}" stroke="{MUTED}" stroke-width="1"/>',
    ]
    for i, (key, label, count) in enumerate(bands):
        x = gap + i * (bar_w + gap)
        h = chart_h * count / top
        y = chart_h + 22 - h
        share = round(100 * count / total)
        parts.append(
            f'<rect class="band band-{_label(key)}" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w)}" '
            f'height="{_num(h)}" fill="{FILLS.get(key, TRACK)}" stroke="{INK}" stroke-width="0.8"/>'
        )
        cx = _num(x + bar_w / 2)
        parts.append(
            f'<text x="{cx}" y="{_num(y - 5)}" text-anchor="middle" class="chart-value" fill="{INK}" '
            f'font-size="13">{count} ({share}%)</text>'
        )
        # A band's range goes on a second line: four bars side by side leave no room for both.
        name, _sep, rest = label.partition(" (")
        second = f'<tspan x="{cx}" dy="14">({_label(rest)}</tspan>' if rest else ""
        parts.append(
            f'<text x="{cx}" y="{chart_h + 40}" text-anchor="middle" class="chart-label" fill="{INK}" '
            f'font-size="12">{_label(name)}{second}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def trend(
    series: Sequence[tuple[str, float | None]],
    *,
    title: str,
    maximum: float | None = None,
    percent: bool = False,
    width: int = 420,
    score: bool = False,
    places: int = 1,
) -> Markup:
    """A value per cycle (or month) as labelled columns; missing values are marked "no data".

    Values are written as shares (``percent``, :func:`rollout.report.formats.share`), as
    scores at ``places`` decimals (``score``: one, as every score is shown; two for a
    phase's means, :data:`rollout.metrics.rounding.JUDGED_MEAN_PLACES`), or as plain numbers."""
    height = 150
    chart_h = 96
    known = [v for _l, v in series if v is not None]
    top = maximum if maximum is not None else (max(known) if known else 1.0)
    top = top or 1.0
    gap = 18
    bar_w = min(70.0, (width - gap * (len(series) + 1)) / max(1, len(series)))

    def text(v: float | None) -> str:
        if v is None:
            return "no data"
        if score:
            return display(v, places)
        return share(v) if percent else _fmt_value(round(v, 2))

    name = f"{title}: " + ", ".join(f"{label} {text(v)}" for label, v in series)
    parts = [
        f'<svg class="chart trend" width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{_label(name)}"><title>{_label(name)}</title>',
        f'<line x1="0" x2="{width}" y1="{chart_h + 22}" y2="{chart_h + 22}" stroke="{MUTED}" stroke-width="1"/>',
    ]
    for i, (label, value) in enumerate(series):
        x = gap + i * (bar_w + gap)
        cx = _num(x + bar_w / 2)
        h = 0.0 if value is None else chart_h * max(0.0, value) / top
        y = chart_h + 22 - h
        if value is not None:
            parts.append(
                f'<rect class="trend-bar" x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w)}" height="{_num(h)}" '
                f'fill="{FILLS["moderate"] if i < len(series) - 1 else ACCENT}" stroke="{INK}" stroke-width="0.8"/>'
            )
        parts.append(
            f'<text x="{cx}" y="{_num(y - 5)}" text-anchor="middle" class="chart-value" fill="{INK}" '
            f'font-size="13">{_label(text(value))}</text>'
        )
        # A band's range goes on a second line: four bars side by side leave no room for both.
        name, _sep, rest = label.partition(" (")
        second = f'<tspan x="{cx}" dy="14">({_label(rest)}</tspan>' if rest else ""
        parts.append(
            f'<text x="{cx}" y="{chart_h + 40}" text-anchor="middle" class="chart-label" fill="{INK}" '
            f'font-size="12">{_label(name)}{second}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def meter(value: float | None, *, width: int = 160, height: int = 12) -> Markup:
    """A 0–1 share (coverage, completion, discipline) as a bar; decorative next to its text."""
    return score_bar(value, width=width, height=height)
