"""Joint projects started from a need statement: the page and the API (under needs/)."""

import pytest
from django.urls import reverse

from handslag.accounts.services import api_token_create
from handslag.needs import services
from handslag.needs.models import Visibility
from handslag.needs.tests.conftest import World, make_world
from handslag.projects.selectors import default_template

pytestmark = pytest.mark.django_db

WASTE = "Sopkärl töms efter schema även när de är tomma; sensorer för fyllnadsgrad i sopkärl."


@pytest.fixture
def world(db) -> World:
    return make_world()


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


PROBLEM = (
    "Sopkärl töms efter schema även när de är tomma. Sensorer som mäter fyllnadsgrad i "
    "sopkärlen skulle minska transporterna."
)


def _need(world, *, title="Smartare avfallshantering", problem=PROBLEM):
    return services.need_create(
        actor=world.officer, organisation=world.org, title=title, problem=problem
    )


def test_joint_project_from_similar_need(client, world):
    mine = _need(world)
    client.force_login(world.officer)
    url = (
        reverse("joint_projects:need_joint_project", args=[mine.pk]) + f"?with={world.other_org.pk}"
    )
    assert client.get(url).status_code == 200
    template = default_template()
    if template is None:
        pytest.skip("no procedure template shipped in this database")
    assert client.post(url, {"title": "Gemensamt", "template": template.pk}).status_code == 400
    response = client.post(
        url, {"title": "Gemensamt", "template": template.pk, "partner_buyers": [world.other_org.pk]}
    )
    assert response.status_code == 302
    project = mine.projects.get()
    assert list(project.partner_buyers.all()) == [world.other_org]
    client.force_login(world.staff)
    assert client.get(url).status_code == 403


def test_joint_project(client, world):
    template = default_template()
    if template is None:
        pytest.skip("no procedure template")
    need = services.need_create(
        actor=world.officer,
        organisation=world.org,
        title="Avfall",
        problem=WASTE,
        visibility=Visibility.BUYERS,
    )
    url = f"/api/v1/needs/statements/{need.pk}/joint-project"
    body = {"title": "Gemensamt", "template_id": template.pk, "partner_buyer_ids": []}
    assert (
        client.post(url, body, content_type="application/json", **_auth(world.officer)).status_code
        == 400
    )
    body["partner_buyer_ids"] = [world.supplier_org.pk]
    assert (
        client.post(url, body, content_type="application/json", **_auth(world.officer)).status_code
        == 400
    )
    body["partner_buyer_ids"] = [world.other_org.pk]
    assert (
        client.post(url, body, content_type="application/json", **_auth(world.staff)).status_code
        == 403
    )
    r = client.post(url, body, content_type="application/json", **_auth(world.officer))
    assert r.status_code == 201 and r.json()["partner_buyer_ids"] == [world.other_org.pk]
