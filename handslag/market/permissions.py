"""Who may see and do what with calls and applications.

Built on the project predicates, so "who is in the team" is decided in one place:
- anyone (also anonymous) sees a call once it has been published;
- staff of the buyer organisations that own the project see the whole call (read-only);
- the project team also sees the applications (they are not sealed like tenders), but
  the files sent with them only once the application deadline has passed;
- the project's managers (project lead, procurement officers) write the call and decide
  on the applications;
- a supplier sees only its own organisation's applications; to everybody else outside
  the team they do not exist (404).

Market dialogue:
- a supplier's question is seen by its own organisation and the project team; the
  answer, once given, is public without the asker's name;
- a supplier organisation's profile is edited by its administrators only;
- RFIs are public once published; the answers are seen by their supplier and the team;
- dialogue events are seen by the team and by the invited suppliers (not the notes).
"""

import datetime as dt
import uuid

from django.utils import timezone

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole
from handslag.core.models import as_public_id
from handslag.core.permissions import forbidden, not_found
from handslag.market.models import (
    Application,
    ApplicationAttachment,
    ApplicationStatus,
    Call,
    CallStatus,
    DialogueEvent,
    Question,
    Rfi,
    RfiStatus,
)
from handslag.projects.permissions import (
    can_manage_project,
    can_view_project,
    is_internal_member,
    is_team_member,
)


def can_view_call(*, user: User, call: Call) -> bool:
    """The buyer's page of the call: staff of the owning buyers and the team."""
    return can_view_project(user=user, project=call.project)


def can_manage_call(*, user: User, call: Call) -> bool:
    return can_manage_project(user=user, project=call.project)


def can_see_applications(*, user: User, call: Call) -> bool:
    """Applications are secret until the award (OSL 19:3): the buyer's own team members,
    not external advisors or partner organisations in the team."""
    return is_internal_member(user=user, project=call.project)


def can_decide_applications(*, user: User, call: Call) -> bool:
    return can_manage_project(user=user, project=call.project)


def can_apply(*, user: User) -> bool:
    return user.is_authenticated and user.is_supplier


def is_own_application(*, user: User, application: Application) -> bool:
    return user.is_authenticated and application.supplier_id in user.supplier_organisation_ids


def can_view_application(*, user: User, application: Application) -> bool:
    return is_own_application(user=user, application=application) or can_see_applications(
        user=user, call=application.call
    )


def applications_closed(*, call: Call, now: dt.datetime | None = None) -> bool:
    deadline = call.application_deadline
    return deadline is not None and (now or timezone.now()) >= deadline


def can_see_attachments(
    *, user: User, application: Application, now: dt.datetime | None = None
) -> bool:
    """An application's files: its own supplier always; the buyer's team (as for the
    application) only once the application deadline has passed, so before it nobody at the
    buyer learns what any applicant sent (OSL 19 kap. 3 §) while it can still change."""
    if is_own_application(user=user, application=application):
        return True
    return can_see_applications(user=user, call=application.call) and applications_closed(
        call=application.call, now=now
    )


def can_edit_attachments(
    *, user: User, application: Application, now: dt.datetime | None = None
) -> bool:
    """The supplier adds and removes files until the application deadline."""
    return (
        is_own_application(user=user, application=application)
        and application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.QUALIFIED)
        and application.call.status == CallStatus.PUBLISHED
        and not applications_closed(call=application.call, now=now)
    )


def access_attachment(*, user: User, public_id: uuid.UUID | str) -> ApplicationAttachment:
    """An application's file by its public id; 404 to anyone who may not see it yet."""
    attachment = (
        ApplicationAttachment.objects.select_related(
            "application", "application__call", "application__call__project"
        )
        .filter(public_id=as_public_id(public_id))
        .first()
    )
    if attachment is None or not can_see_attachments(user=user, application=attachment.application):
        raise not_found()
    return attachment


def _call_queryset():
    return Call.objects.select_related("project", "project__organisation", "project__template")


def access_public_call(*, call_id: int) -> Call:
    """A call that has been published, for anybody; drafts do not exist to the public."""
    call = _call_queryset().filter(pk=call_id).exclude(status=CallStatus.DRAFT).first()
    if call is None or not call.is_public:
        raise not_found()
    return call


def access_call(*, user: User, call_id: int, manage: bool = False) -> Call:
    """The buyer's view of a call (404 unless the user may see the project; 403 to write)."""
    call = _call_queryset().filter(pk=call_id).first()
    if call is None or not can_view_call(user=user, call=call):
        raise not_found()
    if manage and not can_manage_call(user=user, call=call):
        raise forbidden()
    return call


def access_call_applications(*, user: User, call_id: int, decide: bool = False) -> Call:
    """A call whose applications the user may read (the team) or decide on (managers)."""
    call = access_call(user=user, call_id=call_id)
    if not can_see_applications(user=user, call=call):
        raise forbidden()
    if decide and not can_decide_applications(user=user, call=call):
        raise forbidden()
    return call


