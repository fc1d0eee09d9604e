"""Who reads a lesson, level by level and person by person: by id, in the list, in a search,
on the page and through the API. The list and the single lesson follow one rule."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from handslag.accounts.models import BuyerNetwork, NetworkMembership
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.knowledge.models import Lesson, Visibility
from handslag.knowledge.permissions import access_lesson, can_view_lesson
from handslag.knowledge.selectors import lesson_list_visible
from handslag.knowledge.services import lesson_create
from handslag.projects.models import ProjectMember
from handslag.testing.api import bearer as _auth

pytestmark = pytest.mark.django_db

PEOPLE = ("author", "team", "same_org", "network", "outside_buyer", "supplier", "anonymous")

# Who reads a lesson at each level.
READERS = {
    Visibility.PRIVATE: {"author", "team"},
    Visibility.ORGANISATION: {"author", "same_org"},
    Visibility.NETWORK: {"author", "same_org", "network"},
    Visibility.PUBLIC: {"author", "team", "same_org", "network", "outside_buyer", "supplier"},
}


@pytest.fixture
def people(project, lead, org) -> dict:
    """The author (the project lead) and one person of every other kind."""
    advisor_org = buyer(name="Konsultbolaget")
    team = member(advisor_org, OrganisationRole.STAFF, username="advisor")
    ProjectMember.objects.create(project=project, user=team, role=ProjectRole.EXTERNAL_ADVISOR)
    neighbour = buyer(name="Grannkommunen")
    network = BuyerNetwork.objects.create(name="Smålandsnätet", created_by=lead)
    NetworkMembership.objects.create(network=network, organisation=org)
    NetworkMembership.objects.create(network=network, organisation=neighbour)
    # A network the lesson's organisation is not in: its members are still outside.
    elsewhere = BuyerNetwork.objects.create(name="Norrlandsnätet", created_by=lead)
    outside = buyer(name="Annan kommun")
    NetworkMembership.objects.create(network=elsewhere, organisation=outside)
    NetworkMembership.objects.create(network=elsewhere, organisation=advisor_org)
    return {
        "author": lead,
        "team": team,
        "same_org": member(org, OrganisationRole.STAFF, username="colleague"),
        "network": member(neighbour, OrganisationRole.PROCUREMENT_OFFICER, username="neighbour"),
        "outside_buyer": member(outside, OrganisationRole.PROCUREMENT_OFFICER, username="out"),
        "supplier": member(supplier(name="Sensorbolaget"), OrganisationRole.ADMIN, username="sup"),
        "anonymous": AnonymousUser(),
    }


def _lesson(project, lead, org, visibility) -> Lesson:
    return lesson_create(
        actor=lead,
        organisation=org,
        project=project,
        title=f"Riskdelning {visibility}",
        execution="Riskdelning i avtalet",
        visibility=visibility,
    )


@pytest.mark.parametrize("visibility", list(READERS), ids=str)
def test_each_level_for_each_kind_of_person(client, project, lead, org, people, visibility):
    item = _lesson(project, lead, org, visibility)
    seen = {}
    for name, user in people.items():
        checks = {
            "predicate": can_view_lesson(user=user, lesson=item),
            "list": item in lesson_list_visible(user=user),
            "search": item in lesson_list_visible(user=user, query="riskdelning"),
            "project list": item in lesson_list_visible(user=user).filter(project=project),
        }
        try:
            checks["access"] = access_lesson(user=user, lesson_id=item.pk) == item
        except Http404:
            checks["access"] = False
        client.logout()
        if user.is_authenticated:
            client.force_login(user)
            page = client.get(f"/knowledge/lessons/{item.pk}/")
            checks["page"] = page.status_code == 200
            listing = client.get("/knowledge/lessons/").text
            checks["page list"] = f"/knowledge/lessons/{item.pk}/" in listing
            found = client.get("/knowledge/lessons/", {"q": "riskdelning"}).text
            checks["page search"] = f"/knowledge/lessons/{item.pk}/" in found
            client.logout()
            token = _auth(user)
            one = client.get(f"/api/v1/knowledge/lessons/{item.pk}", **token)
            checks["api"] = one.status_code == 200
            assert one.status_code in {200, 404}
            ids = [
                x["id"] for x in client.get("/api/v1/knowledge/lessons", **token).json()["items"]
            ]
            checks["api list"] = item.pk in ids
            hits = client.get("/api/v1/knowledge/lessons", {"q": "riskdelning"}, **token).json()
            checks["api search"] = item.pk in [x["id"] for x in hits["items"]]
        else:
            page = client.get(f"/knowledge/lessons/{item.pk}/")
            checks["page"] = page.status_code == 200
            checks["api"] = client.get(f"/api/v1/knowledge/lessons/{item.pk}").status_code == 200
        expected = name in READERS[visibility]
        assert set(checks.values()) == {expected}, (name, checks)
        seen[name] = expected
    assert {n for n, s in seen.items() if s} == READERS[visibility]


def test_the_list_and_the_single_lesson_agree_for_every_lesson(project, lead, org, people):
    lessons = [_lesson(project, lead, org, v) for v in READERS]
    for user in people.values():
        listed = set(lesson_list_visible(user=user))
        assert listed == {x for x in lessons if can_view_lesson(user=user, lesson=x)}
        assert listed == set(Lesson.objects.visible_to(user))


def test_a_private_lesson_without_a_project_is_its_authors(org, people):
    item = lesson_create(
        actor=people["same_org"],
        organisation=org,
        title="Egen anteckning",
        design="x",
        visibility=Visibility.PRIVATE,
    )
    readers = {n for n, u in people.items() if can_view_lesson(user=u, lesson=item)}
    assert readers == {"same_org"}


def test_leaving_the_network_ends_the_reading(project, lead, org, people):
    item = _lesson(project, lead, org, Visibility.NETWORK)
    assert can_view_lesson(user=people["network"], lesson=item)
    NetworkMembership.objects.filter(organisation__name="Grannkommunen").delete()
    assert not can_view_lesson(user=people["network"], lesson=item)
    assert item not in lesson_list_visible(user=people["network"])
