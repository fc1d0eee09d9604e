"""The risk register: scoring on 1–5, history, overdue reviews, matrix, export, and who sees it."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from handslag.accounts.models import Organisation
from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.audit import actions
from handslag.audit.services import audit_record, audit_trail
from handslag.projects import services
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import ExternalAccess, ProjectMember, Risk, WorkspaceArea
from handslag.projects.selectors import (
    risk_history,
    risk_is_overdue,
    risk_list_visible,
    risk_matrix,
)

pytestmark = pytest.mark.django_db


def partner_org() -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.PARTNER, name="Upphandlingsmyndigheten")


@pytest.fixture
def advisor(project):
    """An external team member from a partner organisation."""
    user = member(partner_org(), OrganisationRole.STAFF, username="advisor")
    ProjectMember.objects.create(project=project, user=user, role=ProjectRole.EXTERNAL_ADVISOR)
    return user


def make_risk(project, actor, **fields):
    values = {"title": "Brist på tid", "probability": 4, "impact": 3} | fields
    return services.risk_create(actor=actor, project=project, **values)


class TestServices:
    def test_create_scores_and_records(self, project, lead):
        risk = make_risk(project, lead, owner=lead, mitigation="Avsätt tid i budgeten")
        assert risk.score == 12
        assert risk.level == "high"
        [entry] = audit_trail(target=risk)
        assert entry.action == ProjectsAction.RISK_CREATE
        assert entry.data["probability"] == 4

    @pytest.mark.parametrize("value", [7, 0, -1, "7", "x", None, 2.5, True])
    def test_probability_outside_1_to_5_refused(self, project, lead, value):
        with pytest.raises(ValidationError) as error:
            make_risk(project, lead, probability=value)
        assert "probability" in error.value.message_dict
        assert "1" in error.value.message_dict["probability"][0]
        assert not Risk.objects.exists()

    def test_seven_named_in_message(self, project, lead):
        with pytest.raises(ValidationError) as error:
            make_risk(project, lead, impact=7)
        assert "7" in error.value.message_dict["impact"][0]

    def test_owner_must_be_in_team(self, project, lead, colleague):
        with pytest.raises(ValidationError) as error:
            make_risk(project, lead, owner=colleague)
        assert "owner" in error.value.message_dict

    def test_history_reads_a_registration_stored_under_an_older_name(
        self,
        project,
        lead,
        monkeypatch,
    ) -> None:
        monkeypatch.setitem(actions._renamed, "risk.register", ProjectsAction.RISK_CREATE)
        risk = make_risk(project, lead)
        audit_record(actor=lead, action="risk.register", target=risk, data={"probability": 2})
        with translation.override("en"):
            history = risk_history(risk=risk)
            assert [str(row["label"]) for row in history] == ["Registered", "Registered"]
            assert [(str(f), b, a) for f, b, a in history[1]["changes"]] == [
                ("Probability", "", "2")
            ]

    def test_update_keeps_history_of_every_change(self, project, lead, officer):
        risk = make_risk(project, lead)
        services.risk_update(actor=officer, risk=risk, probability=2, status="mitigating")
        services.risk_update(actor=lead, risk=risk, impact=5)
        services.risk_update(actor=lead, risk=risk, impact=5)  # no change, no entry
        trail = list(audit_trail(target=risk))
        assert [e.action for e in trail] == [
            ProjectsAction.RISK_CREATE,
            ProjectsAction.RISK_UPDATE,
            ProjectsAction.RISK_UPDATE,
        ]
        assert trail[1].data["changes"]["probability"] == {"before": 4, "after": 2}
        assert trail[2].data["changes"] == {"impact": {"before": 3, "after": 5}}

    def test_update_with_bad_value_changes_nothing(self, project, lead):
        risk = make_risk(project, lead)
        with pytest.raises(ValidationError):
            services.risk_update(actor=lead, risk=risk, probability=7, title="Ny titel")
        risk.refresh_from_db()
        assert (risk.probability, risk.title) == (4, "Brist på tid")
        assert len(audit_trail(target=risk)) == 1

    def test_unknown_field_refused(self, project, lead):
        risk = make_risk(project, lead)
        with pytest.raises(ValidationError):
            services.risk_update(actor=lead, risk=risk, project=None)

    def test_need_owner_in_team_may_register(self, project, need_owner):
        assert make_risk(project, need_owner).pk

    @pytest.mark.parametrize("who", ["colleague", "outsider", "supplier_user", "advisor"])
    def test_others_may_not_register(self, request, project, who):
        with pytest.raises(PermissionDenied):
            make_risk(project, request.getfixturevalue(who))

    def test_stopped_project_refused(self, project, lead):
        risk = make_risk(project, lead)
        services.project_stop(project=project, actor=lead, reason="Ingen tid")
        project.refresh_from_db()
        with pytest.raises(ValidationError):
            make_risk(project, lead)
        with pytest.raises(ValidationError):
            services.risk_update(actor=lead, risk=risk, impact=1)


class TestSelectors:
    def test_overdue_when_review_date_passed_and_not_closed(self, project, lead):
        today = date(2026, 5, 10)
        risk = make_risk(project, lead, review_date=date(2026, 5, 9))
        assert risk_is_overdue(risk, today=today)
        assert not risk_is_overdue(risk, today=date(2026, 5, 9))
        risk.status = "closed"
        assert not risk_is_overdue(risk, today=today)

    def test_matrix_places_open_risks(self, project, lead):
        a = make_risk(project, lead, title="A", probability=5, impact=1)
        make_risk(project, lead, title="B", probability=1, impact=5, status="closed")
        grid = risk_matrix(list(risk_list_visible(user=lead, project=project)))
        assert len(grid) == 5 and all(len(row) == 5 for row in grid)
        assert grid[0][0].probability == 5 and grid[0][0].impact == 1
        assert grid[0][0].risks == [a]
        assert grid[4][4].risks == []  # closed risks are not in the matrix
        assert grid[0][4].level == "critical" and grid[4][0].level == "low"

    def test_most_serious_first_and_internal_hidden_from_externals(self, project, lead, advisor):
        make_risk(project, lead, title="Liten", probability=1, impact=1)
        make_risk(project, lead, title="Stor", probability=5, impact=5)
        make_risk(project, lead, title="Intern", probability=3, impact=3, internal_only=True)
        assert [r.title for r in risk_list_visible(user=lead, project=project)] == [
            "Stor",
            "Intern",
            "Liten",
        ]
        assert [r.title for r in risk_list_visible(user=advisor, project=project)] == [
            "Stor",
            "Liten",
        ]


class TestViews:
    def test_list_shows_matrix_table_and_overdue(self, client, project, lead):
        make_risk(project, lead, title="Ledningen tappar intresset", review_date=date(2020, 1, 1))
        client.force_login(lead)
        response = client.get(reverse("projects:risk_list", args=[project.pk]))
        assert response.status_code == 200
        html = response.content.decode()
        assert "risk-matrix" in html and "Ledningen tappar intresset" in html
        assert response.context["overdue"]
        assert reverse("projects:risk_export", args=[project.pk]) in html

    def test_empty_state(self, client, project, lead):
        client.force_login(lead)
        response = client.get(reverse("projects:risk_list", args=[project.pk]))
        assert response.context["risk_count"] == 0
        assert 'class="empty"' in response.content.decode()

    def test_create_and_refuse_seven(self, client, project, lead):
        client.force_login(lead)
        url = reverse("projects:risk_create", args=[project.pk])
        data = {"title": "Få anbud", "probability": "7", "impact": "3", "status": "open"}
        response = client.post(url, data)
        assert response.status_code == 400
        assert "7" in response.content.decode()
        assert not Risk.objects.exists()
        data["probability"] = "2"
        data["review_date"] = (timezone.localdate() + timedelta(days=30)).isoformat()
        response = client.post(url, data)
        risk = Risk.objects.get()
        assert response.status_code == 302
        assert response.url == reverse("projects:risk_detail", args=[risk.pk])
        assert risk.probability == 2

    def test_edit_and_history_on_detail(self, client, project, lead):
        risk = make_risk(project, lead)
        client.force_login(lead)
        url = reverse("projects:risk_edit", args=[risk.pk])
        assert client.get(url).status_code == 200
        response = client.post(
            url, {"title": risk.title, "probability": "1", "impact": "3", "status": "mitigating"}
        )
        assert response.status_code == 302
        response = client.get(reverse("projects:risk_detail", args=[risk.pk]))
        history = response.context["history"]
        assert len(history) == 2
        assert (_("Probability"), "4", "1") in [tuple(map(str, c)) for c in history[1]["changes"]]

    def test_export_xlsx(self, client, project, lead):
        make_risk(project, lead, title="Avtalet blir för stelt", review_date=date(2020, 1, 1))
        client.force_login(lead)
        response = client.get(reverse("projects:risk_export", args=[project.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith('.xlsx"')
        sheet = load_workbook(BytesIO(response.content)).active
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[0][0] == _("Risk") and rows[0][2] == _("Probability")
        assert rows[1][0] == "Avtalet blir för stelt"
        assert rows[1][4] == 12
        assert rows[1][9] == _("Yes")

    def test_colleague_reads_but_cannot_edit(self, client, project, lead, colleague):
        risk = make_risk(project, lead)
        client.force_login(colleague)
        assert client.get(reverse("projects:risk_list", args=[project.pk])).status_code == 200
        assert client.get(reverse("projects:risk_detail", args=[risk.pk])).status_code == 200
        assert client.get(reverse("projects:risk_create", args=[project.pk])).status_code == 403
        assert client.get(reverse("projects:risk_edit", args=[risk.pk])).status_code == 403

    @pytest.mark.parametrize("who", ["outsider", "supplier_user"])
    def test_other_organisations_get_404(self, request, client, project, lead, who):
        risk = make_risk(project, lead)
        client.force_login(request.getfixturevalue(who))
        assert client.get(reverse("projects:risk_list", args=[project.pk])).status_code == 404
        assert client.get(reverse("projects:risk_detail", args=[risk.pk])).status_code == 404
        assert client.get(reverse("projects:risk_export", args=[project.pk])).status_code == 404

    def test_anonymous_redirected(self, client, project):
        response = client.get(reverse("projects:risk_list", args=[project.pk]))
        assert response.status_code == 302 and "login" in response.url

    def test_external_member_only_when_invited(self, client, project, lead, advisor):
        shared = make_risk(project, lead, title="Delad")
        internal = make_risk(project, lead, title="Hemlig", internal_only=True)
        client.force_login(advisor)
        url = reverse("projects:risk_list", args=[project.pk])
        assert client.get(url).status_code == 403
        assert client.get(reverse("projects:risk_detail", args=[shared.pk])).status_code == 404
        ExternalAccess.objects.create(project=project, user=advisor, area=WorkspaceArea.RISKS)
        response = client.get(url)
        assert response.status_code == 200
        assert "Delad" in response.content.decode()
        assert "Hemlig" not in response.content.decode()
        assert client.get(reverse("projects:risk_detail", args=[internal.pk])).status_code == 404
        assert client.get(reverse("projects:risk_create", args=[project.pk])).status_code == 403


class TestApi:
    BASE = "/api/v1/projects"

    def auth(self, user):
        from handslag.accounts.services import api_token_create

        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}

    def test_create_list_get_patch(self, client, project, lead):
        headers = self.auth(lead)
        url = f"{self.BASE}/{project.pk}/risks"
        body = {"title": "Leverantörer bär all risk", "probability": 3, "impact": 4}
        response = client.post(url, body, content_type="application/json", **headers)
        assert response.status_code == 201, response.content
        risk_id = response.json()["id"]
        assert response.json()["score"] == 12
        response = client.get(url, **headers)
        assert [r["id"] for r in response.json()["items"]] == [risk_id]
        response = client.patch(
            f"{self.BASE}/risks/{risk_id}",
            {"status": "mitigating", "owner_id": lead.pk},
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 200, response.content
        assert response.json()["owner_id"] == lead.pk
        detail = client.get(f"{self.BASE}/risks/{risk_id}", **headers).json()
        assert len(detail["history"]) == 2

    def test_seven_gives_400_json(self, client, project, lead):
        response = client.post(
            f"{self.BASE}/{project.pk}/risks",
            {"title": "X", "probability": 7, "impact": 2},
            content_type="application/json",
            **self.auth(lead),
        )
        assert response.status_code == 400
        assert "probability" in response.json()["errors"]
        assert not Risk.objects.exists()

    def test_owner_outside_team_400(self, client, project, lead, colleague):
        response = client.post(
            f"{self.BASE}/{project.pk}/risks",
            {"title": "X", "probability": 2, "impact": 2, "owner_id": colleague.pk},
            content_type="application/json",
            **self.auth(lead),
        )
        assert response.status_code == 400

    def test_forbidden_and_hidden(self, client, project, lead, colleague, outsider):
        risk = make_risk(project, lead)
        body = {"title": "X", "probability": 2, "impact": 2}
        url = f"{self.BASE}/{project.pk}/risks"
        assert client.get(url).status_code == 401
        response = client.post(url, body, content_type="application/json", **self.auth(colleague))
        assert response.status_code == 403
        assert client.get(url, **self.auth(outsider)).status_code == 404
        assert client.get(f"{self.BASE}/risks/{risk.pk}", **self.auth(outsider)).status_code == 404

    def test_xlsx(self, client, project, lead):
        make_risk(project, lead)
        response = client.get(f"{self.BASE}/{project.pk}/risks.xlsx", **self.auth(lead))
        assert response.status_code == 200
        rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(values_only=True))
        assert rows[1][0] == "Brist på tid"
