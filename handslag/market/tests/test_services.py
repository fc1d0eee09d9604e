"""Rules of calls and applications, tested on the services directly."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.market import selectors, services
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.market.tests.factories import (
    ApplicationFactory,
    CallFactory,
    ProjectFactory,
    ready_to_publish,
    team_member,
)
from handslag.projects.models import ProjectStatus

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 10, 0))


def _draft(cast, **extra):
    data = {
        "application_deadline": NOW + dt.timedelta(days=40),
        "tender_deadline": NOW + dt.timedelta(days=80),
        "selection_criteria": "One relevant reference assignment.",
    }
    data.update(extra)
    return services.call_create(actor=cast.manager, project=cast.project, now=NOW, **data)


def _ready(cast, **extra):
    return ready_to_publish(_draft(cast, **extra), cast.manager, now=NOW)


# --- call_create ------------------------------------------------------------------------


def test_create_builds_a_draft_from_the_project_needs(cast):
    call = _draft(cast)
    assert call.status == CallStatus.DRAFT
    assert call.title == cast.project.title
    assert cast.need.problem in call.summary
    assert "Less water wasted" in call.summary and "12000" in call.summary
    assert call.partnership_description
    assert call.legal_procedure == "innovation_partnership"
    assert call.reference == "HSL-2026-0001"
    assert call.created_by == cast.manager
    assert AuditEntry.objects.filter(
        action=MarketAction.CALL_CREATE, target_id=str(call.pk)
    ).exists()


def test_references_count_up_within_the_year(cast):
    first = _draft(cast)
    second = _draft(cast)
    assert (first.reference, second.reference) == ("HSL-2026-0001", "HSL-2026-0002")
    assert services.call_reference_next(year=2027) == "HSL-2027-0001"


def test_create_takes_the_procedure_from_the_template(cast):
    cast.project.template.legal_procedure = "negotiated_with_publication"
    cast.project.template.save()
    assert _draft(cast).legal_procedure == "negotiated_with_publication"


def test_given_reference_must_be_free(cast):
    _draft(cast, reference="VXO-1")
    with pytest.raises(ValidationError) as error:
        _draft(cast, reference="VXO-1")
    assert "reference" in error.value.message_dict


def test_create_refuses_deadlines_in_the_wrong_order(cast):
    with pytest.raises(ValidationError) as error:
        _draft(cast, tender_deadline=NOW + dt.timedelta(days=10))
    assert "tender_deadline" in error.value.message_dict
    assert Call.objects.filter(status=CallStatus.DRAFT).count() == 0


def test_create_refuses_an_unknown_procedure(cast):
    with pytest.raises(ValidationError):
        _draft(cast, legal_procedure="lottery")


@pytest.mark.parametrize("who", ["team_member", "colleague", "outsider", "user_a"])
def test_only_managers_create_calls(cast, who):
    with pytest.raises(PermissionDenied):
        services.call_create(actor=getattr(cast, who), project=cast.project)


def test_the_project_lead_creates_calls(cast):
    assert services.call_create(actor=cast.lead, project=cast.project).pk


def test_a_stopped_project_gets_no_call(cast):
    cast.project.status = ProjectStatus.STOPPED
    cast.project.save()
    with pytest.raises(ValidationError):
        _draft(cast)


# --- call_update ------------------------------------------------------------------------


def test_update_changes_a_draft_and_audits_the_fields(cast):
    call = _draft(cast)
    services.call_update(actor=cast.manager, call=call, title="  New title ", max_partners=3)
    call.refresh_from_db()
    assert (call.title, call.max_partners) == ("New title", 3)
    entry = AuditEntry.objects.get(action=MarketAction.CALL_UPDATE)
    assert entry.data["fields"] == ["max_partners", "title"]


def test_update_refuses_a_published_call(cast):
    with pytest.raises(ValidationError):
        services.call_update(actor=cast.manager, call=cast.call, title="Changed")


def test_update_refuses_unknown_fields_and_bad_order(cast):
    call = _draft(cast)
    with pytest.raises(ValidationError):
        services.call_update(actor=cast.manager, call=call, status="published")
    with pytest.raises(ValidationError):
        services.call_update(
            actor=cast.manager, call=call, tender_deadline=call.application_deadline
        )


def test_update_by_a_team_member_is_forbidden(cast):
    call = _draft(cast)
    with pytest.raises(PermissionDenied):
        services.call_update(actor=cast.team_member, call=call, title="x")


# --- call_publish -----------------------------------------------------------------------


def test_publish_sets_the_time_and_audits_the_clock(cast):
    call = _ready(cast)
    services.call_publish(actor=cast.manager, call=call, now=NOW)
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED
    assert call.published_at == NOW
    entry = AuditEntry.objects.get(action=MarketAction.CALL_PUBLISH)
    assert entry.data["short_limit"]["ground"] == ""
    assert entry.data["answers_reading"]["deadline_day_counts"] is False
    assert set(entry.data["warnings"]) <= {"deadline_on_non_working_day"}  # advice only


def test_publish_twice_is_refused(cast):
    call = _ready(cast)
    services.call_publish(actor=cast.manager, call=call, now=NOW)
    with pytest.raises(ValidationError):
        services.call_publish(actor=cast.manager, call=call, now=NOW)
    assert AuditEntry.objects.filter(action=MarketAction.CALL_PUBLISH).count() == 1


def _refused(cast, call, now=NOW):
    before = AuditEntry.objects.count()
    with pytest.raises(services.PublicationRefused) as error:
        services.call_publish(actor=cast.manager, call=call, now=now)
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT and call.published_at is None
    assert AuditEntry.objects.count() == before
    return error.value


def test_five_days_for_applications_is_refused_with_the_rule_and_earliest_time(cast):
    call = _ready(cast, application_deadline=NOW + dt.timedelta(days=5))
    refusal = _refused(cast, call)
    assert [m.code for m in refusal.missing] == ["application_period_too_short"]
    item = refusal.missing[0]
    assert item.section == "LOU 11 kap. 3 §"
    # Published Monday 2 March 2026 at 10:00: day 30 is Wednesday 1 April.
    assert item.earliest == timezone.make_aware(dt.datetime(2026, 4, 2, 0, 0))
    assert "LOU 11 kap. 3 §" in item.message and "30" in item.message
    assert "2 april 2026 00:00" in item.message
    assert refusal.breaks_time_limit


def test_three_minutes_and_one_minute_short_are_refused(cast):
    three = _ready(cast, application_deadline=NOW + dt.timedelta(minutes=3))
    assert _refused(cast, three).missing[0].code == "application_period_too_short"
    earliest = timezone.make_aware(dt.datetime(2026, 4, 2, 0, 0))
    short = _ready(cast, application_deadline=earliest - dt.timedelta(minutes=1))
    assert _refused(cast, short).missing[0].code == "application_period_too_short"
    exact = _ready(cast, application_deadline=earliest)
    published = services.call_publish(actor=cast.manager, call=exact, now=NOW)
    assert published.status == CallStatus.PUBLISHED


def test_negotiated_tender_period_from_the_application_deadline(cast):
    app = NOW + dt.timedelta(days=40)
    call = _ready(
        cast,
        legal_procedure="negotiated_with_publication",
        application_deadline=app,
        tender_deadline=app + dt.timedelta(days=10),
    )
    item = _refused(cast, call).missing[0]
    assert (item.code, item.field) == ("tender_period_too_short", "tender_deadline")
    assert item.section == "LOU 11 kap. 4 och 6 §§"


def test_urgency_is_refused_in_an_innovation_partnership(cast):
    call = _ready(
        cast,
        short_limit_ground="urgency",
        short_limit_reason="The old system stops in May.",
        application_deadline=NOW + dt.timedelta(days=20),
    )
    codes = [m.code for m in _refused(cast, call).missing]
    assert codes == ["shortening_not_allowed", "application_period_too_short"]


def test_urgency_with_its_reason_allows_fifteen_days_in_a_restricted_procedure(cast):
    fields = {
        "legal_procedure": "restricted",
        "short_limit_ground": "urgency",
        "application_deadline": NOW + dt.timedelta(days=17),
        "tender_deadline": NOW + dt.timedelta(days=30),
    }
    without = _ready(cast, **fields)
    assert "shortening_reason_missing" in [m.code for m in _refused(cast, without).missing]
    call = _ready(cast, short_limit_reason="The bridge was closed by the flood.", **fields)
    services.call_publish(actor=cast.manager, call=call, now=NOW)
    entry = AuditEntry.objects.get(action=MarketAction.CALL_PUBLISH)
    assert entry.data["short_limit"] == {
        "ground": "urgency",
        "reason": "The bridge was closed by the flood.",
        "prior_notice_sent_on": None,
    }


def test_publish_lists_everything_missing(cast):
    call = _draft(cast, selection_criteria="")
    refusal = _refused(cast, call)
    codes = [m.code for m in refusal.missing]
    assert codes == ["selection_criteria", "award_criteria", "evaluation_model"]
    assert not refusal.breaks_time_limit
    assert all(m.url for m in refusal.missing)


def test_weights_must_add_up_before_publication(cast):
    from handslag.evaluation.models import Criterion

    call = _ready(cast)
    Criterion.objects.filter(call=call).update(weight=10)
    assert "award_criteria_weights" in [m.code for m in _refused(cast, call).missing]


def test_update_refuses_a_deadline_that_breaks_the_limit_and_keeps_the_draft(cast):
    call = _draft(cast)
    before = (call.application_deadline, AuditEntry.objects.count())
    with pytest.raises(services.PublicationRefused) as error:
        services.call_update(
            actor=cast.manager,
            call=call,
            application_deadline=NOW + dt.timedelta(days=29),
            now=NOW,
        )
    assert error.value.missing[0].code == "application_period_too_short"
    call.refresh_from_db()
    assert (call.application_deadline, AuditEntry.objects.count()) == before


def test_update_refuses_a_past_deadline(cast):
    call = _draft(cast)
    with pytest.raises(services.PublicationRefused) as error:
        services.call_update(
            actor=cast.manager,
            call=call,
            application_deadline=NOW - dt.timedelta(hours=1),
            now=NOW,
        )
    assert [m.code for m in error.value.missing] == ["deadline_in_past"]
    assert "application_deadline" in error.value.message_dict


def test_the_stricter_answer_reading_can_be_changed_only_with_a_reason(cast):
    call = _draft(cast)
    with pytest.raises(ValidationError) as error:
        services.call_update(actor=cast.manager, call=call, answers_deadline_day_counts=True)
    assert "answers_reading_reason" in error.value.message_dict
    services.call_update(
        actor=cast.manager,
        call=call,
        answers_deadline_day_counts=True,
        answers_reading_reason="Our legal department follows Upphandlingsmyndigheten.",
    )
    entry = AuditEntry.objects.filter(action=MarketAction.CALL_UPDATE).latest("pk")
    assert entry.data["answers_reading"]["deadline_day_counts"] is True


def test_publish_needs_future_deadlines_by_the_clock(cast):
    call = _draft(cast)
    later = call.application_deadline
    with pytest.raises(ValidationError) as error:
        services.call_publish(actor=cast.manager, call=call, now=later)
    assert "application_deadline" in error.value.message_dict
    call.refresh_from_db()
    assert call.status == CallStatus.DRAFT


def test_publish_needs_both_deadlines_and_a_summary(cast):
    call = _draft(cast, application_deadline=None, tender_deadline=None)
    services.call_update(actor=cast.manager, call=call, summary="")
    with pytest.raises(ValidationError) as error:
        services.call_publish(actor=cast.manager, call=call, now=NOW)
    assert {"summary", "application_deadline", "tender_deadline"} <= set(error.value.message_dict)


def test_publish_by_a_team_member_is_forbidden(cast):
    call = _draft(cast)
    with pytest.raises(PermissionDenied):
        services.call_publish(actor=cast.team_member, call=call, now=NOW)


def test_warnings_come_from_the_legal_clock(cast):
    call = _draft(
        cast,
        application_deadline=NOW + dt.timedelta(days=5),
        tender_deadline=NOW + dt.timedelta(days=12),
    )
    codes = {w.code for w in selectors.call_plan_warnings(call=call, now=NOW)}
    assert {"application_period_too_short", "tender_period_too_short"} <= codes
    messages = [w.message for w in selectors.call_plan_warnings(call=call, now=NOW)]
    assert all(messages)
    assert not any("Earliest lawful" in m for m in messages)  # our own, translatable wording


def test_no_warnings_for_a_sound_plan_or_an_unknown_procedure(cast):
    call = _draft(
        cast,
        application_deadline=timezone.make_aware(dt.datetime(2026, 4, 7, 12)),
        tender_deadline=timezone.make_aware(dt.datetime(2026, 5, 12, 12)),
    )
    assert selectors.call_plan_warnings(call=call, now=NOW) == []
    Call.objects.filter(pk=call.pk).update(legal_procedure="something-else")
    call.refresh_from_db()
    assert selectors.call_plan_warnings(call=call, now=NOW) == []


# --- call_cancel ------------------------------------------------------------------------


def test_cancel_needs_a_reason_and_is_audited(cast):
    with pytest.raises(ValidationError):
        services.call_cancel(actor=cast.manager, call=cast.call, reason="  ")
    services.call_cancel(actor=cast.manager, call=cast.call, reason="The budget was withdrawn.")
    cast.call.refresh_from_db()
    assert cast.call.status == CallStatus.CANCELLED
    assert cast.call.cancel_reason == "The budget was withdrawn."
    assert AuditEntry.objects.filter(action=MarketAction.CALL_CANCEL).count() == 1
    with pytest.raises(ValidationError):
        services.call_cancel(actor=cast.manager, call=cast.call, reason="Again")


def test_cancel_by_a_colleague_is_forbidden(cast):
    with pytest.raises(PermissionDenied):
        services.call_cancel(actor=cast.colleague, call=cast.call, reason="No")


# --- applications -----------------------------------------------------------------------


def _apply(cast, user=None, supplier=None, now=None):
    return services.application_create(
        actor=user or cast.user_a,
        call=cast.call,
        supplier=supplier or cast.supplier_a,
        text="We have done this before.",
        now=now,
    )


def test_supplier_applies_before_the_deadline(cast):
    application = _apply(cast)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.submitted_by == cast.user_a
    assert AuditEntry.objects.filter(action=MarketAction.APPLICATION_CREATE).count() == 1


def test_apply_one_second_after_the_deadline_is_refused(cast):
    with pytest.raises(ValidationError):
        _apply(cast, now=cast.call.application_deadline + dt.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        _apply(cast, now=cast.call.application_deadline)
    assert _apply(cast, now=cast.call.application_deadline - dt.timedelta(seconds=1)).pk


def test_apply_twice_is_refused(cast):
    _apply(cast)
    with pytest.raises(ValidationError):
        _apply(cast)
    assert Application.objects.count() == 1


def test_apply_to_a_draft_or_cancelled_call_is_refused(cast):
    draft = _draft(cast)
    with pytest.raises(ValidationError):
        services.application_create(
            actor=cast.user_a, call=draft, supplier=cast.supplier_a, text="x"
        )
    services.call_cancel(actor=cast.manager, call=cast.call, reason="Stopped")
    with pytest.raises(ValidationError):
        _apply(cast)


def test_apply_on_behalf_of_another_supplier_is_forbidden(cast):
    with pytest.raises(PermissionDenied):
        _apply(cast, user=cast.user_b, supplier=cast.supplier_a)
    with pytest.raises(PermissionDenied):
        _apply(cast, user=cast.manager, supplier=cast.supplier_a)


def test_apply_needs_a_text(cast):
    with pytest.raises(ValidationError):
        services.application_create(
            actor=cast.user_a, call=cast.call, supplier=cast.supplier_a, text="   "
        )


def test_withdraw_before_the_deadline_then_apply_again(cast):
    application = _apply(cast)
    services.application_withdraw(actor=cast.user_a, application=application)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN
    again = _apply(cast)
    assert again.pk == application.pk and again.status == ApplicationStatus.SUBMITTED


def test_withdraw_after_the_deadline_or_by_others_is_refused(cast):
    application = _apply(cast)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(actor=cast.user_b, application=application)
    with pytest.raises(PermissionDenied):
        services.application_withdraw(actor=cast.manager, application=application)
    with pytest.raises(ValidationError):
        services.application_withdraw(
            actor=cast.user_a, application=application, now=cast.call.application_deadline
        )


def test_qualify_and_reject_with_reasons(cast):
    a = _apply(cast)
    b = _apply(cast, user=cast.user_b, supplier=cast.supplier_b)
    services.application_decide(
        actor=cast.manager, application=a, qualified=True, reason="Meets all"
    )
    services.application_decide(
        actor=cast.lead, application=b, qualified=False, reason="No references"
    )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, b.status) == (ApplicationStatus.QUALIFIED, ApplicationStatus.REJECTED)
    assert b.decision_reason == "No references" and b.decided_by == cast.lead
    assert AuditEntry.objects.filter(action=MarketAction.APPLICATION_REJECT).count() == 1


def test_decision_needs_a_reason(cast):
    with pytest.raises(ValidationError):
        services.application_decide(
            actor=cast.manager, application=_apply(cast), qualified=True, reason=""
        )


def test_qualify_a_withdrawn_application_is_refused(cast):
    application = _apply(cast)
    services.application_withdraw(actor=cast.user_a, application=application)
    with pytest.raises(ValidationError):
        services.application_decide(
            actor=cast.manager, application=application, qualified=True, reason="Good"
        )


@pytest.mark.parametrize("who", ["team_member", "colleague", "user_a", "outsider"])
def test_only_managers_decide(cast, who):
    application = _apply(cast)
    with pytest.raises(PermissionDenied):
        services.application_decide(
            actor=getattr(cast, who), application=application, qualified=True, reason="ok"
        )


def test_invite_only_qualified_and_only_after_the_application_deadline(cast):
    application = _apply(cast)
    after = cast.call.application_deadline + dt.timedelta(minutes=1)
    with pytest.raises(ValidationError):
        services.application_invite(actor=cast.manager, application=application, now=after)
    services.application_decide(
        actor=cast.manager, application=application, qualified=True, reason="ok"
    )
    with pytest.raises(ValidationError):
        services.application_invite(actor=cast.manager, application=application)
    services.application_invite(actor=cast.manager, application=application, now=after)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.INVITED
    assert application.invited_at == after
    assert list(selectors.call_invited_suppliers(call=cast.call)) == [cast.supplier_a]
    with pytest.raises(ValidationError):
        services.application_decide(
            actor=cast.manager, application=application, qualified=False, reason="Changed mind"
        )


def test_invite_all_qualified_at_once(cast):
    a = _apply(cast)
    b = _apply(cast, user=cast.user_b, supplier=cast.supplier_b)
    services.application_decide(actor=cast.manager, application=a, qualified=True, reason="ok")
    services.application_decide(actor=cast.manager, application=b, qualified=False, reason="no")
    invited = services.application_invite_qualified(
        actor=cast.manager, call=cast.call, now=cast.call.application_deadline
    )
    assert [i.pk for i in invited] == [a.pk]
    assert set(selectors.call_invited_suppliers(call=cast.call)) == {cast.supplier_a}


# --- selectors --------------------------------------------------------------------------


def test_published_list_is_newest_first_without_drafts_or_cancelled(cast):
    older = CallFactory(published_at=timezone.now() - dt.timedelta(days=50))
    CallFactory(status=CallStatus.DRAFT, published_at=None)
    CallFactory(status=CallStatus.CANCELLED)
    assert list(selectors.call_list_published()) == [cast.call, older]


def test_supplier_sees_only_own_applications(cast):
    mine = _apply(cast)
    _apply(cast, user=cast.user_b, supplier=cast.supplier_b)
    assert list(selectors.application_list_for_supplier(user=cast.user_a)) == [mine]
    assert list(selectors.application_list_for_supplier(user=cast.manager)) == []


def test_applications_of_a_call_are_for_the_team_only(cast):
    _apply(cast)
    assert selectors.application_list_for_call(user=cast.team_member, call=cast.call).count() == 1
    assert selectors.application_list_for_call(user=cast.colleague, call=cast.call).count() == 0
    assert selectors.application_list_for_call(user=cast.user_a, call=cast.call).count() == 0


def test_dashboard_for_buyer_and_supplier(cast):
    application = _apply(cast)
    assert cast.call in selectors.dashboard_for(user=cast.manager)["market_calls"]
    assert "market_calls" not in selectors.dashboard_for(user=cast.user_a)
    supplier_view = selectors.dashboard_for(user=cast.user_a)
    assert supplier_view["market_applications"] == [application]
    assert supplier_view["market_invitations"] == []
    assert cast.call not in supplier_view["market_open_calls"]
    assert cast.call in selectors.dashboard_for(user=cast.user_b)["market_open_calls"]
    # A cancelled call stays on the buyer's start page, saying so.
    services.call_cancel(actor=cast.manager, call=cast.call, reason="Behovet försvann.")
    (shown,) = [
        c
        for c in selectors.dashboard_for(user=cast.manager)["market_calls"]
        if c.pk == cast.call.pk
    ]
    assert shown.stage == "cancelled"


def test_call_list_for_user_covers_team_and_owning_buyers(cast):
    other = CallFactory(project=ProjectFactory())
    assert cast.call in selectors.call_list_for_user(user=cast.colleague)
    assert other not in selectors.call_list_for_user(user=cast.colleague)
    assert not selectors.call_list_for_user(user=cast.outsider).exists()
    guest = team_member(other.project, ProjectRole.EXTERNAL_ADVISOR)
    assert list(selectors.call_list_for_user(user=guest)) == [other]


def test_invited_suppliers_ignore_other_statuses(cast):
    ApplicationFactory(call=cast.call, status=ApplicationStatus.QUALIFIED)
    invited = ApplicationFactory(call=cast.call, status=ApplicationStatus.INVITED)
    assert list(selectors.call_invited_suppliers(call=cast.call)) == [invited.supplier]
