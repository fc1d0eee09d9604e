import json

import pytest

from handslag.accounts.services import api_token_create
from handslag.needs.models import Challenge, ChallengeStatus, ExpectedEffect, NeedStatement
from handslag.needs.tests.factories import (
    ChallengeFactory,
    ExpectedEffectFactory,
    NeedStatementFactory,
)

pytestmark = pytest.mark.django_db

BASE = "/api/v1/needs"


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def _post(client, url, user, data, method="post"):
    body = data if isinstance(data, str) else json.dumps(data)
    return getattr(client, method)(url, body, content_type="application/json", **_auth(user))


def test_unauthenticated_is_401(client, world) -> None:
    challenge = ChallengeFactory(organisation=world.org)
    assert client.get(f"{BASE}/challenges").status_code == 401
    assert client.get(f"{BASE}/challenges/{challenge.pk}").status_code == 401
    assert (
        client.post(f"{BASE}/challenges", "{}", content_type="application/json").status_code == 401
    )
    assert client.get(f"{BASE}/statements").status_code == 401


def test_list_and_get_challenges(client, world) -> None:
    mine = ChallengeFactory(organisation=world.org, area="Avfall")
    ChallengeFactory(organisation=world.org, area="Parker", status=ChallengeStatus.PARKED)
    ChallengeFactory(organisation=world.other_org)
    response = client.get(f"{BASE}/challenges", **_auth(world.staff))
    assert response.status_code == 200
    assert response.json()["count"] == 2
    response = client.get(f"{BASE}/challenges?status=parked", **_auth(world.staff))
    assert [c["area"] for c in response.json()["items"]] == ["Parker"]
    assert client.get(f"{BASE}/challenges?status=bogus", **_auth(world.staff)).status_code == 422
    response = client.get(f"{BASE}/challenges/{mine.pk}", **_auth(world.staff))
    assert response.json()["title"] == mine.title
    assert (
        client.get(f"{BASE}/challenges/{mine.pk}", **_auth(world.other_officer)).status_code == 404
    )
    assert (
        client.get(f"{BASE}/challenges/{mine.pk}", **_auth(world.supplier_user)).status_code == 404
    )
    assert client.get(f"{BASE}/challenges", **_auth(world.supplier_user)).json()["count"] == 0


def test_create_challenge(client, world) -> None:
    data = {"organisation_id": world.org.pk, "title": "Snöröjning", "description": "Svårt"}
    response = _post(client, f"{BASE}/challenges", world.staff, data)
    assert response.status_code == 201
    assert response.json()["status"] == "submitted"
    response = _post(
        client, f"{BASE}/challenges", world.staff, {**data, "organisation_id": world.other_org.pk}
    )
    assert response.status_code == 404
    assert Challenge.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        "not json",
        "[]",
        json.dumps({"organisation_id": "x", "title": "a", "description": "b"}),
        json.dumps({"title": "a"}),
        json.dumps({"organisation_id": 1, "title": "a\u0000", "description": "b"}),
    ],
)
def test_malformed_challenge_is_4xx(client, world, body) -> None:
    response = _post(client, f"{BASE}/challenges", world.staff, body)
    assert 400 <= response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    assert not Challenge.objects.exists()


def test_invalid_challenge_is_400_with_errors(client, world) -> None:
    data = {"organisation_id": world.org.pk, "title": "x" * 300, "description": ""}
    response = _post(client, f"{BASE}/challenges", world.staff, data)
    assert response.status_code == 400
    assert set(response.json()["errors"]) >= {"title", "description"}


def test_triage_refine_and_forbidden(client, world) -> None:
    challenge = ChallengeFactory(organisation=world.org)
    url = f"{BASE}/challenges/{challenge.pk}/triage"
    assert _post(client, url, world.staff, {"outcome": "refine"}).status_code == 403
    assert _post(client, url, world.other_officer, {"outcome": "refine"}).status_code == 404
    assert _post(client, url, world.officer, {"outcome": "explode"}).status_code == 422
    assert _post(client, url, world.officer, {"outcome": "decline"}).status_code == 400
    response = _post(client, url, world.officer, {"outcome": "refine"})
    assert response.status_code == 200
    need_id = response.json()["need_id"]
    assert response.json()["challenge"]["status"] == "refined"
    assert response.json()["challenge"]["need_ids"] == [need_id]
    # Wrong state: it has been triaged already.
    assert _post(client, url, world.officer, {"outcome": "park", "reason": "x"}).status_code == 400


def test_triage_merge(client, world) -> None:
    challenge = ChallengeFactory(organisation=world.org)
    into = ChallengeFactory(organisation=world.org)
    foreign = ChallengeFactory(organisation=world.other_org)
    url = f"{BASE}/challenges/{challenge.pk}/triage"
    body = {"outcome": "merge", "reason": "Samma"}
    assert (
        _post(client, url, world.officer, {**body, "merge_into_id": foreign.pk}).status_code == 404
    )
    response = _post(client, url, world.officer, {**body, "merge_into_id": challenge.pk})
    assert response.status_code == 400
    assert "merge_into" in response.json()["errors"]
    response = _post(client, url, world.officer, {**body, "merge_into_id": into.pk})
    assert response.json()["challenge"]["merged_into_id"] == into.pk


