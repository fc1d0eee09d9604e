"""Reads for the testbed pilot: KPIs, their measurements and what the change is worth."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from handslag.needs.models import ExpectedEffect
from handslag.partnership.models import Contract, Measurement, PilotKpi


@dataclass(frozen=True)
class KpiPeriod:
    """One calendar year of a KPI: its mean value and the money value of the change."""

    year: int
    count: int
    mean: Decimal
    #: Movement from the baseline towards the target (negative when it moved away).
    improvement: Decimal
    #: improvement × volume per year × value per unit, in SEK.
    realised: Decimal


@dataclass(frozen=True)
class KpiStatus:
    latest: Measurement | None
    #: Share of the way from baseline to target reached by the latest value (1 = target).
    progress: float | None


def kpi_list(*, contract: Contract) -> list[PilotKpi]:
    """The pilot's KPIs with their measurements, oldest first (caller checked access)."""
    return list(
        PilotKpi.objects.filter(contract=contract).prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
        )
    )


def kpis_for_project(*, project: object) -> list[PilotKpi]:
    """Every pilot KPI of a project's contracts (caller checked the project is visible)."""
    return list(
        PilotKpi.objects.filter(contract__project=project)
        .select_related("contract", "contract__supplier")
        .prefetch_related(
            Prefetch("measurements", queryset=Measurement.objects.order_by("measured_on"))
        )
        .order_by("contract_id", "pk")
    )


def effect_candidates(*, contract: Contract) -> QuerySet[ExpectedEffect]:
    """Expected effects of the project's needs that the pilot does not measure yet."""
    used = PilotKpi.objects.filter(contract=contract).values_list("indicator", flat=True)
    return (
        ExpectedEffect.objects.filter(need__projects=contract.project)
        .exclude(indicator__in=list(used))
        .select_related("need")
        .order_by("need_id", "order", "pk")
        .distinct()
    )


def measurement_list(*, kpi: PilotKpi) -> QuerySet[Measurement]:
    return kpi.measurements.order_by("-measured_on", "-pk")


def kpi_periods(*, kpi: PilotKpi) -> list[KpiPeriod]:
    """Realised benefit per calendar year: mean change against the baseline × volume × value."""
    by_year: dict[int, list[Decimal]] = {}
    for measurement in kpi.measurements.all():
        by_year.setdefault(measurement.measured_on.year, []).append(measurement.value)
    periods = []
    for year in sorted(by_year):
        values = by_year[year]
        mean = sum(values, Decimal(0)) / len(values)
        improvement = kpi.improvement(mean)
        periods.append(
            KpiPeriod(
                year=year,
                count=len(values),
                mean=mean,
                improvement=improvement,
                realised=(improvement * kpi.volume * kpi.unit_value).quantize(Decimal("1")),
            )
        )
    return periods


def kpi_status(*, kpi: PilotKpi) -> KpiStatus:
    measurements = list(kpi.measurements.all())
    latest = measurements[-1] if measurements else None
    progress = None
    if latest is not None:
        progress = float(kpi.improvement(latest.value) / abs(kpi.target - kpi.baseline))
    return KpiStatus(latest=latest, progress=progress)
