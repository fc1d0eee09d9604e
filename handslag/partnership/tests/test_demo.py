"""The demo loaders build the seeds' partnerships and benefit models, and load twice cleanly."""

import sys
import types

import pytest

from handslag.audit.models import AuditEntry
from handslag.benefits import demo as benefits_demo
from handslag.benefits.models import BenefitModel
from handslag.benefits.selectors import benefit_summary
from handslag.knowledge.models import Lesson
from handslag.needs.tests.factories import ExpectedEffectFactory
from handslag.partnership import demo
from handslag.partnership.models import Contract, PhaseStatus, PilotKpi
from handslag.partnership.tests.factories import AwardFactory, project_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_modules(monkeypatch):
    awards = {key: AwardFactory() for key in demo.CASES}
    for award in awards.values():
        project_member(award.call.project)
    effects = {
        "waste": ("Antal tömningstransporter per månad", "transporter", 480, 300),
        "sharing": ("Antal utlån per år", "utlån", 0, 500),
        "home_monitoring": ("Kontrollbesök per patient och år", "besök", 6, 3),
    }
    for key, (indicator, unit, baseline, target) in effects.items():
        effect = ExpectedEffectFactory(
            indicator=indicator, unit=unit, baseline=baseline, target=target
        )
        awards[key].call.project.needs.add(effect.need)
    market = types.ModuleType("handslag.market.demo")
    market.call = lambda key: awards[key].call
    projects = types.ModuleType("handslag.projects.demo")
    projects.project = lambda key: awards[key].call.project if key in awards else None
    monkeypatch.setattr(demo, "call", market.call)
    monkeypatch.setattr(benefits_demo, "project", projects.project)
    return awards


def test_loads_cases_and_is_idempotent(demo_modules) -> None:
    demo.load()
    benefits_demo.load()
    entries = AuditEntry.objects.count()
    demo.load()
    benefits_demo.load()
    assert AuditEntry.objects.count() == entries
    assert Contract.objects.count() == 4
    waste = Contract.objects.get(award=demo_modules["waste"])
    statuses = [p.status for p in waste.phases.order_by("order")]
    assert statuses == [PhaseStatus.COMPLETED, PhaseStatus.ACTIVE, PhaseStatus.PLANNED]
    sharing = Contract.objects.get(award=demo_modules["sharing"])
    assert {p.status for p in sharing.phases.all()} == {PhaseStatus.COMPLETED}
    assert Lesson.objects.count() == 2
    assert BenefitModel.objects.count() == 5
    assert BenefitModel.objects.filter(scenario="outturn", from_pilot=True).count() == 2
    assert PilotKpi.objects.count() == 3
    waste_kpi = PilotKpi.objects.get(contract=waste)
    values = list(waste_kpi.measurements.values_list("value", flat=True))
    assert len(values) == 22 and values[0] < waste_kpi.baseline and values[-1] < values[0]
    summary = benefit_summary(project=demo_modules["home_monitoring"].call.project)
    assert summary["forecast"]["npv"] > 0
    assert 0 < summary["realisation_ratio"] < 1


def test_skips_without_earlier_demo_data(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "handslag.market.demo", None)
    monkeypatch.setitem(sys.modules, "handslag.projects.demo", None)
    demo.load()
    benefits_demo.load()
    assert not Contract.objects.exists()
    assert not BenefitModel.objects.exists()
