"""Market dialogue before a call: requests for information (RFI), dialogue events and
innovation sprints with invited suppliers."""

import datetime as dt
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.market.audit_actions import MarketAction
from handslag.market.models import (
    Area,
    DialogueEvent,
    EventKind,
    Rfi,
    RfiAnswer,
    RfiQuestion,
    RfiResponse,
    RfiStatus,
)
from handslag.market.permissions import can_answer_rfi
from handslag.projects.models import Project
from handslag.projects.permissions import can_manage_project

__all__ = [
    "dialogue_event_create",
    "dialogue_event_update",
    "rfi_close",
    "rfi_create",
    "rfi_publish",
    "rfi_respond",
]

MAX_RFI_QUESTIONS = 30


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _manage(actor: User, project: Project) -> None:
    if not can_manage_project(user=actor, project=project):
        raise forbidden(
            _("Only the project lead and the project's procurement officers can do this.")
        )


def _clean_questions(questions: Iterable[str]) -> list[str]:
    if isinstance(questions, str):
        questions = questions.splitlines()
    cleaned = [q.strip() for q in questions if q and q.strip()]
    if not cleaned:
        raise ValidationError({"questions": _("Write at least one question.")})
    if len(cleaned) > MAX_RFI_QUESTIONS:
        raise ValidationError(
            {"questions": _("An RFI can have at most %(n)s questions.") % {"n": MAX_RFI_QUESTIONS}}
        )
    if any(len(q) > 2000 for q in cleaned):
        raise ValidationError({"questions": _("A question can be at most 2000 characters.")})
    return cleaned


@transaction.atomic
def rfi_create(
    *,
    actor: User,
    project: Project,
    title: str,
    introduction: str,
    deadline: dt.datetime,
    questions: Iterable[str],
    area: str = "",
    now: dt.datetime | None = None,
) -> Rfi:
    """A draft RFI with its questionnaire, one question per line."""
    _manage(actor, project)
    title, introduction = (title or "").strip(), (introduction or "").strip()
    errors: dict[str, list[str]] = {}
    if not title:
        errors["title"] = [_("Give the RFI a title.")]
    if not introduction:
        errors["introduction"] = [_("Tell suppliers what the RFI is about.")]
    deadline = _aware(deadline)
    if deadline is None:
        errors["deadline"] = [_("Set the last day to answer.")]
    elif deadline <= (now or timezone.now()):
        errors["deadline"] = [_("The last day to answer must be in the future.")]
    if area and area not in Area.values:
        errors["area"] = [_("Choose one of the areas in the list.")]
    try:
        cleaned = _clean_questions(questions)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    rfi = Rfi(
        project=project,
        title=title,
        introduction=introduction,
        deadline=deadline,
        area=area or "",
        created_by=actor,
    )
    rfi.full_clean()
    rfi.save()
    for order, text in enumerate(cleaned, start=1):
        RfiQuestion.objects.create(rfi=rfi, order=order, text=text)
    audit_record(
        actor=actor,
        action=MarketAction.RFI_CREATE,
        target=rfi,
        organisation_id=project.organisation_id,
        data={"project": project.pk, "questions": len(cleaned)},
    )
    return rfi


@transaction.atomic
def rfi_publish(*, actor: User, rfi: Rfi, now: dt.datetime | None = None) -> Rfi:
    """Publish the RFI to the market: every supplier may answer until the deadline."""
    _manage(actor, rfi.project)
    rfi = Rfi.objects.select_for_update(of=("self",)).select_related("project").get(pk=rfi.pk)
    current = now or timezone.now()
    if rfi.status != RfiStatus.DRAFT:
        raise ValidationError(_("Only a draft RFI can be published."))
    if rfi.deadline <= current:
        raise ValidationError(
            {"deadline": _("The last day to answer has passed. Choose a later time.")}
        )
    if not rfi.questions.exists():
        raise ValidationError(_("Write at least one question."))
    rfi.status = RfiStatus.PUBLISHED
    rfi.published_at = current
    rfi.save()
    audit_record(
        actor=actor,
        action=MarketAction.RFI_PUBLISH,
        target=rfi,
        organisation_id=rfi.project.organisation_id,
        data={"published_at": current, "deadline": rfi.deadline},
    )
    return rfi


@transaction.atomic
def rfi_close(*, actor: User, rfi: Rfi) -> Rfi:
    """Stop taking answers (also before the deadline, for example when enough have come)."""
    _manage(actor, rfi.project)
    rfi = Rfi.objects.select_for_update(of=("self",)).select_related("project").get(pk=rfi.pk)
    if rfi.status != RfiStatus.PUBLISHED:
        raise ValidationError(_("Only a published RFI can be closed."))
    rfi.status = RfiStatus.CLOSED
    rfi.save()
    audit_record(
        actor=actor,
        action=MarketAction.RFI_CLOSE,
        target=rfi,
        organisation_id=rfi.project.organisation_id,
    )
    return rfi


