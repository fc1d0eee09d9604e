"""Pages: wiring, what they show (and never show), and errors that change nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.market.tests.factories import ApplicationFactory, CallFactory, ready_to_publish

pytestmark = pytest.mark.django_db


def _local(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_public_list_shows_published_calls_and_an_empty_state(client, cast):
    CallFactory(status=CallStatus.DRAFT, published_at=None, title="Secret draft")
    response = client.get(reverse("market:public_call_list"))
    assert response.status_code == 200
    assert cast.call.title in response.text
    assert "Secret draft" not in response.text
    cast.call.delete()
    response = client.get(reverse("market:public_call_list"))
    assert 'class="empty"' in response.text


def test_public_list_is_paginated(client, db):
    for _ in range(27):
        CallFactory()
    response = client.get(reverse("market:public_call_list"))
    assert len(response.context["calls"]) == 25
    assert len(client.get(reverse("market:public_call_list") + "?page=2").context["calls"]) == 2


def test_public_detail_shows_the_call_but_never_internals_or_applicants(client, cast):
    Call.objects.filter(pk=cast.call.pk).update(internal_notes="Budget ceiling 2 MSEK")
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    ApplicationFactory(call=cast.call, supplier=cast.supplier_b)
    for who in (None, cast.user_b, cast.team_member):
        if who:
            client.force_login(who)
        response = client.get(reverse("market:public_call_detail", args=[cast.call.pk]))
        text = response.text
        assert cast.call.title in text
        assert cast.need.problem in text
        assert "Water used for irrigation" in text  # the indicator
        assert cast.project.organisation.name in text
        assert "Budget ceiling" not in text
        assert cast.supplier_a.name not in text
        assert cast.supplier_b.name not in text
        # Nothing that counts applications or tenders reaches the public page.
        assert not {"applications", "status_counts", "page_obj"} & set(response.context.keys())


def test_deadlines_are_shown_in_swedish_time(client, cast):
    deadline = dt.datetime(2030, 6, 3, 23, 30, tzinfo=dt.UTC)  # 01:30 on 4 June in Sweden
    Call.objects.filter(pk=cast.call.pk).update(
        application_deadline=deadline, tender_deadline=deadline + dt.timedelta(days=40)
    )
    text = client.get(reverse("market:public_call_detail", args=[cast.call.pk])).text
    assert "4 juni 2030 01:30" in text


def test_buyer_page_shows_applications_to_the_team_only(client, cast):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    Call.objects.filter(pk=cast.call.pk).update(internal_notes="Budget ceiling 2 MSEK")
    client.force_login(cast.team_member)
    text = client.get(reverse("market:call_detail", args=[cast.call.pk])).text
    assert cast.supplier_a.name in text and "Budget ceiling" in text
    client.force_login(cast.colleague)
    text = client.get(reverse("market:call_detail", args=[cast.call.pk])).text
    assert cast.supplier_a.name not in text and "Budget ceiling" in text


def test_create_form_is_prefilled_from_the_needs(client, cast):
    client.force_login(cast.manager)
    response = client.get(reverse("market:call_create", args=[cast.project.pk]))
    assert response.status_code == 200
    assert cast.need.problem in response.text


def test_create_saves_a_draft_and_redirects(client, cast):
    client.force_login(cast.manager)
    now = timezone.now()
    response = client.post(
        reverse("market:call_create", args=[cast.project.pk]),
        {
            "title": "Smarter irrigation",
            "summary": "Less water",
            "legal_procedure": "innovation_partnership",
            "application_deadline": _local(now + dt.timedelta(days=40)),
            "tender_deadline": _local(now + dt.timedelta(days=80)),
            "max_partners": 2,
        },
    )
    call = Call.objects.get(title="Smarter irrigation")
    assert response.status_code == 302
    assert response["Location"] == reverse("market:call_detail", args=[call.pk])
    assert call.status == CallStatus.DRAFT and call.max_partners == 2
    assert call.reference.startswith("HSL-")


def test_create_with_deadlines_in_the_wrong_order_shows_the_error(client, cast):
    client.force_login(cast.manager)
    now = timezone.now()
    response = client.post(
        reverse("market:call_create", args=[cast.project.pk]),
        {
            "title": "Wrong order",
            "legal_procedure": "innovation_partnership",
            "application_deadline": _local(now + dt.timedelta(days=40)),
            "tender_deadline": _local(now + dt.timedelta(days=10)),
            "max_partners": 1,
        },
    )
    assert response.status_code == 400
    assert "error-summary" in response.text
    assert not Call.objects.filter(title="Wrong order").exists()


def test_publish_page_lists_what_is_missing_then_publishes(client, cast):
    now = timezone.now()
    draft = CallFactory(
        project=cast.project,
        status=CallStatus.DRAFT,
        published_at=None,
        application_deadline=now + dt.timedelta(days=5),
        tender_deadline=now + dt.timedelta(days=90),
    )
    client.force_login(cast.manager)
    url = reverse("market:call_publish", args=[draft.pk])
    page = client.get(url)
    assert page.status_code == 200
    for code in ("application_period_too_short", "selection_criteria", "award_criteria"):
        assert f'data-code="{code}"' in page.text
    assert "LOU 11 kap. 3 §" in page.text
    assert reverse("evaluation:criteria", args=[draft.pk]) in page.text
    assert reverse("evaluation:evaluation_model", args=[draft.pk]) in page.text
    assert reverse("market:call_edit", args=[draft.pk]) in page.text
    assert 'action="' + url not in page.text  # no publish button while anything is missing
    refused = client.post(url)
    assert refused.status_code == 400
    assert "Utlysningen publicerades inte" in refused.text
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT
    Call.objects.filter(pk=draft.pk).update(application_deadline=now + dt.timedelta(days=45))
    draft.refresh_from_db()
    ready_to_publish(draft, cast.manager)
    page = client.get(url)
    assert "data-code=" not in page.text
    response = client.post(url)
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == CallStatus.PUBLISHED
    again = client.post(url)
    assert again.status_code == 400


def test_publish_page_is_the_managers(client, cast):
    draft = CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)
    url = reverse("market:call_publish", args=[draft.pk])
    client.force_login(cast.team_member)
    assert client.get(url).status_code == 403
    client.force_login(cast.outsider)
    assert client.get(url).status_code == 404
    client.force_login(cast.user_a)
    assert client.post(url).status_code == 404
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT


def test_a_published_call_never_says_its_criteria_are_not_published(client, cast):
    page = client.get(reverse("market:public_call_detail", args=[cast.call.pk]))
    assert page.status_code == 200
    assert "Tilldelningskriterierna har inte publicerats" not in page.text


def test_publish_with_past_deadline_shows_the_error(client, cast):
    draft = CallFactory(
        project=cast.project,
        status=CallStatus.DRAFT,
        published_at=None,
        application_deadline=timezone.now() - dt.timedelta(days=1),
    )
    client.force_login(cast.manager)
    response = client.post(reverse("market:call_publish", args=[draft.pk]))
    assert response.status_code == 400
    assert "error-summary" in response.text
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT


def test_edit_a_draft(client, cast):
    now = timezone.now()
    draft = CallFactory(
        project=cast.project,
        status=CallStatus.DRAFT,
        published_at=None,
        application_deadline=now + dt.timedelta(days=45),
        tender_deadline=now + dt.timedelta(days=90),
    )
    client.force_login(cast.manager)
    url = reverse("market:call_edit", args=[draft.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title": "Edited",
            "summary": "x",
            "legal_procedure": "competitive_dialogue",
            "max_partners": 1,
            "application_deadline": _local(draft.application_deadline),
            "tender_deadline": _local(draft.tender_deadline),
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.legal_procedure) == ("Edited", "competitive_dialogue")


def test_cancel_needs_a_reason(client, cast):
    client.force_login(cast.manager)
    url = reverse("market:call_cancel", args=[cast.call.pk])
    assert client.post(url, {"reason": ""}).status_code == 400
    assert client.post(url, {"ground": "other", "reason": "No budget"}).status_code == 200
    confirmed = {"ground": "other", "reason": "No budget", "confirmed": "yes"}
    assert client.post(url, confirmed).status_code == 302
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.CANCELLED
    text = client.get(reverse("market:public_call_detail", args=[cast.call.pk])).text
    assert "No budget" in text


def test_supplier_applies_and_sees_the_application(client, cast):
    client.force_login(cast.user_a)
    url = reverse("market:application_create", args=[cast.call.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"supplier": cast.supplier_a.pk, "text": "We can do it."})
    application = Application.objects.get()
    assert response["Location"] == reverse("market:application_detail", args=[application.pk])
    assert application.supplier == cast.supplier_a
    again = client.post(url, {"supplier": cast.supplier_a.pk, "text": "Twice"})
    assert again.status_code == 400
    assert Application.objects.count() == 1


def test_apply_for_another_organisation_is_refused(client, cast):
    client.force_login(cast.user_a)
    response = client.post(
        reverse("market:application_create", args=[cast.call.pk]),
        {"supplier": cast.supplier_b.pk, "text": "Pretend"},
    )
    assert response.status_code == 400  # not one of the choices
    assert not Application.objects.exists()


def test_apply_after_the_deadline_is_refused(client, cast):
    Call.objects.filter(pk=cast.call.pk).update(
        application_deadline=timezone.now() - dt.timedelta(seconds=1)
    )
    client.force_login(cast.user_a)
    response = client.post(
        reverse("market:application_create", args=[cast.call.pk]),
        {"supplier": cast.supplier_a.pk, "text": "Late"},
    )
    assert response.status_code == 400
    assert not Application.objects.exists()


def test_withdraw_behind_a_confirmation(client, cast):
    application = ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    client.force_login(cast.user_a)
    url = reverse("market:application_withdraw", args=[application.pk])
    assert "confirm" in client.get(url).text
    client.post(url)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_decide_and_invite(client, cast):
    application = ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    client.force_login(cast.manager)
    url = reverse("market:application_decide", args=[application.pk])
    assert client.post(url, {"decision": "qualify", "reason": ""}).status_code == 400
    assert client.post(url, {"decision": "qualify", "reason": "Strong"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.QUALIFIED
    # Before the application deadline the invitation is refused with a message.
    client.post(reverse("market:application_invite", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.QUALIFIED
    Call.objects.filter(pk=cast.call.pk).update(
        application_deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    invite_all = reverse("market:call_invite_qualified", args=[cast.call.pk])
    assert cast.supplier_a.name in client.get(invite_all).text
    client.post(invite_all)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INVITED


def test_supplier_home_lists_own_applications_invitations_and_open_calls(client, cast):
    invited = ApplicationFactory(
        call=cast.call, supplier=cast.supplier_a, status=ApplicationStatus.INVITED
    )
    other = CallFactory(title="Digital meal ordering")
    ApplicationFactory(call=other, supplier=cast.supplier_b, decision_reason="Hidden reason")
    client.force_login(cast.user_a)
    response = client.get(reverse("market:supplier_home"))
    text = response.text
    assert response.status_code == 200
    assert invited.call.title in text
    assert "Digital meal ordering" in text  # open and not applied to
    assert "Hidden reason" not in text
    tender_url = response.context["invitations"][0].call_id
    assert tender_url == cast.call.pk


def test_supplier_home_empty_states(client, cast):
    client.force_login(cast.user_b)
    text = client.get(reverse("market:supplier_home")).text
    assert text.count('class="empty"') >= 2


def test_english_on_request(client, cast):
    client.cookies["django_language"] = "en"
    text = client.get(reverse("market:public_call_detail", args=[cast.call.pk])).text
    assert "Deadline for applications" in text
    client.cookies["django_language"] = "sv"
    text = client.get(reverse("market:public_call_detail", args=[cast.call.pk])).text
    assert "Sista dag för ansökningar" in text
