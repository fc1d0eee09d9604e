"""Conflict-of-interest declarations (jäv) by the people who evaluate a call's tenders."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.models import Call
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import ConflictDeclaration
from handslag.tendering.permissions import can_declare
from handslag.tendering.services._common import _lock_call

MAX_STATEMENT_CHARS = 5000


@transaction.atomic
def conflict_declare(
    *,
    actor: User,
    call: Call,
    has_conflict: bool,
    statement: str = "",
    now: dt.datetime | None = None,
) -> ConflictDeclaration:
    """Record that `actor` has (or has not) a conflict of interest in the call's evaluation.

    A declaration is made once and is final: a person who later finds a conflict tells
    the project lead, who takes them off the evaluation.
    """
    now = now or timezone.now()
    call = _lock_call(call)
    if not can_declare(user=actor, call=call):
        raise forbidden(
            _("Only the call's evaluators and those who record consensus make this declaration.")
        )
    if ConflictDeclaration.objects.filter(call=call, person=actor).exists():
        raise ValidationError(_("You have already declared for this call."))
    if not isinstance(has_conflict, bool):
        raise ValidationError({"has_conflict": _("Say whether you have a conflict of interest.")})
    statement = (statement or "").strip()
    if has_conflict and not statement:
        raise ValidationError(
            {"statement": _("Describe the conflict of interest, so the project lead can act.")}
        )
    if len(statement) > MAX_STATEMENT_CHARS:
        raise ValidationError(
            {
                "statement": _("The statement can be at most %(max)s characters.")
                % {"max": MAX_STATEMENT_CHARS}
            }
        )
    declaration = ConflictDeclaration(
        call=call, person=actor, has_conflict=has_conflict, statement=statement, declared_at=now
    )
    declaration.full_clean()
    declaration.save()
    audit_record(
        actor=actor,
        action=TenderingAction.TENDER_CONFLICT_DECLARE,
        target=call,
        data={"call_id": call.pk, "has_conflict": has_conflict},
        organisation_id=call.project.organisation_id,
    )
    return declaration
