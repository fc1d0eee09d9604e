"""Hand-written SVG charts of the engine's figures: NPV distribution and tornado.

Plain elements with presentation attributes only (no style attribute, no <style>), so
the strict Content-Security-Policy allows them inline. Every chart has a title and a
description; the pages show the same figures in tables.
"""

from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from handslag.benefits.selectors import HistogramBin, MonteCarloFigures, TornadoRow
from handslag.core.formats import number_style
from handslag.rules.numbers import format_kronor, format_number

WIDTH = 640
BAR = "#0b5cad"
LOSS = "#b3261e"
GAIN = "#1a7f37"
INK = "#1f1f1f"
GRID = "#d0d0d0"


def sek(value: float) -> str:
    """Whole kronor, grouped for the active language."""
    return format_kronor(round(value), style=number_style())


def _svg(chart_id: str, height: int, title: str, description: str, parts: list[str]) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        height,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),
    )


def histogram_chart(mc: MonteCarloFigures, *, chart_id: str = "npv-histogram") -> SafeString:
    """Bars of the simulated NPV, losses in red and gains in green, with a zero line."""
    bins: Sequence[HistogramBin] = mc.histogram
    height, left, right, top, bottom = 260, 20, 20, 20, 50
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    low, high = bins[0].low, bins[-1].high
    span = (high - low) or 1.0
    tallest = max(b.count for b in bins) or 1

    def x(value: float) -> float:
        return round(left + plot_w * (value - low) / span, 1)

    parts = [
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1"/>',
            left,
            left + plot_w,
            top + plot_h,
            top + plot_h,
            INK,
        )
    ]
    for b in bins:
        bar_h = round(plot_h * b.count / tallest, 1)
        parts.append(
            format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                x(b.low),
                round(top + plot_h - bar_h, 1),
                max(round(x(b.high) - x(b.low) - 1, 1), 0.5),
                bar_h,
                GAIN if b.low >= 0 else LOSS if b.high <= 0 else BAR,
            )
        )
    if low < 0 < high:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="4 3"/><text x="{}" y="{}" font-size="12" text-anchor="middle" '
                'fill="{}">0</text>',
                x(0),
                x(0),
                top,
                top + plot_h,
                INK,
                x(0),
                top - 6 if top > 12 else 12,
                INK,
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>'
            '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>'
            '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>',
            left,
            height - 28,
            INK,
            sek(low),
            left + plot_w,
            height - 28,
            INK,
            sek(high),
            left + plot_w / 2,
            height - 8,
            INK,
            _("Net present value (SEK)"),
        )
    )
    description = _(
        "%(n)s simulated outcomes. P(NPV > 0) = %(p)s %%; P10 %(p10)s, P50 %(p50)s, "
        "P90 %(p90)s kronor."
    ) % {
        "n": sek(mc.iterations),
        "p": format_number(round(mc.p_npv_positive * 100, 1), style=number_style(), decimal_pos=1),
        "p10": sek(mc.p10),
        "p50": sek(mc.p50),
        "p90": sek(mc.p90),
    }
    return _svg(chart_id, height, _("Distribution of the net present value"), description, parts)


def tornado_chart(
    rows: Sequence[TornadoRow], base_npv: float, *, chart_id: str = "npv-tornado"
) -> SafeString:
    """One bar per line from its NPV at low to its NPV at high, centred on the base NPV."""
    label_w, right, top, row_h = 230, 20, 30, 28
    height = top + row_h * len(rows) + 30
    plot_w = WIDTH - label_w - right
    values = [base_npv, *(r.npv_low for r in rows), *(r.npv_high for r in rows)]
    low, high = min(values), max(values)
    span = (high - low) or 1.0

    def x(value: float) -> float:
        return round(label_w + plot_w * (value - low) / span, 1)

    parts: list[str] = []
    for index, row in enumerate(rows):
        y = top + index * row_h
        name = row.name if len(row.name) <= 32 else row.name[:31] + "…"
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>',
                label_w - 8,
                y + row_h / 2 + 4,
                INK,
                name,
            )
        )
        for value in (row.npv_low, row.npv_high):
            start, end = sorted((x(base_npv), x(value)))
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                    start,
                    y + 4,
                    max(round(end - start, 1), 0.5),
                    row_h - 8,
                    GAIN if value >= base_npv else LOSS,
                )
            )
    parts.append(
        format_html(
            '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2"/>'
            '<text x="{}" y="{}" font-size="12" text-anchor="middle" fill="{}">{}</text>',
            x(base_npv),
            x(base_npv),
            top - 4,
            top + row_h * len(rows),
            INK,
            x(base_npv),
            top - 10,
            INK,
            _("NPV %(value)s") % {"value": sek(base_npv)},
        )
    )
    if low < 0 < high:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="1" '
                'stroke-dasharray="4 3"/>',
                x(0),
                x(0),
                top - 4,
                top + row_h * len(rows),
                GRID,
            )
        )
    parts.append(
        format_html(
            '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>'
            '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>',
            label_w,
            height - 8,
            INK,
            sek(low),
            label_w + plot_w,
            height - 8,
            INK,
            sek(high),
        )
    )
    widest = rows[0] if rows else None
    description = (
        _("The NPV moves most with %(name)s: from %(low)s to %(high)s kronor.")
        % {"name": widest.name, "low": sek(widest.npv_low), "high": sek(widest.npv_high)}
        if widest
        else ""
    )
    return _svg(chart_id, height, _("Tornado chart: one line at a time"), description, parts)
