from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import buyer, member
from handslag.audit.models import AuditEntry
from handslag.knowledge.models import Lesson
from handslag.projects import services
from handslag.projects.audit_actions import ProjectsAction
from handslag.projects.models import (
    ChecklistItemTemplate,
    ProcedureTemplate,
    ProjectMember,
    ProjectStatus,
    StageStatus,
)
from handslag.projects.tests.factories import (
    complete_checklist,
    make_project,
    need_statement,
    shipped,
)

pytestmark = pytest.mark.django_db

SHIPPED = {
    "innovation_partnership": "innovation_partnership",
    "negotiated_with_publication": "negotiated_with_publication",
    "competitive_dialogue": "competitive_dialogue",
    "pre_commercial": "pre_commercial",
    "open_functional": "open",
    "simplified_procedure": "simplified",
    "selective_procedure": "selective",
    "direct_award": "direct_award",
}


# --- Shipped templates --------------------------------------------------------------------


def test_every_install_has_the_shipped_templates():
    templates = ProcedureTemplate.objects.filter(organisation__isnull=True, version=1)
    assert {t.key: t.legal_procedure for t in templates} == SHIPPED
    assert [t.key for t in templates.filter(is_default=True)] == ["innovation_partnership"]


def test_innovation_partnership_has_the_nine_stages_with_gate_checklists():
    template = shipped()
    stages = list(template.stages.order_by("order"))
    assert [s.key for s in stages] == [
        "needs_analysis",
        "market_dialogue",
        "preparation",
        "call_selection",
        "tenders_negotiation",
        "evaluation_award",
        "partnership_rd",
        "acquisition_maintenance",
        "follow_up",
    ]
    for stage in stages:
        items = list(stage.items.all())
        assert 3 <= len(items) <= 5, stage.key
        assert any(i.required for i in items)
        assert all(i.guidance for i in items)
        assert stage.typical_days > 0
    texts = set(
        ChecklistItemTemplate.objects.filter(stage__template=template).values_list(
            "text", flat=True
        )
    )
    assert "Behoven är förankrade i verksamheten (botten-upp)" in texts
    assert "Köp och underhåll avtalade redan nu" in texts
    assert "Utvärderingskriterier: genomförbarhet, effekt, affärsmässighet" in texts


def test_every_shipped_stage_has_three_to_five_items():
    for template in ProcedureTemplate.objects.filter(organisation__isnull=True):
        for stage in template.stages.all():
            count = stage.items.count()
            assert 2 <= count <= 5, (template.key, stage.key, count)
            assert stage.guidance, (template.key, stage.key)


# --- project_create -----------------------------------------------------------------------


def test_create_copies_stages_opens_the_first_and_makes_the_creator_lead(lead, org):
    project = make_project(lead=lead, organisation=org)
    stages = list(project.stages.order_by("order"))
    assert len(stages) == 9
    assert stages[0].status == StageStatus.OPEN
    assert stages[0].actual_start == timezone.localdate()
    assert all(s.status == StageStatus.PENDING for s in stages[1:])
    assert stages[0].items.count() == 5
    assert stages[1].planned_start == stages[0].planned_end + timedelta(days=1)
    roles = set(
        ProjectMember.objects.filter(project=project, user=lead).values_list("role", flat=True)
    )
    assert roles == {ProjectRole.PROJECT_LEAD, ProjectRole.PROCUREMENT_OFFICER}
    assert AuditEntry.objects.filter(
        action=ProjectsAction.PROJECT_CREATE, target_id=str(project.pk)
    ).exists()


def test_a_project_keeps_the_checklist_it_started_with(project):
    ChecklistItemTemplate.objects.filter(stage__template=project.template).update(text="Ändrad")
    texts = set(project.stages.get(order=1).items.values_list("text", flat=True))
    assert "Ändrad" not in texts


def test_create_needs_a_creator_role(org):
    staff = member(org, OrganisationRole.STAFF)
    with pytest.raises(PermissionDenied):
        make_project(lead=staff, organisation=org)


def test_create_refuses_needs_of_another_organisation(lead, org):
    foreign = need_statement(buyer())
    with pytest.raises(ValidationError) as error:
        make_project(lead=lead, organisation=org, needs=[foreign])
    assert "needs" in error.value.message_dict


def test_create_accepts_needs_of_a_partner_buyer(lead, org):
    partner = buyer(name="Skurups kommun")
    project = make_project(
        lead=lead, organisation=org, needs=[need_statement(partner)], partner_buyers=[partner]
    )
    assert list(project.partner_buyers.all()) == [partner]


def test_create_needs_at_least_one_need(lead, org):
    with pytest.raises(ValidationError):
        services.project_create(
            actor=lead, organisation=org, title="X", template=shipped(), needs=[]
        )