def access_application(
    *, user: User, application_id: int, decide: bool = False, withdraw: bool = False
) -> Application:
    """An application, for its own supplier and for the project team; 404 for everyone else.

    decide=True: only the project's managers (403 for the supplier and the rest of the team).
    withdraw=True: only the supplier's own people (403 for the team).
    """
    application = (
        Application.objects.select_related(
            "call",
            "call__project",
            "call__project__organisation",
            "supplier",
            "submitted_by",
            "decided_by",
        )
        .filter(pk=application_id)
        .first()
    )
    if application is None or not can_view_application(user=user, application=application):
        raise not_found()
    if decide and not can_decide_applications(user=user, call=application.call):
        raise forbidden()
    if withdraw and not is_own_application(user=user, application=application):
        raise forbidden()
    return application


# --- Market dialogue -------------------------------------------------------------------------


def is_supplier_member(*, user: User, organisation: Organisation) -> bool:
    return user.is_authenticated and organisation.pk in user.supplier_organisation_ids


def can_edit_supplier_profile(*, user: User, organisation: Organisation) -> bool:
    return (
        user.is_authenticated
        and organisation.kind == OrganisationKind.SUPPLIER
        and user.has_org_role(organisation.pk, OrganisationRole.ADMIN)
    )


def can_follow(*, user: User, organisation: Organisation) -> bool:
    return is_supplier_member(user=user, organisation=organisation)


def can_ask_question(*, user: User, organisation: Organisation) -> bool:
    return is_supplier_member(user=user, organisation=organisation)


def can_answer_rfi(*, user: User, organisation: Organisation) -> bool:
    return is_supplier_member(user=user, organisation=organisation)


def can_answer_questions(*, user: User, call: Call) -> bool:
    return can_manage_call(user=user, call=call)


def can_see_questions(*, user: User, call: Call) -> bool:
    """Every question of the call, answered or not, and who asked it: the buyer's own team
    members. External advisors see the answers published to all, never who asked."""
    return is_internal_member(user=user, project=call.project)


def access_supplier_organisation(
    *, user: User, organisation_id: int, edit: bool = False
) -> Organisation:
    """A supplier organisation the user belongs to (404 otherwise; 403 to edit if not admin)."""
    organisation = Organisation.objects.filter(
        pk=organisation_id, kind=OrganisationKind.SUPPLIER
    ).first()
    if organisation is None or not is_supplier_member(user=user, organisation=organisation):
        raise not_found()
    if edit and not can_edit_supplier_profile(user=user, organisation=organisation):
        raise forbidden()
    return organisation


def access_question(*, user: User, question_id: int, answer: bool = False) -> Question:
    """A question, for its own supplier and the project team; 404 for everybody else."""
    question = (
        Question.objects.select_related("call", "call__project", "supplier", "asked_by")
        .filter(pk=question_id)
        .first()
    )
    if question is None:
        raise not_found()
    own = is_supplier_member(user=user, organisation=question.supplier)
    if not own and not can_see_questions(user=user, call=question.call):
        raise not_found()
    if answer and not can_answer_questions(user=user, call=question.call):
        raise forbidden()
    return question


def access_call_questions(*, user: User, call_id: int, answer: bool = False) -> Call:
    call = access_call(user=user, call_id=call_id)
    if not can_see_questions(user=user, call=call):
        raise forbidden()
    if answer and not can_answer_questions(user=user, call=call):
        raise forbidden()
    return call


def _rfi_queryset():
    return Rfi.objects.select_related("project", "project__organisation")


def access_public_rfi(*, rfi_id: int) -> Rfi:
    """A published (or closed) RFI, for anybody; drafts do not exist to the public."""
    rfi = _rfi_queryset().filter(pk=rfi_id).exclude(status=RfiStatus.DRAFT).first()
    if rfi is None:
        raise not_found()
    return rfi


def access_rfi(*, user: User, rfi_id: int, manage: bool = False) -> Rfi:
    """The buyer's view of an RFI with its answers: the project team (404 for others)."""
    rfi = _rfi_queryset().filter(pk=rfi_id).first()
    if rfi is None or not is_team_member(user=user, project=rfi.project):
        raise not_found()
    if manage and not can_manage_project(user=user, project=rfi.project):
        raise forbidden()
    return rfi


def can_see_event_notes(*, user: User, event: DialogueEvent) -> bool:
    return can_view_project(user=user, project=event.project)


def is_invited_to_event(*, user: User, event: DialogueEvent) -> bool:
    if not user.is_authenticated or not user.supplier_organisation_ids:
        return False
    return event.invited.filter(pk__in=user.supplier_organisation_ids).exists()


def access_event(*, user: User, event_id: int, manage: bool = False) -> DialogueEvent:
    """A dialogue event, for the buyer's staff and the invited suppliers; 404 for others."""
    event = (
        DialogueEvent.objects.select_related("project", "project__organisation")
        .filter(pk=event_id)
        .first()
    )
    if event is None or not (
        can_view_project(user=user, project=event.project)
        or is_invited_to_event(user=user, event=event)
    ):
        raise not_found()
    if manage and not can_manage_project(user=user, project=event.project):
        raise forbidden()
    return event
