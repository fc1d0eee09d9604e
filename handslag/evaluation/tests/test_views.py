import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from handslag.evaluation.models import Award
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Scenario()


def test_anonymous_redirected_to_login(client, s):
    for url in (
        reverse("tendering:tender_list"),
        reverse("tendering:tender_submit", args=[s.call.pk]),
        reverse("tendering:opening", args=[s.call.pk]),
        reverse("evaluation:evaluation", args=[s.call.pk]),
        reverse("evaluation:award", args=[s.call.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "login" in response.url


def test_other_suppliers_receipt_404(client, s):
    tender = s.submit(s.supplier_a)
    client.force_login(s.supplier_b)
    assert (
        client.get(reverse("tendering:tender_receipt", args=[tender.public_id])).status_code == 404
    )
    assert (
        client.post(reverse("tendering:tender_withdraw", args=[tender.public_id])).status_code
        == 404
    )
    client.force_login(s.lead)
    assert (
        client.get(reverse("tendering:tender_receipt", args=[tender.public_id])).status_code == 404
    )
    assert (
        client.get(reverse("evaluation:tender_evaluate", args=[tender.public_id])).status_code
        == 404
    )


def test_sealed_pages_show_no_tenders(client, s):
    s.submit(s.supplier_a)
    s.submit(s.supplier_b)
    for user in (s.lead, s.evaluator, s.official):
        client.force_login(user)
        for name in ("tendering:opening", "evaluation:evaluation", "evaluation:award"):
            response = client.get(reverse(name, args=[s.call.pk]))
            page = response.content.decode()
            assert response.status_code == 200
            assert "förseglade" in page  # "Tenders are sealed until the opening"
            for org_user in (s.supplier_a, s.supplier_b):
                assert org_user.memberships.first().organisation.name not in page


def test_full_journey_through_pages(client, s):
    a = s.submit(s.supplier_a, content="Alpha solution")
    b = s.submit(s.supplier_b, content="Beta solution")
    s.call.tender_deadline = timezone.now() - dt.timedelta(seconds=1)
    s.call.application_deadline = timezone.now() - dt.timedelta(days=5)
    s.call.save()
    client.force_login(s.officer)
    assert client.post(reverse("tendering:opening", args=[s.call.pk])).status_code == 302
    client.force_login(s.official)
    assert client.post(reverse("tendering:opening", args=[s.call.pk])).status_code == 302
    page = client.get(reverse("tendering:opening", args=[s.call.pk])).content.decode()
    assert a.content_sha256 in page and b.content_sha256 in page

    for evaluator in (s.evaluator, s.evaluator2):
        client.force_login(evaluator)
        for tender in (a, b):
            page = client.get(
                reverse("evaluation:tender_evaluate", args=[tender.public_id])
            ).content.decode()
            assert "solution" in page
            data = {}
            for c in s.criteria:
                data[f"score_{c.pk}"] = "4" if tender == a else "2"
                data[f"justification_{c.pk}"] = "Reason"
            response = client.post(
                reverse("evaluation:tender_score", args=[tender.public_id]), data
            )
            assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(reverse("evaluation:evaluation", args=[s.call.pk])).content.decode()
    assert "2 av 2" in page

    client.force_login(s.officer)
    for tender in (a, b):
        data = {}
        for c in s.criteria:
            data[f"score_{c.pk}"] = "4" if tender == a else "2"
            data[f"justification_{c.pk}"] = "Internal"
            data[f"external_justification_{c.pk}"] = "External"
        response = client.post(
            reverse("evaluation:tender_consensus", args=[tender.public_id]), data
        )
        assert response.status_code == 302

    client.force_login(s.lead)
    today = timezone.localdate()
    response = client.post(
        reverse("evaluation:award", args=[s.call.pk]),
        {
            "tender": str(a.public_id),
            "justification": "Best price–quality ratio.",
            "notice_sent_on": today.isoformat(),
            "sent_electronically": "on",
        },
    )
    assert response.status_code == 302
    award = Award.objects.get()
    response = client.post(
        reverse("evaluation:contract", args=[s.call.pk]), {"signed_on": today.isoformat()}
    )
    assert response.status_code == 400
    assert "avtalsspärr" in response.content.decode()
    award.refresh_from_db()
    assert award.contract_signed_on is None

    client.force_login(s.supplier_b)
    page = client.get(reverse("tendering:tender_receipt", args=[b.public_id])).content.decode()
    assert "Best price–quality ratio." in page and "External" in page


def test_criteria_page_weights_error(client, s):
    client.force_login(s.lead)
    url = reverse("evaluation:criteria", args=[s.call.pk])
    assert client.get(url).status_code == 200
    data = {"criteria-TOTAL_FORMS": "2", "criteria-INITIAL_FORMS": "0"}
    data.update(
        {"criteria-0-name": "Kvalitet", "criteria-0-kind": "quality", "criteria-0-weight": "50"}
    )
    data.update({"criteria-1-name": "Pris", "criteria-1-kind": "price", "criteria-1-weight": "40"})
    response = client.post(url, data)
    assert response.status_code == 400
    assert "100" in response.content.decode()
    client.force_login(s.evaluator)
    assert client.get(url).status_code == 404


def test_award_post_before_opening_refused(client, s):
    client.force_login(s.lead)
    response = client.post(reverse("evaluation:award", args=[s.call.pk]), {})
    assert response.status_code == 403
    assert Decimal(0) == Decimal(Award.objects.count())
