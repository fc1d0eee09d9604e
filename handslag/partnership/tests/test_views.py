import datetime as dt

import pytest
from django.urls import reverse

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import member, supplier
from handslag.partnership.models import Contract, PhaseStatus
from handslag.partnership.tests.factories import (
    AwardFactory,
    ContractFactory,
    PhaseFactory,
    project_member,
    supplier_person,
)

pytestmark = pytest.mark.django_db


def contract_with_phase():
    contract = ContractFactory()
    phase = PhaseFactory(contract=contract, order=1)
    return contract, phase


class TestContractDetail:
    def test_lead_and_supplier_see_contract(self, client) -> None:
        contract, phase = contract_with_phase()
        url = reverse("partnership:contract_detail", args=[contract.pk])
        for user in (project_member(contract.project), supplier_person(contract)):
            client.force_login(user)
            response = client.get(url)
            assert response.status_code == 200
            assert phase.name in response.content.decode()

    def test_buyer_staff_of_project_sees_contract(self, client) -> None:
        contract, _ = contract_with_phase()
        client.force_login(member(contract.project.organisation))
        assert (
            client.get(reverse("partnership:contract_detail", args=[contract.pk])).status_code
            == 200
        )

    def test_anonymous_redirected_to_login(self, client) -> None:
        contract, _ = contract_with_phase()
        response = client.get(reverse("partnership:contract_detail", args=[contract.pk]))
        assert response.status_code == 302
        assert "login" in response["Location"]

    @pytest.mark.parametrize("who", ["other_supplier", "other_buyer"])
    def test_outsiders_get_404(self, client, who: str) -> None:
        contract, _ = contract_with_phase()
        org = supplier() if who == "other_supplier" else ContractFactory().project.organisation
        client.force_login(member(org, OrganisationRole.ADMIN))
        assert (
            client.get(reverse("partnership:contract_detail", args=[contract.pk])).status_code
            == 404
        )


class TestContractCreate:
    def test_lead_creates(self, client) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        client.force_login(lead)
        url = reverse("partnership:contract_create", args=[award.pk])
        assert client.get(url).status_code == 200
        signed = (award.standstill_end + dt.timedelta(days=1)).isoformat()
        response = client.post(
            url, {"signed_on": signed, "ip_terms": "Licence", "risk_sharing": "Shared"}
        )
        contract = Contract.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("partnership:contract_detail", args=[contract.pk])

    def test_inside_standstill_shows_error(self, client) -> None:
        award = AwardFactory()
        client.force_login(project_member(award.call.project))
        url = reverse("partnership:contract_create", args=[award.pk])
        response = client.post(url, {"signed_on": award.standstill_end.isoformat()})
        assert response.status_code == 400
        assert "error-summary" in response.content.decode()
        assert not Contract.objects.exists()

    def test_garbage_date_is_400(self, client) -> None:
        award = AwardFactory()
        client.force_login(project_member(award.call.project))
        response = client.post(
            reverse("partnership:contract_create", args=[award.pk]), {"signed_on": "yesterday-ish"}
        )
        assert response.status_code == 400

    def test_officer_not_lead_forbidden(self, client) -> None:
        award = AwardFactory()
        client.force_login(project_member(award.call.project, ProjectRole.PROCUREMENT_OFFICER))
        assert (
            client.get(reverse("partnership:contract_create", args=[award.pk])).status_code == 403
        )

    def test_supplier_cannot_see_award_form(self, client) -> None:
        award = AwardFactory()
        client.force_login(member(award.tender.supplier, OrganisationRole.ADMIN))
        assert (
            client.get(reverse("partnership:contract_create", args=[award.pk])).status_code == 404
        )

    def test_missing_award_is_404(self, client) -> None:
        award = AwardFactory()
        client.force_login(project_member(award.call.project))
        assert (
            client.get(reverse("partnership:contract_create", args=[award.pk + 99])).status_code
            == 404
        )


