"""What the dialogue demo's cases share: finding the seeds' projects and people, and
creating a meeting, stakeholders or a line of the plan only when it is not already there."""

import datetime as dt
import sys

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind
from handslag.dialogue import services
from handslag.dialogue.models import (
    CommunicationItem,
    Meeting,
    MeetingKind,
    Stakeholder,
)
from handslag.projects.demo import project
from handslag.projects.models import Project

K = MeetingKind


def _note(message: str) -> None:
    sys.stdout.write(f"dialogue demo: {message}\n")


def _project(key: str) -> Project | None:
    try:
        return project(key)
    except (ObjectDoesNotExist, KeyError, LookupError):
        return None


def _person(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _suppliers(*names: str) -> list[Organisation]:
    """The supplier organisations with these names that the earlier loaders created."""
    return list(
        Organisation.objects.filter(kind=OrganisationKind.SUPPLIER, name__in=names).order_by("name")
    )


def _meeting(
    project: Project,
    actor: User,
    *,
    kind: str,
    title: str,
    held_on: dt.date,
    people: list[str],
    suppliers: list[str] = (),
    external: str = "",
    notes: str = "",
    decisions: str = "",
    actions: list[tuple[str, str, dt.date, bool]] = (),
) -> Meeting | None:
    existing = Meeting.objects.filter(project=project, title=title, held_on=held_on).first()
    if existing is not None:
        return existing
    meeting = services.meeting_create(
        actor=actor,
        project=project,
        kind=kind,
        title=title,
        held_on=held_on,
        notes=notes,
        decisions=decisions,
        external_participants=external,
        internal_participants=[p for p in (_person(u) for u in people) if p is not None],
        supplier_organisations=_suppliers(*suppliers),
    )
    for text, owner, due_on, done in actions:
        action = services.action_add(
            actor=actor,
            meeting=meeting,
            text=text,
            owner=_person(owner) or actor,
            due_on=due_on,
        )
        if done:
            finished = min(due_on, timezone.localdate())
            services.action_set_done(
                actor=actor,
                action=action,
                done=True,
                now=timezone.make_aware(dt.datetime.combine(finished, dt.time(15, 0))),
            )
    return meeting


def _stakeholders(
    project: Project, actor: User, rows: list[tuple[str, int, int, str, str]]
) -> None:
    for name, interest, influence, description, strategy in rows:
        if Stakeholder.objects.filter(project=project, name=name).exists():
            continue
        services.stakeholder_create(
            actor=actor,
            project=project,
            name=name,
            interest=interest,
            influence=influence,
            description=description,
            strategy=strategy,
        )


def _plan(
    project: Project, actor: User, rows: list[tuple[str, str, dt.date, str, str, bool]]
) -> None:
    for audience, message, planned_on, channel, responsible, done in rows:
        if CommunicationItem.objects.filter(
            project=project, audience=audience, planned_on=planned_on
        ).exists():
            continue
        stakeholder = Stakeholder.objects.filter(project=project, name=audience).first()
        item = services.communication_create(
            actor=actor,
            project=project,
            audience=audience,
            stakeholder=stakeholder,
            message=message,
            planned_on=planned_on,
            channel=channel,
            responsible=_person(responsible) or actor,
        )
        if done:
            services.communication_set_done(
                actor=actor,
                item=item,
                done=True,
                now=timezone.make_aware(dt.datetime.combine(planned_on, dt.time(16, 0))),
            )


def _days(n: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=n)
