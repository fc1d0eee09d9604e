"""Writes for the partnership: the contract, its phases, milestones and gate decisions.

The rules come from the innovation partnership (LOU 6 kap., directive 2014/24/EU art. 31):
the contract is signed only after the award's standstill, phases run one after the other,
and at the end of each phase the buyer may continue, terminate the partnership, or reduce
the number of partners on the conditions of the procurement documents. Partners are never
added once the phases have begun.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.evaluation.models import Award
from handslag.evaluation.services import award_record_contract
from handslag.knowledge.services import lesson_create
from handslag.partnership.audit_actions import PartnershipAction
from handslag.partnership.models import Contract, Milestone, Phase, PhaseDecision, PhaseStatus
from handslag.partnership.permissions import (
    can_create_contract,
    can_decide_phase,
    can_manage_contract,
)
from handslag.partnership.selectors.contracts import contract_is_ended, contracts_for_call
from handslag.partnership.terms import IpModel, RiskModel
from handslag.rules import legal_clock

TEXT_LIMIT = 10000


def _today(now: dt.datetime | None) -> dt.date:
    return timezone.localdate(now or timezone.now())


def _locked_contract(contract: Contract) -> Contract:
    """Serialise concurrent changes to one contract's phases (a no-op lock on SQLite)."""
    return (
        Contract.objects.select_for_update(of=("self",))
        .select_related("award__call")
        .get(pk=contract.pk)
    )


@transaction.atomic
def contract_create(
    *,
    actor: User,
    award: Award,
    signed_on: dt.date,
    ip_terms: str = "",
    risk_sharing: str = "",
    acquisition_terms: str = "",
    maintenance_terms: str = "",
    ip_model: str = "",
    risk_model: str = "",
    now: dt.datetime | None = None,
) -> Contract:
    """Record the signed partnership contract of an award, after its standstill period."""
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("call__project", "tender")
        .get(pk=award.pk)
    )
    call = award.call
    if not can_create_contract(user=actor, award=award):
        raise forbidden(_("Only the project lead may sign the partnership contract."))
    existing = list(contracts_for_call(call=call))
    if Phase.objects.filter(contract__in=existing).exclude(status=PhaseStatus.PLANNED).exists():
        raise ValidationError(
            _(
                "No partner can be added once the partnership's phases have begun: "
                "an innovation partnership may reduce its partners, never add to them."
            )
        )
    if any(c.award_id == award.pk for c in existing):
        raise ValidationError(_("This award decision already has a signed contract."))
    if len(existing) >= call.max_partners:
        raise ValidationError(
            _("The call allows at most %(n)s partners, and they all have contracts.")
            % {"n": call.max_partners}
        )
    if not isinstance(signed_on, dt.date) or isinstance(signed_on, dt.datetime):
        raise ValidationError({"signed_on": _("Enter the date the contract was signed.")})
    standstill_end = max(
        award.standstill_end,
        legal_clock.standstill_end(award.notice_sent_on, award.sent_electronically),
    )
    if signed_on <= standstill_end or not legal_clock.contract_allowed(
        award.notice_sent_on, signed_on, award.sent_electronically
    ):
        raise ValidationError(
            {
                "signed_on": _(
                    "The contract cannot be signed until the standstill period has ended "
                    "(%(end)s). The first allowed date is %(first)s."
                )
                % {
                    "end": standstill_end.isoformat(),
                    "first": (standstill_end + dt.timedelta(days=1)).isoformat(),
                }
            }
        )
    if signed_on > _today(now):
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    if award.contract_signed_on is not None and award.contract_signed_on != signed_on:
        raise ValidationError(
            {
                "signed_on": _(
                    "The award decision records the contract as signed on %(date)s; use that date."
                )
                % {"date": award.contract_signed_on.isoformat()}
            }
        )
    for name, value in (
        ("ip_terms", ip_terms),
        ("risk_sharing", risk_sharing),
        ("acquisition_terms", acquisition_terms),
        ("maintenance_terms", maintenance_terms),
    ):
        if len(value or "") > TEXT_LIMIT:
            raise ValidationError(
                {name: _("Keep the text under %(n)s characters.") % {"n": TEXT_LIMIT}}
            )
    if ip_model and ip_model not in IpModel.values:
        raise ValidationError({"ip_model": _("Choose one of the documented IP options.")})
    if risk_model and risk_model not in RiskModel.values:
        raise ValidationError(
            {"risk_model": _("Choose one of the documented risk-sharing options.")}
        )
    contract = Contract(
        award=award,
        project=call.project,
        supplier=award.tender.supplier,
        signed_on=signed_on,
        ip_model=ip_model or "",
        risk_model=risk_model or "",
        ip_terms=(ip_terms or "").strip(),
        risk_sharing=(risk_sharing or "").strip(),
        acquisition_terms=(acquisition_terms or "").strip(),
        maintenance_terms=(maintenance_terms or "").strip(),
    )
    contract.full_clean()
    contract.save()
    if award.contract_signed_on is None:
        # The award records when its contract was concluded; the tendering app owns that
        # field and its rule, so it is written through the tendering service.
        award_record_contract(actor=actor, award=award, signed_on=signed_on, now=now)
        award.refresh_from_db(fields=["contract_signed_on"])
    audit_record(
        actor=actor,
        action=PartnershipAction.CONTRACT_CREATE,
        target=contract,
        data={
            "award_id": award.pk,
            "supplier_id": contract.supplier_id,
            "signed_on": signed_on,
            "standstill_end": standstill_end,
            "ip_model": ip_model,
            "risk_model": risk_model,
        },
        organisation_id=call.project.organisation_id,
    )
    return contract


