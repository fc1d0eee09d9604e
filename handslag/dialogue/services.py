"""Keeping a project's dialogue: every change is one transaction with its audit entry."""

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.dialogue.audit_actions import DialogueAction
from handslag.dialogue.models import (
    ActionItem,
    Channel,
    CommunicationItem,
    Meeting,
    ParkedIdea,
    Stakeholder,
)
from handslag.dialogue.permissions import can_edit_dialogue
from handslag.dialogue.selectors import people_for_project
from handslag.needs.services import challenge_park, challenge_submit
from handslag.projects.models import Project
from handslag.projects.permissions import buyer_organisation_ids

MEETING_FIELDS = ("kind", "title", "held_on", "external_participants", "notes", "decisions")
ACTION_FIELDS = ("text", "owner", "due_on")
STAKEHOLDER_FIELDS = ("name", "description", "interest", "influence", "strategy")
COMMUNICATION_FIELDS = (
    "audience",
    "stakeholder",
    "message",
    "planned_on",
    "channel",
    "responsible",
)


def _clean(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _check_editor(actor: User, project: Project) -> None:
    if not can_edit_dialogue(user=actor, project=project):
        raise forbidden(_("Only the project team can change the dialogue log and plans."))


def _check_person(project: Project, person: User | None, field: str) -> None:
    if person is None:
        return
    if not people_for_project(project=project).filter(pk=person.pk).exists():
        raise ValidationError(
            {field: _("Choose a person from the project's buyer organisations or its team.")}
        )


def _check_participants(
    project: Project, people: Iterable[User], organisations: Iterable[Organisation]
) -> tuple[list[User], list[Organisation]]:
    people, organisations = list(people), list(organisations)
    allowed = set(people_for_project(project=project).values_list("pk", flat=True))
    if any(p.pk not in allowed for p in people):
        raise ValidationError(
            {
                "internal_participants": _(
                    "Participants from the buyers must belong to the project's organisations "
                    "or its team. Name other people under other participants."
                )
            }
        )
    if any(o.kind != OrganisationKind.SUPPLIER for o in organisations):
        raise ValidationError(
            {"supplier_organisations": _("Only supplier organisations can be chosen here.")}
        )
    return people, organisations


# Meetings -------------------------------------------------------------------------------


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    project: Project,
    kind: str,
    title: str,
    held_on: dt.date,
    notes: str = "",
    decisions: str = "",
    external_participants: str = "",
    internal_participants: Iterable[User] = (),
    supplier_organisations: Iterable[Organisation] = (),
) -> Meeting:
    """Log a meeting of the project: who took part, what was said and decided."""
    _check_editor(actor, project)
    people, organisations = _check_participants(
        project, internal_participants, supplier_organisations
    )
    meeting = Meeting(
        project=project,
        kind=kind,
        title=_clean(title),
        held_on=held_on,
        notes=_clean(notes),
        decisions=_clean(decisions),
        external_participants=_clean(external_participants),
        created_by=actor,
    )
    meeting.full_clean()
    meeting.save()
    meeting.internal_participants.set(people)
    meeting.supplier_organisations.set(organisations)
    audit_record(
        actor=actor,
        action=DialogueAction.MEETING_CREATE,
        target=meeting,
        organisation_id=project.organisation_id,
        data={
            "project_id": project.pk,
            "kind": kind,
            "held_on": held_on,
            "participants": [p.pk for p in people],
            "suppliers": [o.pk for o in organisations],
        },
    )
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    internal_participants: Iterable[User] | None = None,
    supplier_organisations: Iterable[Organisation] | None = None,
    **fields: Any,
) -> Meeting:
    """Change what the log says about a meeting; only the fields given change."""
    _check_editor(actor, meeting.project)
    unknown = set(fields) - set(MEETING_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changed = {}
    for name, value in fields.items():
        value = _clean(value)
        if getattr(meeting, name) != value:
            changed[name] = value
            setattr(meeting, name, value)
    people, organisations = _check_participants(
        meeting.project,
        internal_participants
        if internal_participants is not None
        else meeting.internal_participants.all(),
        supplier_organisations
        if supplier_organisations is not None
        else meeting.supplier_organisations.all(),
    )
    if "held_on" in changed:
        early = meeting.actions.filter(due_on__lt=meeting.held_on).exists()
        if early:
            raise ValidationError(
                {"held_on": _("An action of this meeting is due before the new date.")}
            )
    meeting.full_clean()
    meeting.save()
    if internal_participants is not None:
        meeting.internal_participants.set(people)
        changed["participants"] = [p.pk for p in people]
    if supplier_organisations is not None:
        meeting.supplier_organisations.set(organisations)
        changed["suppliers"] = [o.pk for o in organisations]
    audit_record(
        actor=actor,
        action=DialogueAction.MEETING_UPDATE,
        target=meeting,
        organisation_id=meeting.project.organisation_id,
        data={"project_id": meeting.project.pk, "changed": changed},
    )
    return meeting


# Actions --------------------------------------------------------------------------------


def _check_action(action: ActionItem) -> None:
    if action.due_on and action.due_on < action.meeting.held_on:
        raise ValidationError({"due_on": _("The due date cannot be before the meeting.")})
    action.full_clean()


@transaction.atomic
def action_add(
    *, actor: User, meeting: Meeting, text: str, owner: User, due_on: dt.date
) -> ActionItem:
    """Record an action agreed in the meeting, with the person who does it and by when."""
    _check_editor(actor, meeting.project)
    _check_person(meeting.project, owner, "owner")
    action = ActionItem(meeting=meeting, text=_clean(text), owner=owner, due_on=due_on)
    _check_action(action)
    action.save()
    audit_record(
        actor=actor,
        action=DialogueAction.ACTION_ITEM_ADD,
        target=action,
        organisation_id=meeting.project.organisation_id,
        data={
            "project_id": meeting.project.pk,
            "meeting_id": meeting.pk,
            "owner_id": owner.pk,
            "due_on": due_on,
        },
    )
    return action


@transaction.atomic
def action_update(*, actor: User, action: ActionItem, **fields: Any) -> ActionItem:
    project = action.meeting.project
    _check_editor(actor, project)
    unknown = set(fields) - set(ACTION_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "owner" in fields:
        _check_person(project, fields["owner"], "owner")
    changed = {}
    for name, value in fields.items():
        value = _clean(value)
        if getattr(action, name) != value:
            changed[name] = value.pk if isinstance(value, User) else value
            setattr(action, name, value)
    _check_action(action)
    action.save()
    audit_record(
        actor=actor,
        action=DialogueAction.ACTION_ITEM_UPDATE,
        target=action,
        organisation_id=project.organisation_id,
        data={"project_id": project.pk, "changed": changed},
    )
    return action


@transaction.atomic
def action_set_done(
    *, actor: User, action: ActionItem, done: bool, now: dt.datetime | None = None
) -> ActionItem:
    """Mark an action done (or open again, when it turned out not to be)."""
    project = action.meeting.project
    _check_editor(actor, project)
    if action.done == done:
        return action
    action.done = done
    action.done_at = (now or timezone.now()) if done else None
    action.done_by = actor if done else None
    action.full_clean()
    action.save()
    audit_record(
        actor=actor,
        action=DialogueAction.ACTION_ITEM_DONE if done else DialogueAction.ACTION_ITEM_REOPEN,
        target=action,
        organisation_id=project.organisation_id,
        data={"project_id": project.pk},
    )
    return action


# Stakeholders ---------------------------------------------------------------------------


@transaction.atomic
def stakeholder_create(
    *,
    actor: User,
    project: Project,
    name: str,
    interest: int,
    influence: int,
    description: str = "",
    strategy: str = "",
) -> Stakeholder:
    _check_editor(actor, project)
    stakeholder = Stakeholder(
        project=project,
        name=_clean(name),
        interest=interest,
        influence=influence,
        description=_clean(description),
        strategy=_clean(strategy),
    )
    stakeholder.full_clean()
    stakeholder.save()
    audit_record(
        actor=actor,
        action=DialogueAction.STAKEHOLDER_CREATE,
        target=stakeholder,
        organisation_id=project.organisation_id,
        data={"project_id": project.pk, "interest": interest, "influence": influence},
    )
    return stakeholder


@transaction.atomic
def stakeholder_update(*, actor: User, stakeholder: Stakeholder, **fields: Any) -> Stakeholder:
    _check_editor(actor, stakeholder.project)
    unknown = set(fields) - set(STAKEHOLDER_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    changed = {}
    for name, value in fields.items():
        value = _clean(value)
        if getattr(stakeholder, name) != value:
            changed[name] = value
            setattr(stakeholder, name, value)
    stakeholder.full_clean()
    stakeholder.save()
    audit_record(
        actor=actor,
        action=DialogueAction.STAKEHOLDER_UPDATE,
        target=stakeholder,
        organisation_id=stakeholder.project.organisation_id,
        data={"project_id": stakeholder.project.pk, "changed": changed},
    )
    return stakeholder


@transaction.atomic
def stakeholder_remove(*, actor: User, stakeholder: Stakeholder) -> None:
    """Remove a stakeholder; lines of the plan that named them keep their audience text."""
    project = stakeholder.project
    _check_editor(actor, project)
    # Deleted through the queryset so the instance keeps its pk for the entry, which comes
    # last: no row lock after the audit lock.
    Stakeholder.objects.filter(pk=stakeholder.pk).delete()
    audit_record(
        actor=actor,
        action=DialogueAction.STAKEHOLDER_REMOVE,
        target=stakeholder,
        organisation_id=project.organisation_id,
        data={"project_id": project.pk, "name": stakeholder.name},
    )


# Communication plan ---------------------------------------------------------------------


def _check_communication(item: CommunicationItem) -> None:
    if item.stakeholder_id and item.stakeholder.project_id != item.project_id:
        raise ValidationError({"stakeholder": _("Choose a stakeholder of this project.")})
    if item.channel and item.channel not in Channel.values:
        raise ValidationError({"channel": _("Choose one of the channels offered.")})
    item.full_clean()


@transaction.atomic
def communication_create(
    *,
    actor: User,
    project: Project,
    audience: str,
    message: str,
    planned_on: dt.date,
    channel: str,
    responsible: User,
    stakeholder: Stakeholder | None = None,
) -> CommunicationItem:
    """Plan who is told what, when, by which channel, and who sees to it."""
    _check_editor(actor, project)
    _check_person(project, responsible, "responsible")
    item = CommunicationItem(
        project=project,
        audience=_clean(audience) or (stakeholder.name if stakeholder else ""),
        message=_clean(message),
        planned_on=planned_on,
        channel=channel,
        responsible=responsible,
        stakeholder=stakeholder,
    )
    _check_communication(item)
    item.save()
    audit_record(
        actor=actor,
        action=DialogueAction.COMMUNICATION_ITEM_CREATE,
        target=item,
        organisation_id=project.organisation_id,
        data={
            "project_id": project.pk,
            "planned_on": planned_on,
            "channel": channel,
            "responsible_id": responsible.pk,
        },
    )
    return item


@transaction.atomic
def communication_update(
    *, actor: User, item: CommunicationItem, **fields: Any
) -> CommunicationItem:
    _check_editor(actor, item.project)
    unknown = set(fields) - set(COMMUNICATION_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "responsible" in fields:
        _check_person(item.project, fields["responsible"], "responsible")
    changed = {}
    for name, value in fields.items():
        value = _clean(value)
        if getattr(item, name) != value:
            changed[name] = value.pk if hasattr(value, "pk") else value
            setattr(item, name, value)
    if not item.audience and item.stakeholder is not None:
        item.audience = item.stakeholder.name
    _check_communication(item)
    item.save()
    audit_record(
        actor=actor,
        action=DialogueAction.COMMUNICATION_ITEM_UPDATE,
        target=item,
        organisation_id=item.project.organisation_id,
        data={"project_id": item.project.pk, "changed": changed},
    )
    return item


@transaction.atomic
def communication_set_done(
    *, actor: User, item: CommunicationItem, done: bool, now: dt.datetime | None = None
) -> CommunicationItem:
    _check_editor(actor, item.project)
    if item.done == done:
        return item
    item.done = done
    item.done_at = (now or timezone.now()) if done else None
    item.full_clean()
    item.save()
    audit_record(
        actor=actor,
        action=DialogueAction.COMMUNICATION_ITEM_DONE
        if done
        else DialogueAction.COMMUNICATION_ITEM_REOPEN,
        target=item,
        organisation_id=item.project.organisation_id,
        data={"project_id": item.project.pk},
    )
    return item


@transaction.atomic
def communication_remove(*, actor: User, item: CommunicationItem) -> None:
    project = item.project
    _check_editor(actor, project)
    CommunicationItem.objects.filter(pk=item.pk).delete()  # the entry last, as above
    audit_record(
        actor=actor,
        action=DialogueAction.COMMUNICATION_ITEM_REMOVE,
        target=item,
        organisation_id=project.organisation_id,
        data={"project_id": project.pk, "audience": item.audience},
    )


# Ideas outside the scope ----------------------------------------------------------------


def idea_organisation(*, actor: User, project: Project) -> Organisation | None:
    """The buyer the idea is kept for: the lead buyer if the actor works there, else their own."""
    ids = buyer_organisation_ids(project) & actor.buyer_organisation_ids
    if not ids:
        return None
    chosen = project.organisation_id if project.organisation_id in ids else min(ids)
    return Organisation.objects.get(pk=chosen)


@transaction.atomic
def idea_park(
    *,
    actor: User,
    project: Project,
    title: str,
    description: str,
    reason: str,
    meeting: Meeting | None = None,
) -> ParkedIdea:
    """Keep a good idea that falls outside the project's scope in the idea bank.

    The idea becomes a challenge of the buyer and is parked at once, through the needs
    app's own services, so the idea bank holds it like any other parked challenge.
    """
    _check_editor(actor, project)
    if meeting is not None and meeting.project_id != project.pk:
        raise ValidationError({"meeting": _("Choose a meeting of this project.")})
    organisation = idea_organisation(actor=actor, project=project)
    if organisation is None:
        raise forbidden(_("Only staff of the project's buyer organisations can park ideas."))
    if not _clean(reason):
        raise ValidationError({"reason": _("Say why the idea falls outside the scope.")})
    source = _("From the dialogue of the project “%(project)s”") % {"project": project.title}
    if meeting is not None:
        source += _(", meeting “%(meeting)s” on %(date)s") % {
            "meeting": meeting.title,
            "date": meeting.held_on.isoformat(),
        }
    challenge = challenge_submit(
        actor=actor,
        organisation=organisation,
        title=title,
        description=f"{_clean(description)}\n\n{source}." if _clean(description) else "",
    )
    challenge = challenge_park(actor=actor, challenge=challenge, reason=reason)
    idea = ParkedIdea(project=project, meeting=meeting, challenge=challenge, created_by=actor)
    idea.full_clean()
    idea.save()
    audit_record(
        actor=actor,
        action=DialogueAction.IDEA_PARK,
        target=idea,
        organisation_id=project.organisation_id,
        data={
            "project_id": project.pk,
            "challenge_id": challenge.pk,
            "meeting_id": meeting.pk if meeting else None,
        },
    )
    return idea
