"""Reads for benefit models, and the thin adapter between stored lines and the engine.

Every figure a page or the API shows comes from handslag.benefits.engine; this module
only turns the stored lines (a yearly amount over a span of years, low / likely / high)
into the engine's inputs and its results into something templates and schemas can show.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Protocol

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from handslag.benefits import engine
from handslag.benefits.models import BenefitModel, LineKind, Scenario
from handslag.core.formats import number_style
from handslag.projects.models import Project
from handslag.rules.numbers import format_number

#: Monte Carlo draws for a page view: enough for P(NPV > 0) to ±0.5 %, fast to render.
MONTE_CARLO_ITERATIONS = engine.DEFAULT_MONTE_CARLO_ITERATIONS.value
MONTE_CARLO_SEED = engine.DEFAULT_SEED.value


class LineLike(Protocol):
    name: str
    kind: str
    category: str
    first_year: int
    last_year: int
    low: Decimal
    likely: Decimal
    high: Decimal


@dataclass(frozen=True)
class YearRow:
    year: int
    costs: float
    benefits: float
    net: float
    discount_factor: float
    discounted_net: float


@dataclass(frozen=True)
class LineValue:
    name: str
    kind: str
    category: str
    present_value: float


@dataclass(frozen=True)
class HistogramBin:
    low: float
    high: float
    count: int


@dataclass(frozen=True)
class MonteCarloFigures:
    iterations: int
    seed: int
    p_npv_positive: float
    p10: float
    p50: float
    p90: float
    mean: float
    histogram: list[HistogramBin] = field(default_factory=list)


@dataclass(frozen=True)
class TornadoRow:
    """NPV when one line alone moves to its low and its high value (engine.sensitivity)."""

    name: str
    kind: str
    low_multiplier: float
    high_multiplier: float
    npv_low: float
    npv_high: float
    from_range: bool
    #: Multiplier of the line's likely values at which the NPV is zero (None: never).
    switching_value: float | None
    #: Per cent change of NPV per per cent change of the line.
    elasticity: float | None
    critical: bool


#: Histogram bins for the page's distribution chart.
HISTOGRAM_BINS = 30


@dataclass(frozen=True)
class Figures:
    """The engine's results for one model, or why there are none (``available`` False)."""

    available: bool
    message: str = ""
    discount_rate: float = 0.0
    horizon_years: int = 0
    pv_benefits: float = 0.0
    pv_costs: float = 0.0
    npv: float = 0.0
    bcr: float | None = None
    npv_ratio: float | None = None
    irr: float | None = None
    irr_note: str = ""
    simple_payback_year: int | None = None
    discounted_payback_year: int | None = None
    years: list[YearRow] = field(default_factory=list)
    lines: list[LineValue] = field(default_factory=list)
    monte_carlo: MonteCarloFigures | None = None
    optimism_bias: float = 0.0
    discount_schedule: str = "constant"
    tornado: list[TornadoRow] = field(default_factory=list)
    sensitivity_delta: float = engine.DEFAULT_SENSITIVITY_DELTA.value
    engine_version: str = engine.ENGINE_VERSION

    @property
    def critical_variables(self) -> list[TornadoRow]:
        return [row for row in self.tornado if row.critical]

    def as_dict(self) -> dict[str, Any]:
        return {
            "available": self.available,
            "message": self.message,
            "discount_rate": self.discount_rate,
            "horizon_years": self.horizon_years,
            "pv_benefits": self.pv_benefits,
            "pv_costs": self.pv_costs,
            "npv": self.npv,
            "bcr": self.bcr,
            "npv_ratio": self.npv_ratio,
            "irr": self.irr,
            "irr_note": self.irr_note,
            "simple_payback_year": self.simple_payback_year,
            "discounted_payback_year": self.discounted_payback_year,
            "years": [vars(row) for row in self.years],
            "lines": [vars(line) for line in self.lines],
            "monte_carlo": (
                {
                    **vars(self.monte_carlo),
                    "histogram": [vars(b) for b in self.monte_carlo.histogram],
                }
                if self.monte_carlo
                else None
            ),
            "optimism_bias": self.optimism_bias,
            "discount_schedule": self.discount_schedule,
            "tornado": [vars(row) for row in self.tornado],
            "engine_version": self.engine_version,
        }


def _irr_note(note: str | None) -> str:
    if note is None:
        return ""
    return {
        engine.IRR_NOTE_NO_SIGN_CHANGE: _("No single IRR: the net cash flow never changes sign."),
        engine.IRR_NOTE_MULTIPLE_SIGN_CHANGES: _(
            "No single IRR: the net cash flow changes sign more than once; use the NPV."
        ),
        engine.IRR_NOTE_NO_ROOT: _("No single IRR: no discount rate makes the NPV zero."),
    }.get(note, _("No single IRR."))


