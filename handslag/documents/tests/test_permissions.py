import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member
from handslag.documents import services
from handslag.documents.models import DocumentKind
from handslag.documents.permissions import (
    access_attachment,
    access_attachment_version,
    access_generated,
    access_project_documents,
    access_template,
    can_add_documents,
    can_edit_templates,
    can_view_documents,
)
from handslag.documents.tests.factories import upload

pytestmark = pytest.mark.django_db

# (person, may view, may add)
MATRIX = [
    ("lead", True, True),
    ("team_member", True, True),
    ("staff", True, False),
    ("other", False, False),
    ("supplier", False, False),
]


@pytest.mark.parametrize(("who", "view", "add"), MATRIX)
def test_document_matrix(team, who: str, view: bool, add: bool) -> None:
    user = getattr(team, who)
    assert can_view_documents(user=user, project=team.project) is view
    assert can_add_documents(user=user, project=team.project) is add
    version = services.attachment_upload(actor=team.lead, project=team.project, upload=upload())
    generated = services.document_generate(
        actor=team.lead, project=team.project, kind=DocumentKind.NEED_STATEMENT, fmt="docx"
    )
    if view:
        assert access_attachment_version(user=user, version_id=version.pk) == version
        assert access_generated(user=user, document_id=generated.pk) == generated
    else:
        with pytest.raises(Http404):
            access_project_documents(user=user, project_id=team.project.pk)
        with pytest.raises(Http404):
            access_attachment_version(user=user, version_id=version.pk)
        with pytest.raises(Http404):
            access_generated(user=user, document_id=generated.pk)
    if add:
        assert access_attachment(user=user, attachment_id=version.attachment_id, add=True)
    elif view:
        with pytest.raises(PermissionDenied):
            access_attachment(user=user, attachment_id=version.attachment_id, add=True)


def test_anonymous_has_no_access(team) -> None:
    anonymous = AnonymousUser()
    assert not can_view_documents(user=anonymous, project=team.project)
    assert not can_add_documents(user=anonymous, project=team.project)
    with pytest.raises(Http404):
        access_project_documents(user=anonymous, project_id=team.project.pk)


def test_missing_objects_are_404(team) -> None:
    with pytest.raises(Http404):
        access_attachment_version(user=team.lead, version_id=999999)
    with pytest.raises(Http404):
        access_template(user=team.lead, template_id=999999)


@pytest.mark.parametrize(
    ("role", "edit"),
    [
        (OrganisationRole.PROCUREMENT_OFFICER, True),
        (OrganisationRole.ADMIN, True),
        (OrganisationRole.NEED_OWNER, False),
        (OrganisationRole.STAFF, False),
    ],
)
def test_template_roles(team, role: str, edit: bool) -> None:
    person = member(team.organisation, role)
    assert can_edit_templates(user=person, organisation_id=team.organisation.pk) is edit
    template = services.template_copy(
        actor=team.lead, organisation=team.organisation, kind=DocumentKind.PROCUREMENT
    )
    assert access_template(user=person, template_id=template.pk) == template
    if edit:
        assert access_template(user=person, template_id=template.pk, edit=True)
    else:
        with pytest.raises(PermissionDenied):
            access_template(user=person, template_id=template.pk, edit=True)
    for outsider in (team.other, team.supplier):
        assert not can_edit_templates(user=outsider, organisation_id=team.organisation.pk)
        with pytest.raises(Http404):
            access_template(user=outsider, template_id=template.pk)
