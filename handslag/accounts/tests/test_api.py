import pytest

from handslag.accounts import services
from handslag.accounts.tests.factories import buyer, member
from handslag.testing.api import bearer as _bearer

pytestmark = pytest.mark.django_db


def test_me_with_token(client):
    org = buyer(name="Växjö kommun")
    user = member(org, role="procurement_officer", username="maria")
    response = client.get("/api/v1/me", **_bearer(user))
    assert response.status_code == 200
    data = response.json()
    assert data["username"] == "maria"
    assert data["memberships"] == [
        {
            "organisation_id": org.pk,
            "organisation": "Växjö kommun",
            "kind": "buyer",
            "role": "procurement_officer",
        }
    ]


def test_me_with_session(client):
    client.force_login(member(buyer()))
    assert client.get("/api/v1/me").status_code == 200


def test_unauthenticated_gets_401_json_not_a_redirect(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert "detail" in response.json()


def test_revoked_and_forged_tokens_are_refused(client):
    user = member(buyer())
    issued = services.api_token_create(actor=user, name="t")
    services.api_token_revoke(actor=user, token=issued.token)
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.raw}").status_code == 401
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer hs_forged").status_code == 401


def test_inactive_users_token_is_refused(client):
    user = member(buyer())
    headers = _bearer(user)
    user.is_active = False
    user.save()
    assert client.get("/api/v1/me", **headers).status_code == 401


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "handslag API"


def test_preferences_through_the_api(client):
    user = member(buyer())
    url = "/api/v1/me/preferences"
    response = client.put(
        url,
        {"language": "en", "notification_delivery": "digest"},
        content_type="application/json",
        **_bearer(user),
    )
    assert response.status_code == 200, response.content
    assert response.json()["language"] == "en"
    assert response.json()["notification_delivery"] == "digest"
    user.refresh_from_db()
    assert (user.language, user.notification_delivery) == ("en", "digest")
    bad = client.put(
        url,
        {"language": "fi", "notification_delivery": "digest"},
        content_type="application/json",
        **_bearer(user),
    )
    assert bad.status_code == 400
    user.refresh_from_db()
    assert user.language == "en"
    anonymous = client.put(
        url, {"language": "sv", "notification_delivery": "instant"}, content_type="application/json"
    )
    assert anonymous.status_code == 401
