"""Sign-in throttling on every sign-in path: after LOGIN_FAILURE_LIMIT failures for one
account from one address, no further attempt is checked against the password (the right
one included) until the pause is over, and the person is told in Swedish when to try
again."""

import json

import pytest
from django.contrib.auth.backends import ModelBackend
from django.test import RequestFactory
from django.urls import reverse

from handslag.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LIMIT = 3
WINDOW = 600
RIGHT = "secret-pass-123"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.LOGIN_FAILURE_LIMIT = LIMIT
    settings.LOGIN_FAILURE_WINDOW = WINDOW


def _sign_in(client, username: str, password: str, *, path: str = "", **extra):
    return client.post(
        path or reverse("accounts:login"),
        {"username": username, "password": password},
        **{"REMOTE_ADDR": "10.0.0.1", **extra},
    )


def _fail(client, username: str = "maria", times: int = LIMIT, **extra) -> None:
    for _ in range(times):
        _sign_in(client, username, "fel-lösen", **extra)


def _signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_below_the_limit_the_right_password_still_signs_in(client):
    UserFactory(username="maria")
    _fail(client, times=LIMIT - 1)
    assert _sign_in(client, "maria", RIGHT).status_code == 302
    assert _signed_in(client)


def test_after_the_limit_the_right_password_is_refused_with_429_in_swedish(client):
    UserFactory(username="maria")
    _fail(client)
    response = _sign_in(client, "maria", RIGHT)
    assert response.status_code == 429
    assert not _signed_in(client)
    page = response.content.decode()
    assert '<html lang="sv">' in page and 'id="main"' in page
    assert "För många misslyckade inloggningsförsök" in page
    assert "Försök igen" in page and "10 minuter" in page
    assert 0 < int(response["Retry-After"]) <= WINDOW


def test_while_locked_the_password_is_not_checked(client, monkeypatch):
    UserFactory(username="maria")
    _fail(client)
    checked = []
    original = ModelBackend.authenticate

    def spy(self, request, username=None, password=None, **kwargs):
        checked.append(username)
        return original(self, request, username, password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", spy)
    for password in (RIGHT, "fel-lösen"):
        assert _sign_in(client, "maria", password).status_code == 429
    assert checked == []


def test_the_lock_is_per_account_and_address(client):
    UserFactory(username="maria")
    UserFactory(username="olle")
    _fail(client)
    assert _sign_in(client, "olle", RIGHT).status_code == 302
    client.logout()
    assert _sign_in(client, "maria", RIGHT, REMOTE_ADDR="10.0.0.2").status_code == 302
    client.logout()
    # The same account written differently is the same account.
    assert _sign_in(client, "MARIA", RIGHT).status_code == 429


def test_the_pause_ends_after_the_window(client):
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.db.models import F

    UserFactory(username="maria")
    _fail(client)
    assert _sign_in(client, "maria", RIGHT).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(seconds=WINDOW + 1))
    assert _sign_in(client, "maria", RIGHT).status_code == 302
    assert _signed_in(client)


def test_a_successful_sign_in_clears_the_failures(client):
    UserFactory(username="maria")
    _fail(client, times=LIMIT - 1)
    assert _sign_in(client, "maria", RIGHT).status_code == 302
    client.logout()
    _fail(client, times=LIMIT - 1)
    assert _sign_in(client, "maria", RIGHT).status_code == 302


def test_behind_a_proxy_a_made_up_first_entry_gives_no_fresh_limit(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    UserFactory(username="maria")
    via = {"REMOTE_ADDR": "10.9.9.9"}
    _fail(client, HTTP_X_FORWARDED_FOR="198.51.100.1", **via)
    spoofed = _sign_in(client, "maria", RIGHT, HTTP_X_FORWARDED_FOR="7.7.7.7, 198.51.100.1", **via)
    assert spoofed.status_code == 429
    other = _sign_in(client, "maria", RIGHT, HTTP_X_FORWARDED_FOR="198.51.100.2", **via)
    assert other.status_code == 302


def test_admin_sign_in_is_refused_after_the_limit_even_with_the_right_password(client):
    UserFactory(username="chef", is_staff=True, is_superuser=True)
    admin_login = reverse("admin:login")
    for _ in range(LIMIT):
        _sign_in(client, "chef", "fel-lösen", path=admin_login)
    response = _sign_in(client, "chef", RIGHT, path=admin_login)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert "För många misslyckade inloggningsförsök" in response.content.decode()
    assert client.get(reverse("admin:index")).status_code == 302


def test_failures_on_the_admin_and_the_sign_in_page_add_up(client):
    UserFactory(username="chef", is_staff=True)
    _fail(client, "chef", times=LIMIT - 1)
    _sign_in(client, "chef", "fel-lösen", path=reverse("admin:login"))
    assert _sign_in(client, "chef", RIGHT).status_code == 429


def test_api_clients_get_json_429_with_retry_after():
    from handslag.accounts.signin import lockout_response

    request = RequestFactory().post("/api/v1/me", REMOTE_ADDR="10.0.0.1")
    response = lockout_response(request, None, {"username": "maria"})
    assert response.status_code == 429
    assert response["Content-Type"].startswith("application/json")
    assert "För många misslyckade inloggningsförsök" in json.loads(response.content)["detail"]
    assert int(response["Retry-After"]) == WINDOW


def _redis_url() -> str | None:
    import os
    import socket

    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    host, port = url.split("//", 1)[1].split("/", 1)[0].split(":")
    try:
        socket.create_connection((host, int(port)), timeout=0.5).close()
    except OSError:
        return None
    return url


def test_with_redis_the_failures_are_counted_there(client, settings):
    """With REDIS_URL set, axes counts in the Redis cache (shared by every process) and
    the database holds no attempts."""
    import uuid

    from axes.models import AccessAttempt

    pytest.importorskip("redis", reason="pip install 'handslag[redis]' to test with Redis")
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis server to test against")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        }
    }
    settings.AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
    UserFactory(username="maria")
    _fail(client)
    response = _sign_in(client, "maria", RIGHT)
    assert response.status_code == 429
    assert not _signed_in(client)
    assert int(response["Retry-After"]) == WINDOW
    assert not AccessAttempt.objects.exists()


def test_redis_url_selects_the_cache_store_and_the_database_is_the_default():
    import subprocess
    import sys
    from pathlib import Path

    code = "from config import settings; print(settings.AXES_HANDLER)"
    root = Path(__file__).resolve().parents[3]

    def handler(**env: str) -> str:
        clean = {"PATH": "/usr/bin:/bin", **env}
        return subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], cwd=root, env=clean, capture_output=True, text=True
        ).stdout.strip()

    assert handler() == "axes.handlers.database.AxesDatabaseHandler"
    assert handler(REDIS_URL="redis://127.0.0.1:6379/0") == "axes.handlers.cache.AxesCacheHandler"