def _engine_line(line: LineLike, name: str, horizon: int) -> engine.CashFlowLine:
    likely = float(line.likely)
    values = tuple(
        likely if line.first_year <= year <= line.last_year else 0.0 for year in range(horizon)
    )
    uncertainty = None
    if line.low != line.high and likely > 0:
        uncertainty = engine.Uncertainty.from_amounts(float(line.low), likely, float(line.high))
    return engine.CashFlowLine(name, line.category, line.kind, values, uncertainty=uncertainty)


def _unique_names(lines: Sequence[LineLike]) -> list[str]:
    names: list[str] = []
    for line in lines:
        name, n = line.name, 2
        while name in names:
            name, n = f"{line.name} ({n})", n + 1
        names.append(name)
    return names


def figures_from_inputs(
    *,
    discount_rate: Decimal | float,
    horizon_years: int,
    lines: Sequence[LineLike],
    monte_carlo: bool = True,
    optimism_bias: Decimal | float = 0.0,
    discount_schedule: str = "constant",
    analysis: bool = False,
) -> Figures:
    """Evaluate a model given as parameters and lines (stored or posted) with the engine.

    With ``analysis`` the one-at-a-time sensitivity (tornado), switching values and
    critical variables are added; Monte Carlo keeps its histogram for the chart.
    """
    kinds = {line.kind for line in lines}
    if LineKind.COST not in kinds or LineKind.BENEFIT not in kinds:
        return Figures(available=False, message=_("Add a cost and a benefit to see the figures."))
    try:
        names = _unique_names(lines)
        cash = [
            _engine_line(line, name, horizon_years) for line, name in zip(lines, names, strict=True)
        ]
        rate = float(discount_rate)
        bias = float(optimism_bias)
        schedule = engine.GREEN_BOOK_DECLINING if discount_schedule == "declining" else None

        def build(selected: Iterable[engine.CashFlowLine]) -> engine.BenefitModel:
            return engine.BenefitModel(
                tuple(selected),
                discount_rate=rate,
                horizon=horizon_years,
                optimism_bias=bias,
                discount_schedule=schedule,
            )

        model = build(cash)
        result = engine.evaluate(model)
        costs = engine.evaluate(build(c for c in cash if c.kind == LineKind.COST)).annual_net_flows
        gains = engine.evaluate(
            build(c for c in cash if c.kind == LineKind.BENEFIT)
        ).annual_net_flows
        simulation = None
        if monte_carlo and any(c.uncertainty and not c.uncertainty.is_degenerate for c in cash):
            mc = engine.monte_carlo(
                model,
                iterations=MONTE_CARLO_ITERATIONS,
                seed=MONTE_CARLO_SEED,
                bins=HISTOGRAM_BINS,
            )
            edges = mc.histogram_edges
            simulation = MonteCarloFigures(
                iterations=mc.iterations,
                seed=mc.seed,
                p_npv_positive=mc.p_npv_positive,
                p10=mc.p10,
                p50=mc.p50,
                p90=mc.p90,
                mean=mc.mean,
                histogram=[
                    HistogramBin(edges[i], edges[i + 1], count)
                    for i, count in enumerate(mc.histogram_counts)
                ],
            )
        tornado = _tornado(model) if analysis else []
    except engine.BenefitInputError as error:
        return Figures(
            available=False,
            message=_("The figures cannot be computed: %(reason)s") % {"reason": error},
        )
    years = [
        YearRow(
            year=year,
            costs=-costs[year],
            benefits=gains[year],
            net=result.annual_net_flows[year],
            discount_factor=result.discount_factors[year],
            discounted_net=result.annual_discounted_net_flows[year],
        )
        for year in range(horizon_years)
    ]
    return Figures(
        available=True,
        discount_rate=rate,
        horizon_years=horizon_years,
        pv_benefits=result.pv_benefits,
        pv_costs=result.pv_costs,
        npv=result.npv,
        bcr=result.bcr,
        npv_ratio=result.npv_ratio,
        irr=result.irr,
        irr_note=_irr_note(result.irr_note),
        simple_payback_year=result.simple_payback_year,
        discounted_payback_year=result.discounted_payback_year,
        years=years,
        lines=[
            LineValue(lp.name, lp.kind, lp.category, lp.present_value)
            for lp in result.line_present_values
        ],
        monte_carlo=simulation,
        optimism_bias=bias,
        discount_schedule="declining" if schedule else "constant",
        tornado=tornado,
    )


