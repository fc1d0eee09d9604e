import pytest
from django.test import override_settings
from django.urls import reverse

from handslag.accounts.audit_actions import AccountsAction
from handslag.accounts.models import ApiToken
from handslag.accounts.tests.factories import UserFactory, buyer, member
from handslag.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_sign_in_page_is_swedish_by_default(client):
    response = client.get(reverse("accounts:login"))
    assert response.status_code == 200
    assert '<html lang="sv">' in response.content.decode()
    assert "Logga in" in response.content.decode()


def test_language_switch_shows_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("accounts:login"))
    assert '<html lang="en">' in response.content.decode()
    assert "Sign in" in response.content.decode()


def test_sign_in_and_out(client):
    user = UserFactory(username="maria")
    response = client.post(
        reverse("accounts:login"), {"username": "maria", "password": "secret-pass-123"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_error_summary_and_signs_nobody_in(client):
    UserFactory(username="maria")
    response = client.post(reverse("accounts:login"), {"username": "maria", "password": "nope"})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="error-summary"' in body
    assert "_auth_user_id" not in client.session


@override_settings(LOGIN_FAILURE_LIMIT=3)
def test_repeated_failures_pause_sign_in_even_with_the_right_password(client):
    UserFactory(username="maria")
    for _ in range(3):
        client.post(reverse("accounts:login"), {"username": "maria", "password": "nope"})
    response = client.post(
        reverse("accounts:login"), {"username": "maria", "password": "secret-pass-123"}
    )
    assert "_auth_user_id" not in client.session
    assert "15" in response.content.decode()


@override_settings(DEMO_MODE=True)
def test_demo_accounts_are_listed_in_demo_mode(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "upphandlare" in body and "handslag-demo" in body


@override_settings(DEMO_MODE=False)
def test_demo_accounts_are_not_listed_outside_demo_mode(client):
    body = client.get(reverse("accounts:login")).content.decode()
    assert "upphandlare" not in body and "handslag-demo" not in body


def test_pages_require_sign_in(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_token_created_once_shown_and_revoked(client):
    user = member(buyer())
    client.force_login(user)
    response = client.post(reverse("accounts:profile"), {"name": "Ekonomisystemet"})
    assert response.status_code == 200
    token = ApiToken.objects.get(user=user)
    assert token.prefix in response.content.decode()
    assert AuditEntry.objects.filter(action=AccountsAction.API_TOKEN_CREATE).count() == 1
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_token_without_name_is_refused_and_nothing_is_created(client):
    client.force_login(member(buyer()))
    response = client.post(reverse("accounts:profile"), {"name": "  "})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_someone_elses_token_cannot_be_revoked(client):
    owner = member(buyer())
    client.force_login(owner)
    client.post(reverse("accounts:profile"), {"name": "mine"})
    token = ApiToken.objects.get(user=owner)
    client.force_login(member(buyer()))
    response = client.post(reverse("accounts:token_revoke", args=[token.pk]))
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_accessibility_statement_is_public_and_sends_a_report(client, mailoutbox, settings):
    settings.ACCESSIBILITY_CONTACT = "a11y@example.org"
    assert client.get(reverse("core:accessibility")).status_code == 200
    response = client.post(
        reverse("core:accessibility"), {"page": "Startsidan", "description": "Kontrasten"}
    )
    assert response.status_code == 302
    assert mailoutbox[0].to == ["a11y@example.org"]


def test_barrier_report_without_description_is_refused(client, mailoutbox):
    response = client.post(reverse("core:accessibility"), {"page": "Startsidan"})
    assert response.status_code == 400
    assert not mailoutbox
