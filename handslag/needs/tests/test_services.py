from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.audit.models import AuditEntry
from handslag.needs import services
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import ChallengeStatus, ExpectedEffect, MarketCheck, NeedStatement
from handslag.needs.selectors import (
    dashboard_for,
    need_completeness,
    need_is_ready,
    requirement_wording_warnings,
)
from handslag.needs.tests.factories import (
    ChallengeFactory,
    ExpectedEffectFactory,
    NeedStatementFactory,
)

pytestmark = pytest.mark.django_db(transaction=False)


def _challenge(world, **kwargs):
    return ChallengeFactory(organisation=world.org, submitted_by=world.staff, **kwargs)


def test_submit_records_and_audits(world) -> None:
    challenge = services.challenge_submit(
        actor=world.staff,
        organisation=world.org,
        title="  Vattna parker  ",
        description="Vi kör runt och kollar.",
        area="Parker",
    )
    assert challenge.title == "Vattna parker"
    assert challenge.status == ChallengeStatus.SUBMITTED
    assert AuditEntry.objects.filter(
        action=NeedsAction.CHALLENGE_SUBMIT, target_id=str(challenge.pk)
    ).exists()


def test_submit_for_other_organisation_is_forbidden(world) -> None:
    with pytest.raises(PermissionDenied):
        services.challenge_submit(
            actor=world.staff, organisation=world.other_org, title="x", description="y"
        )


def test_submit_by_supplier_is_forbidden(world) -> None:
    with pytest.raises(PermissionDenied):
        services.challenge_submit(
            actor=world.supplier_user, organisation=world.supplier_org, title="x", description="y"
        )


def test_submit_without_description_changes_nothing(world) -> None:
    with pytest.raises(ValidationError):
        services.challenge_submit(
            actor=world.staff, organisation=world.org, title="x", description=" "
        )
    assert not AuditEntry.objects.filter(action=NeedsAction.CHALLENGE_SUBMIT).exists()


def test_refine_creates_prefilled_need_and_notifies(
    world, django_capture_on_commit_callbacks
) -> None:
    challenge = _challenge(world)
    with django_capture_on_commit_callbacks(execute=True):
        need = services.challenge_refine(actor=world.need_owner, challenge=challenge)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.REFINED
    assert challenge.triaged_by == world.need_owner
    assert need.challenge == challenge
    assert need.organisation == world.org
    assert need.title == challenge.title
    assert challenge.description in need.problem
    assert challenge.cost_today in need.problem
    assert need.target_group == challenge.affected
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.staff.email]


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (services.TriageOutcome.PARK, ChallengeStatus.PARKED),
        (services.TriageOutcome.MOVE, ChallengeStatus.MOVED),
        (services.TriageOutcome.DECLINE, ChallengeStatus.DECLINED),
    ],
)
def test_outcomes_with_reason(world, django_capture_on_commit_callbacks, outcome, status) -> None:
    challenge = _challenge(world)
    with django_capture_on_commit_callbacks(execute=True):
        services.challenge_triage(
            actor=world.officer, challenge=challenge, outcome=outcome, reason="Utanför ramen"
        )
    challenge.refresh_from_db()
    assert challenge.status == status
    assert challenge.triage_reason == "Utanför ramen"
    assert AuditEntry.objects.filter(action=f"challenge.{status}").count() == 1
    assert "Utanför ramen" in mail.outbox[0].body


@pytest.mark.parametrize(
    "outcome",
    [
        services.TriageOutcome.PARK,
        services.TriageOutcome.MOVE,
        services.TriageOutcome.DECLINE,
        services.TriageOutcome.MERGE,
    ],
)
def test_reason_required(world, outcome) -> None:
    challenge = _challenge(world)
    other = _challenge(world)
    with pytest.raises(ValidationError) as excinfo:
        services.challenge_triage(
            actor=world.officer, challenge=challenge, outcome=outcome, reason="  ", merge_into=other
        )
    assert "reason" in excinfo.value.message_dict
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_merge(world) -> None:
    challenge = _challenge(world)
    into = _challenge(world)
    services.challenge_merge(
        actor=world.admin, challenge=challenge, into=into, reason="Samma problem"
    )
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.MERGED
    assert challenge.merged_into == into


def test_merge_into_itself_is_refused(world) -> None:
    challenge = _challenge(world)
    with pytest.raises(ValidationError) as excinfo:
        services.challenge_merge(
            actor=world.officer, challenge=challenge, into=challenge, reason="x"
        )
    assert "merge_into" in excinfo.value.message_dict
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_merge_into_other_organisation_is_refused(world) -> None:
    challenge = _challenge(world)
    foreign = ChallengeFactory(organisation=world.other_org)
    with pytest.raises(ValidationError):
        services.challenge_merge(actor=world.officer, challenge=challenge, into=foreign, reason="x")