def _tornado(model: engine.BenefitModel) -> list[TornadoRow]:
    """Tornado rows with each line's switching value and elasticity, widest bar first."""
    result = engine.sensitivity(model)
    critical = {c.name: c.elasticity for c in engine.critical_variables(model)}
    npv = result.base_npv
    pvs = {lp.name: lp.signed for lp in engine.present_values(model)}
    rows = []
    for row in result.rows:
        likely = model.line(row.name).likely_multiplier
        switching = engine.switching_value(model, row.name)
        elasticity = pvs[row.name] / npv if npv else None
        rows.append(
            TornadoRow(
                name=row.name,
                kind=row.kind,
                low_multiplier=row.low_multiplier / likely if likely else row.low_multiplier,
                high_multiplier=row.high_multiplier / likely if likely else row.high_multiplier,
                npv_low=row.npv_low,
                npv_high=row.npv_high,
                from_range=row.from_range,
                switching_value=None if switching is None or not likely else switching / likely,
                elasticity=elasticity,
                critical=row.name in critical,
            )
        )
    return rows


def benefit_figures(
    *, model: BenefitModel, monte_carlo: bool = True, analysis: bool = False
) -> Figures:
    """The engine's figures for a stored model (the caller has checked access)."""
    return figures_from_inputs(
        discount_rate=model.discount_rate,
        horizon_years=model.horizon_years,
        lines=list(model.lines.order_by("kind", "pk")),
        monte_carlo=monte_carlo,
        optimism_bias=model.optimism_bias,
        discount_schedule=model.discount_schedule,
        analysis=analysis,
    )


def benefit_model_list(*, project: Project) -> QuerySet[BenefitModel]:
    """The project's models; the caller has checked the user may view the project."""
    return BenefitModel.objects.filter(project=project).order_by("scenario", "-created_at", "-pk")


def benefit_line_list(*, model: BenefitModel) -> QuerySet:
    return model.lines.order_by("kind", "pk")


def _headline(model: BenefitModel) -> dict[str, Any] | None:
    figures = benefit_figures(model=model, monte_carlo=False)
    if not figures.available:
        return None
    return {
        "model_id": model.pk,
        "name": model.name,
        "npv": figures.npv,
        "bcr": figures.bcr,
        "pv_benefits": figures.pv_benefits,
        "pv_costs": figures.pv_costs,
    }


def benefit_summary(*, project: Project) -> dict[str, Any] | None:
    """The benefit figure for the project page and the leadership report.

    The latest forecast's NPV and benefit–cost ratio and, when the pilot has produced an
    outturn scenario, the realised figures with the realisation ratio (realised present
    value of benefits against the forecast's). None when the project has no model with
    figures yet. The caller has checked the user may view the project.
    """
    models = list(BenefitModel.objects.filter(project=project).order_by("-created_at", "-pk"))
    forecast = next(
        (h for m in models if m.scenario == Scenario.FORECAST for h in [_headline(m)] if h), None
    )
    outturn = next(
        (h for m in models if m.scenario == Scenario.OUTTURN for h in [_headline(m)] if h), None
    )
    if forecast is None and outturn is None:
        return None
    ratio = None
    if forecast and outturn and forecast["pv_benefits"] > 0:
        ratio = outturn["pv_benefits"] / forecast["pv_benefits"]
    return {"forecast": forecast, "outturn": outturn, "realisation_ratio": ratio}


def _percent_text(value: float) -> str:
    return f"{format_number(round(value * 100, 2), style=number_style())} %"


def _parameter_texts() -> dict[int, tuple[str, str]]:
    """Source and version of the engine's parameters in the reader's language.

    The engine keeps its citations in one language so it stays free of Django; the titles
    of published documents are kept as published, the rest is translated here. Keyed by
    the parameter object's identity (the parameters are module-level constants).
    """
    return {
        id(engine.DEFAULT_DISCOUNT_RATE): (
            _(
                "Trafikverket, Analysmetod och samhällsekonomiska kalkylvärden för "
                "transportsektorn: ASEK 7.0, chapter 5 (social discount rate); "
                "HM Treasury, The Green Book (2022), Annex A6"
            ),
            "ASEK 7.0 (2020-06-15); Green Book 2022",
        ),
        id(engine.EU_SOCIAL_RATE): (
            _(
                "European Commission (DG REGIO), Guide to Cost-Benefit Analysis of "
                "Investment Projects: real social discount rate of 3 percent for "
                "non-cohesion Member States (5 percent for cohesion countries)"
            ),
            _("December 2014"),
        ),
        id(engine.GREEN_BOOK_DECLINING_SCHEDULE): (
            _("HM Treasury, The Green Book (2022), Annex A6: declining long-term discount rate"),
            "Green Book 2022",
        ),
        id(engine.DEFAULT_OPTIMISM_BIAS): (
            _("Default of this service: no uplift unless a Green Book project category is chosen"),
            "1",
        ),
        id(engine.OPTIMISM_BIAS_SOURCE): (
            _(
                "HM Treasury, The Green Book supplementary guidance: Optimism bias, based "
                "on Mott MacDonald, Review of Large Public Procurement in the UK (2002), "
                "Table 2"
            ),
            _("2003 supplementary guidance, still referenced by the Green Book 2022"),
        ),
        id(engine.DEFAULT_MONTE_CARLO_ITERATIONS): (
            _(
                "Convention of this service: the standard error of P(NPV > 0) is at most "
                "0.5 percent at 10 000 draws, finer than any decision needs"
            ),
            "1",
        ),
        id(engine.DEFAULT_SEED): (
            _(
                "Convention of this service: a fixed seed so that a saved model "
                "reproduces the same percentiles every time it is opened"
            ),
            "1",
        ),
        id(engine.DEFAULT_SENSITIVITY_DELTA): (
            _(
                "Convention of this service: a one-at-a-time step of 10 percent for lines "
                "without their own low/high range, a common choice in Green Book-style "
                "sensitivity analysis"
            ),
            "1",
        ),
    }


