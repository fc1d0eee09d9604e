"""The answering deadline (LOU 12 kap. 11 §) read as the organisation chose: the stricter
reading unless it recorded why it counts the deadline day; each call may still differ."""

import pytest
from django.core.exceptions import ValidationError

from handslag.accounts.services import api_token_create
from handslag.market import services

pytestmark = pytest.mark.django_db

REASON = "Vi följer Upphandlingsmyndighetens läsning av 12 kap. 11 §."
API = "/api/v1/market/buyer/calls"


def _count_the_day(organisation) -> None:
    organisation.answers_deadline_day_counts = True
    organisation.answers_reading_reason = REASON
    organisation.full_clean()
    organisation.save()


def test_a_new_call_reads_the_deadline_strictly_by_default(cast):
    call = services.call_create(actor=cast.manager, project=cast.project, title="Strikt")
    assert call.answers_deadline_day_counts is False and call.answers_reading_reason == ""


def test_a_new_call_starts_from_the_organisations_reading_and_its_reason(cast, client):
    _count_the_day(cast.project.organisation)
    call = services.call_create(actor=cast.manager, project=cast.project, title="Som org")
    assert call.answers_deadline_day_counts is True and call.answers_reading_reason == REASON
    # The call form starts from it too.
    client.force_login(cast.manager)
    form = client.get(f"/market/projects/{cast.project.pk}/calls/new/")
    assert form.status_code == 200
    assert REASON in form.text


def test_a_call_may_still_read_it_strictly(cast):
    _count_the_day(cast.project.organisation)
    call = services.call_create(
        actor=cast.manager,
        project=cast.project,
        title="Strikt ändå",
        answers_deadline_day_counts=False,
    )
    assert call.answers_deadline_day_counts is False


def test_the_api_leaves_it_to_the_organisation_unless_told(cast, client):
    _count_the_day(cast.project.organisation)
    token = api_token_create(actor=cast.manager, name="t").raw
    created = client.post(
        API,
        {"project_id": cast.project.pk, "title": "Via API"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert created.status_code == 201, created.content
    assert created.json()["answers_deadline_day_counts"] is True
    assert created.json()["answers_reading_reason"] == REASON


def test_an_organisation_must_give_its_reason(cast):
    organisation = cast.project.organisation
    organisation.answers_deadline_day_counts = True
    with pytest.raises(ValidationError) as refused:
        organisation.full_clean()
    assert "answers_reading_reason" in refused.value.message_dict
