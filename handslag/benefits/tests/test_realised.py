"""Realised benefit from the pilot, the outturn scenario, and the analysis pages."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import translation

from handslag.accounts.tests.factories import member
from handslag.audit.models import AuditEntry
from handslag.benefits import engine, services
from handslag.benefits.audit_actions import BenefitsAction
from handslag.benefits.charts import histogram_chart, tornado_chart
from handslag.benefits.models import BenefitModel, Scenario
from handslag.benefits.realised import outturn_from_pilot, realised_benefit
from handslag.benefits.selectors import benefit_figures, parameter_sources, scenario_comparison
from handslag.benefits.tests.factories import simple_model
from handslag.partnership import pilots
from handslag.partnership.tests.factories import (
    ContractFactory,
    pilot_kpi,
    project_member,
    supplier_person,
)

pytestmark = pytest.mark.django_db


def measured_project():
    """A forecast (base year 2023) and a pilot KPI measured in 2024 and 2025."""
    contract = ContractFactory()
    project = contract.project
    lead = project_member(project)
    forecast = simple_model(project=project, price_base_year=2023)
    kpi = pilot_kpi(contract, volume=Decimal("12"), unit_value=Decimal("1000"))
    for day, value in (
        (dt.date(2024, 3, 31), 470),
        (dt.date(2024, 9, 30), 450),
        (dt.date(2025, 3, 31), 465),
    ):
        pilots.measurement_add(actor=lead, kpi=kpi, measured_on=day, value=Decimal(value))
    return project, lead, forecast, kpi


class TestRealisedBenefit:
    def test_rows_compare_realised_with_forecast_per_year(self) -> None:
        project, _, _, _ = measured_project()
        rows = realised_benefit(project=project)
        assert [(r.period.year, r.model_year) for r in rows] == [(2024, 1), (2025, 2)]
        # 2024: mean 460, 20 fewer a month × 12 × 1 000 = 240 000 against 150 000 forecast.
        assert rows[0].period.realised == Decimal(240000)
        assert rows[0].forecast == Decimal(150000)
        assert rows[0].ratio == pytest.approx(1.6)
        assert rows[1].period.realised == Decimal(180000)

    def test_outturn_replaces_measured_category_and_keeps_costs(self) -> None:
        project, lead, forecast, _ = measured_project()
        outturn = outturn_from_pilot(actor=lead, project=project)
        assert outturn.scenario == Scenario.OUTTURN and outturn.from_pilot
        lines = {line.name: line for line in outturn.lines.all()}
        assert "Sensors and installation" in lines
        assert "Fewer transports" not in lines
        (measured,) = [line for line in lines.values() if line.kind == "benefit"]
        assert (measured.low, measured.likely, measured.high) == (
            Decimal(180000),
            Decimal(180000),
            Decimal(240000),
        )
        assert (measured.first_year, measured.last_year) == (1, 9)
        # The figures come from the engine: a flat 180 000 a year for years 1–9.
        figures = benefit_figures(model=outturn, monte_carlo=False)
        assert figures.pv_benefits == pytest.approx(
            180000 * engine.annuity_factor(0.035, 9), rel=1e-9
        )
        comparison = scenario_comparison(project=project)
        assert comparison["realisation_ratio"] == pytest.approx(180 / 150)
        # Running it again updates the same model instead of adding another.
        again = outturn_from_pilot(actor=lead, project=project)
        assert again.pk == outturn.pk
        assert BenefitModel.objects.filter(project=project, scenario="outturn").count() == 1
        assert (
            AuditEntry.objects.filter(
                action=BenefitsAction.BENEFIT_MODEL_OUTTURN_FROM_PILOT
            ).count()
            == 2
        )
        assert forecast.lines.count() == 2

    def test_outturn_needs_a_forecast_and_measurements(self) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        with pytest.raises(ValidationError):
            outturn_from_pilot(actor=lead, project=contract.project)
        simple_model(project=contract.project)
        pilot_kpi(contract)
        with pytest.raises(ValidationError):
            outturn_from_pilot(actor=lead, project=contract.project)
        assert not BenefitModel.objects.filter(scenario="outturn").exists()

    def test_outturn_forbidden_for_supplier_and_staff(self) -> None:
        project, _, _, kpi = measured_project()
        for user in (supplier_person(kpi.contract), member(project.organisation)):
            with pytest.raises(PermissionDenied):
                outturn_from_pilot(actor=user, project=project)


class TestModelParameters:
    def test_optimism_bias_and_declining_schedule_reach_the_engine(self) -> None:
        model = simple_model(horizon_years=40)
        model.lines.filter(kind="benefit").update(last_year=39)
        lead = project_member(model.project)
        services.benefit_model_update(
            actor=lead,
            model=model,
            name=model.name,
            scenario="forecast",
            discount_rate=Decimal("0.035"),
            horizon_years=40,
            price_base_year=2024,
            optimism_bias=Decimal("0.24"),
            discount_schedule="declining",
        )
        model.refresh_from_db()
        figures = benefit_figures(model=model, monte_carlo=False)
        factors = engine.discount_factors(engine.GREEN_BOOK_DECLINING, 40)
        assert figures.pv_costs == pytest.approx(1_000_000 * 1.24)
        assert figures.pv_benefits == pytest.approx(150_000 * float(factors[1:].sum()))
        assert figures.discount_schedule == "declining"
        labels = [row["label"] for row in parameter_sources(model=model)]
        assert any("schedule" in label or "Diskonter" in label for label in labels)

    @pytest.mark.parametrize(
        ("field", "value"), [("optimism_bias", "2.5"), ("discount_schedule", "wavy")]
    )
    def test_bad_parameters_are_refused(self, field: str, value: str) -> None:
        model = simple_model()
        params = {
            "name": model.name,
            "scenario": "forecast",
            "discount_rate": Decimal("0.035"),
            "horizon_years": 10,
            "price_base_year": 2024,
            field: value,
        }
        with pytest.raises(ValidationError) as error:
            services.benefit_model_update(
                actor=project_member(model.project), model=model, **params
            )
        assert field in error.value.message_dict


class TestAnalysis:
    def test_tornado_switching_values_and_critical_variables_match_the_engine(self) -> None:
        model = simple_model()
        figures = benefit_figures(model=model, analysis=True)
        by_name = {row.name: row for row in figures.tornado}
        benefit = by_name["Fewer transports"]
        # At the switching value the benefit line alone brings the NPV to zero.
        pv_benefit = 150_000 * engine.annuity_factor(0.035, 9)
        assert benefit.switching_value == pytest.approx(1_000_000 / pv_benefit)
        assert benefit.npv_low == pytest.approx(100_000 / 150_000 * pv_benefit - 1_000_000)
        assert benefit.elasticity == pytest.approx(pv_benefit / figures.npv)
        assert benefit.critical is (abs(benefit.elasticity) > 1)
        assert {row.name for row in figures.critical_variables} == {
            row.name for row in figures.tornado if row.critical
        }
        assert sum(b.count for b in figures.monte_carlo.histogram) == 10_000

    def test_charts_are_svg_without_inline_style(self) -> None:
        figures = benefit_figures(model=simple_model(), analysis=True)
        with translation.override("en"):
            histogram = histogram_chart(figures.monte_carlo)
            tornado = tornado_chart(figures.tornado, figures.npv)
        for svg in (histogram, tornado):
            assert svg.startswith("<svg") and 'role="img"' in svg and "<title" in svg
            assert "style" not in svg
        assert histogram.count("<rect") == 30
        assert "P(NPV &gt; 0)" in histogram
        assert "Fewer transports" in tornado


class TestPages:
    def test_detail_shows_charts_tables_and_sources(self, client) -> None:
        model = simple_model()
        client.force_login(project_member(model.project))
        page = client.get(reverse("benefits:model_detail", args=[model.pk])).content.decode()
        assert page.count("<svg") == 2
        assert "style=" not in page
        assert "ASEK" in page and "Green Book" in page

    def test_compare_and_outturn_update(self, client) -> None:
        project, lead, _, _ = measured_project()
        client.force_login(lead)
        compare = reverse("benefits:compare", args=[project.pk])
        assert client.get(compare).status_code == 200
        response = client.post(reverse("benefits:outturn_update", args=[project.pk]))
        assert response.status_code == 302
        outturn = BenefitModel.objects.get(project=project, scenario="outturn")
        assert response["Location"] == reverse("benefits:model_detail", args=[outturn.pk])
        page = client.get(compare).content.decode()
        assert outturn.name in page

    def test_outturn_update_forbidden_cases(self, client) -> None:
        project, _, _, kpi = measured_project()
        url = reverse("benefits:outturn_update", args=[project.pk])
        assert client.post(url).status_code == 302  # anonymous: to the sign-in page
        client.force_login(member(ContractFactory().project.organisation))
        assert client.post(url).status_code == 404
        client.force_login(member(project.organisation))
        assert client.post(url).status_code == 403
        assert client.get(url).status_code == 405
        assert not BenefitModel.objects.filter(scenario="outturn").exists()


class TestParameterSourcesLanguage:
    def test_every_engine_parameter_shown_has_a_translated_text(self) -> None:
        from handslag.benefits.selectors import _parameter_texts

        model = simple_model()
        texts = _parameter_texts()
        shown = {
            engine.DEFAULT_DISCOUNT_RATE,
            engine.EU_SOCIAL_RATE,
            engine.DEFAULT_OPTIMISM_BIAS,
            engine.DEFAULT_MONTE_CARLO_ITERATIONS,
            engine.DEFAULT_SEED,
            engine.DEFAULT_SENSITIVITY_DELTA,
        }
        assert {id(p) for p in shown} <= set(texts)
        assert len(parameter_sources(model=model)) == len(shown) + 1

    def test_swedish_reader_gets_swedish_source_notes(self) -> None:
        from django.utils import translation

        model = simple_model()
        with translation.override("sv"):
            rows = parameter_sources(model=model)
        sources = " ".join(row["source"] for row in rows)
        assert "Konvention" in sources
        assert "convention" not in sources.lower().replace("konvention", "")
        assert "handslag" not in sources
        with translation.override("en"):
            english = " ".join(row["source"] for row in parameter_sources(model=model))
        assert "Convention of this service" in english
