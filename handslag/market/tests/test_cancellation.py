"""Cancelling a procurement: the grounds and reasons, the confirmation, the notices to
every candidate and tenderer (LOU 12 kap. 12 §), and the call's pages afterwards."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member, supplier
from handslag.audit.models import AuditEntry
from handslag.market import extensions, services
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Application, ApplicationStatus, CallStatus, CancelGround
from handslag.market.tests.factories import ApplicationFactory, CallFactory
from handslag.testing.api import bearer

pytestmark = pytest.mark.django_db


def _entries(call) -> int:
    return AuditEntry.objects.filter(
        action=MarketAction.CALL_CANCEL, target_id=str(call.pk)
    ).count()


@pytest.mark.parametrize(
    ("reason", "ground", "field"),
    [("  ", "no_tenders", "reason"), ("x" * 5001, "other", "reason"), ("Why", "bored", "ground")],
)
def test_refused_without_reasons_or_with_an_unknown_ground_changes_nothing(
    cast, reason, ground, field
):
    with pytest.raises(ValidationError) as error:
        services.call_cancel(actor=cast.manager, call=cast.call, reason=reason, ground=ground)
    assert field in error.value.message_dict
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.PUBLISHED and cast.call.cancelled_at is None
    assert _entries(cast.call) == 0


def test_the_decision_is_kept_on_the_call_and_in_the_audit_log(cast):
    services.call_cancel(
        actor=cast.manager,
        call=cast.call,
        ground=CancelGround.OVER_BUDGET,
        reason="Alla anbud översteg budgeten med mer än 40 procent.",
    )
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.CANCELLED
    assert cast.call.cancelled_at is not None
    assert cast.call.cancel_ground == "over_budget"
    assert cast.call.stage == "cancelled"
    entry = AuditEntry.objects.get(action=MarketAction.CALL_CANCEL, target_id=str(cast.call.pk))
    assert entry.data["ground"] == "over_budget"
    assert entry.data["reason"].startswith("Alla anbud")


def test_only_the_call_managers_may_cancel(cast):
    for person in (cast.colleague, cast.outsider, cast.team_member, cast.user_a):
        with pytest.raises(PermissionDenied):
            services.call_cancel(actor=person, call=cast.call, reason="No")
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.PUBLISHED and _entries(cast.call) == 0


def test_an_awarded_call_cannot_be_cancelled(cast, monkeypatch):
    monkeypatch.setattr(extensions, "call_decided", lambda *, call: True)
    with pytest.raises(ValidationError):
        services.call_cancel(actor=cast.manager, call=cast.call, reason="Too late")
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.PUBLISHED


@override_settings(SITE_URL="https://handslag.example.se")
def test_every_candidate_and_tenderer_is_told_one_by_one_with_an_absolute_link(
    cast, mailoutbox, django_capture_on_commit_callbacks, monkeypatch
):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a)
    rejected = supplier(name="Avslagen AB")
    rejected_user = member(rejected, OrganisationRole.ADMIN)
    ApplicationFactory(call=cast.call, supplier=rejected, status=ApplicationStatus.REJECTED)
    # A tenderer that never applied (an open procedure), told of by tendering.
    tenderer = supplier(name="Anbudsgivare AB")
    tenderer_user = member(tenderer, OrganisationRole.ADMIN)
    monkeypatch.setattr(extensions, "call_tenderer_ids", lambda *, call: {tenderer.pk})
    bystander = member(supplier(name="Utomstående AB"), OrganisationRole.ADMIN)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_cancel(
            actor=cast.manager,
            call=cast.call,
            ground=CancelGround.NEED_CHANGED,
            reason="Verksamheten har lagts ned.",
        )
    recipients = [m.to for m in mailoutbox]
    assert all(len(to) == 1 for to in recipients)  # nobody learns who else took part
    told = {to[0] for to in recipients}
    assert {cast.user_a.email, rejected_user.email, tenderer_user.email} <= told
    assert bystander.email not in told and cast.manager.email not in told
    body = mailoutbox[0].body
    assert "Verksamheten har lagts ned." in body
    assert f"https://handslag.example.se/market/calls/{cast.call.pk}/" in body
    assert cast.call.reference in mailoutbox[0].subject


def test_each_person_is_told_in_their_own_language(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a)
    english = member(cast.supplier_a, OrganisationRole.ADMIN)
    english.language = "en"
    english.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.call_cancel(
            actor=cast.manager,
            call=cast.call,
            ground=CancelGround.NEED_CHANGED,
            reason="Verksamheten har lagts ned.",
        )
    by_person = {m.to[0]: m for m in mailoutbox}
    assert "has been cancelled" in by_person[english.email].subject
    assert "Ground: The need has changed" in by_person[english.email].body
    assert "har avbrutits" in by_person[cast.user_a.email].subject
    assert "Grund:" in by_person[cast.user_a.email].body


def test_a_draft_cancelled_is_told_to_nobody(cast, mailoutbox, django_capture_on_commit_callbacks):
    draft = CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.call_cancel(actor=cast.manager, call=draft, reason="Not needed")
    assert mailoutbox == []


def test_the_page_asks_to_confirm_before_it_cancels(
    client, cast, mailoutbox, django_capture_on_commit_callbacks
):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a)
    client.force_login(cast.manager)
    url = reverse("market:call_cancel", args=[cast.call.pk])
    with translation.override("sv"):
        refused = client.post(
            url, {"ground": "no_tenders", "reason": ""}, HTTP_ACCEPT_LANGUAGE="sv"
        )
    assert refused.status_code == 400
    asked = client.post(url, {"ground": "no_acceptable", "reason": "Inget anbud klarade kraven."})
    assert asked.status_code == 200 and asked.context["confirming"]
    assert 'name="confirmed" value="yes"' in asked.text
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.PUBLISHED and mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url,
            {
                "ground": "no_acceptable",
                "reason": "Inget anbud klarade kraven.",
                "confirmed": "yes",
            },
        )
    assert done.status_code == 302
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.CANCELLED and cast.call.cancel_ground == "no_acceptable"
    assert [m.to for m in mailoutbox] == [[cast.user_a.email]]
    public = client.get(reverse("market:public_call_detail", args=[cast.call.pk])).text
    assert "Inget anbud klarade kraven." in public


def test_the_reasons_are_asked_for_in_swedish(client, cast):
    client.force_login(cast.manager)
    url = reverse("market:call_cancel", args=[cast.call.pk])
    response = client.post(url, {"ground": "no_tenders", "reason": ""}, HTTP_ACCEPT_LANGUAGE="sv")
    assert response.status_code == 400
    assert "Ange skälen för att avbryta annonsen." in response.text


def test_a_cancelled_calls_application_page_shows_the_notice_and_refuses_a_form(client, cast):
    services.call_cancel(actor=cast.manager, call=cast.call, reason="Budgeten drogs in.")
    client.force_login(cast.user_a)
    url = reverse("market:application_create", args=[cast.call.pk])
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="sv")
    assert page.status_code == 200
    assert "Budgeten drogs in." in page.text and 'name="text"' not in page.text
    sent = client.post(url, {"supplier": cast.supplier_a.pk, "text": "Vi kan."})
    assert sent.status_code == 400
    assert "avbrutits" in sent.text
    assert not Application.objects.filter(call=cast.call).exists()
    with pytest.raises(ValidationError) as error:
        services.application_create(
            actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="Vi kan."
        )
    assert "cancelled" in str(error.value) or "avbrutits" in str(error.value)


def test_api_cancels_on_a_ground_and_refuses_an_unknown_one(client, cast):
    url = f"/api/v1/market/buyer/calls/{cast.call.pk}/cancel"
    headers = bearer(cast.manager)
    bad = client.post(
        url, {"reason": "Why", "ground": "bored"}, content_type="application/json", **headers
    )
    assert bad.status_code == 400
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.PUBLISHED
    other = client.post(
        url, {"reason": "Nej"}, content_type="application/json", **bearer(cast.colleague)
    )
    assert other.status_code == 403
    ok = client.post(
        url,
        {"reason": "Behovet försvann.", "ground": "need_changed"},
        content_type="application/json",
        **headers,
    )
    assert ok.status_code == 200
    body = ok.json()
    assert body["status"] == "cancelled" and body["stage"] == "cancelled"
    assert body["cancel_ground"] == "need_changed" and body["cancelled_at"]
    supplier_side = client.post(
        f"/api/v1/market/calls/{cast.call.pk}/applications",
        {"text": "Vi kan."},
        content_type="application/json",
        **bearer(cast.user_a),
    )
    assert supplier_side.status_code == 400
    assert not Application.objects.filter(call=cast.call).exists()