@pytest.mark.parametrize("status", [ChallengeStatus.MERGED, ChallengeStatus.DECLINED])
def test_merge_into_merged_or_declined_is_refused(world, status) -> None:
    challenge = _challenge(world)
    into = _challenge(world, status=status)
    with pytest.raises(ValidationError):
        services.challenge_merge(actor=world.officer, challenge=challenge, into=into, reason="x")


def test_merge_without_target_is_refused(world) -> None:
    with pytest.raises(ValidationError):
        services.challenge_triage(
            actor=world.officer, challenge=_challenge(world), outcome="merge", reason="x"
        )


def test_unknown_outcome_is_refused(world) -> None:
    with pytest.raises(ValidationError):
        services.challenge_triage(
            actor=world.officer, challenge=_challenge(world), outcome="delete"
        )


@pytest.mark.parametrize(
    "status",
    [
        ChallengeStatus.REFINED,
        ChallengeStatus.MERGED,
        ChallengeStatus.MOVED,
        ChallengeStatus.DECLINED,
    ],
)
def test_triaged_challenge_cannot_be_triaged_again(world, status) -> None:
    challenge = _challenge(world, status=status)
    with pytest.raises(ValidationError):
        services.challenge_refine(actor=world.officer, challenge=challenge)
    with pytest.raises(ValidationError):
        services.challenge_decline(actor=world.officer, challenge=challenge, reason="x")
    assert not NeedStatement.objects.exists()


def test_parked_challenge_can_be_refined_but_not_parked_again(world) -> None:
    challenge = _challenge(world)
    services.challenge_park(actor=world.officer, challenge=challenge, reason="Senare")
    with pytest.raises(ValidationError):
        services.challenge_park(actor=world.officer, challenge=challenge, reason="Igen")
    need = services.challenge_refine(actor=world.officer, challenge=challenge)
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.REFINED
    assert need.challenge == challenge


@pytest.mark.parametrize("who", ["staff", "other_officer", "supplier_user"])
def test_triage_by_wrong_person_is_forbidden(world, who) -> None:
    challenge = _challenge(world)
    with pytest.raises(PermissionDenied):
        services.challenge_decline(actor=getattr(world, who), challenge=challenge, reason="x")
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_publish_and_unpublish(world) -> None:
    challenge = _challenge(world)
    services.challenge_publish(actor=world.officer, challenge=challenge)
    assert challenge.is_published and challenge.published_at
    with pytest.raises(ValidationError):
        services.challenge_publish(actor=world.officer, challenge=challenge)
    services.challenge_unpublish(actor=world.need_owner, challenge=challenge)
    assert not challenge.is_published
    with pytest.raises(ValidationError):
        services.challenge_unpublish(actor=world.officer, challenge=challenge)


def test_publish_forbidden_for_staff_and_declined(world) -> None:
    with pytest.raises(PermissionDenied):
        services.challenge_publish(actor=world.staff, challenge=_challenge(world))
    with pytest.raises(ValidationError):
        services.challenge_publish(
            actor=world.officer, challenge=_challenge(world, status=ChallengeStatus.DECLINED)
        )


def test_declining_a_published_challenge_takes_it_off_the_market(world) -> None:
    challenge = _challenge(world)
    services.challenge_publish(actor=world.officer, challenge=challenge)
    services.challenge_decline(actor=world.officer, challenge=challenge, reason="Nej")
    challenge.refresh_from_db()
    assert not challenge.is_published


