"""Hand-written SVG charts for pilot KPIs.

Only elements with presentation attributes (no style attributes, no <style> element), so
the strict Content-Security-Policy allows them. Every chart has a title and description
for screen readers; pages show the same numbers in a table next to it.
"""

from collections.abc import Sequence
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from handslag.core.formats import number_style
from handslag.partnership.models import Measurement, PilotKpi
from handslag.rules.numbers import format_number

WIDTH, HEIGHT = 640, 280
LEFT, RIGHT, TOP, BOTTOM = 70, 150, 20, 40
MEASURED = "#0b5cad"
BASELINE = "#595959"
TARGET = "#1a7f37"
INK = "#1f1f1f"


def _number(value: Decimal) -> str:
    """A stored decimal without trailing zeros, formatted for the active language."""
    return format_number(value.normalize(), style=number_style(), grouped=True)


def _nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    if high == low:
        high = low + 1.0
    raw = (high - low) / (count - 1)
    magnitude = 10 ** len(str(int(abs(raw)))) / 10 if raw >= 1 else 1.0
    while magnitude > raw:
        magnitude /= 10
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = step * (low // step)
    ticks = []
    value = start
    while value <= high + step * 1e-9:
        ticks.append(round(value, 10))
        value += step
    if ticks[-1] < high:
        ticks.append(ticks[-1] + step)
    return ticks


def kpi_chart(kpi: PilotKpi, measurements: Sequence[Measurement]) -> SafeString:
    """Measurements over time against the baseline and the target, as inline SVG."""
    chart_id = f"kpi-chart-{kpi.pk}"
    values = [float(m.value) for m in measurements]
    baseline, target = float(kpi.baseline), float(kpi.target)
    ticks = _nice_ticks(min([baseline, target, *values]), max([baseline, target, *values]))
    y_low, y_high = ticks[0], ticks[-1]
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def y(value: float) -> float:
        return round(TOP + plot_h * (1 - (value - y_low) / (y_high - y_low)), 1)

    if measurements:
        first = measurements[0].measured_on.toordinal()
        span = max(measurements[-1].measured_on.toordinal() - first, 1)
        xs = [
            round(LEFT + plot_w * ((m.measured_on.toordinal() - first) / span), 1)
            if len(measurements) > 1
            else LEFT + plot_w / 2
            for m in measurements
        ]
    else:
        xs = []
    parts: list[str] = []
    for tick in ticks:
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#d0d0d0" stroke-width="1"/>'
                '<text x="{}" y="{}" text-anchor="end" font-size="12" fill="{}">{}</text>',
                LEFT,
                LEFT + plot_w,
                y(tick),
                y(tick),
                LEFT - 6,
                y(tick) + 4,
                INK,
                _number(Decimal(str(tick))),
            )
        )
    for value, colour, label in (
        (baseline, BASELINE, _("Baseline")),
        (target, TARGET, _("Target")),
    ):
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="{}" stroke-width="2" '
                'stroke-dasharray="6 4"/>'
                '<text x="{}" y="{}" font-size="12" fill="{}">{} {}</text>',
                LEFT,
                LEFT + plot_w,
                y(value),
                y(value),
                colour,
                LEFT + plot_w + 6,
                y(value) + 4,
                colour,
                label,
                _number(kpi.baseline if colour == BASELINE else kpi.target),
            )
        )
    if len(xs) > 1:
        points = " ".join(f"{x},{y(v)}" for x, v in zip(xs, values, strict=True))
        parts.append(
            format_html(
                '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>',
                points,
                MEASURED,
            )
        )
    parts.extend(
        format_html('<circle cx="{}" cy="{}" r="4" fill="{}"/>', x, y(v), MEASURED)
        for x, v in zip(xs, values, strict=True)
    )
    if measurements:
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="12" fill="{}">{}</text>'
                '<text x="{}" y="{}" font-size="12" text-anchor="end" fill="{}">{}</text>',
                LEFT,
                HEIGHT - 12,
                INK,
                date_format(measurements[0].measured_on, "SHORT_DATE_FORMAT"),
                LEFT + plot_w,
                HEIGHT - 12,
                INK,
                date_format(measurements[-1].measured_on, "SHORT_DATE_FORMAT"),
            )
        )
    if measurements:
        description = _(
            "%(count)d measurements from %(first)s to %(last)s; latest value %(latest)s %(unit)s "
            "against baseline %(baseline)s and target %(target)s."
        ) % {
            "count": len(measurements),
            "first": date_format(measurements[0].measured_on, "SHORT_DATE_FORMAT"),
            "last": date_format(measurements[-1].measured_on, "SHORT_DATE_FORMAT"),
            "latest": _number(measurements[-1].value),
            "unit": kpi.unit,
            "baseline": _number(kpi.baseline),
            "target": _number(kpi.target),
        }
    else:
        description = _("No measurements yet; baseline %(baseline)s and target %(target)s.") % {
            "baseline": _number(kpi.baseline),
            "target": _number(kpi.target),
        }
    title = _("%(indicator)s (%(unit)s) over time") % {"indicator": kpi.indicator, "unit": kpi.unit}
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" role="img" '
        'aria-labelledby="{}-title {}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>{}</svg>',
        WIDTH,
        HEIGHT,
        chart_id,
        chart_id,
        chart_id,
        title,
        chart_id,
        description,
        mark_safe("".join(parts)),
    )
