"""The notification service: the recipient's language, absolute links, instant or a daily
digest, and notices that wait for their date, each sent exactly once."""

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task_backends

from handslag.accounts.models import Notification, NotificationDelivery
from handslag.accounts.notifications import (
    ALWAYS_INSTANT,
    NotificationKind,
    notify,
    notify_each,
    send_digests,
    send_due_notifications,
)
from handslag.audit.models import AuditEntry
from handslag.core.links import absolute_url
from handslag.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

# A msgid with a Swedish translation in the accounts catalogue.
SUBJECT = gettext_lazy("handslag: %(count)s new since your last digest")


def _notify(user, **kwargs):
    defaults = {
        "kind": NotificationKind.QUALIFICATION,
        "subject": SUBJECT,
        "body": gettext_lazy("Your settings were saved."),
        "params": {"count": 3},
        "link": "/market/calls/1/",
    }
    return notify(user=user, **(defaults | kwargs))


def test_absolute_url_uses_site_url(settings):
    settings.SITE_URL = "https://handslag.example.se/"
    assert absolute_url("/tendering/mine/") == "https://handslag.example.se/tendering/mine/"
    assert absolute_url("tendering/mine/") == "https://handslag.example.se/tendering/mine/"
    assert absolute_url("https://other.example/x") == "https://other.example/x"


def test_instant_mail_in_the_recipients_language_with_an_absolute_link(
    settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://handslag.example.se"
    swede, english = UserFactory(language="sv"), UserFactory(language="en")
    with django_capture_on_commit_callbacks(execute=True):
        assert _notify(swede) is None
        assert _notify(english) is None
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert [len(m.to) for m in mail.outbox] == [1, 1]
    assert by_recipient[swede.email].subject == "handslag: 3 nya sedan din förra sammanfattning"
    assert "Dina inställningar har sparats." in by_recipient[swede.email].body
    assert by_recipient[english.email].subject == "handslag: 3 new since your last digest"
    assert "Your settings were saved." in by_recipient[english.email].body
    for message in mail.outbox:
        assert "https://handslag.example.se/market/calls/1/" in message.body
        assert "https://handslag.example.se" + reverse("accounts:profile") in message.body
    assert not Notification.objects.exists()


def test_nobody_without_an_address_or_no_longer_active_is_told(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(UserFactory(email=""))
        _notify(UserFactory(is_active=False))
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_notify_each_tells_each_person_once_and_not_the_actor(django_capture_on_commit_callbacks):
    a, b, actor = UserFactory(), UserFactory(), UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        told = notify_each(
            users=[a, b, a, actor],
            exclude=actor,
            kind=NotificationKind.QUESTION,
            subject="Hej",
            body="Text",
        )
    assert told == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.email, b.email])


def test_digest_collects_and_sends_once(django_capture_on_commit_callbacks):
    reader = UserFactory(notification_delivery=NotificationDelivery.DIGEST, language="en")
    other = UserFactory(notification_delivery=NotificationDelivery.DIGEST)
    instant = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(reader, subject="First", body="One")
        _notify(reader, subject="Second", body="Two", link="/needs/")
        _notify(other, subject="Third", body="Three")
        _notify(instant, subject="Now", body="At once")
    # Only the instant reader has mail; the digests wait.
    assert [m.to for m in mail.outbox] == [[instant.email]]
    assert Notification.objects.filter(in_digest=True, sent_at__isnull=True).count() == 3
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([reader.email, other.email])
    digest = next(m for m in mail.outbox if m.to == [reader.email])
    assert digest.subject == "handslag: 2 new since your last digest"
    assert "First" in digest.body and "Second" in digest.body and "Three" not in digest.body
    assert absolute_url("/needs/") in digest.body
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert send_digests() == 0
        call_command("send_digests")
    assert mail.outbox == []
    assert not Notification.objects.filter(sent_at__isnull=True).exists()


@pytest.mark.parametrize("kind", sorted(ALWAYS_INSTANT))
def test_what_has_legal_effect_or_must_reach_all_at_once_never_waits_for_a_digest(
    kind, django_capture_on_commit_callbacks
):
    reader = UserFactory(notification_delivery=NotificationDelivery.DIGEST)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(reader, kind=kind)
    assert [m.to for m in mail.outbox] == [[reader.email]]
    assert not Notification.objects.exists()


def test_a_dated_notice_is_sent_on_its_date_exactly_once(django_capture_on_commit_callbacks):
    user = UserFactory()
    when = timezone.now() + dt.timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        waiting = _notify(user, kind=NotificationKind.AWARD, send_after=when)
    assert waiting is not None and waiting.send_after == when
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_notifications(now=when - dt.timedelta(minutes=1)) == 0
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        assert send_due_notifications(now=when) == 1
        assert send_due_notifications(now=when + dt.timedelta(days=1)) == 0
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert absolute_url("/market/calls/1/") in mail.outbox[0].body
    waiting.refresh_from_db()
    assert waiting.sent_at == when


def test_send_notifications_command_sends_what_is_due(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        _notify(user, send_after=timezone.now() + dt.timedelta(seconds=30))
    Notification.objects.update(send_after=timezone.now() - dt.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_notifications")
        call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [[user.email]]


def test_a_notice_dated_in_the_past_goes_at_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _notify(UserFactory(), send_after=timezone.now() - dt.timedelta(days=1))
    assert len(mail.outbox) == 1
    assert not Notification.objects.exists()


# --- The person's settings ---------------------------------------------------------------------


def test_profile_sets_language_and_delivery(client):
    user = UserFactory()
    client.force_login(user)
    page = client.get(reverse("accounts:profile"))
    assert page.status_code == 200 and "Språk och e-post" in page.text
    response = client.post(
        reverse("accounts:preferences"),
        {"language": "en", "notification_delivery": NotificationDelivery.DIGEST},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert (user.language, user.notification_delivery) == ("en", NotificationDelivery.DIGEST)
    assert response.cookies["django_language"].value == "en"
    assert AuditEntry.objects.filter(action="preferences.update").count() == 1
    # The pages now follow the chosen language.
    assert "Language and e-mail" in client.get(reverse("accounts:profile")).text


def test_bad_preferences_are_refused_and_nothing_changes(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("accounts:preferences"), {"language": "de", "notification_delivery": "hourly"}
    )
    assert response.status_code == 400
    assert "Välj ett giltigt alternativ" in response.text
    user.refresh_from_db()
    assert (user.language, user.notification_delivery) == ("sv", NotificationDelivery.INSTANT)
    assert not AuditEntry.objects.filter(action="preferences.update").exists()


def test_preferences_need_a_signed_in_person_and_a_post(client):
    response = client.post(
        reverse("accounts:preferences"), {"language": "en", "notification_delivery": "instant"}
    )
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]
    client.force_login(UserFactory())
    assert client.get(reverse("accounts:preferences")).status_code == 405


def test_sign_in_switches_the_pages_to_the_persons_language(client):
    user = UserFactory(language="en")
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"


def test_a_dated_notice_wakes_a_deferred_task_where_the_backend_can_defer(
    settings, django_capture_on_commit_callbacks
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    when = timezone.now() + dt.timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        _notify(UserFactory(), kind=NotificationKind.AWARD, send_after=when)
    backend = task_backends["default"]
    assert [(r.task.name, r.task.run_after) for r in backend.results] == [
        ("send_due_notifications_task", when)
    ]