def test_need_update_audits_changes(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    services.need_update(actor=world.officer, need=need, target_group="Invånare", title=need.title)
    entry = AuditEntry.objects.get(action=NeedsAction.NEED_UPDATE)
    assert list(entry.data["changes"]) == ["target_group"]


def test_need_update_forbidden_and_invalid(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    with pytest.raises(PermissionDenied):
        services.need_update(actor=world.staff, need=need, problem="x")
    with pytest.raises(ValidationError):
        services.need_update(actor=world.officer, need=need, problem="")
    with pytest.raises(ValidationError):
        services.need_update(actor=world.officer, need=need, market_check="maybe")
    with pytest.raises(ValidationError):
        services.need_update(actor=world.officer, need=need, created_by=world.staff)
    need.refresh_from_db()
    assert need.problem


def _effect_kwargs(**overrides):
    data = {
        "description": "Färre transporter",
        "indicator": "Antal tömningstransporter per månad",
        "unit": "st",
        "baseline": Decimal("120"),
        "target": Decimal("80"),
        "direction": "decrease",
    }
    data.update(overrides)
    return data


def test_effect_add_update_remove(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    effect = services.effect_add(actor=world.officer, need=need, **_effect_kwargs())
    assert effect.order == 1
    assert effect.direction == "decrease"
    services.effect_update(actor=world.officer, effect=effect, target=Decimal("60"))
    effect.refresh_from_db()
    assert effect.target == Decimal("60")
    services.effect_remove(actor=world.officer, effect=effect)
    assert not ExpectedEffect.objects.exists()
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert actions == [NeedsAction.EFFECT_ADD, NeedsAction.EFFECT_UPDATE, NeedsAction.EFFECT_REMOVE]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"target": Decimal("120")}, "target"),
        ({"target": Decimal("130")}, "target"),
        ({"direction": "increase"}, "target"),
        ({"direction": "sideways"}, "direction"),
        ({"unit": ""}, "unit"),
        ({"baseline": None}, "baseline"),
        ({"indicator": ""}, "indicator"),
        ({"baseline": Decimal("1e20")}, "baseline"),
    ],
)
def test_bad_effects_are_refused(world, overrides, field) -> None:
    need = NeedStatementFactory(organisation=world.org)
    with pytest.raises(ValidationError) as excinfo:
        services.effect_add(actor=world.officer, need=need, **_effect_kwargs(**overrides))
    assert field in excinfo.value.message_dict
    assert not ExpectedEffect.objects.exists()
    assert not AuditEntry.objects.exists()


def test_effect_direction_is_inferred_when_not_given(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    kwargs = _effect_kwargs(target=Decimal("150"))
    del kwargs["direction"]
    effect = services.effect_add(actor=world.officer, need=need, **kwargs)
    assert effect.direction == "increase"


def test_effect_update_against_direction_is_refused(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    effect = services.effect_add(actor=world.officer, need=need, **_effect_kwargs())
    with pytest.raises(ValidationError) as excinfo:
        services.effect_update(actor=world.officer, effect=effect, target=Decimal("200"))
    assert "target" in excinfo.value.message_dict
    effect.refresh_from_db()
    assert effect.target == Decimal("80")
    assert AuditEntry.objects.filter(action=NeedsAction.EFFECT_UPDATE).count() == 0


def test_effect_update_to_equal_target_is_refused(world) -> None:
    effect = ExpectedEffectFactory(need=NeedStatementFactory(organisation=world.org))
    with pytest.raises(ValidationError):
        services.effect_update(actor=world.officer, effect=effect, target=effect.baseline)
    effect.refresh_from_db()
    assert effect.target != effect.baseline


def test_effect_by_staff_is_forbidden(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    with pytest.raises(PermissionDenied):
        services.effect_add(actor=world.staff, need=need, **_effect_kwargs())


def test_completeness(world) -> None:
    need = NeedStatementFactory(organisation=world.org)
    result = need_completeness(need)
    assert result.percent == 17
    assert len(result.missing) == 5
    assert not need_is_ready(need)
    need.target_group = "Invånare"
    need.stakeholders = "Gatukontoret"
    need.functional_requirements = "Lösningen ska mäta fyllnadsgrad."
    need.market_check = MarketCheck.NO_SOLUTION
    need.save()
    assert need_completeness(need).percent == 83
    ExpectedEffectFactory(need=need)
    result = need_completeness(need)
    assert result.percent == 100 and result.missing == []
    assert need_is_ready(need)


def test_wording_warnings() -> None:
    assert requirement_wording_warnings("Systemet ska mäta fyllnadsgrad i kärlen.") == []
    assert len(requirement_wording_warnings("En iPad eller likvärdig")) == 2
    assert requirement_wording_warnings("Gardena® styrning")
    assert requirement_wording_warnings("Styrning via Siemens PLC")


def test_dashboard(world) -> None:
    mine = ChallengeFactory(organisation=world.org, submitted_by=world.staff)
    NeedStatementFactory(organisation=world.org)
    ChallengeFactory(organisation=world.other_org)
    staff_view = dashboard_for(user=world.staff)
    assert staff_view["my_challenges"] == [mine]
    assert staff_view["awaiting_triage"] == []
    officer_view = dashboard_for(user=world.officer)
    assert officer_view["awaiting_triage"] == [mine]
    assert len(officer_view["needs_in_progress"]) == 1
    assert dashboard_for(user=world.supplier_user)["my_challenges"] == []
