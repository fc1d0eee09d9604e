"""A cancelled call in tendering: the notice instead of the form, tenders refused, and
the end of the absolute secrecy (OSL 19 kap. 3 § andra stycket) for the buyer's team only.
"""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse

from handslag.accounts.roles import ProjectRole
from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.market import services as market_services
from handslag.projects.tests.factories import ProjectMemberFactory
from handslag.tendering.gateway import access_tender_content
from handslag.tendering.models import Tender
from handslag.tendering.permissions import access_tender, visible_tenders
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Scenario()


def _cancel(s: Scenario) -> None:
    market_services.call_cancel(
        actor=s.lead, call=s.call, ground="no_acceptable", reason="Inget anbud höll måttet."
    )


def test_the_tender_page_shows_the_notice_and_refuses_a_tender(client, s):
    _cancel(s)
    client.force_login(s.supplier_a)
    url = reverse("tendering:tender_submit", args=[s.call.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    assert "Annonsen har avbrutits" in page.text and "Inget anbud höll måttet." in page.text
    assert 'name="content"' not in page.text
    sent = client.post(url, {"content": "Vårt anbud", "price": "100"}, HTTP_ACCEPT_LANGUAGE="sv")
    assert sent.status_code == 400
    assert "Upphandlingen har avbrutits, så den tar inte emot några anbud." in sent.text
    assert not Tender.objects.filter(call=s.call).exists()


def test_the_service_and_the_api_refuse_a_tender_to_a_cancelled_call(client, s):
    _cancel(s)
    with pytest.raises(ValidationError) as error:
        s.submit(s.supplier_a)
    assert "Upphandlingen har avbrutits" in str(error.value)
    token = api_token_create(actor=s.supplier_a, name="t").raw
    response = client.post(
        f"/api/v1/tendering/calls/{s.call.pk}/tenders",
        {"content": "Vårt anbud", "price": "100"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
        HTTP_ACCEPT_LANGUAGE="sv",
    )
    assert response.status_code == 400
    assert "avbrutits" in response.content.decode()
    assert not Tender.objects.filter(call=s.call).exists()


def test_cancelling_lets_the_team_know_the_tenders_but_never_other_suppliers(s):
    a = s.submit(s.supplier_a, content="A:s hemliga lösning")
    b = s.submit(s.supplier_b)
    advisor = member(OrganisationFactory(kind="partner"))
    ProjectMemberFactory(project=s.project, user=advisor, role=ProjectRole.EXTERNAL_ADVISOR)
    # Before the cancellation: sealed for the whole buyer side.
    for person in (s.lead, s.officer, s.evaluator, s.team, s.outsider_staff, advisor):
        assert not visible_tenders(user=person).filter(call=s.call).exists()
    _cancel(s)
    for person in (s.lead, s.officer, s.evaluator, s.team):
        assert set(visible_tenders(user=person).filter(call=s.call)) == {a, b}
    # Staff outside the team, the external advisor and the other tenderer: still nothing.
    for person in (s.outsider_staff, advisor):
        assert not visible_tenders(user=person).filter(call=s.call).exists()
    assert set(visible_tenders(user=s.supplier_b).filter(call=s.call)) == {b}
    with pytest.raises(Http404):
        access_tender(user=s.supplier_b, public_id=a.public_id)
    # The content still opens only at the opening by two officials.
    with pytest.raises(Http404):
        access_tender_content(user=s.lead, tender=a)


def test_a_cancelled_calls_tenders_open_at_the_opening_for_the_team_only(s):
    a = s.submit(s.supplier_a, content="A:s hemliga lösning")
    _cancel(s)
    s.open()
    assert access_tender_content(user=s.lead, tender=a).content == "A:s hemliga lösning"
    with pytest.raises(Http404):
        access_tender_content(user=s.supplier_b, tender=a)


def test_the_stage_says_opened_once_the_tenders_are_opened(s):
    s.submit(s.supplier_a)
    assert s.call.stage == "closed_for_applications"
    s.open()
    s.call.refresh_from_db()
    assert s.call.stage == "opened"
