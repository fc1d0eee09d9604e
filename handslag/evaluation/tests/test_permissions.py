"""Who may do what, as a matrix of people × operations, before and after the opening."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.models import User
from handslag.accounts.tests.factories import buyer, member
from handslag.evaluation import selectors as evaluation_selectors
from handslag.evaluation.permissions import can_award, can_manage_criteria, can_score
from handslag.evaluation.tests.factories import Scenario
from handslag.tendering import selectors
from handslag.tendering.gateway import access_tender_content
from handslag.tendering.permissions import (
    access_call_for_team,
    can_confirm_opening,
)

pytestmark = pytest.mark.django_db

OK, NOT_FOUND, FORBIDDEN = "ok", "404", "403"


def outcome(fn, **kwargs) -> str:
    try:
        fn(**kwargs)
    except Http404:
        return NOT_FOUND
    except PermissionDenied:
        return FORBIDDEN
    return OK


@pytest.fixture
def s():
    scenario = Scenario()
    scenario.tender_a = scenario.submit(scenario.supplier_a, content="A's secret")
    scenario.tender_b = scenario.submit(scenario.supplier_b, content="B's secret")
    scenario.other_buyer = member(buyer())
    scenario.admin = User.objects.create_superuser("root", "root@example.org", "x-pass-123")
    return scenario


def people(s) -> dict:
    from django.contrib.auth.models import AnonymousUser

    return {
        "anonymous": AnonymousUser(),
        "supplier_a": s.supplier_a,
        "supplier_b": s.supplier_b,
        "other_buyer": s.other_buyer,
        "buyer_staff_outside_team": s.outsider_staff,
        "team_member": s.team,
        "evaluator": s.evaluator,
        "opening_official": s.official,
        "lead": s.lead,
        "superuser": s.admin,
    }


SEALED_TENDER_A = {
    "anonymous": NOT_FOUND,
    "supplier_a": OK,
    "supplier_b": NOT_FOUND,
    "other_buyer": NOT_FOUND,
    "buyer_staff_outside_team": NOT_FOUND,
    "team_member": NOT_FOUND,
    "evaluator": NOT_FOUND,
    "opening_official": NOT_FOUND,
    "lead": NOT_FOUND,
    "superuser": NOT_FOUND,
}


def test_tender_content_after_opening(s):
    s.open()
    got = {
        name: outcome(access_tender_content, user=u, tender=s.tender_a)
        for name, u in people(s).items()
    }
    assert got == {
        **SEALED_TENDER_A,
        "supplier_a": OK,
        "team_member": OK,
        "evaluator": OK,
        "opening_official": OK,
        "lead": OK,
    }


def test_team_pages(s):
    got = {
        name: outcome(access_call_for_team, user=u, call_id=s.call.pk)
        for name, u in people(s).items()
    }
    assert got == {
        "anonymous": NOT_FOUND,
        "supplier_a": NOT_FOUND,
        "supplier_b": NOT_FOUND,
        "other_buyer": NOT_FOUND,
        "buyer_staff_outside_team": FORBIDDEN,
        "team_member": OK,
        "evaluator": OK,
        "opening_official": OK,
        "lead": OK,
        "superuser": NOT_FOUND,
    }


def test_role_predicates(s):
    call = s.call
    assert [u for u in people(s).values() if can_confirm_opening(user=u, call=call)] == [s.official]
    assert can_confirm_opening(user=s.officer, call=call)
    assert [u for u in people(s).values() if can_score(user=u, call=call)] == [s.evaluator]
    assert [u for u in people(s).values() if can_manage_criteria(user=u, call=call)] == [s.lead]
    assert can_manage_criteria(user=s.officer, call=call)
    assert [u for u in people(s).values() if can_award(user=u, call=call)] == [s.lead]
    assert not can_award(user=s.officer, call=call)


def test_buyer_gets_no_tenders_or_count_before_opening(s):
    for user in (s.lead, s.officer, s.evaluator, s.team):
        with pytest.raises(PermissionDenied, match="sealed|förseglade"):
            selectors.tenders_for_team(user=user, call=s.call)
        with pytest.raises(PermissionDenied):
            evaluation_selectors.ranking_for(user=user, call=s.call)
        overview = evaluation_selectors.evaluation_overview(user=user, call=s.call)
        assert "rows" not in overview and "progress" not in overview
        opening = selectors.opening_overview(user=user, call=s.call)
        assert opening["record"] is None and opening["record_tenders"] == []
        dashboard = selectors.dashboard_for(user=user)
        assert "tender_count" not in dashboard and dashboard["tenders"] == []
