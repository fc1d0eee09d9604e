"""Who may see and change a project's documents and an organisation's templates.

Documents belong to the project: whoever may view the project (the team and the staff of
its buyer organisations) may read and download them; only team members add files and
generate documents. Suppliers and other organisations never learn they exist.
"""

from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.accounts.roles import OrganisationRole
from handslag.core.permissions import forbidden, not_found
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentTemplate,
    GeneratedDocument,
)
from handslag.projects.models import Project
from handslag.projects.permissions import access_project, can_view_project, is_team_member

TEMPLATE_EDITOR_ROLES = (OrganisationRole.PROCUREMENT_OFFICER, OrganisationRole.ADMIN)


def can_view_documents(*, user: User, project: Project) -> bool:
    return can_view_project(user=user, project=project)


def can_add_documents(*, user: User, project: Project) -> bool:
    """Team members upload attachments and generate documents."""
    return user.is_authenticated and is_team_member(user=user, project=project)


def access_project_documents(*, user: User, project_id: int, add: bool = False) -> Project:
    """The project whose documents the user may see (404); with add=True, also add (403)."""
    project = access_project(user=user, project_id=project_id)
    if add and not can_add_documents(user=user, project=project):
        raise forbidden(_only_team())
    return project


def _only_team() -> str:
    return _("Only the project team can add documents.")


def access_attachment(*, user: User, attachment_id: int, add: bool = False) -> Attachment:
    attachment = (
        Attachment.objects.select_related("project__organisation").filter(pk=attachment_id).first()
    )
    if attachment is None or not can_view_documents(user=user, project=attachment.project):
        raise not_found()
    if add and not can_add_documents(user=user, project=attachment.project):
        raise forbidden(_only_team())
    return attachment


def access_attachment_version(*, user: User, version_id: int) -> AttachmentVersion:
    version = (
        AttachmentVersion.objects.select_related("attachment__project__organisation")
        .filter(pk=version_id)
        .first()
    )
    if version is None or not can_view_documents(user=user, project=version.attachment.project):
        raise not_found()
    return version


def access_generated(*, user: User, document_id: int) -> GeneratedDocument:
    document = (
        GeneratedDocument.objects.select_related("project__organisation")
        .filter(pk=document_id)
        .first()
    )
    if document is None or not can_view_documents(user=user, project=document.project):
        raise not_found()
    return document


def can_view_templates(*, user: User) -> bool:
    return user.is_authenticated and user.is_buyer_staff


def can_edit_templates(*, user: User, organisation_id: int) -> bool:
    """Procurement officers and administrators adapt their organisation's templates."""
    return (
        user.is_authenticated
        and organisation_id in user.buyer_organisation_ids
        and user.has_org_role(organisation_id, *TEMPLATE_EDITOR_ROLES)
    )


def template_editor_organisations(*, user: User) -> list:
    return [
        m.organisation
        for m in user.active_memberships
        if can_edit_templates(user=user, organisation_id=m.organisation_id)
    ]


def access_template_library(*, user: User) -> None:
    if not can_view_templates(user=user):
        raise forbidden(_library_only_buyers())


def _library_only_buyers() -> str:
    return _("The template library is for staff of buyer organisations.")


def access_template(*, user: User, template_id: int, edit: bool = False) -> DocumentTemplate:
    """An organisation's template, for its own staff (404 for others); edit needs a role (403)."""
    template = (
        DocumentTemplate.objects.select_related("organisation").filter(pk=template_id).first()
    )
    if template is None or template.organisation_id not in user.buyer_organisation_ids:
        raise not_found()
    if edit and not can_edit_templates(user=user, organisation_id=template.organisation_id):
        raise forbidden(_("Only procurement officers and administrators can edit templates."))
    return template