class TestPhasePages:
    def test_add_start_decide(self, client) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        client.force_login(lead)
        response = client.post(
            reverse("partnership:phase_add", args=[contract.pk]),
            {
                "name": "Prototype",
                "goal": "20 bins",
                "planned_start": "2024-04-01",
                "planned_end": "2024-09-30",
                "payment": "250000",
            },
        )
        assert response.status_code == 302
        phase = contract.phases.get()
        assert client.get(reverse("partnership:phase_start", args=[phase.pk])).status_code == 200
        assert client.post(reverse("partnership:phase_start", args=[phase.pk])).status_code == 302
        response = client.post(
            reverse("partnership:phase_decide", args=[phase.pk]),
            {"decision": "continue", "reason": "Target met", "lesson_text": "Start small."},
        )
        assert response.status_code == 302
        phase.refresh_from_db()
        assert phase.status == PhaseStatus.COMPLETED
        page = client.get(reverse("partnership:contract_detail", args=[contract.pk]))
        assert "Target met" in page.content.decode()

    def test_dates_in_wrong_order_400(self, client) -> None:
        contract = ContractFactory()
        client.force_login(project_member(contract.project))
        response = client.post(
            reverse("partnership:phase_add", args=[contract.pk]),
            {
                "name": "P",
                "goal": "G",
                "planned_start": "2024-09-01",
                "planned_end": "2024-04-01",
                "payment": "0",
            },
        )
        assert response.status_code == 400
        assert not contract.phases.exists()

    def test_start_out_of_order_400(self, client) -> None:
        contract = ContractFactory()
        PhaseFactory(contract=contract, order=1)
        second = PhaseFactory(contract=contract, order=2)
        client.force_login(project_member(contract.project))
        assert client.post(reverse("partnership:phase_start", args=[second.pk])).status_code == 400

    def test_supplier_cannot_start_or_decide(self, client) -> None:
        contract = ContractFactory()
        phase = PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        client.force_login(supplier_person(contract))
        assert client.post(reverse("partnership:phase_start", args=[phase.pk])).status_code == 403
        assert (
            client.post(
                reverse("partnership:phase_decide", args=[phase.pk]),
                {"decision": "continue", "reason": "x"},
            ).status_code
            == 403
        )
        assert client.get(reverse("partnership:phase_add", args=[contract.pk])).status_code == 403

    def test_officer_cannot_decide(self, client) -> None:
        contract = ContractFactory()
        phase = PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        client.force_login(project_member(contract.project, ProjectRole.PROCUREMENT_OFFICER))
        assert client.get(reverse("partnership:phase_decide", args=[phase.pk])).status_code == 403

    def test_decide_twice_400(self, client) -> None:
        contract = ContractFactory()
        phase = PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        client.force_login(project_member(contract.project))
        url = reverse("partnership:phase_decide", args=[phase.pk])
        assert client.post(url, {"decision": "continue", "reason": "ok"}).status_code == 302
        assert client.post(url, {"decision": "terminate", "reason": "no"}).status_code == 400

    def test_milestones(self, client) -> None:
        contract = ContractFactory()
        phase = PhaseFactory(contract=contract, order=1)
        client.force_login(project_member(contract.project))
        response = client.post(
            reverse("partnership:milestone_add", args=[phase.pk]),
            {"name": "Installed", "due_on": "2024-06-01"},
        )
        assert response.status_code == 302
        milestone = phase.milestones.get()
        client.post(reverse("partnership:milestone_complete", args=[milestone.pk]))
        milestone.refresh_from_db()
        assert milestone.completed_on is not None

    def test_overview(self, client) -> None:
        contract = ContractFactory()
        PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        for user in (project_member(contract.project), supplier_person(contract)):
            client.force_login(user)
            response = client.get(reverse("partnership:overview"))
            assert response.status_code == 200
            assert contract.project.title in response.content.decode()
