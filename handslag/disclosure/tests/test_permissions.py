"""The predicates and fetchers of permissions.py, forbidden cases first."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.roles import ProjectRole
from handslag.disclosure import permissions, services
from handslag.disclosure.tests.factories import DisclosureScenario
from handslag.tendering import services as tender_services
from handslag.tendering.tests.factories import team_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    s = DisclosureScenario()
    s.claim()
    s.award()
    s.case = s.request(tenders=[s.tender_a]).cases.get()
    return s


def test_claims_editable_only_by_own_supplier_before_deadline():
    s = DisclosureScenario()
    assert permissions.can_edit_claims(user=s.supplier_a, tender=s.tender_a)
    for person in (s.supplier_b, s.lead, s.team, s.advisor, AnonymousUser()):
        assert not permissions.can_edit_claims(user=person, tender=s.tender_a)
    assert not permissions.claims_open(tender=s.tender_a, now=s.after_deadline())


@pytest.mark.parametrize("who", ["anonymous", "supplier_b", "outsider_staff", "advisor"])
def test_request_and_case_refused(s, who):
    person = AnonymousUser() if who == "anonymous" else getattr(s, who)
    with pytest.raises((Http404, PermissionDenied)):
        permissions.access_request(user=person, request_id=s.case.request_id)
    with pytest.raises((Http404, PermissionDenied)):
        permissions.access_case(user=person, public_id=s.case.public_id)
    assert not permissions.can_handle_requests(user=person, call=s.call)
    assert not permissions.can_decide_requests(user=person, call=s.call)


def test_staff_outside_team_and_advisor_get_403_other_supplier_404(s):
    for person in (s.outsider_staff, s.advisor):
        with pytest.raises(PermissionDenied):
            permissions.access_request(user=person, request_id=s.case.request_id)
        with pytest.raises(PermissionDenied):
            permissions.access_call_for_requests(user=person, call_id=s.call.pk)
    with pytest.raises(Http404):
        permissions.access_request(user=s.supplier_b, request_id=s.case.request_id)


def test_team_handles_but_only_lead_and_officer_decide(s):
    assert permissions.can_handle_requests(user=s.team, call=s.call)
    assert not permissions.can_decide_requests(user=s.team, call=s.call)
    assert permissions.can_decide_requests(user=s.officer, call=s.call)
    assert permissions.can_decide_requests(user=s.lead, call=s.call)


def test_evaluator_with_a_conflict_cannot_open_the_review(s):
    conflicted = team_member(s.project, ProjectRole.EVALUATOR)
    tender_services.conflict_declare(
        actor=conflicted, call=s.call, has_conflict=True, statement="Min bror äger leverantören."
    )
    with pytest.raises(PermissionDenied):
        permissions.access_case(user=conflicted, public_id=s.case.public_id)
    with pytest.raises(PermissionDenied):
        permissions.access_tender_for_claims(user=conflicted, public_id=s.tender_a.public_id)


def test_consultation_only_for_the_tenders_supplier(s):
    with pytest.raises(Http404):  # not sent yet
        permissions.access_consultation(user=s.supplier_a, public_id=s.case.public_id)
    import datetime as dt

    services.consultation_send(
        actor=s.officer, case=s.case, message="?", deadline=dt.date.today() + dt.timedelta(days=2)
    )
    assert permissions.access_consultation(user=s.supplier_a, public_id=s.case.public_id)
    for person in (s.supplier_b, s.officer, s.team, AnonymousUser()):
        with pytest.raises(Http404):
            permissions.access_consultation(user=person, public_id=s.case.public_id)


@pytest.mark.parametrize("raw", ["", "hsr_", "hsr_" + "x" * 200, "hs_abc", "anything"])
def test_wrong_tokens_are_404(s, raw):
    with pytest.raises(Http404):
        permissions.access_request_by_token(raw=raw)


def test_undecided_request_has_no_working_token(s):
    s.case.request.token_digest = permissions.token_digest("hsr_known")
    s.case.request.save()
    with pytest.raises(Http404):
        permissions.access_request_by_token(raw="hsr_known")
