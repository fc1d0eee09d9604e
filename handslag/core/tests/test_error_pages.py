"""Error pages in the site's layout and language, with the refusal's own message on a 403
and one and the same text on every 404 (so nobody learns that a hidden thing exists)."""

import uuid

import pytest
from django.urls import reverse

from handslag.accounts.tests.factories import member, supplier
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db


def test_403_shows_the_reason_in_swedish_inside_the_layout(client):
    s = Scenario()
    client.force_login(member(supplier()))
    response = client.get(reverse("tendering:tender_submit", args=[s.call.pk]))
    assert response.status_code == 403
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Du kan inte göra det här" in page
    assert "Er organisation har inte bjudits in att lämna anbud" in page
    assert 'id="main"' in page and "Gå till startsidan" in page


def test_404_is_the_same_for_a_sealed_tender_and_an_unknown_one(client):
    s = Scenario()
    tender = s.submit(s.supplier_a)
    client.force_login(s.lead)
    hidden = client.get(reverse("evaluation:tender_evaluate", args=[tender.public_id]))
    unknown = client.get(reverse("evaluation:tender_evaluate", args=[uuid.uuid4()]))
    nowhere = client.get("/no-such-page/")
    assert hidden.status_code == unknown.status_code == nowhere.status_code == 404
    assert "Sidan hittades inte" in hidden.content.decode()

    def body(response) -> str:
        text = response.content.decode()
        return text[text.index("<main") : text.index("</main>")]

    assert body(hidden) == body(unknown) == body(nowhere)
