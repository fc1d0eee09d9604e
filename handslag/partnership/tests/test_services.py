import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.knowledge.audit_actions import KnowledgeAction
from handslag.knowledge.models import Lesson
from handslag.partnership import services
from handslag.partnership.audit_actions import PartnershipAction
from handslag.partnership.models import Contract, PhaseDecision, PhaseStatus
from handslag.partnership.selectors.contracts import (
    contract_is_ended,
    contract_state,
    dashboard_for,
)
from handslag.partnership.tests.factories import (
    AwardFactory,
    CallFactory,
    ContractFactory,
    PhaseFactory,
    completed,
    project_member,
    supplier_person,
)
from handslag.rules import legal_clock

pytestmark = pytest.mark.django_db


def at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def create(award, lead, **kwargs):
    kwargs.setdefault("signed_on", award.standstill_end + dt.timedelta(days=1))
    return services.contract_create(
        actor=lead,
        award=award,
        ip_terms="IP stays with the supplier.",
        risk_sharing="Shared.",
        acquisition_terms="100 units at 5 000 SEK.",
        maintenance_terms="5 years.",
        **kwargs,
    )


class TestContractCreate:
    def test_lead_records_contract_after_standstill(self) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        contract = create(award, lead)
        assert contract.supplier == award.tender.supplier
        assert contract.project == award.call.project
        award.refresh_from_db()
        assert award.contract_signed_on == contract.signed_on
        assert AuditEntry.objects.filter(action=PartnershipAction.CONTRACT_CREATE).count() == 1

    def test_refused_on_last_day_of_standstill(self) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        end = legal_clock.standstill_end(award.notice_sent_on)
        with pytest.raises(ValidationError) as error:
            create(award, lead, signed_on=end)
        assert "signed_on" in error.value.message_dict
        assert not Contract.objects.exists()
        award.refresh_from_db()
        assert award.contract_signed_on is None

    def test_refused_before_award_notice(self) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        with pytest.raises(ValidationError):
            create(award, lead, signed_on=award.notice_sent_on - dt.timedelta(days=3))

    def test_refused_in_the_future(self) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        with pytest.raises(ValidationError):
            create(award, lead, signed_on=dt.date(2024, 4, 1), now=at(dt.date(2024, 3, 20)))

    def test_date_already_recorded_on_award_must_match(self) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        recorded = award.standstill_end + dt.timedelta(days=2)
        award.contract_signed_on = recorded
        award.save()
        with pytest.raises(ValidationError):
            create(award, lead, signed_on=recorded - dt.timedelta(days=1))
        assert create(award, lead, signed_on=recorded).signed_on == recorded

    def test_procurement_officer_who_is_not_lead_is_refused(self) -> None:
        award = AwardFactory()
        officer = project_member(award.call.project, ProjectRole.PROCUREMENT_OFFICER)
        with pytest.raises(PermissionDenied):
            create(award, officer)
        assert not Contract.objects.exists()

    def test_twice_for_same_award_refused(self) -> None:
        award = AwardFactory()
        lead = project_member(award.call.project)
        create(award, lead)
        with pytest.raises(ValidationError):
            create(award, lead)
        assert Contract.objects.count() == 1

    def test_no_partner_added_after_phases_began(self) -> None:
        award = AwardFactory(call=CallFactory(max_partners=3))
        lead = project_member(award.call.project)
        contract = create(award, lead)
        PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        with pytest.raises(ValidationError) as error:
            create(award, lead)
        assert "never add" in str(error.value) or "aldrig" in str(error.value)
        assert Contract.objects.count() == 1


