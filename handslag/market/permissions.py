"""Who may see and do what with calls and applications.

Built on the project predicates, so "who is in the team" is decided in one place:
- anyone (also anonymous) sees a call once it has been published;
- staff of the buyer organisations that own the project see the whole call (read-only);
- the project team also sees the applications (they are not sealed like tenders);
- the project's managers (project lead, procurement officers) write the call and decide
  on the applications;
- a supplier sees only its own organisation's applications; to everybody else outside
  the team they do not exist (404).
"""

from handslag.accounts.models import User
from handslag.core.permissions import forbidden, not_found
from handslag.market.models import Application, Call, CallStatus
from handslag.projects.permissions import can_manage_project, can_view_project, is_team_member


def can_view_call(*, user: User, call: Call) -> bool:
    """The buyer's page of the call: staff of the owning buyers and the team."""
    return can_view_project(user=user, project=call.project)


def can_manage_call(*, user: User, call: Call) -> bool:
    return can_manage_project(user=user, project=call.project)


def can_see_applications(*, user: User, call: Call) -> bool:
    return is_team_member(user=user, project=call.project)


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


def _call_queryset():  # noqa: ANN202
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
