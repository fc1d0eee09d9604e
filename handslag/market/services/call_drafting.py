"""Changes to calls before and at publication: draft, update, publish (cancelling is in
cancellation.py).

Every service checks who may act and in which state, runs in one transaction and writes
its own audit entry. Deadlines are enforced by the server's clock; `now=` exists only so
tests and the historical demo data can pass a time.
"""

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.audit_actions import MarketAction
from handslag.market.extensions import Missing
from handslag.market.models import Area, Call, CallStatus, LegalProcedure, ShortLimitGround
from handslag.market.permissions import can_manage_call
from handslag.projects.models import Project, ProjectStatus
from handslag.projects.permissions import can_manage_project

REFERENCE_PREFIX = "HSL"
CALL_EDITABLE_FIELDS = (
    "title",
    "summary",
    "partnership_description",
    "selection_criteria",
    "timetable",
    "internal_notes",
    "legal_procedure",
    "application_deadline",
    "tender_deadline",
    "max_partners",
    "area",
    "short_limit_ground",
    "short_limit_reason",
    "prior_notice_sent_on",
    "answers_deadline_day_counts",
    "answers_reading_reason",
)
# The fields that decide the legal clock's limits.
CLOCK_FIELDS = frozenset(
    {
        "legal_procedure",
        "application_deadline",
        "tender_deadline",
        "short_limit_ground",
        "short_limit_reason",
        "prior_notice_sent_on",
    }
)
# What may change after publication; each change becomes a CallVersion and is notified.
CALL_AMENDABLE_FIELDS = (
    "title",
    "summary",
    "partnership_description",
    "selection_criteria",
    "timetable",
    "application_deadline",
    "tender_deadline",
    "max_partners",
    "area",
)


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """Times without a zone are read as Swedish local time, as a person would mean them."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _summary_from_needs(project: Project) -> str:
    """A first draft of "what we want to achieve": each need's problem and expected effects."""
    parts: list[str] = []
    for need in project.needs.prefetch_related("effects"):
        lines = [need.title, "", need.problem.strip()]
        effects = list(need.effects.all())
        if effects:
            lines += ["", _("Expected effects:")]
            for effect in effects:
                lines.append(
                    _("– %(effect)s (%(indicator)s: from %(baseline)s to %(target)s %(unit)s)")
                    % {
                        "effect": effect.description,
                        "indicator": effect.indicator,
                        "baseline": _number(effect.baseline),
                        "target": _number(effect.target),
                        "unit": effect.unit,
                    }
                )
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _number(value: Any) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _default_partnership_description() -> str:
    return _(
        "We seek one or more partners to develop the solution with us in phases: research "
        "and development with intermediate targets, tests in our operations, and then "
        "acquisition of the finished solution without a new procurement. Each phase ends "
        "with a decision to continue or to terminate, on the conditions stated in the "
        "procurement documents."
    )


def call_defaults(*, project: Project) -> dict[str, Any]:
    """What a new call starts from: the project's title, needs, procedure and a partnership text."""
    procedure = project.template.legal_procedure if project.template_id else ""
    if procedure not in LegalProcedure.values:
        procedure = LegalProcedure.INNOVATION_PARTNERSHIP
    return {
        "title": project.title,
        "summary": _summary_from_needs(project) or project.summary,
        "partnership_description": _default_partnership_description(),
        "legal_procedure": procedure,
        "max_partners": 1,
        "answers_deadline_day_counts": project.organisation.answers_deadline_day_counts,
        "answers_reading_reason": project.organisation.answers_reading_reason,
    }


def call_reference_next(*, year: int) -> str:
    """The next free reference of the year, like HSL-2026-0001."""
    prefix = f"{REFERENCE_PREFIX}-{year}-"
    pattern = re.compile(rf"^{re.escape(prefix)}(\d+)$")
    highest = 0
    for reference in Call.objects.filter(reference__startswith=prefix).values_list(
        "reference", flat=True
    ):
        match = pattern.match(reference)
        if match:
            highest = max(highest, int(match.group(1)))
    return f"{prefix}{highest + 1:04d}"


def _check_deadline_order(call: Call) -> None:
    if (
        call.application_deadline
        and call.tender_deadline
        and call.tender_deadline <= call.application_deadline
    ):
        raise ValidationError(
            {
                "tender_deadline": _(
                    "The deadline for tenders must come after the deadline for applications."
                )
            }
        )


def _check_procedure(value: str) -> None:
    if value not in LegalProcedure.values:
        raise ValidationError({"legal_procedure": _("Choose one of the procedures in the list.")})


