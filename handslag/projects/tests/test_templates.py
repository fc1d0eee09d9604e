"""Procedure templates per organisation: copy, revise as a new version, projects keep theirs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.audit.services import audit_trail
from handslag.projects import services
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import ProcedureTemplate
from handslag.projects.tests.factories import make_project, shipped

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(org):
    return member(org, OrganisationRole.ADMIN, username="admin")


@pytest.fixture
def copy(admin, org):
    return services.template_copy(actor=admin, template=shipped(), organisation=org)


def revised_structure(template: ProcedureTemplate, **changes) -> list[dict]:
    structure = services.template_structure(template)
    structure[0].update(changes)
    return structure


class TestServices:
    def test_copy_is_org_version_1_with_same_stages(self, copy, org) -> None:
        source = shipped()
        assert (copy.organisation, copy.version, copy.key, copy.based_on) == (
            org,
            1,
            source.key,
            source,
        )
        assert services.template_structure(copy) == services.template_structure(source)
        assert not copy.is_default
        assert audit_trail(target=copy).get().action == ProjectsAction.PROCEDURE_TEMPLATE_COPY

    def test_revise_creates_new_version_and_keeps_old(self, copy, lead, org) -> None:
        project = make_project(lead=lead, organisation=org, template=copy)
        structure = revised_structure(copy, name="Behovsinventering", typical_days=150)
        structure[0]["items"] = [{"text": "Ny punkt", "required": True}]
        revised = services.template_revise(
            actor=lead, template=copy, name="Vårt partnerskap", description="", stages=structure
        )
        assert revised.version == 2 and revised.based_on == copy
        first = revised.stages.get(order=1)
        assert (first.name, first.typical_days) == ("Behovsinventering", 150)
        assert list(first.items.values_list("text", flat=True)) == ["Ny punkt"]
        # the old version and the project that started with it are unchanged
        copy.refresh_from_db()
        assert copy.name == shipped().name
        assert copy.stages.get(order=1).typical_days != 150
        project.refresh_from_db()
        assert project.template == copy
        stage = project.stages.get(order=1)
        assert stage.name != "Behovsinventering" and stage.items.count() > 1
        # a new project with the new version copies its stages
        later = make_project(lead=lead, organisation=org, template=revised)
        assert later.stages.get(order=1).name == "Behovsinventering"

    def test_shipped_template_cannot_be_revised(self, admin) -> None:
        source = shipped()
        with pytest.raises(ValidationError):
            services.template_revise(
                actor=admin,
                template=source,
                name="X",
                description="",
                stages=services.template_structure(source),
            )

    @pytest.mark.parametrize(
        "changes",
        [{"typical_days": 0}, {"typical_days": "30"}, {"typical_days": 99999}, {"name": " "}],
    )
    def test_bad_stage_refused_nothing_saved(self, copy, admin, changes) -> None:
        before = ProcedureTemplate.objects.count()
        with pytest.raises(ValidationError):
            services.template_revise(
                actor=admin,
                template=copy,
                name="X",
                description="",
                stages=revised_structure(copy, **changes),
            )
        assert ProcedureTemplate.objects.count() == before

    def test_stages_cannot_be_removed(self, copy, admin) -> None:
        with pytest.raises(ValidationError):
            services.template_revise(
                actor=admin,
                template=copy,
                name="X",
                description="",
                stages=services.template_structure(copy)[1:],
            )

    def test_need_owner_and_staff_may_not_copy(self, org) -> None:
        for role in (OrganisationRole.NEED_OWNER, OrganisationRole.STAFF):
            with pytest.raises(PermissionDenied):
                services.template_copy(
                    actor=member(org, role), template=shipped(), organisation=org
                )

    def test_other_organisations_template_cannot_be_copied(self, copy) -> None:
        other = buyer(name="Annan")
        with pytest.raises(ValidationError):
            services.template_copy(
                actor=member(other, OrganisationRole.ADMIN), template=copy, organisation=other
            )

    def test_supplier_cannot_keep_templates(self) -> None:
        org = supplier()
        with pytest.raises(ValidationError):
            services.template_copy(
                actor=member(org, OrganisationRole.ADMIN), template=shipped(), organisation=org
            )

    def test_version_numbers_per_organisation(self, copy, org, admin) -> None:
        second = services.template_copy(actor=admin, template=shipped(), organisation=org)
        assert second.version == 2
        other = buyer(name="Annan")
        theirs = services.template_copy(
            actor=member(other, OrganisationRole.ADMIN), template=shipped(), organisation=other
        )
        assert theirs.version == 1


class TestViews:
    def test_list_detail_copy_edit(self, client, admin, org) -> None:
        client.force_login(admin)
        source = shipped()
        response = client.get(reverse("projects:template_list"))
        assert response.status_code == 200 and source.name in response.content.decode()
        response = client.get(reverse("projects:template_detail", args=[source.pk]))
        assert response.context["can_copy"] and not response.context["can_edit"]
        url = reverse("projects:template_copy", args=[source.pk])
        assert client.get(url).status_code == 200
        response = client.post(url, {"organisation": org.pk})
        copy = ProcedureTemplate.objects.get(organisation=org)
        assert response.status_code == 302
        assert response.url == reverse("projects:template_edit", args=[copy.pk])
        response = client.get(response.url)
        assert response.status_code == 200
        data = dict(response.context["form"].initial)
        for name, field in response.context["form"].fields.items():
            data.setdefault(name, field.initial if field.initial is not None else "")
        data["stage_3_days"] = "200"
        data["stage_1_optional"] = data["stage_1_optional"] + "\nBjud in pensionärsrådet"
        response = client.post(reverse("projects:template_edit", args=[copy.pk]), data)
        assert response.status_code == 302, response.context["form"].errors
        revised = ProcedureTemplate.objects.get(organisation=org, version=2)
        assert revised.stages.get(order=3).typical_days == 200
        item = revised.stages.get(order=1).items.get(text="Bjud in pensionärsrådet")
        assert not item.required
        # guidance of unchanged items is kept
        kept = revised.stages.get(order=1).items.exclude(pk=item.pk).first()
        assert kept.guidance

    def test_edit_bad_days_400(self, client, admin, copy) -> None:
        client.force_login(admin)
        url = reverse("projects:template_edit", args=[copy.pk])
        response = client.post(url, {"name": "X", "stage_1_name": "A", "stage_1_days": "0"})
        assert response.status_code == 400
        assert ProcedureTemplate.objects.filter(organisation=copy.organisation).count() == 1

    def test_permissions(self, client, copy, org) -> None:
        staff = member(org, OrganisationRole.STAFF)
        client.force_login(staff)
        assert client.get(reverse("projects:template_detail", args=[copy.pk])).status_code == 200
        assert client.get(reverse("projects:template_edit", args=[copy.pk])).status_code == 403
        assert client.get(reverse("projects:template_copy", args=[copy.pk])).status_code == 403
        outsider = member(buyer(name="Annan"), OrganisationRole.ADMIN)
        client.force_login(outsider)
        assert client.get(reverse("projects:template_detail", args=[copy.pk])).status_code == 404
        assert client.get(reverse("projects:template_edit", args=[copy.pk])).status_code == 404
        shipped_edit = reverse("projects:template_edit", args=[shipped().pk])
        assert client.get(shipped_edit).status_code == 403
        client.logout()
        assert client.get(reverse("projects:template_list")).status_code == 302


class TestApi:
    def auth(self, user):
        from handslag.accounts.services import api_token_create

        return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}

    def test_copy_and_revise(self, client, admin, org) -> None:
        headers = self.auth(admin)
        response = client.post(
            f"/api/v1/projects/templates/{shipped().pk}/copy",
            {"organisation_id": org.pk},
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 201, response.content
        copy = response.json()
        stages = copy["stages"]
        stages[1]["typical_days"] = 200
        body = {"name": "Vår version", "stages": stages}
        response = client.post(
            f"/api/v1/projects/templates/{copy['id']}/revise",
            body,
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 201, response.content
        assert response.json()["version"] == 2
        assert response.json()["stages"][1]["typical_days"] == 200
        stages[1]["typical_days"] = 0
        response = client.post(
            f"/api/v1/projects/templates/{copy['id']}/revise",
            body,
            content_type="application/json",
            **headers,
        )
        assert response.status_code == 400

    def test_forbidden(self, client, org, copy) -> None:
        staff = member(org, OrganisationRole.STAFF)
        response = client.post(
            f"/api/v1/projects/templates/{copy.pk}/revise",
            {"name": "X", "stages": []},
            content_type="application/json",
            **self.auth(staff),
        )
        assert response.status_code == 403
        outsider = member(buyer(name="Annan"), OrganisationRole.ADMIN)
        response = client.post(
            f"/api/v1/projects/templates/{copy.pk}/copy",
            {"organisation_id": org.pk},
            content_type="application/json",
            **self.auth(outsider),
        )
        assert response.status_code == 404
