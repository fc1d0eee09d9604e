"""The tendering pages lead to the disclosure pages: the supplier from its receipt, the
team from the award decision."""

import pytest
from django.urls import reverse

from handslag.disclosure.tests.factories import DisclosureScenario

pytestmark = pytest.mark.django_db


def test_receipt_leads_the_supplier_to_its_claims(client):
    scenario = DisclosureScenario()
    client.force_login(scenario.supplier_a)
    page = client.get(reverse("tendering:tender_receipt", args=[scenario.tender_a.public_id]))
    assert page.status_code == 200
    assert (
        reverse("disclosure:tender_claims", args=[scenario.tender_a.public_id])
        in page.content.decode()
    )


def test_award_page_leads_the_team_to_document_requests(client):
    scenario = DisclosureScenario()
    requests_url = reverse("disclosure:request_list", args=[scenario.call.pk])
    client.force_login(scenario.lead)
    award_url = reverse("evaluation:award", args=[scenario.call.pk])
    assert requests_url not in client.get(award_url).content.decode()
    scenario.award()
    page = client.get(award_url)
    assert page.status_code == 200
    assert requests_url in page.content.decode()