@transaction.atomic
def rfi_respond(
    *,
    actor: User,
    rfi: Rfi,
    supplier: Organisation,
    answers: Mapping[int, str],
    now: dt.datetime | None = None,
) -> RfiResponse:
    """A supplier's answers to the RFI's questions (keyed by question id); one response each."""
    if not can_answer_rfi(user=actor, organisation=supplier):
        raise forbidden(
            _("You can only answer on behalf of a supplier organisation you belong to.")
        )
    rfi = Rfi.objects.select_for_update().get(pk=rfi.pk)
    current = now or timezone.now()
    if rfi.status != RfiStatus.PUBLISHED or rfi.deadline <= current:
        raise ValidationError(_("The RFI is not open for answers."))
    if RfiResponse.objects.filter(rfi=rfi, supplier=supplier).exists():
        raise ValidationError(_("Your organisation has already answered this RFI."))
    questions = {q.pk: q for q in rfi.questions.all()}
    unknown = set(answers) - set(questions)
    if unknown:
        raise ValidationError(_("The answers do not match the RFI's questions."))
    texts = {pk: (answers.get(pk) or "").strip() for pk in questions}
    if not any(texts.values()):
        raise ValidationError(_("Answer at least one question."))
    if any(len(text) > 10000 for text in texts.values()):
        raise ValidationError(_("An answer can be at most 10000 characters."))
    response = RfiResponse(rfi=rfi, supplier=supplier, submitted_by=actor, submitted_at=current)
    response.full_clean()
    try:
        with transaction.atomic():
            response.save()
    except IntegrityError as error:
        raise ValidationError(_("Your organisation has already answered this RFI.")) from error
    RfiAnswer.objects.bulk_create(
        RfiAnswer(response=response, question=questions[pk], text=text)
        for pk, text in texts.items()
    )
    audit_record(
        actor=actor,
        action=MarketAction.RFI_RESPOND,
        target=response,
        organisation_id=supplier.pk,
        data={"rfi": rfi.pk},
    )
    return response


def _clean_invited(invited: Iterable[Organisation]) -> list[Organisation]:
    invited = list(invited or [])
    if any(o.kind != OrganisationKind.SUPPLIER for o in invited):
        raise ValidationError({"invited": _("Only supplier organisations can be invited.")})
    return invited


@transaction.atomic
def dialogue_event_create(
    *,
    actor: User,
    project: Project,
    title: str,
    starts_at: dt.datetime,
    kind: str = EventKind.DIALOGUE,
    description: str = "",
    invited: Iterable[Organisation] = (),
) -> DialogueEvent:
    """A dialogue meeting, workshop or innovation sprint, with the suppliers invited to it."""
    _manage(actor, project)
    errors: dict[str, list[str]] = {}
    title = (title or "").strip()
    if not title:
        errors["title"] = [_("Give the event a title.")]
    if kind not in EventKind.values:
        errors["kind"] = [_("Choose one of the kinds in the list.")]
    if starts_at is None:
        errors["starts_at"] = [_("Set the date and time.")]
    try:
        invited = _clean_invited(invited)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    event = DialogueEvent(
        project=project,
        kind=kind,
        title=title,
        starts_at=_aware(starts_at),
        description=(description or "").strip(),
        created_by=actor,
    )
    event.full_clean()
    event.save()
    event.invited.set(invited)
    audit_record(
        actor=actor,
        action=MarketAction.DIALOGUE_EVENT_CREATE,
        target=event,
        organisation_id=project.organisation_id,
        data={"kind": kind, "invited": sorted(o.pk for o in invited)},
    )
    return event


@transaction.atomic
def dialogue_event_update(
    *,
    actor: User,
    event: DialogueEvent,
    notes: str | None = None,
    invited: Iterable[Organisation] | None = None,
    description: str | None = None,
) -> DialogueEvent:
    """Write the event's notes, or change who is invited."""
    _manage(actor, event.project)
    event = (
        DialogueEvent.objects.select_for_update(of=("self",))
        .select_related("project")
        .get(pk=event.pk)
    )
    changed: list[str] = []
    if notes is not None and notes.strip() != event.notes:
        event.notes = notes.strip()
        changed.append("notes")
    if description is not None and description.strip() != event.description:
        event.description = description.strip()
        changed.append("description")
    event.full_clean()
    event.save()
    if invited is not None:
        invited = _clean_invited(invited)
        if {o.pk for o in invited} != set(event.invited.values_list("pk", flat=True)):
            event.invited.set(invited)
            changed.append("invited")
    audit_record(
        actor=actor,
        action=MarketAction.DIALOGUE_EVENT_UPDATE,
        target=event,
        organisation_id=event.project.organisation_id,
        data={"fields": changed},
    )
    return event
