"""API: support, comments, similar needs (privacy), exports, networks."""

import pytest

from handslag.accounts.services import api_token_create
from handslag.needs import services

pytestmark = pytest.mark.django_db

WASTE = "Sopkärl töms efter schema även när de är tomma; sensorer för fyllnadsgrad i sopkärl."


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def test_support_and_comments(client, world):
    c = services.challenge_submit(
        actor=world.staff, organisation=world.org, title="Sopor", description=WASTE
    )
    url = f"/api/v1/needs/challenges/{c.pk}"
    auth = _auth(world.officer)
    assert client.post(f"{url}/support", **auth).json() == {"count": 1, "mine": True}
    assert client.post(f"{url}/support", **auth).status_code == 400
    assert client.delete(f"{url}/support", **auth).json()["count"] == 0
    r = client.post(f"{url}/comments", {"text": "Ja"}, content_type="application/json", **auth)
    assert r.status_code == 201
    r = client.post(f"{url}/comments", {"text": " "}, content_type="application/json", **auth)
    assert r.status_code == 400
    assert client.get(f"{url}/comments", **auth).json()["items"][0]["text"] == "Ja"
    assert client.get(url, **auth).json()["comment_count"] == 1
    other = _auth(world.other_officer)
    assert client.post(f"{url}/support", **other).status_code == 404
    assert client.get(f"{url}/comments", **other).status_code == 404
    assert client.post(f"{url}/support").status_code == 401


def test_similar_needs_respect_visibility(client, world):
    secret = services.need_create(
        actor=world.other_officer, organisation=world.other_org, title="Hemlig", problem=WASTE
    )
    mine = services.need_create(
        actor=world.officer, organisation=world.org, title="Avfall", problem=WASTE
    )
    auth = _auth(world.officer)
    url = f"/api/v1/needs/statements/{mine.pk}/similar"
    assert client.get(url, **auth).json() == []
    r = client.patch(
        f"/api/v1/needs/statements/{secret.pk}",
        {"visibility": "buyers"},
        content_type="application/json",
        **_auth(world.other_officer),
    )
    assert r.status_code == 200 and r.json()["visibility"] == "buyers"
    found = client.get(url, **auth).json()
    assert [f["id"] for f in found] == [secret.pk] and 0 < found[0]["score"] <= 1
    assert client.get(f"/api/v1/needs/statements/{secret.pk}/similar", **auth).status_code == 404


def test_export_links(client, world):
    need = services.need_create(
        actor=world.officer, organisation=world.org, title="Avfall", problem=WASTE
    )
    links = client.get(f"/api/v1/needs/statements/{need.pk}/exports", **_auth(world.staff)).json()
    assert links["docx"].endswith("export.docx") and links["pdf"].endswith("export.pdf")


def test_network_flow(client, world):
    auth = _auth(world.officer)
    r = client.post(
        "/api/v1/needs/networks",
        {"organisation_id": world.org.pk, "name": "Syd"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201
    network_id = r.json()["id"]
    r = client.post(
        f"/api/v1/needs/networks/{network_id}/invitations",
        {"organisation_id": world.other_org.pk},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 201
    invitation_id = r.json()["id"]
    assert (
        client.post(
            f"/api/v1/needs/networks/invitations/{invitation_id}/accept", **auth
        ).status_code
        == 403
    )
    other = _auth(world.other_officer)
    assert [
        i["id"] for i in client.get("/api/v1/needs/networks/invitations", **other).json()["items"]
    ] == [invitation_id]
    r = client.post(f"/api/v1/needs/networks/invitations/{invitation_id}/accept", **other)
    assert r.json()["status"] == "accepted"
    assert client.get("/api/v1/needs/networks", **other).json()["items"][0][
        "organisation_ids"
    ] == sorted([world.org.pk, world.other_org.pk])
    r = client.post(
        "/api/v1/needs/networks",
        {"organisation_id": world.other_org.pk, "name": "X"},
        content_type="application/json",
        **auth,
    )
    assert r.status_code == 404