def parameter_sources(*, model: BenefitModel) -> list[dict[str, Any]]:
    """Every parameter behind the model's figures with its source, version and price base."""
    rows: list[dict[str, Any]] = []
    texts = _parameter_texts()

    def add(label: str, value: str, parameter: engine.Parameter) -> None:
        source, version = texts.get(id(parameter), (parameter.source, parameter.version))
        rows.append(
            {
                "label": label,
                "value": value,
                "source": source,
                "version": version,
                "price_base_year": parameter.price_base_year,
            }
        )

    if model.discount_schedule == "declining":
        add(
            _("Discount schedule"),
            _("declining: %(bands)s")
            % {
                "bands": ", ".join(
                    _("%(rate)s from year %(year)d") % {"rate": _percent_text(rate), "year": year}
                    for year, rate in engine.GREEN_BOOK_DECLINING
                )
            },
            engine.GREEN_BOOK_DECLINING_SCHEDULE,
        )
    else:
        add(
            _("Real discount rate"),
            _("%(value)s in this model (default %(default)s)")
            % {
                "value": _percent_text(float(model.discount_rate)),
                "default": _percent_text(engine.DEFAULT_DISCOUNT_RATE.value),
            },
            engine.DEFAULT_DISCOUNT_RATE,
        )
    add(
        _("Sensitivity case for the rate"),
        _percent_text(engine.EU_SOCIAL_RATE.value),
        engine.EU_SOCIAL_RATE,
    )
    add(
        _("Optimism bias"),
        _percent_text(float(model.optimism_bias)),
        engine.OPTIMISM_BIAS_SOURCE if model.optimism_bias else engine.DEFAULT_OPTIMISM_BIAS,
    )
    add(
        _("Monte Carlo draws"),
        format_number(MONTE_CARLO_ITERATIONS, style=number_style(), grouped=True),
        engine.DEFAULT_MONTE_CARLO_ITERATIONS,
    )
    add(_("Random seed"), str(MONTE_CARLO_SEED), engine.DEFAULT_SEED)
    add(
        _("Sensitivity step for lines without a range"),
        "±" + _percent_text(engine.DEFAULT_SENSITIVITY_DELTA.value),
        engine.DEFAULT_SENSITIVITY_DELTA,
    )
    rows.append(
        {
            "label": _("Amounts"),
            "value": _("SEK in fixed prices"),
            "source": _("Entered with each line (see the line's source)"),
            "version": "–",
            "price_base_year": model.price_base_year,
        }
    )
    return rows


@dataclass(frozen=True)
class ScenarioColumn:
    model: BenefitModel
    figures: Figures


def scenario_comparison(*, project: Project) -> dict[str, Any]:
    """The latest forecast and the latest outturn side by side, with the realisation ratio."""
    models = list(benefit_model_list(project=project))
    forecast = next((m for m in models if m.scenario == Scenario.FORECAST), None)
    outturn = next((m for m in models if m.scenario == Scenario.OUTTURN), None)
    columns = [
        ScenarioColumn(model=m, figures=benefit_figures(model=m))
        for m in (forecast, outturn)
        if m is not None
    ]
    ratio = None
    if (
        len(columns) == 2
        and columns[0].figures.available
        and columns[1].figures.available
        and columns[0].figures.pv_benefits > 0
    ):
        ratio = columns[1].figures.pv_benefits / columns[0].figures.pv_benefits
    return {"columns": columns, "realisation_ratio": ratio}
