import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from handslag.accounts.tests.factories import member, supplier
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Scenario()


def test_submit_receipt_and_list(client, s):
    client.force_login(s.supplier_a)
    url = reverse("tendering:tender_submit", args=[s.call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"content": "Sensors in every bin", "price": "125000"})
    tender = Tender.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("tendering:tender_receipt", args=[tender.public_id])
    page = client.get(response.url).content.decode()
    assert tender.receipt in page and tender.content_sha256 in page
    assert "Sensors in every bin" not in page
    assert tender.receipt in client.get(reverse("tendering:tender_list")).content.decode()


def test_submit_bad_input_400_nothing_saved(client, s):
    client.force_login(s.supplier_a)
    url = reverse("tendering:tender_submit", args=[s.call.pk])
    response = client.post(url, {"content": "", "price": "-5"})
    assert response.status_code == 400
    assert not Tender.objects.exists()


def test_submit_by_non_invited_supplier_403(client, s):
    client.force_login(member(supplier()))
    assert client.get(reverse("tendering:tender_submit", args=[s.call.pk])).status_code == 403


def test_submit_after_deadline_shows_error(client, s):
    s.call.tender_deadline = timezone.now() - dt.timedelta(seconds=1)
    s.call.application_deadline = timezone.now() - dt.timedelta(days=5)
    s.call.save()
    client.force_login(s.supplier_a)
    response = client.post(
        reverse("tendering:tender_submit", args=[s.call.pk]), {"content": "x", "price": "1"}
    )
    assert response.status_code == 400
    assert not Tender.objects.exists()


def test_withdraw_behind_confirmation(client, s):
    tender = s.submit(s.supplier_a)
    client.force_login(s.supplier_a)
    url = reverse("tendering:tender_withdraw", args=[tender.public_id])
    assert client.get(url).status_code == 200
    tender.refresh_from_db()
    assert tender.status == TenderStatus.SUBMITTED
    assert client.post(url).status_code == 302
    tender.refresh_from_db()
    assert tender.status == TenderStatus.WITHDRAWN


def test_outsider_staff_403_and_supplier_404(client, s):
    client.force_login(s.outsider_staff)
    assert client.get(reverse("tendering:opening", args=[s.call.pk])).status_code == 403
    client.force_login(s.supplier_a)
    assert client.get(reverse("tendering:opening", args=[s.call.pk])).status_code == 404


def test_opening_single_official_cannot_open_before_deadline(client, s):
    client.force_login(s.official)
    response = client.post(reverse("tendering:opening", args=[s.call.pk]))
    assert response.status_code == 400