@transaction.atomic
def phase_add(
    *,
    actor: User,
    contract: Contract,
    name: str,
    goal: str,
    planned_start: dt.date,
    planned_end: dt.date,
    payment: Decimal | int | float = Decimal("0"),
) -> Phase:
    """Plan the next R&D phase with its intermediate target and payment instalment."""
    contract = _locked_contract(contract)
    if not can_manage_contract(user=actor, contract=contract):
        raise forbidden()
    if contract_is_ended(contract=contract):
        raise ValidationError(_("The partnership has ended; no more phases can be planned."))
    errors: dict[str, str] = {}
    if not (name or "").strip():
        errors["name"] = _("Give the phase a name.")
    if not (goal or "").strip():
        errors["goal"] = _("Describe the intermediate target the phase must reach.")
    if planned_start and planned_end and planned_end < planned_start:
        errors["planned_end"] = _("The planned end cannot be before the planned start.")
    if planned_start and planned_start < contract.signed_on:
        errors["planned_start"] = _(
            "A phase cannot start before the contract was signed (%(date)s)."
        ) % {"date": contract.signed_on.isoformat()}
    previous = contract.phases.order_by("-order").first()
    if previous and planned_start and planned_start < previous.planned_end:
        errors["planned_start"] = _(
            "Phases follow one another: this phase cannot start before the previous one "
            "is planned to end (%(date)s)."
        ) % {"date": previous.planned_end.isoformat()}
    try:
        payment = Decimal(str(payment))
    except (ArithmeticError, ValueError):
        errors["payment"] = _("Enter the payment as a number of kronor.")
    else:
        if not payment.is_finite() or payment < 0:
            errors["payment"] = _("The payment cannot be negative.")
    if errors:
        raise ValidationError(errors)
    phase = Phase(
        contract=contract,
        order=(previous.order + 1) if previous else 1,
        name=name.strip(),
        goal=goal.strip(),
        planned_start=planned_start,
        planned_end=planned_end,
        payment=payment,
    )
    phase.full_clean()
    phase.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.PHASE_ADD,
        target=phase,
        data={
            "contract_id": contract.pk,
            "order": phase.order,
            "planned_start": planned_start,
            "planned_end": planned_end,
            "payment": str(payment),
        },
        organisation_id=contract.project.organisation_id,
    )
    return phase


