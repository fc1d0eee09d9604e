"""Who may see and do what in a procurement project.

Other apps (market, tendering, partnership, benefits) build their own rules on these
predicates, so "who is in the team" is decided in one place.
"""

from django.db.models import Q

from handslag.accounts.models import User
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.core.permissions import forbidden, not_found
from handslag.needs.models import NeedStatement
from handslag.projects.models import (
    ChecklistItem,
    ExternalAccess,
    ProcedureTemplate,
    Project,
    ProjectMember,
    Risk,
    Stage,
)

MANAGER_ROLES = (ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER)


def project_roles(*, user: User, project: Project) -> set[str]:
    if not user.is_authenticated:
        return set()
    cache = getattr(project, "_roles_cache", None)
    if cache is None:
        cache = {}
        project._roles_cache = cache
    if user.pk not in cache:
        cache[user.pk] = set(
            ProjectMember.objects.filter(project=project, user=user).values_list("role", flat=True)
        )
    return cache[user.pk]


def is_team_member(*, user: User, project: Project) -> bool:
    return bool(project_roles(user=user, project=project))


def has_project_role(*, user: User, project: Project, roles: tuple[str, ...]) -> bool:
    return bool(project_roles(user=user, project=project) & set(roles))


def buyer_organisation_ids(project: Project) -> set[int]:
    """The lead buyer and every buyer that owns the project jointly."""
    ids = {project.organisation_id}
    ids.update(project.partner_buyers.values_list("id", flat=True))
    return ids


def can_view_project(*, user: User, project: Project) -> bool:
    """Team members, and staff of the buyer organisations that own the project."""
    if not user.is_authenticated:
        return False
    if is_team_member(user=user, project=project):
        return True
    return bool(user.buyer_organisation_ids & buyer_organisation_ids(project))


def can_view_need_through_project(*, user: User, need: NeedStatement) -> bool:
    """A need statement is readable by whoever may view a project carrying it."""
    return any(can_view_project(user=user, project=p) for p in need.projects.all())


def needs_visible_through_projects(*, user: User) -> Q:
    """The need statements in projects the user is on, or whose buyers the user is staff of."""
    buyer_ids = user.buyer_organisation_ids
    team_project_ids = ProjectMember.objects.filter(user=user).values("project_id")
    return (
        Q(projects__in=team_project_ids)
        | Q(projects__organisation_id__in=buyer_ids)
        | Q(projects__partner_buyers__in=buyer_ids)
    )


def can_manage_project(*, user: User, project: Project) -> bool:
    """The project lead and the project's procurement officers run the project."""
    return has_project_role(user=user, project=project, roles=MANAGER_ROLES)


def can_lead_project(*, user: User, project: Project) -> bool:
    return has_project_role(user=user, project=project, roles=(ProjectRole.PROJECT_LEAD,))


def can_create_project(*, user: User, organisation_id: int) -> bool:
    return user.has_org_role(
        organisation_id,
        OrganisationRole.PROCUREMENT_OFFICER,
        OrganisationRole.NEED_OWNER,
        OrganisationRole.ADMIN,
    )


def access_project(*, user: User, project_id: int, manage: bool = False) -> Project:
    """The project, if the user may see it (404 otherwise); with manage=True, also run it (403)."""
    project = (
        Project.objects.select_related("organisation", "template").filter(pk=project_id).first()
    )
    if project is None or not can_view_project(user=user, project=project):
        raise not_found()
    if manage and not can_manage_project(user=user, project=project):
        raise forbidden()
    return project


def can_work_in_project(*, user: User, project: Project) -> bool:
    """The buyers' own team members work in the project (checklists, lessons); external
    members and other viewers only read."""
    return is_internal_member(user=user, project=project)


def access_project_for_lead(*, user: User, project_id: int) -> Project:
    """The project, if the user may see it (404) and leads it (403)."""
    project = access_project(user=user, project_id=project_id)
    if not can_lead_project(user=user, project=project):
        raise forbidden()
    return project


def access_stage(*, user: User, stage_id: int) -> Stage:
    """A stage of a project the user may see; 404 otherwise."""
    stage = Stage.objects.select_related("project__organisation").filter(pk=stage_id).first()
    if stage is None or not can_view_project(user=user, project=stage.project):
        raise not_found()
    return stage


def access_checklist_item(*, user: User, item_id: int) -> ChecklistItem:
    """A checklist item of a project the user may see; 404 otherwise."""
    item = ChecklistItem.objects.select_related("stage__project").filter(pk=item_id).first()
    if item is None or not can_view_project(user=user, project=item.stage.project):
        raise not_found()
    return item


