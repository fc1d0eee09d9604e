import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from handslag.knowledge.models import Visibility
from handslag.knowledge.permissions import access_lesson, can_view_lesson
from handslag.knowledge.selectors import lesson_list_visible
from handslag.knowledge.services import lesson_create

pytestmark = pytest.mark.django_db


def lesson(project, lead, org, visibility):
    return lesson_create(
        actor=lead,
        organisation=org,
        project=project,
        title=f"Lärdom {visibility}",
        design="Design",
        visibility=visibility,
    )


@pytest.mark.parametrize(
    ("visibility", "need_owner_sees", "colleague_sees", "outsider_sees"),
    [
        (Visibility.PRIVATE, True, False, False),
        (Visibility.ORGANISATION, True, True, False),
        # A buyer outside every network of the lesson's organisation does not read it.
        (Visibility.NETWORK, True, True, False),
        (Visibility.PUBLIC, True, True, True),
    ],
)
def test_visibility(
    project,
    lead,
    org,
    need_owner,
    colleague,
    outsider,
    visibility,
    need_owner_sees,
    colleague_sees,
    outsider_sees,
):
    item = lesson(project, lead, org, visibility)
    assert can_view_lesson(user=need_owner, lesson=item) is need_owner_sees
    assert can_view_lesson(user=colleague, lesson=item) is colleague_sees
    assert can_view_lesson(user=outsider, lesson=item) is outsider_sees
    assert (item in lesson_list_visible(user=colleague)) is colleague_sees
    assert (item in lesson_list_visible(user=outsider)) is outsider_sees
    assert not can_view_lesson(user=AnonymousUser(), lesson=item)
    if not outsider_sees:
        with pytest.raises(Http404):
            access_lesson(user=outsider, lesson_id=item.pk)


def test_search_matches_the_three_questions(project, lead, org):
    lesson_create(
        actor=lead, organisation=org, project=project, title="A", execution="Riskdelning i avtalet"
    )
    lesson_create(
        actor=lead, organisation=org, project=project, title="B", results="Färre transporter"
    )
    assert [x.title for x in lesson_list_visible(user=lead, query="riskdelning")] == ["A"]
    assert [x.title for x in lesson_list_visible(user=lead, query="transporter")] == ["B"]
    assert len(lesson_list_visible(user=lead, query="")) == 2
