"""Public supplier sign-up is throttled per client address, page and API alike, with one
counter in the database that every server process shares."""

from datetime import timedelta

import pytest
from django.db.models import F
from django.urls import reverse

from handslag.accounts.models import AttemptCounter, Organisation, User
from handslag.accounts.tests.factories import valid_org_number
from handslag.market.tests.test_views_dialogue import _signup

pytestmark = pytest.mark.django_db

LIMIT = 3
WINDOW = 600
API = "/api/v1/market/suppliers/register"


@pytest.fixture(autouse=True)
def small_limit(settings):
    settings.SIGNUP_ATTEMPT_LIMIT = LIMIT
    settings.SIGNUP_ATTEMPT_WINDOW = WINDOW


def _unique(n: int, **changes) -> dict:
    return _signup(
        organisation_name=f"Köket {n} AB",
        org_number=valid_org_number(f"5{n}"),
        username=f"person-{n}",
        email=f"p{n}@koket.example",
        **changes,
    )


def _post(client, n: int, ip: str = "10.0.0.1", **changes):
    response = client.post(
        reverse("market:supplier_register"), _unique(n, **changes), REMOTE_ADDR=ip
    )
    client.logout()
    return response


def _counts() -> tuple[int, int]:
    return User.objects.count(), Organisation.objects.count()


def test_attempts_within_the_limit_are_allowed(client):
    for n in range(LIMIT):
        assert _post(client, n).status_code == 302
    assert User.objects.filter(username__startswith="person-").count() == LIMIT


def test_failed_attempts_count_too_and_then_429_in_swedish_creating_nothing(client):
    for n in range(LIMIT):
        assert _post(client, n, password_again="fel").status_code == 400
    before = _counts()
    response = _post(client, 9)
    assert response.status_code == 429
    assert "För många registreringsförsök" in response.text
    assert "error-summary" in response.text
    assert response["Retry-After"] == str(WINDOW)
    assert _counts() == before
    assert not User.objects.filter(username="person-9").exists()


def test_another_address_is_not_affected(client):
    for n in range(LIMIT):
        _post(client, n, ip="10.0.0.1")
    assert _post(client, 5, ip="10.0.0.1").status_code == 429
    assert _post(client, 6, ip="10.0.0.2").status_code == 302
    assert User.objects.filter(username="person-6").exists()


def test_the_window_expires(client):
    for n in range(LIMIT):
        _post(client, n)
    assert _post(client, 5).status_code == 429

    AttemptCounter.objects.update(window_start=F("window_start") - timedelta(seconds=WINDOW + 1))
    assert _post(client, 6).status_code == 302
    assert User.objects.filter(username="person-6").exists()


def test_the_count_is_kept_in_the_database_shared_by_every_server_process(client):
    """Each worker process has its own in-process cache; emptying it stands for the next
    attempt reaching another worker. The count must still hold."""
    from django.core.cache import cache

    for n in range(LIMIT):
        _post(client, n)
    cache.clear()
    assert _post(client, 5).status_code == 429


def test_sign_in_throttle_is_a_separate_counter(client):
    for n in range(LIMIT):
        _post(client, n)
    response = client.post(
        reverse("accounts:login"),
        {"username": "person-0", "password": "Ett-långt-lösen-42"},
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302


def test_api_sign_up_shares_the_limit_and_answers_429(client):
    for n in range(LIMIT - 1):
        _post(client, n)
    payload = {k: v for k, v in _unique(7).items() if k != "password_again"}
    payload["is_sme"] = True
    payload["is_nonprofit"] = False
    first = client.post(API, payload, content_type="application/json", REMOTE_ADDR="10.0.0.1")
    assert first.status_code == 201, first.content
    before = _counts()
    payload = {**payload, **{k: v for k, v in _unique(8).items() if k in payload}}
    payload["is_sme"] = True
    response = client.post(API, payload, content_type="application/json", REMOTE_ADDR="10.0.0.1")
    assert response.status_code == 429
    assert "För många registreringsförsök" in response.json()["detail"]
    assert response["Retry-After"] == str(WINDOW)
    assert _counts() == before


def test_behind_a_proxy_each_client_has_its_own_limit_and_cannot_spoof_it(client, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    proxy = "10.9.9.9"

    def via_proxy(n: int, forwarded: str):
        response = client.post(
            reverse("market:supplier_register"),
            _unique(n),
            REMOTE_ADDR=proxy,
            HTTP_X_FORWARDED_FOR=forwarded,
        )
        client.logout()
        return response

    for n in range(LIMIT):
        assert via_proxy(n, "198.51.100.1").status_code == 302
    # A made-up first entry does not give the same client a fresh limit.
    assert via_proxy(5, "7.7.7.7, 198.51.100.1").status_code == 429
    # Another client behind the same proxy is not affected.
    assert via_proxy(6, "198.51.100.2").status_code == 302