@transaction.atomic
def phase_start(*, actor: User, phase: Phase, now: dt.datetime | None = None) -> Phase:
    """Start the next planned phase, once the contract is signed and the last gate said continue."""
    contract = _locked_contract(phase.contract)
    phase = Phase.objects.get(pk=phase.pk)
    if not can_manage_contract(user=actor, contract=contract):
        raise forbidden()
    if contract_is_ended(contract=contract):
        raise ValidationError(_("The partnership has ended; its phases cannot start."))
    if phase.status != PhaseStatus.PLANNED:
        raise ValidationError(_("Only a planned phase can be started; this one is not planned."))
    moment = now or timezone.now()
    if _today(moment) < contract.signed_on:
        raise ValidationError(
            _("No phase can start before the contract is signed (%(date)s).")
            % {"date": contract.signed_on.isoformat()}
        )
    earlier = list(contract.phases.filter(order__lt=phase.order).order_by("order"))
    if any(p.status == PhaseStatus.PLANNED for p in earlier):
        raise ValidationError(_("Phases run in order: start the earlier planned phase first."))
    if earlier:
        previous = earlier[-1]
        if previous.status != PhaseStatus.COMPLETED or previous.decision != PhaseDecision.CONTINUE:
            raise ValidationError(
                _(
                    "The previous phase must be completed with the decision to continue "
                    "before this phase can start."
                )
            )
    phase.status = PhaseStatus.ACTIVE
    phase.started_at = moment
    phase.full_clean()
    phase.save(update_fields=["status", "started_at", "updated_at"])
    audit_record(
        actor=actor,
        action=PartnershipAction.PHASE_START,
        target=phase,
        data={"contract_id": contract.pk, "order": phase.order},
        organisation_id=contract.project.organisation_id,
    )
    phase.contract = contract
    return phase


def reduce_allowed(*, contract: Contract) -> bool:
    """Reducing the partners needs a call for several partners and another running contract."""
    call = contract.award.call
    if call.max_partners <= 1:
        return False
    others = [c for c in contracts_for_call(call=call) if c.pk != contract.pk]
    return any(not contract_is_ended(contract=c) for c in others)