def test_create_refuses_another_organisations_template(lead, org):
    other = ProcedureTemplate.objects.create(key="own", name="Egen", organisation=buyer())
    with pytest.raises(ValidationError):
        make_project(lead=lead, organisation=org, template=other)


def test_create_refuses_an_empty_title(lead, org):
    with pytest.raises(ValidationError):
        make_project(lead=lead, organisation=org, title="  ")


# --- Checklist ----------------------------------------------------------------------------


def test_team_member_ticks_an_item_done_and_undone(project, need_owner):
    item = project.stages.get(order=1).items.first()
    item = services.checklist_item_set_done(
        item=item, actor=need_owner, done=True, evidence_url="https://example.org/protokoll"
    )
    assert item.done and item.done_by == need_owner and item.done_at
    assert item.evidence_url == "https://example.org/protokoll"
    item = services.checklist_item_set_done(item=item, actor=need_owner, done=False)
    assert not item.done and item.done_by is None and item.done_at is None


def test_checklist_refuses_people_outside_the_team(project, colleague):
    item = project.stages.get(order=1).items.first()
    with pytest.raises(PermissionDenied):
        services.checklist_item_set_done(item=item, actor=colleague, done=True)


def test_checklist_of_a_pending_stage_cannot_change(project, lead):
    item = project.stages.get(order=2).items.first()
    with pytest.raises(ValidationError):
        services.checklist_item_set_done(item=item, actor=lead, done=True)


def test_checklist_refuses_a_bad_link(project, lead):
    item = project.stages.get(order=1).items.first()
    with pytest.raises(ValidationError):
        services.checklist_item_set_done(item=item, actor=lead, done=True, evidence_url="not a url")
    item.refresh_from_db()
    assert not item.done


# --- Gates --------------------------------------------------------------------------------


def test_gate_passes_with_a_complete_checklist_and_opens_the_next_stage(project, lead):
    first = project.stages.get(order=1)
    complete_checklist(first, lead)
    services.gate_pass(stage=first, actor=lead)
    first.refresh_from_db()
    second = project.stages.get(order=2)
    assert first.status == StageStatus.PASSED
    assert first.actual_end == timezone.localdate()
    assert first.gate_passed_by == lead and first.gate_override_reason == ""
    assert second.status == StageStatus.OPEN and second.actual_start == timezone.localdate()
    assert AuditEntry.objects.filter(
        action=ProjectsAction.STAGE_GATE_PASS, target_id=str(first.pk)
    ).exists()


def test_only_required_items_block_the_gate(project, lead):
    first = project.stages.get(order=1)
    for item in first.items.filter(required=True):
        services.checklist_item_set_done(item=item, actor=lead, done=True)
    services.gate_pass(stage=first, actor=lead)
    first.refresh_from_db()
    assert first.status == StageStatus.PASSED


def test_gate_refuses_an_incomplete_checklist_without_a_reason(project, lead):
    first = project.stages.get(order=1)
    with pytest.raises(ValidationError) as error:
        services.gate_pass(stage=first, actor=lead)
    assert "override_reason" in error.value.message_dict
    first.refresh_from_db()
    assert first.status == StageStatus.OPEN
    assert project.stages.get(order=2).status == StageStatus.PENDING


def test_gate_override_reason_is_kept(project, lead):
    first = project.stages.get(order=1)
    services.gate_pass(stage=first, actor=lead, override_reason="Beslut i styrgruppen 12 mars.")
    first.refresh_from_db()
    assert first.status == StageStatus.PASSED
    assert first.gate_override_reason == "Beslut i styrgruppen 12 mars."


def test_gate_of_a_pending_stage_cannot_pass(project, lead):
    with pytest.raises(ValidationError):
        services.gate_pass(stage=project.stages.get(order=3), actor=lead, override_reason="x")


def test_gate_cannot_pass_twice(project, lead):
    first = project.stages.get(order=1)
    services.gate_pass(stage=first, actor=lead, override_reason="x")
    with pytest.raises(ValidationError):
        services.gate_pass(stage=first, actor=lead, override_reason="x")
    assert project.stages.filter(status=StageStatus.OPEN).count() == 1


@pytest.mark.parametrize("who", ["officer", "need_owner", "colleague", "outsider"])
def test_only_the_project_lead_passes_a_gate(project, who, request):
    user = request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        services.gate_pass(stage=project.stages.get(order=1), actor=user, override_reason="x")


def test_passing_the_last_gate_completes_the_project(lead, org):
    project = make_project(lead=lead, organisation=org)
    for stage in project.stages.order_by("order"):
        services.gate_pass(stage=stage, actor=lead, override_reason="Test")
    project.refresh_from_db()
    assert project.status == ProjectStatus.COMPLETED
    with pytest.raises(ValidationError):
        services.stage_dates_update(
            stage=project.stages.first(), actor=lead, planned_start=None, planned_end=None
        )


