import pytest
from django.urls import reverse

from handslag.knowledge.models import Lesson, Visibility
from handslag.knowledge.services import lesson_create

pytestmark = pytest.mark.django_db


def test_list_empty_state(client, lead):
    client.force_login(lead)
    response = client.get(reverse("knowledge:lesson_list"))
    assert response.status_code == 200 and 'class="empty"' in response.content.decode()


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("knowledge:lesson_list")).status_code == 302


def test_list_search_and_detail(client, project, lead, org, outsider):
    item = lesson_create(
        actor=lead,
        organisation=org,
        project=project,
        title="Tid och personal",
        execution="Tiden räckte inte.",
        visibility=Visibility.ORGANISATION,
    )
    client.force_login(lead)
    body = client.get(reverse("knowledge:lesson_list") + "?q=personal").content.decode()
    assert "Tid och personal" in body
    body = client.get(reverse("knowledge:lesson_list") + "?q=ingenting").content.decode()
    assert "Tid och personal" not in body
    assert client.get(reverse("knowledge:lesson_detail", args=[item.pk])).status_code == 200
    client.force_login(outsider)
    assert client.get(reverse("knowledge:lesson_detail", args=[item.pk])).status_code == 404


def test_create_from_a_project(client, project, need_owner):
    client.force_login(need_owner)
    url = reverse("knowledge:lesson_create", args=[project.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"title": "T", "visibility": "organisation"})
    assert response.status_code == 400
    response = client.post(url, {"title": "T", "results": "Bra", "visibility": "organisation"})
    assert response.status_code == 302
    assert Lesson.objects.get().project == project


def test_create_forbidden_for_colleague_and_404_for_outsider(client, project, colleague, outsider):
    url = reverse("knowledge:lesson_create", args=[project.pk])
    client.force_login(colleague)
    assert client.get(url).status_code == 403
    client.force_login(outsider)
    assert client.get(url).status_code == 404
