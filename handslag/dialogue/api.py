"""JSON API for a project's dialogue, at /api/v1/dialogue/.

Thin: the same permissions, selectors and services as the pages, so no rule exists twice.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from ninja.pagination import paginate

from handslag.accounts.models import Organisation, User
from handslag.core.render import file_response
from handslag.dialogue import services
from handslag.dialogue.exports import action_list_xlsx
from handslag.dialogue.models import Meeting, Stakeholder
from handslag.dialogue.permissions import (
    access_action,
    access_communication,
    access_meeting,
    access_project_dialogue,
    access_stakeholder,
)
from handslag.dialogue.schemas import (
    ActionIn,
    ActionOut,
    ActionPatch,
    CommunicationIn,
    CommunicationOut,
    CommunicationPatch,
    DoneIn,
    ErrorOut,
    IdeaIn,
    IdeaOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    StakeholderIn,
    StakeholderOut,
    StakeholderPatch,
    SummaryOut,
)
from handslag.dialogue.selectors import (
    action_list,
    communication_list,
    dialogue_summary,
    meeting_list,
    stakeholder_list,
)
from handslag.projects.models import Project

router = Router(tags=["dialogue"])

ERRORS = {400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


def _lines(values: list[str]) -> str:
    return "\n".join(v.strip() for v in values if v and v.strip())


def _person(project: Project, user_id: int, field: str) -> User:
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        raise ValidationError({field: _("There is no such person.")})
    return user


def _people(ids: list[int]) -> list[User]:
    people = list(User.objects.filter(pk__in=ids))
    if len(people) != len(set(ids)):
        raise ValidationError({"internal_participant_ids": _("One or more people do not exist.")})
    return people


def _organisations(ids: list[int]) -> list[Organisation]:
    organisations = list(Organisation.objects.filter(pk__in=ids))
    if len(organisations) != len(set(ids)):
        raise ValidationError(
            {"supplier_organisation_ids": _("One or more organisations do not exist.")}
        )
    return organisations


def _stakeholder_of(project: Project, stakeholder_id: int | None) -> Stakeholder | None:
    if stakeholder_id is None:
        return None
    stakeholder = Stakeholder.objects.filter(pk=stakeholder_id, project=project).first()
    if stakeholder is None:
        raise ValidationError({"stakeholder_id": _("Choose a stakeholder of this project.")})
    return stakeholder


# Overview -----------------------------------------------------------------------------


@router.get(
    "/projects/{int:project_id}",
    response={200: SummaryOut, 404: ErrorOut},
    summary="Where the project's dialogue stands",
)
def summary(request: HttpRequest, project_id: int):
    project = access_project_dialogue(user=request.user, project_id=project_id)
    return dialogue_summary(project=project).__dict__


# Meetings -----------------------------------------------------------------------------


@router.get(
    "/projects/{int:project_id}/meetings",
    response={200: list[MeetingOut], 404: ErrorOut},
    summary="The dialogue log, latest meeting first",
)
@paginate
def meeting_list_api(request: HttpRequest, project_id: int):
    project = access_project_dialogue(user=request.user, project_id=project_id)
    meetings = meeting_list(project=project).prefetch_related(
        "internal_participants", "supplier_organisations"
    )
    return list(meetings)


@router.post(
    "/projects/{int:project_id}/meetings",
    response={201: MeetingOut, **ERRORS},
    summary="Log a meeting",
)
def meeting_create(request: HttpRequest, project_id: int, payload: MeetingIn):
    project = access_project_dialogue(user=request.user, project_id=project_id, edit=True)
    meeting = services.meeting_create(
        actor=request.user,
        project=project,
        kind=payload.kind,
        title=payload.title,
        held_on=payload.held_on,
        notes=payload.notes,
        decisions=_lines(payload.decisions),
        external_participants=_lines(payload.external_participants),
        internal_participants=_people(payload.internal_participant_ids),
        supplier_organisations=_organisations(payload.supplier_organisation_ids),
    )
    return 201, meeting


@router.get(
    "/meetings/{int:meeting_id}",
    response={200: MeetingOut, 404: ErrorOut},
    summary="One meeting with its actions",
)
def meeting_get(request: HttpRequest, meeting_id: int):
    return access_meeting(user=request.user, meeting_id=meeting_id)


@router.patch(
    "/meetings/{int:meeting_id}",
    response={200: MeetingOut, **ERRORS},
    summary="Change a meeting; only the fields sent change",
)
def meeting_update(request: HttpRequest, meeting_id: int, payload: MeetingPatch):
    meeting = access_meeting(user=request.user, meeting_id=meeting_id, edit=True)
    data = payload.dict(exclude_unset=True)
    if not data:
        raise ValidationError(_("Send at least one field to change."))
    fields: dict[str, Any] = {}
    for name in ("kind", "title", "held_on", "notes"):
        if name in data:
            if data[name] is None:
                raise ValidationError({name: _("This field cannot be empty.")})
            fields[name] = data[name]
    for name in ("decisions", "external_participants"):
        if name in data:
            fields[name] = _lines(data[name] or [])
    people = data.get("internal_participant_ids")
    organisations = data.get("supplier_organisation_ids")
    meeting = services.meeting_update(
        actor=request.user,
        meeting=meeting,
        internal_participants=_people(people) if people is not None else None,
        supplier_organisations=_organisations(organisations) if organisations is not None else None,
        **fields,
    )
    return meeting


# Actions ------------------------------------------------------------------------------


@router.get(
    "/projects/{int:project_id}/actions",
    response={200: list[ActionOut], 404: ErrorOut},
    summary="Every action of the project's meetings: overdue first, done last",
)
@paginate
def action_list_api(request: HttpRequest, project_id: int):
    project = access_project_dialogue(user=request.user, project_id=project_id)
    return list(action_list(project=project))


@router.get(
    "/projects/{int:project_id}/actions.xlsx",
    response={200: None, 404: ErrorOut},
    summary="The action list as a spreadsheet (XLSX)",
)
def action_list_xlsx_api(request: HttpRequest, project_id: int):
    project = access_project_dialogue(user=request.user, project_id=project_id)
    return file_response(
        action_list_xlsx(project=project), filename=f"actions-project-{project.pk}", kind="xlsx"
    )


@router.post(
    "/meetings/{int:meeting_id}/actions",
    response={201: ActionOut, **ERRORS},
    summary="Add an action to a meeting",
)
def action_add(request: HttpRequest, meeting_id: int, payload: ActionIn):
    meeting = access_meeting(user=request.user, meeting_id=meeting_id, edit=True)
    action = services.action_add(
        actor=request.user,
        meeting=meeting,
        text=payload.text,
        owner=_person(meeting.project, payload.owner_id, "owner_id"),
        due_on=payload.due_on,
    )
    return 201, action


@router.patch(
    "/actions/{int:action_id}",
    response={200: ActionOut, **ERRORS},
    summary="Change an action's text, owner or due date",
)
def action_update(request: HttpRequest, action_id: int, payload: ActionPatch):
    action = access_action(user=request.user, action_id=action_id, edit=True)
    data = payload.dict(exclude_unset=True)
    if not data:
        raise ValidationError(_("Send at least one field to change."))
    fields: dict[str, Any] = {}
    for name in ("text", "due_on"):
        if name in data:
            if data[name] is None:
                raise ValidationError({name: _("This field cannot be empty.")})
            fields[name] = data[name]
    if "owner_id" in data:
        if data["owner_id"] is None:
            raise ValidationError({"owner_id": _("This field cannot be empty.")})
        fields["owner"] = _person(action.meeting.project, data["owner_id"], "owner_id")
    return services.action_update(actor=request.user, action=action, **fields)


@router.post(
    "/actions/{int:action_id}/done",
    response={200: ActionOut, **ERRORS},
    summary="Mark an action done, or open again with done=false",
)
def action_done(request: HttpRequest, action_id: int, payload: DoneIn):
    action = access_action(user=request.user, action_id=action_id, edit=True)
    return services.action_set_done(actor=request.user, action=action, done=payload.done)


# Stakeholders -------------------------------------------------------------------------


@router.get(
    "/projects/{int:project_id}/stakeholders",
    response={200: list[StakeholderOut], 404: ErrorOut},
    summary="Stakeholders with interest and influence, most influential first",
)
@paginate
def stakeholder_list_api(request: HttpRequest, project_id: int):
    project = access_project_dialogue(user=request.user, project_id=project_id)
    return list(stakeholder_list(project=project))


@router.post(
    "/projects/{int:project_id}/stakeholders",
    response={201: StakeholderOut, **ERRORS},
    summary="Add a stakeholder",
)
def stakeholder_create(request: HttpRequest, project_id: int, payload: StakeholderIn):
    project = access_project_dialogue(user=request.user, project_id=project_id, edit=True)
    stakeholder = services.stakeholder_create(actor=request.user, project=project, **payload.dict())
    return 201, stakeholder


@router.patch(
    "/stakeholders/{int:stakeholder_id}",
    response={200: StakeholderOut, **ERRORS},
    summary="Change a stakeholder",
)
def stakeholder_update(request: HttpRequest, stakeholder_id: int, payload: StakeholderPatch):
    stakeholder = access_stakeholder(user=request.user, stakeholder_id=stakeholder_id, edit=True)
    data = payload.dict(exclude_unset=True)
    if not data:
        raise ValidationError(_("Send at least one field to change."))
    for name, value in data.items():
        if value is None:
            raise ValidationError({name: _("This field cannot be empty.")})
    return services.stakeholder_update(actor=request.user, stakeholder=stakeholder, **data)


@router.delete(
    "/stakeholders/{int:stakeholder_id}",
    response={204: None, **ERRORS},
    summary="Remove a stakeholder",
)
def stakeholder_remove(request: HttpRequest, stakeholder_id: int):
    stakeholder = access_stakeholder(user=request.user, stakeholder_id=stakeholder_id, edit=True)
    services.stakeholder_remove(actor=request.user, stakeholder=stakeholder)
    return 204, None


# Communication plan -------------------------------------------------------------------


@router.get(
    "/projects/{int:project_id}/communication",
    response={200: list[CommunicationOut], 404: ErrorOut},
    summary="The communication plan: overdue first, done last",
)
@paginate
def communication_list_api(request: HttpRequest, project_id: int):
    project = access_project_dialogue(user=request.user, project_id=project_id)
    return list(communication_list(project=project))


@router.post(
    "/projects/{int:project_id}/communication",
    response={201: CommunicationOut, **ERRORS},
    summary="Plan who is told what, when and how",
)
def communication_create(request: HttpRequest, project_id: int, payload: CommunicationIn):
    project = access_project_dialogue(user=request.user, project_id=project_id, edit=True)
    item = services.communication_create(
        actor=request.user,
        project=project,
        audience=payload.audience,
        stakeholder=_stakeholder_of(project, payload.stakeholder_id),
        message=payload.message,
        planned_on=payload.planned_on,
        channel=payload.channel,
        responsible=_person(project, payload.responsible_id, "responsible_id"),
    )
    return 201, item


@router.patch(
    "/communication/{int:item_id}",
    response={200: CommunicationOut, **ERRORS},
    summary="Change a line of the communication plan",
)
def communication_update(request: HttpRequest, item_id: int, payload: CommunicationPatch):
    item = access_communication(user=request.user, item_id=item_id, edit=True)
    data = payload.dict(exclude_unset=True)
    if not data:
        raise ValidationError(_("Send at least one field to change."))
    fields: dict[str, Any] = {}
    for name in ("audience", "message", "planned_on", "channel"):
        if name in data:
            if data[name] is None:
                raise ValidationError({name: _("This field cannot be empty.")})
            fields[name] = data[name]
    if "stakeholder_id" in data:
        fields["stakeholder"] = _stakeholder_of(item.project, data["stakeholder_id"])
    if "responsible_id" in data:
        if data["responsible_id"] is None:
            raise ValidationError({"responsible_id": _("This field cannot be empty.")})
        fields["responsible"] = _person(item.project, data["responsible_id"], "responsible_id")
    return services.communication_update(actor=request.user, item=item, **fields)


@router.post(
    "/communication/{int:item_id}/done",
    response={200: CommunicationOut, **ERRORS},
    summary="Mark a line of the plan done, or not done with done=false",
)
def communication_done(request: HttpRequest, item_id: int, payload: DoneIn):
    item = access_communication(user=request.user, item_id=item_id, edit=True)
    return services.communication_set_done(actor=request.user, item=item, done=payload.done)


@router.delete(
    "/communication/{int:item_id}",
    response={204: None, **ERRORS},
    summary="Remove a line of the communication plan",
)
def communication_remove(request: HttpRequest, item_id: int):
    item = access_communication(user=request.user, item_id=item_id, edit=True)
    services.communication_remove(actor=request.user, item=item)
    return 204, None


# Ideas --------------------------------------------------------------------------------


@router.post(
    "/projects/{int:project_id}/ideas",
    response={201: IdeaOut, **ERRORS},
    summary="Park an idea outside the scope in the idea bank",
)
def idea_park(request: HttpRequest, project_id: int, payload: IdeaIn):
    project = access_project_dialogue(user=request.user, project_id=project_id, edit=True)
    meeting = None
    if payload.meeting_id is not None:
        meeting = Meeting.objects.filter(pk=payload.meeting_id, project=project).first()
        if meeting is None:
            raise ValidationError({"meeting_id": _("Choose a meeting of this project.")})
    idea = services.idea_park(
        actor=request.user,
        project=project,
        title=payload.title,
        description=payload.description,
        reason=payload.reason,
        meeting=meeting,
    )
    return 201, {
        "id": idea.pk,
        "project_id": project.pk,
        "meeting_id": idea.meeting_id,
        "challenge_id": idea.challenge_id,
        "title": idea.challenge.title,
        "status": idea.challenge.status,
    }
