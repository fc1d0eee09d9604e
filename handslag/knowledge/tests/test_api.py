"""The knowledge API: its operations through ninja's test client, its mounting through Django's."""

import pytest
from django.urls import Resolver404, resolve
from ninja.testing import TestClient

from handslag.knowledge.api import router
from handslag.knowledge.models import Visibility
from handslag.knowledge.services import lesson_create

pytestmark = pytest.mark.django_db


def _mounted() -> bool:
    try:
        resolve("/api/v1/knowledge/lessons")
    except Resolver404:
        return False
    return True


@pytest.fixture
def api():
    return TestClient(router)


def test_router_is_mounted_and_requires_credentials(client):
    assert _mounted()
    assert client.get("/api/v1/knowledge/lessons").status_code == 401


def test_list_get_and_search(api, project, lead, org, outsider):
    item = lesson_create(
        actor=lead,
        organisation=org,
        project=project,
        title="Riskdelning",
        execution="x",
        visibility=Visibility.ORGANISATION,
    )
    data = api.get("/lessons?q=risk", user=lead).json()
    assert [x["id"] for x in data["items"]] == [item.pk]
    assert api.get(f"/lessons/{item.pk}", user=lead).status_code == 200
    assert api.get(f"/lessons/{item.pk}", user=outsider).status_code == 404
    assert api.get("/lessons", user=outsider).json()["items"] == []


def test_create_for_a_project(api, project, need_owner):
    response = api.post(
        "/lessons",
        json={
            "title": "T",
            "design": "D",
            "project_id": project.pk,
            "stage_id": project.stages.first().pk,
        },
        user=need_owner,
    )
    assert response.status_code == 201
    assert response.json()["project_id"] == project.pk


def test_create_for_a_foreign_project_is_404(api, project, outsider):
    response = api.post(
        "/lessons", json={"title": "T", "design": "D", "project_id": project.pk}, user=outsider
    )
    assert response.status_code == 404
