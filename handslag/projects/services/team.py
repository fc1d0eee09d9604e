"""The project team: members and their roles, external members' areas, joint buyers."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, ProjectRole
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.needs.models import NeedStatement
from handslag.needs.models import Visibility as NeedVisibility
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    ExternalAccess,
    Project,
    ProjectMember,
    WorkspaceArea,
)
from handslag.projects.permissions import (
    buyer_organisation_ids,
    can_lead_project,
    is_external_member,
)
from handslag.projects.selectors import member_candidates
from handslag.projects.services._common import _ensure_active

# Roles open to external team members (advisors, partner organisations): they bring
# competence, but the buyer's own staff lead, procure, evaluate and open tenders.
EXTERNAL_ROLES = (
    ProjectRole.EXTERNAL_ADVISOR,
    ProjectRole.SUBJECT_EXPERT,
    ProjectRole.END_USER,
    ProjectRole.PROCESS_LEAD,
    ProjectRole.LEGAL,
    ProjectRole.IT,
    ProjectRole.FINANCE,
)


@transaction.atomic
def project_member_add(*, project: Project, actor: User, user: User, role: str) -> ProjectMember:
    """Give a person a role in the project; the project lead only."""
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    _ensure_active(project)
    if not member_candidates(project=project).filter(pk=user.pk).exists():
        raise ValidationError(
            {
                "user": _(
                    "Only people in the buyer organisations that own the project, or in a "
                    "partner organisation, can join the team."
                )
            }
        )
    if role not in ProjectRole.values:
        raise ValidationError({"role": _("Choose a project role from the list.")})
    if not (user.buyer_organisation_ids & buyer_organisation_ids(project)) and (
        role not in EXTERNAL_ROLES
    ):
        raise ValidationError(
            {
                "role": _(
                    "People from outside the owning buyers join as advisors or experts; they "
                    "cannot lead, procure, evaluate or open tenders."
                )
            }
        )
    member = ProjectMember(project=project, user=user, role=role)
    member.full_clean()
    member.save()
    project._roles_cache = {}
    audit_record(
        actor=actor,
        action=ProjectsAction.PROJECT_MEMBER_ADD,
        target=member,
        organisation_id=project.organisation_id,
        data={"project": project.pk, "user": user.username, "role": role},
    )
    return member


@transaction.atomic
def project_member_remove(*, member: ProjectMember, actor: User) -> None:
    """Take a role away from a person; the project always keeps a project lead."""
    project = member.project
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    _ensure_active(project)
    if (
        member.role == ProjectRole.PROJECT_LEAD
        and not project.members.filter(role=ProjectRole.PROJECT_LEAD).exclude(pk=member.pk).exists()
    ):
        raise ValidationError(
            _("The project must have a project lead. Add another project lead first.")
        )
    data = {"project": project.pk, "user": member.user.username, "role": member.role}
    # Deleted through the queryset so the instance keeps its pk for the entry, which comes
    # last: no row lock after the audit lock.
    ProjectMember.objects.filter(pk=member.pk).delete()
    project._roles_cache = {}
    if not project.members.filter(user_id=member.user_id).exists():
        # Someone who leaves the team keeps no invitation to its areas.
        ExternalAccess.objects.filter(project=project, user_id=member.user_id).delete()
        project._areas_cache = {}
    audit_record(
        actor=actor,
        action=ProjectsAction.PROJECT_MEMBER_REMOVE,
        target=member,
        organisation_id=project.organisation_id,
        data=data,
    )


# --- External team members -------------------------------------------------------------------


@transaction.atomic
def external_access_set(
    *, actor: User, project: Project, user: User, areas: Iterable[str]
) -> list[str]:
    """Choose which areas (risk register, resources) an external team member is invited to;
    the project lead only. Areas left out are withdrawn."""
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can change the team."))
    _ensure_active(project)
    if not is_external_member(user=user, project=project):
        raise ValidationError({"user": _("Only external team members are invited area by area.")})
    areas = sorted(set(areas))
    if any(a not in WorkspaceArea.values for a in areas):
        raise ValidationError({"areas": _("Choose areas from the list.")})
    before = sorted(
        ExternalAccess.objects.filter(project=project, user=user).values_list("area", flat=True)
    )
    if before == areas:
        return areas
    ExternalAccess.objects.filter(project=project, user=user).exclude(area__in=areas).delete()
    for area in set(areas) - set(before):
        ExternalAccess.objects.create(project=project, user=user, area=area)
    project._areas_cache = {}
    audit_record(
        actor=actor,
        action=ProjectsAction.PROJECT_EXTERNAL_ACCESS,
        target=project,
        organisation_id=project.organisation_id,
        data={"user": user.username, "before": before, "after": areas},
    )
    return areas


@transaction.atomic
def project_partner_add(
    *,
    project: Project,
    actor: User,
    organisation: Organisation,
    needs: Iterable[NeedStatement] = (),
) -> Project:
    """Another buyer joins the project as a joint owner (the sharing service in the seeds
    grew from three municipalities to six), optionally bringing its own need statements.
    The project lead decides; buyers are only ever added, never silently removed."""
    if not can_lead_project(user=actor, project=project):
        raise forbidden(_("Only the project lead can let another buyer join the project."))
    _ensure_active(project)
    if organisation.kind != OrganisationKind.BUYER:
        raise ValidationError(
            {"organisation": _("Only buyer organisations can own a project together.")}
        )
    if organisation.pk in buyer_organisation_ids(project):
        raise ValidationError({"organisation": _("The organisation already owns the project.")})
    needs = list(needs)
    if any(need.organisation_id != organisation.pk for need in needs):
        raise ValidationError(
            {"needs": _("A joining buyer can bring only its own need statements.")}
        )
    if any(need.visibility != NeedVisibility.BUYERS for need in needs):
        # The project page would show the need to people of the other buyers.
        raise ValidationError(
            {
                "needs": _(
                    "Only need statements that the organisation has shared with other buyers "
                    "can be brought into the project."
                )
            }
        )
    project.partner_buyers.add(organisation)
    if needs:
        project.needs.add(*needs)
    audit_record(
        actor=actor,
        action=ProjectsAction.PROJECT_PARTNER_ADD,
        target=project,
        organisation_id=project.organisation_id,
        data={"organisation": organisation.pk, "needs": [n.pk for n in needs]},
    )
    return project
