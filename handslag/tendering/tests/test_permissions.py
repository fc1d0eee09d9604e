"""Who may do what, as a matrix of people × operations, before and after the opening."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.models import User
from handslag.accounts.tests.factories import buyer, member
from handslag.tendering import selectors
from handslag.tendering.gateway import access_tender_content
from handslag.tendering.permissions import (
    access_call_for_supplier,
    access_supplier_tender,
    access_tender,
)
from handslag.tendering.tests.factories import Scenario

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


def test_tender_metadata_before_opening(s):
    got = {
        name: outcome(access_tender, user=u, public_id=s.tender_a.public_id)
        for name, u in people(s).items()
    }
    assert got == SEALED_TENDER_A


def test_tender_content_before_opening(s):
    got = {
        name: outcome(access_tender_content, user=u, tender=s.tender_a)
        for name, u in people(s).items()
    }
    assert got == {**SEALED_TENDER_A, "supplier_a": FORBIDDEN}


def test_receipts_only_for_own_supplier(s):
    s.open()
    got = {
        name: outcome(access_supplier_tender, user=u, public_id=s.tender_a.public_id)
        for name, u in people(s).items()
    }
    assert got == {name: (OK if name == "supplier_a" else NOT_FOUND) for name in got}


def test_who_may_tender(s):
    got = {
        name: outcome(access_call_for_supplier, user=u, call_id=s.call.pk)
        for name, u in people(s).items()
    }
    assert got["anonymous"] == NOT_FOUND
    assert got["supplier_a"] == OK and got["supplier_b"] == OK
    assert all(
        v == FORBIDDEN for k, v in got.items() if k not in {"anonymous", "supplier_a", "supplier_b"}
    )


def test_supplier_list_only_own(s):
    assert list(selectors.tender_list_for_supplier(user=s.supplier_a)) == [s.tender_a]
    assert list(selectors.tender_list_for_supplier(user=s.lead)) == []
