"""Another buyer joins a joint project later (the sharing service grew from three
municipalities to six)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from handslag.accounts import services as account_services
from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.audit.models import AuditEntry
from handslag.needs.models import Visibility
from handslag.projects import services
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.permissions import can_view_project
from handslag.projects.tests.factories import make_project, need_statement, project_lead

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    return make_project(lead=project_lead(buyer(name="Trelleborgs kommun")))


def _lead(project):
    return project.members.get(role="project_lead").user


def test_a_buyer_joins_with_its_shared_need_and_its_staff_can_then_see_the_project(project):
    joining = buyer(name="Simrishamns kommun")
    staff = member(joining, OrganisationRole.STAFF)
    shared = need_statement(joining, title="Dela utrustning", visibility=Visibility.BUYERS)
    assert not can_view_project(user=staff, project=project)
    services.project_partner_add(
        project=project, actor=_lead(project), organisation=joining, needs=[shared]
    )
    assert joining in project.partner_buyers.all()
    assert shared in project.needs.all()
    staff = type(staff).objects.get(pk=staff.pk)  # fresh memberships cache
    assert can_view_project(user=staff, project=project)
    assert AuditEntry.objects.filter(action=ProjectsAction.PROJECT_PARTNER_ADD).count() == 1


def test_only_the_project_lead_lets_a_buyer_join(project):
    joining = buyer()
    other_team_member = member(project.organisation, OrganisationRole.PROCUREMENT_OFFICER)
    with pytest.raises(PermissionDenied):
        services.project_partner_add(project=project, actor=other_team_member, organisation=joining)
    assert not project.partner_buyers.exists()


@pytest.mark.parametrize("case", ["supplier", "owner", "private_need", "foreign_need"])
def test_refusals_change_nothing(project, case):
    lead = _lead(project)
    joining = buyer()
    needs = []
    if case == "supplier":
        joining = supplier()
    elif case == "owner":
        joining = project.organisation
    elif case == "private_need":
        needs = [need_statement(joining, visibility=Visibility.ORGANISATION)]
    elif case == "foreign_need":
        needs = [need_statement(buyer(), visibility=Visibility.BUYERS)]
    before = set(project.needs.values_list("pk", flat=True))
    with pytest.raises(ValidationError):
        services.project_partner_add(project=project, actor=lead, organisation=joining, needs=needs)
    assert not project.partner_buyers.exists()
    assert set(project.needs.values_list("pk", flat=True)) == before


def test_page_never_lists_other_buyers_private_needs(client, project):
    joining = buyer(name="Sjöbo kommun")
    need_statement(joining, title="Hemligt behov", visibility=Visibility.ORGANISATION)
    need_statement(joining, title="Delat behov", visibility=Visibility.BUYERS)
    client.force_login(_lead(project))
    html = client.get(reverse("projects:partner_add", args=[project.pk])).content.decode()
    assert "Delat behov" in html
    assert "Hemligt behov" not in html
    response = client.post(
        reverse("projects:partner_add", args=[project.pk]), {"organisation": joining.pk}
    )
    assert response.status_code == 302
    assert joining in project.partner_buyers.all()


def test_page_is_for_the_lead_only(client, project):
    # Staff of the owning buyer see the project, so they are refused, not told it is missing.
    client.force_login(member(project.organisation, OrganisationRole.STAFF))
    assert client.get(reverse("projects:partner_add", args=[project.pk])).status_code == 403
    client.force_login(member(buyer(), OrganisationRole.PROCUREMENT_OFFICER))
    assert client.get(reverse("projects:partner_add", args=[project.pk])).status_code == 404


def test_api_adds_a_partner_and_refuses_a_missing_organisation(client, project):
    raw = account_services.api_token_create(actor=_lead(project), name="t").raw
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    url = f"/api/v1/projects/{project.pk}/partners"
    joining = buyer()
    response = client.post(
        url, {"organisation_id": joining.pk}, content_type="application/json", **headers
    )
    assert response.status_code == 200
    missing = client.post(
        url, {"organisation_id": 999999}, content_type="application/json", **headers
    )
    assert missing.status_code == 400
    malformed = client.post(url, "{", content_type="application/json", **headers)
    assert malformed.status_code == 400  # not JSON: refused before any schema