def test_publish_and_public_api(client, world) -> None:
    challenge = ChallengeFactory(organisation=world.org, submitted_by=world.staff)
    assert client.get(f"{BASE}/public/challenges/{challenge.pk}").status_code == 404
    url = f"{BASE}/challenges/{challenge.pk}/publish"
    assert _post(client, url, world.staff, {}).status_code == 403
    assert _post(client, url, world.officer, {}).json()["is_published"] is True
    assert _post(client, url, world.officer, {}).status_code == 400
    listing = client.get(f"{BASE}/public/challenges")
    assert listing.status_code == 200
    item = listing.json()["items"][0]
    assert set(item) == {
        "id",
        "title",
        "description",
        "affected",
        "area",
        "organisation",
        "published_at",
    }
    assert "triage_reason" not in json.dumps(listing.json())
    assert client.get(f"{BASE}/public/challenges/{challenge.pk}").status_code == 200
    _post(client, f"{BASE}/challenges/{challenge.pk}/unpublish", world.officer, {})
    assert client.get(f"{BASE}/public/challenges/{challenge.pk}").status_code == 404


def test_need_crud(client, world) -> None:
    data = {"organisation_id": world.org.pk, "title": "Bevattning", "problem": "Manuellt"}
    assert _post(client, f"{BASE}/statements", world.staff, data).status_code == 403
    assert (
        _post(
            client,
            f"{BASE}/statements",
            world.officer,
            {**data, "organisation_id": world.other_org.pk},
        ).status_code
        == 404
    )
    response = _post(client, f"{BASE}/statements", world.officer, data)
    assert response.status_code == 201
    need_id = response.json()["id"]
    url = f"{BASE}/statements/{need_id}"
    assert client.get(url, **_auth(world.staff)).status_code == 200
    assert client.get(url, **_auth(world.other_officer)).status_code == 404
    assert client.get(url, **_auth(world.supplier_user)).status_code == 404
    response = _post(client, url, world.officer, {"target_group": "Parkförvaltningen"}, "patch")
    assert response.json()["target_group"] == "Parkförvaltningen"
    assert _post(client, url, world.staff, {"target_group": "x"}, "patch").status_code == 403
    assert _post(client, url, world.officer, {"problem": None}, "patch").status_code == 422
    assert _post(client, url, world.officer, {"market_check": "maybe"}, "patch").status_code == 422
    assert _post(client, url, world.officer, {}, "patch").status_code == 400
    assert _post(client, url, world.officer, {"problem": ""}, "patch").status_code == 400
    listing = client.get(f"{BASE}/statements", **_auth(world.staff)).json()
    assert [n["id"] for n in listing["items"]] == [need_id]
    completeness = client.get(f"{url}/completeness", **_auth(world.staff)).json()
    assert completeness["percent"] == 33
    assert completeness["ready"] is False


def test_effects(client, world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    url = f"{BASE}/statements/{need.pk}/effects"
    effect = {
        "description": "Färre transporter",
        "indicator": "Antal tömningstransporter per månad",
        "unit": "st",
        "baseline": "120",
        "target": 80,
        "direction": "decrease",
    }
    missing = {k: v for k, v in effect.items() if k != "direction"}
    assert _post(client, url, world.officer, missing).status_code == 422
    wrong_way = _post(client, url, world.officer, {**effect, "direction": "increase"})
    assert wrong_way.status_code == 400
    assert "target" in wrong_way.json()["errors"]
    assert not need.effects.exists()
    assert _post(client, url, world.staff, effect).status_code == 403
    assert _post(client, url, world.other_officer, effect).status_code == 404
    assert _post(client, url, world.officer, {**effect, "target": "120"}).status_code == 400
    assert _post(client, url, world.officer, {**effect, "baseline": "NaN"}).status_code == 422
    assert _post(client, url, world.officer, {**effect, "baseline": "1e30"}).status_code == 400
    assert _post(client, url, world.officer, {**effect, "unit": ""}).status_code == 400
    response = _post(client, url, world.officer, effect)
    assert response.status_code == 201
    effect_id = response.json()["id"]
    assert response.json()["direction"] == "decrease"
    effect_url = f"{BASE}/effects/{effect_id}"
    assert _post(client, effect_url, world.officer, {"target": "120"}, "patch").status_code == 400
    assert _post(client, effect_url, world.officer, {"target": "130"}, "patch").status_code == 400
    assert (
        _post(client, effect_url, world.officer, {"target": 60}, "patch").json()["target"]
        == "60.0000"
    )
    assert client.delete(effect_url, **_auth(world.staff)).status_code == 403
    assert client.delete(effect_url, **_auth(world.officer)).status_code == 204
    assert not ExpectedEffect.objects.exists()
    assert client.delete(effect_url, **_auth(world.officer)).status_code == 404


def test_other_org_effect_is_404(client, world) -> None:
    effect = ExpectedEffectFactory(need=NeedStatementFactory(organisation=world.other_org))
    url = f"{BASE}/effects/{effect.pk}"
    assert _post(client, url, world.officer, {"target": 1}, "patch").status_code == 404
    assert NeedStatement.objects.count() == 1
