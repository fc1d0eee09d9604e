"""Planned against actual dates per stage, as numbers an SVG template can draw, and warnings.

The chart is hand-written SVG (rect, line, text with attributes only) so it passes the strict
content security policy; the same rows feed the table alternative.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handslag.projects.models import Project, Stage, StageStatus
from handslag.projects.selectors import stage_is_late

# A planned duration below this share of the template's typical one is flagged.
SHORT_PLAN_SHARE = 0.5

WIDTH = 860
LABEL_WIDTH = 260
RIGHT_PAD = 20
TOP = 30
ROW_HEIGHT = 38
BAR_HEIGHT = 12


def planned_days(stage: Stage) -> int | None:
    if stage.planned_start and stage.planned_end:
        return (stage.planned_end - stage.planned_start).days + 1
    return None


def actual_days(stage: Stage, today: date) -> int | None:
    if not stage.actual_start:
        return None
    end = stage.actual_end or today
    return (end - stage.actual_start).days + 1


def stage_warnings(stage: Stage, *, today: date) -> list[str]:
    """Why this stage deserves attention: late, planned far below the typical duration, or
    already over its plan."""
    warnings = []
    if stage_is_late(stage, today=today):
        warnings.append(
            _("Running late: planned to end on %(date)s.")
            % {"date": date_format(stage.planned_end)}
        )
    days = planned_days(stage)
    if (
        days is not None
        and stage.status != StageStatus.PASSED
        and stage.typical_days
        and days < stage.typical_days * SHORT_PLAN_SHARE
    ):
        warnings.append(
            _(
                "Planned for %(days)d days, less than half the typical %(typical)d days. "
                "Everything takes longer than planned, preparation most of all."
            )
            % {"days": days, "typical": stage.typical_days}
        )
    if stage.status == StageStatus.PASSED and stage.actual_end and stage.planned_end:
        over = (stage.actual_end - stage.planned_end).days
        if over > 0:
            warnings.append(
                _("Took %(days)d days longer than planned.") % {"days": over}
                if over != 1
                else _("Took one day longer than planned.")
            )
    return warnings


@dataclass
class Row:
    stage: Stage
    index: int
    y: int
    planned_days: int | None
    actual_days: int | None
    late: bool
    warnings: list[str]
    planned_x: float = 0
    planned_w: float = 0
    actual_x: float = 0
    actual_w: float = 0
    label: str = ""

    @property
    def has_planned(self) -> bool:
        return self.planned_w > 0

    @property
    def has_actual(self) -> bool:
        return self.actual_w > 0

    @property
    def text_y(self) -> int:
        return self.y + 20


@dataclass
class Timeline:
    rows: list[Row]
    start: date | None
    end: date | None
    today: date
    width: int = WIDTH
    height: int = 0
    label_width: int = LABEL_WIDTH
    today_x: float | None = None
    ticks: list[tuple[float, str]] = field(default_factory=list)

    @property
    def warnings(self) -> list[tuple[Stage, str]]:
        return [(row.stage, w) for row in self.rows for w in row.warnings]

    @property
    def open_warnings(self) -> list[tuple[Stage, str]]:
        """Warnings about stages still ahead or in progress: what the team can act on."""
        return [(s, w) for s, w in self.warnings if s.status != StageStatus.PASSED]

    @property
    def chart_bottom(self) -> int:
        return self.height - 10

    @property
    def summary(self) -> str:
        passed = [r for r in self.rows if r.stage.status == StageStatus.PASSED]
        over = [
            r
            for r in passed
            if r.stage.actual_end
            and r.stage.planned_end
            and r.stage.actual_end > r.stage.planned_end
        ]
        late = [r for r in self.rows if r.late]
        return _(
            "%(count)d stages; %(passed)d passed, %(over)d of them later than planned; "
            "%(late)d running late now."
        ) % {"count": len(self.rows), "passed": len(passed), "over": len(over), "late": len(late)}


def _truncate(text: str, length: int = 34) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def project_timeline(*, project: Project, today: date | None = None) -> Timeline:
    """Works on prefetched stages without extra queries."""
    today = today or timezone.localdate()
    stages = list(project.stages.all())
    dates = [
        d
        for s in stages
        for d in (s.planned_start, s.planned_end, s.actual_start, s.actual_end)
        if d is not None
    ]
    if any(s.actual_start and not s.actual_end for s in stages):
        dates.append(today)
    start = min(dates) if dates else None
    end = max(dates) if dates else None
    rows = []
    for index, stage in enumerate(stages):
        rows.append(
            Row(
                stage=stage,
                index=index + 1,
                y=TOP + index * ROW_HEIGHT,
                planned_days=planned_days(stage),
                actual_days=actual_days(stage, today),
                late=stage_is_late(stage, today=today),
                warnings=stage_warnings(stage, today=today),
                label=_truncate(f"{index + 1}. {stage.name}"),
            )
        )
    timeline = Timeline(
        rows=rows, start=start, end=end, today=today, height=TOP + len(rows) * ROW_HEIGHT + 20
    )
    if start is None or end is None:
        return timeline
    span = max((end - start).days + 1, 1)
    chart = WIDTH - LABEL_WIDTH - RIGHT_PAD

    def x(day: date) -> float:
        return round(LABEL_WIDTH + (day - start).days / span * chart, 1)

    def w(first: date, last: date) -> float:
        return max(round(((last - first).days + 1) / span * chart, 1), 2.0)

    for row in rows:
        stage = row.stage
        if stage.planned_start and stage.planned_end:
            row.planned_x, row.planned_w = (
                x(stage.planned_start),
                w(stage.planned_start, stage.planned_end),
            )
        if stage.actual_start:
            last = stage.actual_end or today
            row.actual_x, row.actual_w = x(stage.actual_start), w(stage.actual_start, last)
    if start <= today <= end:
        timeline.today_x = x(today)
    for n in range(5):
        day = start + timedelta(days=round((span - 1) * n / 4))
        timeline.ticks.append((x(day), date_format(day, "SHORT_DATE_FORMAT")))
    return timeline