class PublicationRefused(ValidationError):
    """The call may not be published (or changed) as it is: `missing` lists every reason,
    each with the page where it is fixed; the messages are keyed by the call's field."""

    def __init__(self, missing: list[Missing]) -> None:
        self.missing = list(missing)
        errors: dict[str, list[str]] = {}
        for item in self.missing:
            errors.setdefault(item.field or "__all__", []).append(item.message)
        super().__init__(errors)

    @property
    def breaks_time_limit(self) -> bool:
        return any(item.section or item.earliest for item in self.missing)


def _breach_items(call: Call, breaches: list[Any]) -> list[Missing]:
    from handslag.market.selectors import breach_message

    return [
        Missing(
            breach.code,
            breach_message(breach, call=call),
            "",
            field=breach.field,
            section=breach.section,
            earliest=breach.earliest,
        )
        for breach in breaches
    ]


def _check_clock_fields(call: Call) -> None:
    if call.short_limit_ground not in ShortLimitGround.values:
        raise ValidationError({"short_limit_ground": _("Choose one of the grounds in the list.")})
    if call.answers_deadline_day_counts and not call.answers_reading_reason.strip():
        raise ValidationError(
            {
                "answers_reading_reason": _(
                    "Say why the deadline day may count among the six days for answers; "
                    "without a reason the stricter reading is used."
                )
            }
        )


def _check_draft_deadlines(call: Call, changed: set[str], now: dt.datetime) -> None:
    """A draft's new deadlines must be lawful if the call were published now: if they are
    not, they only get worse by the day of publication."""
    from handslag.market.selectors import call_deadline_breaches

    fields = {"application_deadline", "tender_deadline"}
    if not changed & CLOCK_FIELDS:
        return
    deadlines = fields if changed & (CLOCK_FIELDS - fields) else changed & fields
    deadlines = {name for name in deadlines if getattr(call, name) is not None}
    if not deadlines:
        return
    breaches = [
        breach
        for breach in call_deadline_breaches(call=call, now=now, changed=deadlines)
        if breach.code != "deadline_missing"
    ]
    if breaches:
        raise PublicationRefused(_breach_items(call, breaches))


def _check_area(value: str) -> None:
    if value and value not in Area.values:
        raise ValidationError({"area": _("Choose one of the areas in the list.")})


def _save(instance: Any) -> None:
    """Validate and save; a race on a unique value becomes a message, not a 500."""
    instance.full_clean()
    try:
        with transaction.atomic():
            instance.save()
    except IntegrityError as error:
        raise ValidationError(
            _("Someone else changed this at the same time. Try again.")
        ) from error


@transaction.atomic
def call_create(
    *,
    actor: User,
    project: Project,
    title: str = "",
    summary: str = "",
    partnership_description: str | None = None,
    selection_criteria: str = "",
    timetable: str = "",
    internal_notes: str = "",
    legal_procedure: str = "",
    application_deadline: dt.datetime | None = None,
    tender_deadline: dt.datetime | None = None,
    max_partners: int = 1,
    reference: str = "",
    area: str = "",
    short_limit_ground: str = "",
    short_limit_reason: str = "",
    prior_notice_sent_on: dt.date | None = None,
    answers_deadline_day_counts: bool | None = None,
    answers_reading_reason: str = "",
    now: dt.datetime | None = None,
) -> Call:
    """A draft call built from the project's need statements; nothing is published yet.

    Without `answers_deadline_day_counts` the call reads the answering deadline as its
    organisation does (the stricter reading unless the organisation recorded otherwise)."""
    if not can_manage_project(user=actor, project=project):
        raise forbidden(
            _("Only the project lead and the project's procurement officers can write a call.")
        )
    if project.status == ProjectStatus.STOPPED:
        raise ValidationError(_("The project has been stopped; it cannot publish a call."))
    current = _now(now)
    defaults = call_defaults(project=project)
    legal_procedure = legal_procedure or defaults["legal_procedure"]
    if answers_deadline_day_counts is None:
        answers_deadline_day_counts = defaults["answers_deadline_day_counts"]
        answers_reading_reason = answers_reading_reason or defaults["answers_reading_reason"]
    _check_procedure(legal_procedure)
    _check_area(area or "")
    reference = (reference or "").strip() or call_reference_next(
        year=timezone.localtime(current).year
    )
    if Call.objects.filter(reference=reference).exists():
        raise ValidationError({"reference": _("Another call already has this reference number.")})
    call = Call(
        project=project,
        reference=reference,
        title=(title or "").strip() or defaults["title"],
        summary=(summary or "").strip() or defaults["summary"],
        partnership_description=(
            defaults["partnership_description"]
            if partnership_description is None
            else partnership_description.strip()
        ),
        selection_criteria=(selection_criteria or "").strip(),
        timetable=(timetable or "").strip(),
        internal_notes=(internal_notes or "").strip(),
        legal_procedure=legal_procedure,
        application_deadline=_aware(application_deadline),
        tender_deadline=_aware(tender_deadline),
        max_partners=max_partners,
        area=area or "",
        short_limit_ground=short_limit_ground or "",
        short_limit_reason=(short_limit_reason or "").strip(),
        prior_notice_sent_on=prior_notice_sent_on,
        answers_deadline_day_counts=bool(answers_deadline_day_counts),
        answers_reading_reason=(answers_reading_reason or "").strip(),
        status=CallStatus.DRAFT,
        created_by=actor,
    )
    _check_deadline_order(call)
    _check_clock_fields(call)
    # The summary may be empty in a draft; publishing requires it.
    call.full_clean(exclude=["summary"] if not call.summary else None)
    call.save()
    audit_record(
        actor=actor,
        action=MarketAction.CALL_CREATE,
        target=call,
        organisation_id=project.organisation_id,
        data={"reference": call.reference, "project": project.pk},
    )
    return call