@transaction.atomic
def phase_decide(
    *,
    actor: User,
    phase: Phase,
    decision: str,
    reason: str,
    lesson_title: str = "",
    lesson_text: str = "",
    now: dt.datetime | None = None,
) -> Phase:
    """The gate at the end of a phase: continue, terminate the partnership, or reduce partners.

    Terminating ends the innovation partnership: every contract under the same call stops
    and their planned phases can no longer start. Reducing ends this partner's contract
    only, and is allowed only when the call admitted several partners and another
    partner goes on. A short lesson learned may be captured with the decision.
    """
    contract = _locked_contract(phase.contract)
    phase = Phase.objects.select_for_update().get(pk=phase.pk)
    if not can_decide_phase(user=actor, contract=contract):
        raise forbidden(_("Only the project lead decides at the end of a phase."))
    if phase.decision:
        raise ValidationError(_("This phase has already been decided."))
    if phase.status != PhaseStatus.ACTIVE:
        raise ValidationError(_("Only a phase in progress can be decided."))
    if decision not in PhaseDecision.values:
        raise ValidationError({"decision": _("Choose continue, terminate or reduce.")})
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for the decision.")})
    if len(reason) > TEXT_LIMIT:
        raise ValidationError(
            {"reason": _("Keep the text under %(n)s characters.") % {"n": TEXT_LIMIT}}
        )
    if decision == PhaseDecision.REDUCE and not reduce_allowed(contract=contract):
        raise ValidationError(
            {
                "decision": _(
                    "The number of partners can be reduced only when the call allowed more "
                    "than one partner and another partner's contract goes on."
                )
            }
        )
    lesson_title, lesson_text = (lesson_title or "").strip(), (lesson_text or "").strip()
    if len(lesson_title) > 200 or len(lesson_text) > 5000:
        raise ValidationError(
            _("Keep the lesson's title under 200 and its text under 5000 characters.")
        )

    moment = now or timezone.now()
    phase.decision = decision
    phase.decision_reason = reason
    phase.decided_by = actor
    phase.decided_at = moment
    phase.status = PhaseStatus.COMPLETED
    phase.full_clean()
    phase.save()

    if decision == PhaseDecision.TERMINATE:
        stopped = Phase.objects.filter(
            contract__in=contracts_for_call(call=contract.award.call),
            status__in=[PhaseStatus.PLANNED, PhaseStatus.ACTIVE],
        ).exclude(pk=phase.pk)
    elif decision == PhaseDecision.REDUCE:
        stopped = contract.phases.filter(status=PhaseStatus.PLANNED)
    else:
        stopped = Phase.objects.none()
    stopped_ids = list(stopped.values_list("pk", flat=True))
    Phase.objects.filter(pk__in=stopped_ids).update(
        status=PhaseStatus.TERMINATED, updated_at=moment
    )

    lesson = None
    if lesson_text:
        # Through the knowledge service, so the lesson is checked and audited as any
        # other lesson is; the decision's own entry, which names it, is written last.
        lesson = lesson_create(
            actor=actor,
            organisation=contract.project.organisation,
            project=contract.project,
            title=lesson_title
            or _("Lesson from the decision after %(phase)s") % {"phase": phase.name},
            execution=lesson_text,
            tags="partnership,phase",
        )
    audit_record(
        actor=actor,
        action=PartnershipAction.PHASE_DECIDE,
        target=phase,
        data={
            "contract_id": contract.pk,
            "decision": decision,
            "reason": reason,
            "terminated_phase_ids": stopped_ids,
            "lesson_id": lesson.pk if lesson else None,
        },
        organisation_id=contract.project.organisation_id,
    )
    phase.contract = contract
    return phase


@transaction.atomic
def milestone_add(*, actor: User, phase: Phase, name: str, due_on: dt.date) -> Milestone:
    """Add a dated milestone to a planned or running phase."""
    contract = _locked_contract(phase.contract)
    if not can_manage_contract(user=actor, contract=contract):
        raise forbidden()
    phase = Phase.objects.get(pk=phase.pk)
    if phase.status not in (PhaseStatus.PLANNED, PhaseStatus.ACTIVE):
        raise ValidationError(
            _("Milestones can be added only to a planned phase or one in progress.")
        )
    if not (name or "").strip():
        raise ValidationError({"name": _("Give the milestone a name.")})
    if due_on and due_on < contract.signed_on:
        raise ValidationError(
            {"due_on": _("A milestone cannot fall before the contract was signed.")}
        )
    milestone = Milestone(phase=phase, name=name.strip(), due_on=due_on)
    milestone.full_clean()
    milestone.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.MILESTONE_ADD,
        target=milestone,
        data={"phase_id": phase.pk, "due_on": due_on},
        organisation_id=contract.project.organisation_id,
    )
    return milestone


@transaction.atomic
def milestone_complete(
    *,
    actor: User,
    milestone: Milestone,
    completed_on: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Milestone:
    """Mark a milestone reached."""
    milestone = Milestone.objects.select_related("phase__contract__project").get(pk=milestone.pk)
    contract = milestone.phase.contract
    if not can_manage_contract(user=actor, contract=contract):
        raise forbidden()
    if milestone.completed_on:
        raise ValidationError(_("This milestone is already marked as reached."))
    completed_on = completed_on or _today(now)
    if completed_on > _today(now):
        raise ValidationError({"completed_on": _("The date cannot be in the future.")})
    milestone.completed_on = completed_on
    milestone.full_clean()
    milestone.save(update_fields=["completed_on", "updated_at"])
    audit_record(
        actor=actor,
        action=PartnershipAction.MILESTONE_COMPLETE,
        target=milestone,
        data={"completed_on": completed_on},
        organisation_id=contract.project.organisation_id,
    )
    return milestone
