"""Realised benefit: the pilot's measured KPI change in kronor, and the outturn scenario.

Realised benefit per period (calendar year) = change of the KPI's yearly mean against the
baseline × volume per year × value per unit (handslag.partnership.selectors.pilots). It is
compared with the forecast's benefit lines of the KPI's category in the same model year
(year 0 is the model's price base year) to give the realisation ratio, and fed back into
the benefit model as the outturn scenario.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.benefits import services
from handslag.benefits.audit_actions import BenefitsAction
from handslag.benefits.models import BenefitLine, BenefitModel, LineKind, Scenario
from handslag.core.permissions import forbidden
from handslag.partnership.models import PilotKpi
from handslag.partnership.selectors.pilots import KpiPeriod, kpi_periods, kpis_for_project
from handslag.projects.models import Project
from handslag.projects.permissions import can_manage_project


@dataclass(frozen=True)
class RealisedRow:
    """One KPI in one year: what the pilot realised against what the forecast promised."""

    kpi: PilotKpi
    period: KpiPeriod
    model_year: int | None
    forecast: Decimal | None
    #: realised / forecast; None when the forecast has nothing for that year and category.
    ratio: float | None


def latest_forecast(*, project: Project) -> BenefitModel | None:
    return (
        BenefitModel.objects.filter(project=project, scenario=Scenario.FORECAST)
        .order_by("-created_at", "-pk")
        .first()
    )


def _forecast_amount(forecast: BenefitModel | None, category: str, year: int) -> Decimal | None:
    if forecast is None or not 0 <= year < forecast.horizon_years:
        return None
    lines = forecast.lines.filter(
        kind=LineKind.BENEFIT, category=category, first_year__lte=year, last_year__gte=year
    )
    amounts = [line.likely for line in lines]
    return sum(amounts, Decimal(0)) if amounts else None


def realised_benefit(*, project: Project) -> list[RealisedRow]:
    """Every KPI and measured year of the project's pilots, with the forecast for that year."""
    forecast = latest_forecast(project=project)
    rows = []
    for kpi in kpis_for_project(project=project):
        for period in kpi_periods(kpi=kpi):
            year = period.year - forecast.price_base_year if forecast else None
            amount = _forecast_amount(forecast, kpi.category, year) if year is not None else None
            ratio = float(period.realised / amount) if amount else None
            rows.append(RealisedRow(kpi, period, year, amount, ratio))
    return rows


def _outturn_lines(forecast: BenefitModel, kpis: list[PilotKpi]) -> list[dict]:
    measured = {kpi.category for kpi in kpis}
    lines: list[dict] = []
    benefit_lines = list(forecast.lines.filter(kind=LineKind.BENEFIT))
    for line in forecast.lines.order_by("kind", "pk"):
        if line.kind == LineKind.BENEFIT and line.category in measured:
            continue
        lines.append(
            {
                "name": line.name,
                "kind": line.kind,
                "category": line.category,
                "first_year": line.first_year,
                "last_year": line.last_year,
                "low": line.low,
                "likely": line.likely,
                "high": line.high,
                "source": line.source,
            }
        )
    last = forecast.horizon_years - 1
    for kpi in kpis:
        periods = kpi_periods(kpi=kpi)
        values = [max(p.realised, Decimal(0)) for p in periods]
        likely = values[-1]
        same = [b for b in benefit_lines if b.category == kpi.category]
        first_measured = max(periods[0].year - forecast.price_base_year, 0)
        first = min((b.first_year for b in same), default=min(first_measured, last))
        low, high = (min(values), max(values)) if likely > 0 else (Decimal(0), Decimal(0))
        lines.append(
            {
                "name": _("%(indicator)s (measured in the pilot)") % {"indicator": kpi.indicator},
                "kind": LineKind.BENEFIT,
                "category": kpi.category,
                "first_year": first,
                "last_year": last,
                "low": low,
                "likely": likely,
                "high": high,
                "source": (
                    _(
                        "Pilot, %(count)d measurements up to %(year)d: change %(change)s %(unit)s "
                        "× %(volume)s per year × %(value)s kr"
                    )
                    % {
                        "count": sum(p.count for p in periods),
                        "year": periods[-1].year,
                        "change": f"{periods[-1].improvement.normalize():f}",
                        "unit": kpi.unit,
                        "volume": f"{kpi.volume.normalize():f}",
                        "value": f"{kpi.unit_value.normalize():f}",
                    }
                )[:300],
            }
        )
    return lines


@transaction.atomic
def outturn_from_pilot(*, actor: User, project: Project) -> BenefitModel:
    """Create or update the outturn scenario from the pilot's measurements.

    Costs and the benefits no KPI measures are taken from the latest forecast; each
    measured KPI replaces the forecast's benefit lines of its category with one line at
    the latest year's realised benefit (low and high: the lowest and highest year so far),
    from the forecast's first benefit year to the end of the horizon.
    """
    if not can_manage_project(user=actor, project=project):
        raise forbidden()
    forecast = latest_forecast(project=project)
    if forecast is None:
        raise ValidationError(_("Make a forecast first: the outturn is compared with it."))
    kpis = [
        kpi
        for kpi in kpis_for_project(project=project)
        if kpi.measurements.all() and kpi.unit_value > 0
    ]
    if not kpis:
        raise ValidationError(
            _("The pilot has no measured KPI with a value per unit yet, so there is no outturn.")
        )
    specs = _outturn_lines(forecast, kpis)
    for spec in specs:
        services.check_line(horizon_years=forecast.horizon_years, **spec)
    outturn = (
        BenefitModel.objects.select_for_update()
        .filter(project=project, scenario=Scenario.OUTTURN, from_pilot=True)
        .first()
    )
    name = _("%(forecast)s – outturn from the pilot") % {"forecast": forecast.name}
    if outturn is None:
        outturn = BenefitModel(project=project, scenario=Scenario.OUTTURN, created_by=actor)
        outturn.from_pilot = True
    outturn.name = name[:200]
    for field in (
        "discount_rate",
        "horizon_years",
        "price_base_year",
        "discount_schedule",
        "optimism_bias",
    ):
        setattr(outturn, field, getattr(forecast, field))
    outturn.full_clean()
    outturn.save()
    outturn.lines.all().delete()
    created = []
    for spec in specs:
        line = BenefitLine(model=outturn, **spec)
        line.full_clean()
        created.append(line)
    BenefitLine.objects.bulk_create(created)
    audit_record(
        actor=actor,
        action=BenefitsAction.BENEFIT_MODEL_OUTTURN_FROM_PILOT,
        target=outturn,
        data={
            "forecast_id": forecast.pk,
            "kpis": [kpi.pk for kpi in kpis],
            "lines": len(created),
        },
        organisation_id=project.organisation_id,
    )
    return outturn
