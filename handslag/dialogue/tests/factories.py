"""Test data for the dialogue app, built through its services."""

import datetime as dt

from handslag.accounts.models import User
from handslag.dialogue import services
from handslag.dialogue.models import ActionItem, Channel, CommunicationItem, Meeting, Stakeholder
from handslag.projects.models import Project


def make_meeting(
    project: Project, actor: User, *, held_on: dt.date = dt.date(2026, 2, 10), **fields
) -> Meeting:
    return services.meeting_create(
        actor=actor,
        project=project,
        kind=fields.pop("kind", "supplier"),
        title=fields.pop("title", "Leverantörsdialog om sensorer"),
        held_on=held_on,
        **fields,
    )


def make_action(
    meeting: Meeting, actor: User, *, due_on: dt.date = dt.date(2026, 3, 1), **fields
) -> ActionItem:
    return services.action_add(
        actor=actor,
        meeting=meeting,
        text=fields.pop("text", "Skicka frågor till leverantörerna"),
        owner=fields.pop("owner", actor),
        due_on=due_on,
    )


def make_stakeholder(project: Project, actor: User, **fields) -> Stakeholder:
    return services.stakeholder_create(
        actor=actor,
        project=project,
        name=fields.pop("name", "Hemtjänstens personal"),
        interest=fields.pop("interest", 5),
        influence=fields.pop("influence", 3),
        **fields,
    )


def make_communication(project: Project, actor: User, **fields) -> CommunicationItem:
    return services.communication_create(
        actor=actor,
        project=project,
        audience=fields.pop("audience", "Kommunstyrelsen"),
        message=fields.pop("message", "Lägesrapport om projektet"),
        planned_on=fields.pop("planned_on", dt.date(2026, 4, 1)),
        channel=fields.pop("channel", Channel.MEETING),
        responsible=fields.pop("responsible", actor),
        **fields,
    )
