"""External members (advisors, partner organisations) help a project but are not the buyer:
they never see who applied or who asked a question before the award."""

import pytest
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.market import permissions
from handslag.market.models import Question
from handslag.market.tests.factories import ApplicationFactory
from handslag.projects.tests.factories import ProjectMemberFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def advisor(cast):
    user = member(OrganisationFactory(kind="partner"))
    ProjectMemberFactory(project=cast.project, user=user, role=ProjectRole.EXTERNAL_ADVISOR)
    return user


def test_external_advisor_does_not_see_applications(cast, advisor):
    application = ApplicationFactory(
        call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a
    )
    assert permissions.can_see_applications(user=cast.team_member, call=cast.call)
    assert not permissions.can_see_applications(user=advisor, call=cast.call)
    with pytest.raises(Http404):
        permissions.access_application(user=advisor, application_id=application.pk)
    with pytest.raises((Http404, Exception)):
        permissions.access_call_applications(user=advisor, call_id=cast.call.pk)


def test_external_advisor_does_not_see_who_asked(cast, advisor, client):
    question = Question.objects.create(
        call=cast.call,
        supplier=cast.supplier_a,
        asked_by=cast.user_a,
        text="Vem frågar?",
        asked_at=timezone.now(),
    )
    assert permissions.can_see_questions(user=cast.team_member, call=cast.call)
    assert not permissions.can_see_questions(user=advisor, call=cast.call)
    with pytest.raises(Http404):
        permissions.access_question(user=advisor, question_id=question.pk)
    client.force_login(advisor)
    page = client.get(reverse("market:call_detail", args=[cast.call.pk]))
    assert cast.supplier_a.name not in page.content.decode()
