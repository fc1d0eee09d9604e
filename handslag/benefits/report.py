"""The leadership report (one page per project) and the portfolio across an organisation.

Politicians and managers keep funding innovation procurement when they can see, on one
page, where the project stands, what the pilot has shown against its targets, what it
is worth and what they must decide next. Every figure comes from the same selectors the
pages use, and so from the tested engine.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.benefits.realised import realised_benefit
from handslag.benefits.selectors import Figures, scenario_comparison
from handslag.core.formats import number_style
from handslag.core.render import Document, Facts, Heading, Paragraph, Table
from handslag.needs.models import ExpectedEffect
from handslag.partnership.selectors.pilots import kpi_status, kpis_for_project
from handslag.projects.models import Project
from handslag.projects.permissions import can_view_area
from handslag.projects.selectors import project_list_visible, project_position, risk_list_visible
from handslag.rules.numbers import MISSING, format_kronor, format_number

TOP_RISKS = 3


def sek(value: float | None) -> str:
    return format_kronor(None if value is None else round(value), style=number_style(), unit="kr")


def percent(value: float | None, digits: int = 0) -> str:
    if value is None:
        return MISSING
    # round() first: the report has always rounded half to even on the float.
    text = format_number(round(value * 100, digits), style=number_style(), decimal_pos=digits)
    return f"{text} %"


def _number(value: Decimal) -> str:
    return format_number(value.normalize(), style=number_style())


@dataclass(frozen=True)
class ProjectFigures:
    """The headline figures of one project, as the report and the portfolio show them."""

    project: Project
    where: str
    next_decision: str
    forecast: Figures | None
    outturn: Figures | None
    realisation_ratio: float | None

    @property
    def npv(self) -> float | None:
        return self.forecast.npv if self.forecast and self.forecast.available else None

    @property
    def p_npv_positive(self) -> float | None:
        if self.forecast and self.forecast.available and self.forecast.monte_carlo:
            return self.forecast.monte_carlo.p_npv_positive
        return None


def project_figures(*, project: Project) -> ProjectFigures:
    """Stage, next decision and benefit figures (the caller has checked access)."""
    position = project_position(project=project)
    comparison = scenario_comparison(project=project)
    by_scenario = {column.model.scenario: column.figures for column in comparison["columns"]}
    return ProjectFigures(
        project=project,
        where=position.where,
        next_decision=position.next_decision,
        forecast=by_scenario.get("forecast"),
        outturn=by_scenario.get("outturn"),
        realisation_ratio=comparison["realisation_ratio"],
    )


def _effects_table(project: Project) -> Table:
    kpis = kpis_for_project(project=project)
    header = [
        _("Indicator"),
        _("Unit"),
        _("Baseline"),
        _("Target"),
        _("Latest value"),
        _("Progress towards the target"),
    ]
    rows = []
    measured = set()
    for kpi in kpis:
        status = kpi_status(kpi=kpi)
        measured.add(kpi.indicator)
        rows.append(
            [
                kpi.indicator,
                kpi.unit,
                _number(kpi.baseline),
                _number(kpi.target),
                (
                    f"{_number(status.latest.value)} ({date_format(status.latest.measured_on, 'SHORT_DATE_FORMAT')})"
                    if status.latest
                    else _("not measured yet")
                ),
                percent(status.progress),
            ]
        )
    for effect in ExpectedEffect.objects.filter(need__projects=project).distinct():
        if effect.indicator in measured:
            continue
        rows.append(
            [
                effect.indicator,
                effect.unit,
                _number(effect.baseline),
                _number(effect.target),
                _("not measured yet"),
                "–",
            ]
        )
    return Table(header, rows, caption=_("Effects so far against target"))


def _risks(user: User, project: Project) -> Table | None:
    if not can_view_area(user=user, project=project, area="risks"):
        return None
    risks = [r for r in risk_list_visible(user=user, project=project) if not r.is_closed]
    if not risks:
        return None
    return Table(
        [_("Risk"), _("Probability × impact"), _("Mitigation")],
        [
            [risk.title, f"{risk.probability} × {risk.impact}", risk.mitigation or "–"]
            for risk in risks[:TOP_RISKS]
        ],
        caption=_("Top risks"),
    )


def leadership_report(*, user: User, project: Project) -> Document:
    """One page for the people who fund the project (the caller has checked access)."""
    figures = project_figures(project=project)
    document = Document(
        title=_("Leadership report: %(title)s") % {"title": project.title},
        subtitle=_("%(organisation)s, %(date)s")
        % {
            "organisation": project.organisation.name,
            "date": date_format(timezone.localdate(), "DATE_FORMAT"),
        },
    )
    document.add(Heading(_("Stage"), 2), Paragraph(figures.where))
    document.add(Heading(_("Effects so far"), 2), _effects_table(project))
    document.add(Heading(_("Benefit"), 2))
    forecast = figures.forecast
    if forecast and forecast.available:
        facts = [
            (_("Net present value (NPV), forecast"), sek(forecast.npv)),
            (
                _("Benefit–cost ratio"),
                format_number(round(forecast.bcr, 2), style=number_style(), decimal_pos=2)
                if forecast.bcr
                else MISSING,
            ),
            (_("Probability that the NPV is above zero"), percent(figures.p_npv_positive)),
        ]
        if forecast.monte_carlo:
            facts.append(
                (
                    _("P10 – P90"),
                    f"{sek(forecast.monte_carlo.p10)} – {sek(forecast.monte_carlo.p90)}",
                )
            )
        if figures.outturn and figures.outturn.available:
            facts.append((_("Net present value (NPV), outturn"), sek(figures.outturn.npv)))
        if figures.realisation_ratio is not None:
            facts.append((_("Realisation ratio"), percent(figures.realisation_ratio)))
        document.add(Facts(facts))
        realised = realised_benefit(project=project)
        if realised:
            latest = realised[-1]
            document.add(
                Paragraph(
                    _("Realised benefit %(year)d from %(indicator)s: %(amount)s.")
                    % {
                        "year": latest.period.year,
                        "indicator": latest.kpi.indicator,
                        "amount": sek(float(latest.period.realised)),
                    }
                )
            )
    else:
        document.add(Paragraph(_("No benefit model with figures yet.")))
    risks = _risks(user, project)
    if risks is not None:
        document.add(Heading(_("Top risks"), 2), risks)
    document.add(Heading(_("Next decision"), 2), Paragraph(figures.next_decision))
    document.add(
        Paragraph(
            _(
                "Figures in fixed prices, discounted with the benefit model's rate; "
                "P(NPV > 0) from a seeded Monte Carlo simulation."
            )
        )
    )
    return document


def portfolio_projects(*, user: User, organisation_id: int) -> QuerySet[Project]:
    """The organisation's projects (as lead buyer) that the user may see."""
    return project_list_visible(user=user).filter(organisation_id=organisation_id)


def portfolio(*, projects: Iterable[Project]) -> list[ProjectFigures]:
    """Headline figures for each project (one page of the portfolio at a time)."""
    return [project_figures(project=project) for project in projects]
