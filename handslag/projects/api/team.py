"""A project's team."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.projects import services
from handslag.projects.api.base import ERRORS, router
from handslag.projects.permissions import (
    access_member,
    access_project,
)
from handslag.projects.schemas import (
    ErrorOut,
    MemberIn,
    MemberOut,
)


@router.get(
    "/{int:project_id}/members",
    response={200: list[MemberOut], 404: ErrorOut},
    summary="The team: one row per role held",
)
def member_list(request: HttpRequest, project_id: int):
    project = access_project(user=request.user, project_id=project_id)
    return project.members.select_related("user").order_by("pk")


@router.post(
    "/{int:project_id}/members",
    response={201: MemberOut, **ERRORS},
    summary="Give a person a role in the project",
)
def member_add(request: HttpRequest, project_id: int, payload: MemberIn):
    project = access_project(user=request.user, project_id=project_id)
    user = User.objects.filter(pk=payload.user_id).first()
    if user is None:
        raise ValidationError({"user_id": _("There is no such person.")})
    member = services.project_member_add(
        project=project, actor=request.user, user=user, role=payload.role
    )
    return 201, member


@router.delete(
    "/members/{int:member_id}",
    response={204: None, **ERRORS},
    summary="Take a role away from a person",
)
def member_remove(request: HttpRequest, member_id: int):
    member = access_member(user=request.user, member_id=member_id)
    services.project_member_remove(member=member, actor=request.user)
    return 204, None
