"""After the deadline the submit page is a closed notice, not a form refused on sending."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from handslag.tendering.models import Tender
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Scenario()


def past_deadline(s):
    s.call.application_deadline = timezone.now() - dt.timedelta(days=5)
    s.call.tender_deadline = timezone.now() - dt.timedelta(minutes=1)
    s.call.save()


def test_before_the_deadline_the_form_is_shown(client, s):
    client.force_login(s.supplier_a)
    page = client.get(reverse("tendering:tender_submit", args=[s.call.pk])).content.decode()
    assert 'name="content"' in page and "Stängd för anbud" not in page


def test_after_the_deadline_a_closed_notice_replaces_the_form(client, s):
    past_deadline(s)
    client.force_login(s.supplier_a)
    response = client.get(reverse("tendering:tender_submit", args=[s.call.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stängd för anbud" in page and "Tiden för anbud gick ut" in page
    assert 'name="content"' not in page and 'type="file"' not in page


def test_the_notice_links_the_receipt_of_a_tender_sent_in_time(client, s):
    tender = s.submit(s.supplier_a)
    past_deadline(s)
    client.force_login(s.supplier_a)
    page = client.get(reverse("tendering:tender_submit", args=[s.call.pk])).content.decode()
    assert reverse("tendering:tender_receipt", args=[tender.public_id]) in page
    client.force_login(s.supplier_b)
    page = client.get(reverse("tendering:tender_submit", args=[s.call.pk])).content.decode()
    assert tender.receipt not in page


def test_a_late_post_gets_the_notice_and_records_nothing(client, s):
    past_deadline(s)
    client.force_login(s.supplier_a)
    response = client.post(
        reverse("tendering:tender_submit", args=[s.call.pk]),
        {"content": "Sent de", "price": "1"},
    )
    assert response.status_code == 400
    assert "Stängd för anbud" in response.content.decode()
    assert not Tender.objects.exists()


def test_after_the_opening_the_notice_says_so(client, s):
    s.submit(s.supplier_a)
    s.open()
    client.force_login(s.supplier_a)
    page = client.get(reverse("tendering:tender_submit", args=[s.call.pk])).content.decode()
    assert "Stängd för anbud" in page and 'name="content"' not in page
