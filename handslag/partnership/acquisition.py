"""Acquisition and maintenance stage: the finished solution bought on the agreed terms.

When every R&D phase is completed the buyer becomes the first customer: orders are
placed against the acquisition terms agreed at the start (no new procurement), other
buyer organisations join the solution, and the service is followed up against the
maintenance terms.
"""

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.partnership.audit_actions import PartnershipAction
from handslag.partnership.models import Contract, Order, ServiceReview, SolutionMember
from handslag.partnership.permissions import can_manage_contract
from handslag.partnership.selectors.contracts import contract_state

MAX_AMOUNT = Decimal("1e12")


def in_acquisition_stage(*, contract: Contract) -> bool:
    """The R&D phases are all completed, none ended the partnership."""
    return contract_state(contract=contract) == "rd_completed"


def _check(actor: User, contract: Contract) -> None:
    if not can_manage_contract(user=actor, contract=contract):
        raise forbidden(_("Only the project lead and procurement officers may do this."))
    if not in_acquisition_stage(contract=contract):
        raise ValidationError(
            _("The acquisition stage begins when every R&D phase has been completed.")
        )


def ordering_organisations(*, contract: Contract) -> list[Organisation]:
    """The lead buyer and the organisations that joined the solution."""
    joined = [m.organisation for m in contract.members.select_related("organisation")]
    return [contract.project.organisation, *joined]


@transaction.atomic
def solution_join(
    *, actor: User, contract: Contract, organisation: Organisation, joined_on: dt.date
) -> SolutionMember:
    """Another buyer organisation starts using the solution on the contract's terms."""
    _check(actor, contract)
    if organisation.kind != OrganisationKind.BUYER:
        raise ValidationError({"organisation": _("Only buyer organisations can join.")})
    if organisation.pk == contract.project.organisation_id:
        raise ValidationError({"organisation": _("The lead buyer already uses the solution.")})
    if contract.members.filter(organisation=organisation).exists():
        raise ValidationError({"organisation": _("The organisation has already joined.")})
    member = SolutionMember(contract=contract, organisation=organisation, joined_on=joined_on)
    member.full_clean()
    member.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.SOLUTION_MEMBER_JOIN,
        target=member,
        data={"contract": contract.pk, "organisation": organisation.pk},
        organisation_id=contract.project.organisation_id,
    )
    return member


@transaction.atomic
def order_record(
    *,
    actor: User,
    contract: Contract,
    organisation: Organisation,
    ordered_on: dt.date,
    description: str,
    quantity: Decimal,
    unit_price: Decimal,
) -> Order:
    """An order against the agreed acquisition terms, by the lead buyer or a joined one."""
    _check(actor, contract)
    errors = {}
    if organisation.pk not in {o.pk for o in ordering_organisations(contract=contract)}:
        errors["organisation"] = _(
            "Only the lead buyer and organisations that joined the solution may order."
        )
    if not (description or "").strip():
        errors["description"] = _("Say what is ordered.")
    if quantity is None or quantity <= 0 or quantity >= MAX_AMOUNT:
        errors["quantity"] = _("The quantity must be above zero.")
    if unit_price is None or unit_price < 0 or unit_price >= MAX_AMOUNT:
        errors["unit_price"] = _("The unit price cannot be negative.")
    if errors:
        raise ValidationError(errors)
    order = Order(
        contract=contract,
        organisation=organisation,
        ordered_on=ordered_on,
        description=description.strip(),
        quantity=quantity,
        unit_price=unit_price,
        recorded_by=actor,
    )
    order.full_clean()
    order.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.ORDER_RECORD,
        target=order,
        data={
            "contract": contract.pk,
            "organisation": organisation.pk,
            "quantity": str(quantity),
            "unit_price": str(unit_price),
        },
        organisation_id=contract.project.organisation_id,
    )
    return order


@transaction.atomic
def service_review_record(
    *,
    actor: User,
    contract: Contract,
    reviewed_on: dt.date,
    availability: Decimal,
    incidents: int,
    notes: str = "",
) -> ServiceReview:
    """Follow up the service against the maintenance terms."""
    _check(actor, contract)
    errors = {}
    if availability is None or not Decimal(0) <= availability <= Decimal(100):
        errors["availability"] = _("The availability is a percentage from 0 to 100.")
    if incidents is None or incidents < 0:
        errors["incidents"] = _("The number of incidents cannot be negative.")
    if errors:
        raise ValidationError(errors)
    review = ServiceReview(
        contract=contract,
        reviewed_on=reviewed_on,
        availability=availability,
        incidents=incidents,
        notes=(notes or "").strip(),
        recorded_by=actor,
    )
    review.full_clean()
    review.save()
    audit_record(
        actor=actor,
        action=PartnershipAction.SERVICE_REVIEW_RECORD,
        target=review,
        data={"contract": contract.pk, "availability": str(availability), "incidents": incidents},
        organisation_id=contract.project.organisation_id,
    )
    return review
