"""Resources: budget lines, hours planned and spent, funding sources and their conditions."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.audit.models import AuditEntry
from handslag.projects import services
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    BudgetLine,
    EffortLine,
    ExternalAccess,
    FundingSource,
    ProjectMember,
)
from handslag.projects.selectors import resources_for
from handslag.projects.tests.factories import make_project

pytestmark = pytest.mark.django_db


def vinnova(project, actor, **fields):
    values = {
        "name": "Vinnova",
        "programme": "Innovationsupphandling",
        "amount": 500_000,
        "status": "granted",
        "conditions": "50 % medfinansiering; lägesrapport varje halvår.",
        "report_due": date(2020, 6, 30),
    } | fields
    return services.resource_save(actor=actor, project=project, kind="funding", fields=values)


def budget(project, actor, **fields):
    values = {
        "category": "staff",
        "description": "Projektledning",
        "planned": 400_000,
        "spent": 0,
    } | fields
    return services.resource_save(actor=actor, project=project, kind="budget", fields=values)


def hours(project, actor, **fields):
    values = {"who": "Upphandlare", "hours_planned": 200, "hours_spent": 50} | fields
    return services.resource_save(actor=actor, project=project, kind="hours", fields=values)


@pytest.fixture
def advisor(project):
    org = OrganisationFactory(kind=OrganisationKind.PARTNER, name="Upphandlingsmyndigheten")
    user = member(org, OrganisationRole.STAFF, username="advisor")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.EXTERNAL_ADVISOR)
    return user


class TestServices:
    def test_totals_and_warnings(self, project, lead) -> None:
        source = vinnova(project, lead)
        budget(project, lead, planned=400_000, spent=100_000, funding_source=source)
        budget(project, lead, category="development", description="FoU-fas 1", planned=600_000)
        hours(project, lead, stage=project.stages.get(order=1))
        data = resources_for(user=lead, project=project, today=date(2026, 1, 1))
        assert data["planned"] == Decimal(1_000_000)
        assert data["spent"] == Decimal(100_000)
        assert data["granted"] == Decimal(500_000)
        assert data["own_share"] == Decimal(500_000)
        assert data["hours_planned"] == 200 and not data["hours_over"]
        assert data["reports_due"] == [source]
        assert not data["over_budget"]

    def test_update_audited_with_changes(self, project, lead) -> None:
        line = budget(project, lead)
        services.resource_save(
            actor=lead, project=project, kind="budget", instance=line, fields={"spent": 5000}
        )
        entry = AuditEntry.objects.filter(action=ProjectsAction.BUDGET_LINE_UPDATE).get()
        assert entry.data["changes"] == {"spent": {"before": "0", "after": "5000"}}

    @pytest.mark.parametrize(
        ("kind", "fields"),
        [
            ("budget", {"category": "staff", "description": "X", "planned": -1}),
            ("budget", {"category": "staff", "description": " ", "planned": 1}),
            ("budget", {"category": "nope", "description": "X", "planned": 1}),
            ("hours", {"who": "X", "hours_planned": "NaN"}),
            ("funding", {"name": "EU", "amount": "abc"}),
            ("budget", {"category": "staff", "description": "X", "planned": 1, "colour": "red"}),
        ],
    )
    def test_bad_input_refused(self, project, lead, kind, fields) -> None:
        with pytest.raises(ValidationError):
            services.resource_save(actor=lead, project=project, kind=kind, fields=fields)
        assert not BudgetLine.objects.exists() and not EffortLine.objects.exists()
        assert not FundingSource.objects.exists()

    def test_other_projects_stage_or_source_refused(self, project, lead) -> None:
        other = make_project(lead=lead)
        source = vinnova(other, lead)
        with pytest.raises(ValidationError):
            budget(project, lead, funding_source=source)
        with pytest.raises(ValidationError):
            hours(project, lead, stage=other.stages.first())

    @pytest.mark.parametrize("who", ["colleague", "outsider", "supplier_user", "advisor"])
    def test_only_internal_team_edits(self, request, project, who) -> None:
        with pytest.raises(PermissionDenied):
            budget(project, request.getfixturevalue(who))

    @pytest.mark.parametrize(
        ("add", "created", "changed", "removed"),
        [
            (
                budget,
                ProjectsAction.BUDGET_LINE_CREATE,
                ProjectsAction.BUDGET_LINE_UPDATE,
                ProjectsAction.BUDGET_LINE_DELETE,
            ),
            (
                hours,
                ProjectsAction.EFFORT_LINE_CREATE,
                ProjectsAction.EFFORT_LINE_UPDATE,
                ProjectsAction.EFFORT_LINE_DELETE,
            ),
            (
                vinnova,
                ProjectsAction.FUNDING_SOURCE_CREATE,
                ProjectsAction.FUNDING_SOURCE_UPDATE,
                ProjectsAction.FUNDING_SOURCE_DELETE,
            ),
        ],
    )
    def test_each_kind_is_logged_under_its_own_actions(
        self, project, lead, add, created, changed, removed
    ) -> None:
        line = add(project, lead)
        kind = {BudgetLine: "budget", EffortLine: "hours", FundingSource: "funding"}[type(line)]
        services.resource_save(
            actor=lead, project=project, kind=kind, instance=line, fields={"internal_only": True}
        )
        services.resource_delete(actor=lead, instance=line)
        logged = AuditEntry.objects.filter(
            target_type=line._meta.label_lower, target_id=str(line.pk)
        ).order_by("id")
        assert list(logged.values_list("action", flat=True)) == [created, changed, removed]

    def test_delete_keeps_audit(self, project, lead) -> None:
        line = budget(project, lead)
        services.resource_delete(actor=lead, instance=line)
        assert not BudgetLine.objects.exists()
        assert (
            AuditEntry.objects.filter(action=ProjectsAction.BUDGET_LINE_DELETE)
            .get()
            .data["description"]
        )


class TestViews:
    def test_page_forms_and_export(self, client, project, lead) -> None:
        client.force_login(lead)
        url = reverse("projects:resources", args=[project.pk])
        response = client.get(url)
        assert response.status_code == 200 and 'class="empty"' in response.content.decode()
        response = client.post(
            reverse("projects:resource_create", args=[project.pk, "funding"]),
            {
                "name": "Vinnova",
                "amount": "250000",
                "status": "applied",
                "conditions": "Medfinansiering",
            },
        )
        assert response.status_code == 302
        source = FundingSource.objects.get()
        response = client.post(
            reverse("projects:resource_create", args=[project.pk, "budget"]),
            {
                "category": "consultants",
                "description": "Juridiskt stöd",
                "planned": "80000",
                "spent": "0",
                "funding_source": source.pk,
            },
        )
        assert response.status_code == 302
        response = client.post(
            reverse("projects:resource_create", args=[project.pk, "hours"]),
            {"who": "Behovsägare", "hours_planned": "-3", "hours_spent": "0"},
        )
        assert response.status_code == 400 and not EffortLine.objects.exists()
        line = BudgetLine.objects.get()
        response = client.post(
            reverse("projects:resource_edit", args=["budget", line.pk]),
            {
                "category": "consultants",
                "description": "Juridiskt stöd",
                "planned": "80000",
                "spent": "20000",
            },
        )
        assert response.status_code == 302
        line.refresh_from_db()
        assert line.spent == 20000 and line.funding_source is None
        html = client.get(url).content.decode()
        assert "Juridiskt stöd" in html and "Vinnova" in html
        response = client.get(reverse("projects:resources_export", args=[project.pk]))
        book = load_workbook(BytesIO(response.content))
        assert len(book.sheetnames) == 3
        assert list(book.worksheets[0].iter_rows(values_only=True))[1][1] == "Juridiskt stöd"
        assert list(book.worksheets[2].iter_rows(values_only=True))[1][0] == "Vinnova"
        remove = reverse("projects:resource_delete", args=["budget", line.pk])
        assert client.get(remove).status_code == 200
        assert client.post(remove).status_code == 302
        assert not BudgetLine.objects.exists()

    def test_unknown_kind_404(self, client, project, lead) -> None:
        client.force_login(lead)
        assert (
            client.get(reverse("projects:resource_create", args=[project.pk, "x"])).status_code
            == 404
        )

    def test_permissions(self, client, project, lead, colleague, outsider, advisor) -> None:
        line = budget(project, lead)
        secret = budget(project, lead, description="Intern lönekostnad", internal_only=True)
        url = reverse("projects:resources", args=[project.pk])
        client.force_login(colleague)
        assert client.get(url).status_code == 200
        assert (
            client.get(reverse("projects:resource_edit", args=["budget", line.pk])).status_code
            == 403
        )
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert (
            client.get(reverse("projects:resource_edit", args=["budget", line.pk])).status_code
            == 404
        )
        client.force_login(advisor)
        assert client.get(url).status_code == 403
        ExternalAccess.objects.create(project=project, user=advisor, area="resources")
        html = client.get(url).content.decode()
        assert "Projektledning" in html and "Intern lönekostnad" not in html
        assert (
            client.get(reverse("projects:resource_edit", args=["budget", secret.pk])).status_code
            == 404
        )
        client.logout()
        assert client.get(url).status_code == 302


class TestApi:
    def auth(self, user):
        from handslag.accounts.services import api_token_create

        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}

    def test_add_list_remove(self, client, project, lead) -> None:
        headers = self.auth(lead)
        base = f"/api/v1/projects/{project.pk}/resources"
        response = client.post(
            f"{base}/funding",
            {
                "name": "EU",
                "programme": "Urban Innovative Actions",
                "amount": 1000000,
                "status": "granted",
            },
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 201, response.content
        source_id = response.json()["id"]
        response = client.post(
            f"{base}/budget",
            {
                "category": "development",
                "description": "FoU",
                "planned": 900000,
                "funding_source_id": source_id,
            },
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 201, response.content
        line_id = response.json()["id"]
        stage_id = project.stages.first().pk
        response = client.post(
            f"{base}/hours",
            {"who": "Projektledare", "hours_planned": 300, "stage_id": stage_id},
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 201, response.content
        data = client.get(base, **headers).json()
        assert (data["planned"], data["granted"], data["hours_planned"]) == (900000, 1000000, 300)
        response = client.delete(f"/api/v1/projects/resources/budget/{line_id}", **headers)
        assert response.status_code == 204
        assert client.get(f"{base}.xlsx", **headers).status_code == 200

    def test_bad_input_and_permissions(self, client, project, lead, colleague, outsider) -> None:
        base = f"/api/v1/projects/{project.pk}/resources"
        response = client.post(
            f"{base}/budget",
            {"category": "staff", "description": "X", "planned": -5},
            content_type="application/json",
            **self.auth(lead),
        )
        assert response.status_code == 400
        response = client.post(
            f"{base}/budget",
            {"category": "staff", "description": "X", "planned": 5, "funding_source_id": 999},
            content_type="application/json",
            **self.auth(lead),
        )
        assert response.status_code == 400
        response = client.post(
            f"{base}/budget",
            {"category": "staff", "description": "X", "planned": 5},
            content_type="application/json",
            **self.auth(colleague),
        )
        assert response.status_code == 403
        assert client.get(base, **self.auth(outsider)).status_code == 404
        assert client.get(base).status_code == 401
