"""The opening in one sitting: both confirmations within the call's window, or it starts again."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from handslag.audit.models import AuditEntry
from handslag.tendering import services
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import OpeningConfirmation, OpeningSettings
from handslag.tendering.opening import is_opened, is_round_opened, opening_window_minutes
from handslag.tendering.selectors.opening import opening_record, opening_sitting
from handslag.tendering.tests.factories import Scenario
from handslag.tendering.tests.test_api import BASE, auth, post

pytestmark = pytest.mark.django_db

MINUTE = dt.timedelta(minutes=1)


@pytest.fixture
def s():
    scenario = Scenario()
    scenario.submit(scenario.supplier_a)
    return scenario


def confirm(s, official, at, round_number=1):
    return services.opening_confirm(actor=official, call=s.call, round_number=round_number, now=at)


def test_the_default_window_is_60_minutes(s):
    assert opening_window_minutes(s.call) == 60
    assert not OpeningSettings.objects.exists()


def test_second_confirmation_inside_the_window_opens(s):
    first = s.after_deadline()
    confirm(s, s.officer, first)
    confirm(s, s.official, first + 60 * MINUTE - dt.timedelta(seconds=1))
    assert is_opened(s.call)
    assert not AuditEntry.objects.filter(action=TenderingAction.TENDER_OPENING_EXPIRE).exists()


def test_second_confirmation_at_the_end_of_the_window_does_not_open(s):
    first = s.after_deadline()
    confirm(s, s.officer, first)
    late = first + 60 * MINUTE
    confirm(s, s.official, late)
    assert not is_opened(s.call)
    lapsed = OpeningConfirmation.objects.get(official=s.officer)
    assert lapsed.expired_at == first + 60 * MINUTE
    # The late confirmation is now the first of a new sitting.
    active = OpeningConfirmation.objects.get(expired_at__isnull=True)
    assert active.official == s.official
    entry = AuditEntry.objects.get(action=TenderingAction.TENDER_OPENING_EXPIRE)
    assert entry.data["official_id"] == s.officer.pk
    assert entry.data["expired_at"] == (first + 60 * MINUTE).isoformat()
    assert entry.data["window_minutes"] == 60


def test_after_a_lapse_the_first_official_can_confirm_again_and_open(s):
    first = s.after_deadline()
    confirm(s, s.officer, first)
    confirm(s, s.official, first + 3 * 60 * MINUTE)  # hours later: the first lapsed
    confirm(s, s.officer, first + 3 * 60 * MINUTE + 10 * MINUTE)
    assert is_opened(s.call)
    record = opening_record(call=s.call)
    # The record names the two confirmations that opened, not the lapsed one.
    assert [c["official_id"] for c in record["confirmations"]] == [s.official.pk, s.officer.pk]


def test_the_same_official_twice_is_still_refused_inside_the_window(s):
    first = s.after_deadline()
    confirm(s, s.officer, first)
    with pytest.raises(ValidationError):
        confirm(s, s.officer, first + 5 * MINUTE)
    assert OpeningConfirmation.objects.count() == 1


def test_a_shorter_window_set_by_the_buyer_applies(s):
    services.opening_window_set(
        actor=s.lead, call=s.call, minutes=15, now=s.call.tender_deadline - MINUTE
    )
    first = s.after_deadline()
    confirm(s, s.officer, first)
    confirm(s, s.official, first + 20 * MINUTE)
    assert not is_opened(s.call)
    entry = AuditEntry.objects.get(action=TenderingAction.TENDER_OPENING_WINDOW_SET)
    assert entry.data["window_minutes"] == 15


@pytest.mark.parametrize("minutes", [0, 4, 481, -10, "abc", None])
def test_a_bad_window_is_refused_and_nothing_changes(s, minutes):
    with pytest.raises(ValidationError) as error:
        services.opening_window_set(actor=s.lead, call=s.call, minutes=minutes)
    assert "minuter" in str(error.value) or "minutes" in str(error.value)
    assert not OpeningSettings.objects.exists()


def test_the_window_cannot_be_changed_after_the_deadline(s):
    with pytest.raises(ValidationError):
        services.opening_window_set(actor=s.lead, call=s.call, minutes=30, now=s.after_deadline())
    assert not OpeningSettings.objects.exists()


@pytest.mark.parametrize("who", ["official", "evaluator", "supplier_a", "outsider_staff"])
def test_only_managers_set_the_window(s, who):
    with pytest.raises(PermissionDenied):
        services.opening_window_set(actor=getattr(s, who), call=s.call, minutes=30)
    assert not OpeningSettings.objects.exists()


def test_the_window_applies_to_negotiation_rounds(s):
    s.open()
    s.start_round()
    s.submit_round(s.supplier_a)
    from handslag.tendering.models import NegotiationRound

    deadline = NegotiationRound.objects.get(call=s.call, number=2).deadline
    confirm(s, s.officer, deadline + MINUTE, round_number=2)
    confirm(s, s.official, deadline + 2 * 60 * MINUTE, round_number=2)
    assert not is_round_opened(s.call, 2)
    confirm(s, s.officer, deadline + 2 * 60 * MINUTE + MINUTE, round_number=2)
    assert is_round_opened(s.call, 2)


def test_the_sitting_shows_who_confirmed_and_when_it_lapses(s):
    first = s.after_deadline()
    confirm(s, s.officer, first)
    sitting = opening_sitting(call=s.call, now=first + 30 * MINUTE)
    assert [c.official for c in sitting.confirmations] == [s.officer]
    assert sitting.expires_at == first + 60 * MINUTE
    # Past the window it lapses on the page even before anyone confirms again.
    later = opening_sitting(call=s.call, now=first + 61 * MINUTE)
    assert later.confirmations == [] and later.lapsed.official == s.officer
    assert later.lapsed_at == first + 60 * MINUTE


def test_the_opening_page_shows_the_first_confirmation_and_its_expiry(client, s):
    s.call.application_deadline = timezone.now() - dt.timedelta(days=3)
    s.call.tender_deadline = timezone.now() - dt.timedelta(minutes=10)
    s.call.save()
    at = timezone.now() - dt.timedelta(minutes=5)
    confirm(s, s.officer, at)
    client.force_login(s.official)
    page = client.get(reverse("tendering:opening", args=[s.call.pk])).content.decode()
    local = timezone.localtime(at)
    ends = timezone.localtime(at + 60 * MINUTE)
    assert f"Första bekräftelsen av {s.officer}" in page
    assert local.strftime("%H:%M") in page and ends.strftime("%H:%M") in page
    # Past the deadline the window form is gone.
    client.force_login(s.lead)
    page = client.get(reverse("tendering:opening", args=[s.call.pk])).content.decode()
    assert 'name="window_minutes"' not in page


def test_the_buyer_edits_the_window_on_the_opening_page(client, s):
    url = reverse("tendering:opening", args=[s.call.pk])
    client.force_login(s.lead)
    assert 'name="window_minutes"' in client.get(url).content.decode()
    window = reverse("tendering:opening_window", args=[s.call.pk])
    response = client.post(window, {"window_minutes": "2"})
    assert response.status_code == 400 and not OpeningSettings.objects.exists()
    assert client.post(window, {"window_minutes": "30"}).status_code == 302
    assert opening_window_minutes(s.call) == 30
    client.force_login(s.official)
    assert 'name="window_minutes"' not in client.get(url).content.decode()
    assert client.post(window, {"window_minutes": "90"}).status_code == 403
    client.force_login(s.supplier_a)
    assert client.post(window, {"window_minutes": "90"}).status_code == 404
    assert opening_window_minutes(s.call) == 30


def test_api_shows_the_window_and_lets_managers_set_it(client, s):
    url = f"{BASE}/calls/{s.call.pk}/opening"
    body = client.get(url, **auth(s.lead)).json()
    assert body["window_minutes"] == 60 and body["expires_at"] is None
    response = post(client, f"{url}/window", s.lead, {"window_minutes": 20})
    assert response.status_code == 200 and response.json()["window_minutes"] == 20
    assert post(client, f"{url}/window", s.lead, {"window_minutes": 1}).status_code == 400
    assert post(client, f"{url}/window", s.official, {"window_minutes": 45}).status_code == 403
    assert post(client, f"{url}/window", s.supplier_a, {"window_minutes": 45}).status_code == 404
    assert opening_window_minutes(s.call) == 20