class TestPhases:
    def setup_contract(self):
        contract = ContractFactory()
        lead = project_member(contract.project)
        return contract, lead

    def test_add_phases_in_order(self) -> None:
        contract, lead = self.setup_contract()
        first = services.phase_add(
            actor=lead,
            contract=contract,
            name="Prototype",
            goal="Sensors in 20 bins",
            planned_start=dt.date(2024, 4, 1),
            planned_end=dt.date(2024, 9, 30),
            payment=250000,
        )
        second = services.phase_add(
            actor=lead,
            contract=contract,
            name="Pilot",
            goal="200 bins",
            planned_start=dt.date(2024, 10, 1),
            planned_end=dt.date(2025, 6, 30),
            payment=500000,
        )
        assert (first.order, second.order) == (1, 2)
        assert first.status == PhaseStatus.PLANNED

    @pytest.mark.parametrize(
        ("start", "end", "field"),
        [
            (dt.date(2024, 9, 1), dt.date(2024, 8, 1), "planned_end"),
            (dt.date(2024, 1, 1), dt.date(2024, 8, 1), "planned_start"),
        ],
    )
    def test_add_refuses_bad_dates(self, start: dt.date, end: dt.date, field: str) -> None:
        contract, lead = self.setup_contract()
        with pytest.raises(ValidationError) as error:
            services.phase_add(
                actor=lead,
                contract=contract,
                name="P",
                goal="G",
                planned_start=start,
                planned_end=end,
            )
        assert field in error.value.message_dict
        assert not contract.phases.exists()

    def test_add_refuses_overlap_and_negative_payment(self) -> None:
        contract, lead = self.setup_contract()
        PhaseFactory(contract=contract, order=1, planned_end=dt.date(2024, 12, 31))
        with pytest.raises(ValidationError):
            services.phase_add(
                actor=lead,
                contract=contract,
                name="P",
                goal="G",
                planned_start=dt.date(2024, 12, 1),
                planned_end=dt.date(2025, 3, 1),
            )
        with pytest.raises(ValidationError):
            services.phase_add(
                actor=lead,
                contract=contract,
                name="P",
                goal="G",
                planned_start=dt.date(2025, 1, 1),
                planned_end=dt.date(2025, 3, 1),
                payment=-1,
            )

    def test_team_member_not_manager_cannot_add(self) -> None:
        contract, _ = self.setup_contract()
        expert = project_member(contract.project, ProjectRole.SUBJECT_EXPERT)
        with pytest.raises(PermissionDenied):
            services.phase_add(
                actor=expert,
                contract=contract,
                name="P",
                goal="G",
                planned_start=dt.date(2024, 5, 1),
                planned_end=dt.date(2024, 6, 1),
            )

    def test_start_first_phase(self) -> None:
        contract, lead = self.setup_contract()
        phase = PhaseFactory(contract=contract, order=1)
        started = services.phase_start(actor=lead, phase=phase)
        assert started.status == PhaseStatus.ACTIVE
        assert started.started_at is not None

    def test_start_before_contract_signed_refused(self) -> None:
        contract, lead = self.setup_contract()
        phase = PhaseFactory(contract=contract, order=1)
        with pytest.raises(ValidationError):
            services.phase_start(
                actor=lead, phase=phase, now=at(contract.signed_on - dt.timedelta(days=1))
            )
        phase.refresh_from_db()
        assert phase.status == PhaseStatus.PLANNED

    def test_start_second_before_first_refused(self) -> None:
        contract, lead = self.setup_contract()
        PhaseFactory(contract=contract, order=1)
        second = PhaseFactory(contract=contract, order=2)
        with pytest.raises(ValidationError):
            services.phase_start(actor=lead, phase=second)

    def test_start_second_while_first_active_refused(self) -> None:
        contract, lead = self.setup_contract()
        PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        second = PhaseFactory(contract=contract, order=2)
        with pytest.raises(ValidationError):
            services.phase_start(actor=lead, phase=second)

    def test_start_second_after_continue(self) -> None:
        contract, lead = self.setup_contract()
        completed(PhaseFactory(contract=contract, order=1))
        second = PhaseFactory(contract=contract, order=2)
        assert services.phase_start(actor=lead, phase=second).status == PhaseStatus.ACTIVE

    def test_start_twice_refused(self) -> None:
        contract, lead = self.setup_contract()
        phase = PhaseFactory(contract=contract, order=1)
        services.phase_start(actor=lead, phase=phase)
        with pytest.raises(ValidationError):
            services.phase_start(actor=lead, phase=phase)


