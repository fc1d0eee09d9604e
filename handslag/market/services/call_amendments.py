"""Changes to a published call: each one becomes a CallVersion and is notified."""

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Call, CallStatus, CallVersion
from handslag.market.permissions import can_manage_call
from handslag.market.services.call_drafting import (
    CALL_AMENDABLE_FIELDS,
    PublicationRefused,
    _aware,
    _breach_items,
    _check_area,
    _check_deadline_order,
    _now,
)


def _json_value(value: Any) -> Any:
    """A value as the version's diff stores it (JSON): times in ISO 8601, UTC."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    return value


@transaction.atomic
def call_amend(
    *,
    actor: User,
    call: Call,
    reason: str,
    significant: bool = False,
    now: dt.datetime | None = None,
    **fields: Any,
) -> CallVersion:
    """Change a published call. Suppliers relied on what it said, so the change is kept as
    a new version (a diff of the fields, who, when and why), shown on the public page, and
    everyone who applied, follows the call or asked a question is told by e-mail.

    The legal clock decides on the deadlines, in date and time: a moved deadline must
    still keep the procedure's limits counted from the publication; a *significant*
    change to the documents (LOU 11 kap. 8 §) requires every deadline still ahead to give
    the full minimum again, counted from this change. Otherwise nothing is changed and
    the refusal names the rule and the earliest lawful deadline.
    """
    from handslag.market.selectors import call_deadline_breaches
    from handslag.market.services.notify import notify_interested

    if not can_manage_call(user=actor, call=call):
        raise forbidden()
    call = Call.objects.select_for_update(of=("self",)).select_related("project").get(pk=call.pk)
    if call.status != CallStatus.PUBLISHED:
        raise ValidationError(_("Only a published call can be changed this way."))
    unknown = set(fields) - set(CALL_AMENDABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the call is changed; suppliers see it.")})
    current = _now(now)
    changes: dict[str, dict[str, Any]] = {}
    for name, value in fields.items():
        if name in ("application_deadline", "tender_deadline"):
            value = _aware(value)
        elif isinstance(value, str):
            value = value.strip()
        old = getattr(call, name)
        if old == value:
            continue
        if name in ("application_deadline", "tender_deadline"):
            if value is None:
                raise ValidationError({name: _("A published call must keep its deadlines.")})
            if old is not None and old <= current:
                raise ValidationError(
                    {name: _("This deadline has already passed; it can no longer be moved.")}
                )
            if value <= current:
                raise ValidationError({name: _("The new deadline must be in the future.")})
        changes[name] = {"old": _json_value(old), "new": _json_value(value)}
        setattr(call, name, value)
    if not changes and not significant:
        raise ValidationError(_("Nothing was changed."))
    if significant and not changes:
        raise ValidationError(
            _("Say what changes: a significant change without a changed field is not recorded.")
        )
    if not call.title:
        raise ValidationError({"title": _("Give the call a title.")})
    if not call.summary.strip():
        raise ValidationError({"summary": _("A published call must say what it wants to achieve.")})
    _check_area(call.area)
    _check_deadline_order(call)
    moved = set(changes) & {"application_deadline", "tender_deadline"}
    if moved or significant:
        breaches = call_deadline_breaches(
            call=call,
            now=current,
            notice_sent=call.published_at or current,
            changed=moved,
            significant_change_at=current if significant else None,
        )
        if breaches:
            raise PublicationRefused(_breach_items(call, breaches))
    call.full_clean()
    call.save()
    number = (call.versions.order_by("-number").values_list("number", flat=True).first() or 1) + 1
    version = CallVersion(
        call=call,
        number=number,
        changed_by=actor,
        changed_at=current,
        reason=reason,
        changes=changes,
        significant=bool(significant),
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action=MarketAction.CALL_AMEND,
        target=call,
        organisation_id=call.project.organisation_id,
        data={
            "version": number,
            "fields": sorted(changes),
            "reason": reason,
            "significant": bool(significant),
        },
    )
    notify_interested(
        call=call,
        subject=gettext_lazy("The call %(reference)s has changed"),
        body=gettext_lazy(
            "The buyer has changed the call “%(title)s” (version %(number)s).\n\n"
            "Reason: %(reason)s\n\nChanged: %(fields)s\n\nRead the call and its change "
            "history on the call's page."
        ),
        params={
            "reference": call.reference,
            "title": call.title,
            "number": number,
            "reason": reason,
            "fields": [Call._meta.get_field(name).verbose_name for name in sorted(changes)],
        },
    )
    return version
