"""The demo loader, run against stand-in calls instead of the market demo's."""

import datetime as dt
import sys
import types

import pytest
from django.utils import timezone

from handslag.accounts import demo as accounts_demo
from handslag.accounts.demo import org, person
from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.evaluation import demo, results
from handslag.evaluation.models import Award, EvaluationModel
from handslag.tendering.models import CallKey, NegotiationMessage, NegotiationRound, Tender
from handslag.tendering.tests.factories import (
    ApplicationFactory,
    CallFactory,
    ProjectFactory,
    ProjectMemberFactory,
)

pytestmark = pytest.mark.django_db


def _at(year: int, month: int, day: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, 12))


@pytest.fixture
def calls(monkeypatch):
    accounts_demo.load()
    setup = {
        "waste": ("vaxjo", "upphandlare", _at(2018, 10, 1), ["sensorbolaget", "vardnara"], ()),
        "sharing": (
            "trelleborg",
            "syd-projektledare",
            _at(2019, 10, 1),
            ["delningstjanst", "ideburen"],
            ("skurup", "ystad"),
        ),
        "home_monitoring": (
            "ostergotland",
            "og-upphandlare",
            _at(2020, 1, 20),
            ["vardnara", "sensorbolaget"],
            (),
        ),
        "irrigation": (
            "vaxjo",
            "upphandlare",
            timezone.now() + dt.timedelta(days=30),
            ["sensorbolaget"],
            (),
        ),
    }
    suppliers = {
        "sensorbolaget": "leverantor",
        "vardnara": "vardnara",
        "delningstjanst": "delning",
        "ideburen": "ideburen",
    }
    made = {}
    for key, (buyer_key, lead, deadline, invited, partners) in setup.items():
        project = ProjectFactory(organisation=org(buyer_key), created_by=person(lead))
        project.partner_buyers.set([org(p) for p in partners])
        ProjectMemberFactory(project=project, user=person(lead), role=ProjectRole.PROJECT_LEAD)
        ProjectMemberFactory(
            project=project, user=person(lead), role=ProjectRole.PROCUREMENT_OFFICER
        )
        call = CallFactory(
            project=project,
            created_by=person(lead),
            published_at=deadline - dt.timedelta(days=90),
            application_deadline=deadline - dt.timedelta(days=45),
            tender_deadline=deadline,
        )
        for supplier_key in invited:
            ApplicationFactory(
                call=call, supplier=org(supplier_key), submitted_by=person(suppliers[supplier_key])
            )
        made[key] = call
    module = types.ModuleType("handslag.market.demo")
    module.call = lambda key: made[key]
    monkeypatch.setattr(demo, "market_demo", module)
    return made


def test_demo_builds_the_cases_and_is_idempotent(calls):
    demo.load()
    waste = Award.objects.get(call=calls["waste"])
    assert waste.tender.supplier == org("sensorbolaget")
    assert waste.contract_signed_on > waste.standstill_end
    sharing = Award.objects.get(call=calls["sharing"])
    assert sharing.tender.supplier == org("delningstjanst")
    assert sharing.contract_signed_on == dt.date(2019, 11, 28)
    home = Award.objects.get(call=calls["home_monitoring"])
    assert home.tender.supplier == org("vardnara")
    assert home.contract_signed_on == dt.date(2020, 3, 16)
    # Östergötland negotiated: one round, opened, and the award went to a final tender.
    negotiation = NegotiationRound.objects.get(call=calls["home_monitoring"])
    assert negotiation.number == 2 and negotiation.opened_at is not None
    assert home.tender.round == 2
    assert Tender.objects.filter(call=calls["home_monitoring"], round=2).count() == 2
    assert (
        NegotiationMessage.objects.filter(
            call=calls["home_monitoring"], supplier=org("vardnara")
        ).count()
        == 2
    )
    irrigation = calls["irrigation"]
    assert Tender.objects.filter(call=irrigation).count() == 1
    assert CallKey.objects.get(call=irrigation).opened_at is None
    assert not Award.objects.filter(call=irrigation).exists()
    assert EvaluationModel.objects.get(call=calls["waste"]).kind == "weighted_points"
    assert EvaluationModel.objects.get(call=calls["waste"]).price_ceiling == 4_000_000
    assert EvaluationModel.objects.get(call=calls["irrigation"]).kind == "weighted_points"
    assert EvaluationModel.objects.get(call=calls["home_monitoring"]).kind == "added_value"
    assert not EvaluationModel.objects.filter(call=calls["sharing"]).exists()
    (first, *_rest) = results.ranking_of(call=calls["home_monitoring"])
    assert first.tender.supplier == org("vardnara")
    assert first.points == first.price - first.deduction
    entries = AuditEntry.objects.count()
    tenders = Tender.objects.count()
    models = list(EvaluationModel.objects.values_list("pk", "kind", "price_ceiling", "updated_at"))
    demo.load()
    assert AuditEntry.objects.count() == entries
    assert Tender.objects.count() == tenders
    assert (
        list(EvaluationModel.objects.values_list("pk", "kind", "price_ceiling", "updated_at"))
        == models
    )


def test_demo_skips_without_market_demo(monkeypatch):
    accounts_demo.load()
    module = types.ModuleType("handslag.market.demo")
    monkeypatch.setitem(sys.modules, "handslag.market.demo", module)
    demo.load()
    assert not Tender.objects.exists()