@transaction.atomic
def call_update(*, actor: User, call: Call, now: dt.datetime | None = None, **fields: Any) -> Call:
    """Change a draft call. Once published, the call is what suppliers relied on.

    New deadlines are refused when they would break a time limit if the call were
    published now (the legal clock, in date and time): nothing is saved then.
    """
    if not can_manage_call(user=actor, call=call):
        raise forbidden()
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("Only a draft call can be changed."))
    unknown = set(fields) - set(CALL_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changed: dict[str, Any] = {}
    for name, value in fields.items():
        if name in ("application_deadline", "tender_deadline"):
            value = _aware(value)
        elif isinstance(value, str):
            value = value.strip()
        if getattr(call, name) != value:
            changed[name] = value
            setattr(call, name, value)
    if "legal_procedure" in changed:
        _check_procedure(call.legal_procedure)
    if "area" in changed:
        _check_area(call.area)
    if not call.title:
        raise ValidationError({"title": _("Give the call a title.")})
    _check_deadline_order(call)
    _check_clock_fields(call)
    _check_draft_deadlines(call, set(changed), _now(now))
    call.full_clean(exclude=["summary"] if not call.summary else None)
    call.save()
    data: dict[str, Any] = {"fields": sorted(changed)}
    if changed.keys() & {"short_limit_ground", "short_limit_reason", "prior_notice_sent_on"}:
        data["short_limit"] = {
            "ground": call.short_limit_ground,
            "reason": call.short_limit_reason,
            "prior_notice_sent_on": call.prior_notice_sent_on,
        }
    if changed.keys() & {"answers_deadline_day_counts", "answers_reading_reason"}:
        data["answers_reading"] = {
            "deadline_day_counts": call.answers_deadline_day_counts,
            "reason": call.answers_reading_reason,
        }
    audit_record(
        actor=actor,
        action=MarketAction.CALL_UPDATE,
        target=call,
        organisation_id=call.project.organisation_id,
        data=data,
    )
    return call


@transaction.atomic
def call_publish(*, actor: User, call: Call, now: dt.datetime | None = None) -> Call:
    """Publish the call: from now on suppliers see it and may apply until the deadline.

    Refused, with nothing changed, while anything is missing: the texts the procedure
    needs, award criteria with weights and an evaluation model (the evaluation's, through
    `market.extensions`), and deadlines that keep every statutory time limit counted from
    this moment in Europe/Stockholm (the legal clock). A documented shorter limit counts
    only with its reason recorded on the call; ground and reason go into the audit entry,
    with the clock's remaining warnings (advice, such as a deadline on a holiday).
    """
    from handslag.market.selectors import call_plan_warnings, call_publication_missing

    if not can_manage_call(user=actor, call=call):
        raise forbidden()
    call = Call.objects.select_for_update(of=("self",)).select_related("project").get(pk=call.pk)
    if call.status != CallStatus.DRAFT:
        raise ValidationError(_("Only a draft call can be published; this one is not a draft."))
    current = _now(now)
    missing = call_publication_missing(call=call, now=current)
    if missing:
        raise PublicationRefused(missing)
    _check_deadline_order(call)
    warnings = call_plan_warnings(call=call, now=current)
    call.status = CallStatus.PUBLISHED
    call.published_at = current
    call.full_clean()
    call.save()
    audit_record(
        actor=actor,
        action=MarketAction.CALL_PUBLISH,
        target=call,
        organisation_id=call.project.organisation_id,
        data={
            "published_at": current,
            "application_deadline": call.application_deadline,
            "tender_deadline": call.tender_deadline,
            "short_limit": {
                "ground": call.short_limit_ground,
                "reason": call.short_limit_reason,
                "prior_notice_sent_on": call.prior_notice_sent_on,
            },
            "answers_reading": {
                "deadline_day_counts": call.answers_deadline_day_counts,
                "reason": call.answers_reading_reason,
            },
            "warnings": [w.code for w in warnings],
        },
    )
    return call