class TestDecide:
    def active(self, **call_fields):
        contract = ContractFactory(award=AwardFactory(call=CallFactory(**call_fields)))
        lead = project_member(contract.project)
        phase = PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        later = PhaseFactory(contract=contract, order=2)
        return contract, lead, phase, later

    def test_continue_lets_next_phase_start(self) -> None:
        contract, lead, phase, later = self.active()
        decided = services.phase_decide(
            actor=lead, phase=phase, decision=PhaseDecision.CONTINUE, reason="Target met."
        )
        assert decided.status == PhaseStatus.COMPLETED
        assert decided.decided_by == lead
        assert services.phase_start(actor=lead, phase=later).status == PhaseStatus.ACTIVE
        assert not Lesson.objects.exists()

    def test_terminate_ends_partnership(self) -> None:
        contract, lead, phase, later = self.active()
        services.phase_decide(
            actor=lead,
            phase=phase,
            decision=PhaseDecision.TERMINATE,
            reason="The prototype could not meet the target.",
        )
        later.refresh_from_db()
        assert later.status == PhaseStatus.TERMINATED
        assert contract_is_ended(contract=contract)
        assert contract_state(contract=contract) == "ended"
        with pytest.raises(ValidationError):
            services.phase_start(actor=lead, phase=later)
        with pytest.raises(ValidationError):
            services.phase_add(
                actor=lead,
                contract=contract,
                name="P3",
                goal="G",
                planned_start=dt.date(2026, 1, 1),
                planned_end=dt.date(2026, 2, 1),
            )

    def test_decide_twice_refused(self) -> None:
        contract, lead, phase, _ = self.active()
        services.phase_decide(actor=lead, phase=phase, decision="continue", reason="OK")
        with pytest.raises(ValidationError):
            services.phase_decide(
                actor=lead, phase=phase, decision="terminate", reason="Changed mind"
            )
        phase.refresh_from_db()
        assert phase.decision == "continue"

    def test_decide_planned_phase_refused(self) -> None:
        contract, lead, _, later = self.active()
        with pytest.raises(ValidationError):
            services.phase_decide(actor=lead, phase=later, decision="continue", reason="OK")

    def test_reason_required(self) -> None:
        contract, lead, phase, _ = self.active()
        with pytest.raises(ValidationError) as error:
            services.phase_decide(actor=lead, phase=phase, decision="continue", reason="  ")
        assert "reason" in error.value.message_dict

    def test_unknown_decision_refused(self) -> None:
        contract, lead, phase, _ = self.active()
        with pytest.raises(ValidationError):
            services.phase_decide(actor=lead, phase=phase, decision="add_partner", reason="More")

    @pytest.mark.parametrize("max_partners", [1, 3])
    def test_reduce_refused_without_other_partners(self, max_partners: int) -> None:
        contract, lead, phase, _ = self.active(max_partners=max_partners)
        with pytest.raises(ValidationError) as error:
            services.phase_decide(actor=lead, phase=phase, decision="reduce", reason="Too many")
        assert "decision" in error.value.message_dict
        phase.refresh_from_db()
        assert phase.status == PhaseStatus.ACTIVE

    def test_procurement_officer_cannot_decide(self) -> None:
        contract, lead, phase, _ = self.active()
        officer = project_member(contract.project, ProjectRole.PROCUREMENT_OFFICER)
        with pytest.raises(PermissionDenied):
            services.phase_decide(actor=officer, phase=phase, decision="continue", reason="OK")

    def test_supplier_cannot_decide(self) -> None:
        contract, lead, phase, _ = self.active()
        with pytest.raises(PermissionDenied):
            services.phase_decide(
                actor=supplier_person(contract), phase=phase, decision="continue", reason="OK"
            )

    def test_lesson_learned_created(self) -> None:
        contract, lead, phase, _ = self.active()
        services.phase_decide(
            actor=lead,
            phase=phase,
            decision="continue",
            reason="OK",
            lesson_text="Involve the drivers earlier.",
        )
        lesson = Lesson.objects.get()
        assert lesson.project == contract.project
        assert lesson.organisation == contract.project.organisation
        assert lesson.execution == "Involve the drivers earlier."
        assert lesson.title

    def test_lesson_is_recorded_through_knowledge_and_the_decision_is_audited_last(
        self,
    ) -> None:
        contract, lead, phase, _ = self.active()
        before = AuditEntry.objects.count()
        services.phase_decide(
            actor=lead,
            phase=phase,
            decision="continue",
            reason="OK",
            lesson_title="Drivers first",
            lesson_text="Involve the drivers earlier.",
        )
        lesson = Lesson.objects.get()
        assert (lesson.created_by, lesson.tags) == (lead, "partnership,phase")
        entries = list(AuditEntry.objects.order_by("pk")[before:])
        assert [e.action for e in entries] == [
            KnowledgeAction.LESSON_CREATE,
            PartnershipAction.PHASE_DECIDE,
        ]
        assert entries[0].target_id == str(lesson.pk)
        assert entries[1].data["lesson_id"] == lesson.pk

    def test_no_lesson_no_lesson_entry(self) -> None:
        contract, lead, phase, _ = self.active()
        services.phase_decide(actor=lead, phase=phase, decision="continue", reason="OK")
        assert not Lesson.objects.exists()
        assert not AuditEntry.objects.filter(action=KnowledgeAction.LESSON_CREATE).exists()


class TestMilestones:
    def test_add_and_complete(self) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        phase = PhaseFactory(contract=contract, order=1)
        milestone = services.milestone_add(
            actor=lead, phase=phase, name="Sensors installed", due_on=dt.date(2024, 6, 1)
        )
        done = services.milestone_complete(actor=lead, milestone=milestone)
        assert done.completed_on == timezone.localdate()
        with pytest.raises(ValidationError):
            services.milestone_complete(actor=lead, milestone=milestone)

    def test_not_on_completed_phase(self) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        phase = completed(PhaseFactory(contract=contract, order=1))
        with pytest.raises(ValidationError):
            services.milestone_add(actor=lead, phase=phase, name="Late", due_on=dt.date(2024, 6, 1))


class TestDashboard:
    def test_lead_sees_active_phase_and_due_decision(self) -> None:
        contract = ContractFactory()
        lead = project_member(contract.project)
        phase = PhaseFactory(
            contract=contract, order=1, status=PhaseStatus.ACTIVE, planned_end=dt.date(2024, 6, 1)
        )
        data = dashboard_for(user=lead, now=at(dt.date(2024, 5, 20)))
        assert data["active_phases"] == [phase]
        assert [d["phase"] for d in data["upcoming_decisions"]] == [phase]
        assert data["supplier_contracts"] == []

    def test_supplier_sees_own_contract_only(self) -> None:
        contract = ContractFactory()
        ContractFactory()
        person = supplier_person(contract)
        data = dashboard_for(user=person)
        assert [i["contract"] for i in data["supplier_contracts"]] == [contract]
        assert data["active_phases"] == []

    def test_outsider_sees_nothing(self) -> None:
        contract = ContractFactory()
        PhaseFactory(contract=contract, order=1, status=PhaseStatus.ACTIVE)
        outsider = project_member(ContractFactory().project)
        assert dashboard_for(user=outsider)["active_phases"] == []
