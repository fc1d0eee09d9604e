"""Who is told of an application, a qualification decision, an invitation and a question:
the right people only, each in their language, with an absolute link."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from handslag.accounts.models import Notification, NotificationDelivery
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member
from handslag.market import services
from handslag.market.models import ApplicationStatus
from handslag.market.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

SITE = "https://handslag.example.se"


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = SITE


def recipients() -> list[str]:
    assert all(len(m.to) == 1 for m in mail.outbox)
    return sorted(m.to[0] for m in mail.outbox)


def test_new_application_goes_to_the_calls_managers_only(cast, django_capture_on_commit_callbacks):
    advisor = member(buyer(name="Konsultbyrån"), OrganisationRole.STAFF)
    cast.project.members.create(user=advisor, role=ProjectRole.PROCUREMENT_OFFICER)
    cast.lead.language = "en"
    cast.lead.save()
    with django_capture_on_commit_callbacks(execute=True):
        application = services.application_create(
            actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="Vi klarar det."
        )
    # Lead and procurement officer; not the evaluator, the colleague outside the team,
    # another buyer, an external advisor in a manager's role, or any supplier.
    assert recipients() == sorted([cast.manager.email, cast.lead.email])
    by = {m.to[0]: m for m in mail.outbox}
    assert by[cast.manager.email].subject == f"Ny ansökan i {cast.call.reference}"
    assert by[cast.lead.email].subject == f"New application in {cast.call.reference}"
    assert f"{SITE}/market/applications/{application.pk}/" in by[cast.lead.email].body


@pytest.mark.parametrize("qualified", [True, False])
def test_qualification_decision_goes_to_that_supplier_only(
    cast, qualified, django_capture_on_commit_callbacks
):
    colleague_a = member(cast.supplier_a, OrganisationRole.STAFF, language="en")
    application = ApplicationFactory(
        call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a
    )
    ApplicationFactory(call=cast.call, supplier=cast.supplier_b, submitted_by=cast.user_b)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            actor=cast.manager, application=application, qualified=qualified, reason="Referenser"
        )
    assert recipients() == sorted([cast.user_a.email, colleague_a.email])
    by = {m.to[0]: m for m in mail.outbox}
    swedish, english = by[cast.user_a.email], by[colleague_a.email]
    if qualified:
        assert swedish.subject.endswith(": kvalificerad")
        assert english.subject.endswith(": qualified")
    else:
        assert swedish.subject.endswith(": inte kvalificerad")
        assert english.subject.endswith(": not qualified")
    assert "Skäl: Referenser" in swedish.body and "Reason: Referenser" in english.body
    assert cast.supplier_b.name not in swedish.body
    assert f"{SITE}/market/applications/{application.pk}/" in swedish.body


def test_invitation_to_tender_goes_to_each_invited_supplier_alone(
    cast, django_capture_on_commit_callbacks
):
    call = CallFactory(project=cast.project, tendering=True)
    a = ApplicationFactory(
        call=call, supplier=cast.supplier_a, submitted_by=cast.user_a,
        status=ApplicationStatus.QUALIFIED,
    )  # fmt: skip
    ApplicationFactory(
        call=call, supplier=cast.supplier_b, submitted_by=cast.user_b,
        status=ApplicationStatus.REJECTED,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        invited = services.application_invite_qualified(actor=cast.manager, call=call)
    assert invited == [a]
    assert recipients() == [cast.user_a.email]
    message = mail.outbox[0]
    assert message.subject == f"Inbjudan att lämna anbud i {call.reference}"
    assert f"{SITE}/tendering/calls/{call.pk}/submit/" in message.body
    local = timezone.localtime(call.tender_deadline)
    assert str(local.year) in message.body


def test_new_question_goes_to_the_managers_without_the_other_suppliers(
    cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.question_ask(
            actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="Får vi?"
        )
    assert recipients() == sorted([cast.manager.email, cast.lead.email])
    assert f"{SITE}/market/manage/{cast.call.pk}/questions/" in mail.outbox[0].body
    assert mail.outbox[0].subject == f"Ny fråga i {cast.call.reference}"


def test_answer_reaches_the_interested_in_their_language(cast, django_capture_on_commit_callbacks):
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a)
    cast.user_b.language = "en"
    cast.user_b.save()
    ApplicationFactory(call=cast.call, supplier=cast.supplier_b, submitted_by=cast.user_b)
    question = services.question_ask(
        actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="Får vi?"
    )
    now = timezone.now() + dt.timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        services.question_answer(actor=cast.manager, question=question, answer="Ja", now=now)
    by = {m.to[0]: m for m in mail.outbox}
    assert set(by) == {cast.user_a.email, cast.user_b.email}
    assert by[cast.user_a.email].subject.startswith("Nytt svar")
    assert by[cast.user_b.email].subject.startswith("New answer")
    assert f"{SITE}/market/calls/{cast.call.pk}/" in by[cast.user_b.email].body


def test_a_digest_reader_waits_for_a_decision_but_not_for_an_invitation(
    cast, django_capture_on_commit_callbacks
):
    cast.user_a.notification_delivery = NotificationDelivery.DIGEST
    cast.user_a.save()
    call = CallFactory(project=cast.project, tendering=True)
    application = ApplicationFactory(call=call, supplier=cast.supplier_a, submitted_by=cast.user_a)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_decide(
            actor=cast.manager,
            application=application,
            qualified=True,
            reason="Ok",
            now=call.published_at,
        )
    assert mail.outbox == []
    assert Notification.objects.get().kind == "qualification"
    with django_capture_on_commit_callbacks(execute=True):
        services.application_invite(actor=cast.manager, application=application)
    assert [m.to for m in mail.outbox] == [[cast.user_a.email]]