def test_gate_records_a_lesson_under_the_three_questions(project, lead):
    first = project.stages.get(order=1)
    services.gate_pass(
        stage=first,
        actor=lead,
        override_reason="x",
        lesson={"design": "Workshoppar", "execution": "Det tog tid", "results": "", "title": ""},
    )
    lesson = Lesson.objects.get(project=project)
    assert lesson.stage == first
    assert lesson.execution == "Det tog tid"
    assert first.name in lesson.title


def test_gate_without_lesson_text_records_no_lesson(project, lead):
    services.gate_pass(
        stage=project.stages.get(order=1), actor=lead, override_reason="x", lesson={"title": " "}
    )
    assert not Lesson.objects.exists()


def test_historical_dates_come_from_now(lead, org):
    start = timezone.make_aware(datetime(2019, 4, 1, 9))
    project = make_project(lead=lead, organisation=org, now=start)
    first = project.stages.get(order=1)
    assert first.actual_start == date(2019, 4, 1)
    services.gate_pass(
        stage=first,
        actor=lead,
        override_reason="x",
        now=timezone.make_aware(datetime(2019, 6, 3, 9)),
    )
    first.refresh_from_db()
    assert first.actual_end == date(2019, 6, 3)
    assert project.stages.get(order=2).actual_start == date(2019, 6, 3)


# --- Plan ---------------------------------------------------------------------------------


def test_managers_change_planned_dates(project, officer):
    stage = project.stages.get(order=2)
    services.stage_dates_update(
        stage=stage, actor=officer, planned_start=date(2030, 1, 1), planned_end=date(2030, 3, 1)
    )
    stage.refresh_from_db()
    assert stage.planned_end == date(2030, 3, 1)


def test_planned_end_before_start_is_refused(project, lead):
    stage = project.stages.get(order=2)
    with pytest.raises(ValidationError) as error:
        services.stage_dates_update(
            stage=stage, actor=lead, planned_start=date(2030, 3, 1), planned_end=date(2030, 1, 1)
        )
    assert "planned_end" in error.value.message_dict


def test_other_team_members_cannot_change_the_plan(project, need_owner):
    with pytest.raises(PermissionDenied):
        services.stage_dates_update(
            stage=project.stages.get(order=2),
            actor=need_owner,
            planned_start=None,
            planned_end=None,
        )


# --- Team ---------------------------------------------------------------------------------


def test_lead_adds_and_removes_members(project, lead, colleague):
    membership = services.project_member_add(
        project=project, actor=lead, user=colleague, role=ProjectRole.EVALUATOR
    )
    assert membership.role == ProjectRole.EVALUATOR
    services.project_member_remove(member=membership, actor=lead)
    assert not ProjectMember.objects.filter(user=colleague).exists()


def test_the_same_role_twice_is_refused(project, lead, colleague):
    services.project_member_add(project=project, actor=lead, user=colleague, role=ProjectRole.IT)
    with pytest.raises(ValidationError):
        services.project_member_add(
            project=project, actor=lead, user=colleague, role=ProjectRole.IT
        )


def test_suppliers_and_other_buyers_cannot_join(project, lead, supplier_user, outsider):
    for user in (supplier_user, outsider):
        with pytest.raises(ValidationError):
            services.project_member_add(
                project=project, actor=lead, user=user, role=ProjectRole.SUBJECT_EXPERT
            )


def test_only_the_lead_changes_the_team(project, officer, colleague):
    with pytest.raises(PermissionDenied):
        services.project_member_add(
            project=project, actor=officer, user=colleague, role=ProjectRole.IT
        )


def test_the_last_project_lead_cannot_be_removed(project, lead):
    membership = ProjectMember.objects.get(
        project=project, user=lead, role=ProjectRole.PROJECT_LEAD
    )
    with pytest.raises(ValidationError):
        services.project_member_remove(member=membership, actor=lead)


# --- Stop ---------------------------------------------------------------------------------


def test_stop_needs_a_reason_and_freezes_the_project(project, lead):
    with pytest.raises(ValidationError):
        services.project_stop(project=project, actor=lead, reason=" ")
    services.project_stop(project=project, actor=lead, reason="Tid och personal räckte inte.")
    project.refresh_from_db()
    assert project.status == ProjectStatus.STOPPED
    assert project.status_reason == "Tid och personal räckte inte."
    with pytest.raises(ValidationError):
        services.gate_pass(stage=project.stages.get(order=1), actor=lead, override_reason="x")
    with pytest.raises(ValidationError):
        services.project_stop(project=project, actor=lead, reason="Igen")


def test_only_the_lead_stops_a_project(project, officer):
    with pytest.raises(PermissionDenied):
        services.project_stop(project=project, actor=officer, reason="x")