def access_member(*, user: User, member_id: int) -> ProjectMember:
    """A team membership of a project the user may see; 404 otherwise."""
    member = ProjectMember.objects.select_related("project", "user").filter(pk=member_id).first()
    if member is None or not can_view_project(user=user, project=member.project):
        raise not_found()
    return member


# --- Workspace areas: risks, resources; internal and external team members ------------------


def is_internal_member(*, user: User, project: Project) -> bool:
    """A team member who works for one of the buyers that own the project."""
    return is_team_member(user=user, project=project) and bool(
        user.buyer_organisation_ids & buyer_organisation_ids(project)
    )


def is_external_member(*, user: User, project: Project) -> bool:
    """A team member from outside the owning buyers: an advisor or a partner organisation."""
    return is_team_member(user=user, project=project) and not is_internal_member(
        user=user, project=project
    )


def is_invited_to(*, user: User, project: Project, area: str) -> bool:
    cache = getattr(project, "_areas_cache", None)
    if cache is None:
        cache = {}
        project._areas_cache = cache
    if user.pk not in cache:
        cache[user.pk] = set(
            ExternalAccess.objects.filter(project=project, user=user).values_list("area", flat=True)
        )
    return area in cache[user.pk]


def can_view_area(*, user: User, project: Project, area: str) -> bool:
    """Buyer staff who may see the project see every area; external members, what they are
    invited to."""
    if not can_view_project(user=user, project=project):
        return False
    if user.buyer_organisation_ids & buyer_organisation_ids(project):
        return True
    return is_invited_to(user=user, project=project, area=area)


def sees_internal_items(*, user: User, project: Project) -> bool:
    """Items marked internal-only are for the owning buyers' own staff."""
    return bool(user.buyer_organisation_ids & buyer_organisation_ids(project))


def can_edit_area(*, user: User, project: Project) -> bool:
    """The buyers' own team members keep the risk register and the resources."""
    return is_internal_member(user=user, project=project)


def access_area(*, user: User, project_id: int, area: str, edit: bool = False) -> Project:
    """The project, if the user may see this area of it (404/403), and with edit=True edit it."""
    project = access_project(user=user, project_id=project_id)
    if not can_view_area(user=user, project=project, area=area):
        raise forbidden()
    if edit and not can_edit_area(user=user, project=project):
        raise forbidden()
    return project


def access_risk(*, user: User, risk_id: int) -> Risk:
    """A risk the user may see; 404 for anything else (internal-only risks included)."""
    risk = Risk.objects.select_related("project", "owner").filter(pk=risk_id).first()
    if risk is None or not can_view_area(user=user, project=risk.project, area="risks"):
        raise not_found()
    if risk.internal_only and not sees_internal_items(user=user, project=risk.project):
        raise not_found()
    return risk


# --- Procedure templates per organisation ----------------------------------------------------


def can_edit_templates(*, user: User, organisation_id: int) -> bool:
    """An organisation's procurement officers and administrators keep its own templates."""
    return user.is_authenticated and user.has_org_role(
        organisation_id, OrganisationRole.PROCUREMENT_OFFICER, OrganisationRole.ADMIN
    )


def template_editor_organisation_ids(*, user: User) -> list[int]:
    return [
        m.organisation_id
        for m in user.active_memberships
        if m.organisation.kind == "buyer"
        and m.role in (OrganisationRole.PROCUREMENT_OFFICER, OrganisationRole.ADMIN)
    ]


def access_template(*, user: User, template_id: int, edit: bool = False) -> ProcedureTemplate:
    """A shipped template or one of the person's organisations' own (404 otherwise); with
    edit=True, one the person may revise (403)."""
    template = ProcedureTemplate.objects.filter(pk=template_id).first()
    if template is None or not user.is_authenticated:
        raise not_found()
    if template.organisation_id is not None and template.organisation_id not in set(
        user.organisation_ids
    ):
        raise not_found()
    if edit and (
        template.organisation_id is None
        or not can_edit_templates(user=user, organisation_id=template.organisation_id)
    ):
        raise forbidden()
    return template


def access_resource(*, user: User, kind: str, resource_id: int):
    """A budget line, hours or funding source the user may see; 404 otherwise."""
    from handslag.projects.models import BudgetLine, EffortLine, FundingSource

    model = {"budget": BudgetLine, "hours": EffortLine, "funding": FundingSource}.get(kind)
    instance = (
        model.objects.select_related("project").filter(pk=resource_id).first() if model else None
    )
    if instance is None or not can_view_area(user=user, project=instance.project, area="resources"):
        raise not_found()
    if instance.internal_only and not sees_internal_items(user=user, project=instance.project):
        raise not_found()
    return instance
