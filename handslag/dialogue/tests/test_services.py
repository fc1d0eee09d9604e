import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import buyer, member
from handslag.audit.models import AuditEntry
from handslag.dialogue import services
from handslag.dialogue.audit_actions import DialogueAction
from handslag.dialogue.models import ActionItem, Meeting, MeetingKind, Stakeholder
from handslag.dialogue.selectors import (
    action_list,
    communication_list,
    dialogue_summary,
    people_for_project,
    stakeholder_grid,
    stakeholder_quadrant,
)
from handslag.dialogue.tests.conftest import TODAY
from handslag.dialogue.tests.factories import (
    make_action,
    make_communication,
    make_meeting,
    make_stakeholder,
)
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import ChallengeStatus

pytestmark = pytest.mark.django_db


def test_meeting_create_with_participants_and_audit(project, lead, team_member, supplier_org):
    meeting = make_meeting(
        project,
        lead,
        internal_participants=[lead, team_member],
        supplier_organisations=[supplier_org],
        external_participants="Eva Ek, Sensorbolaget\n\n  Per Sten  ",
        decisions="Vi går vidare med två sensortyper\nNästa möte i april",
    )
    assert set(meeting.internal_participants.all()) == {lead, team_member}
    assert list(meeting.supplier_organisations.all()) == [supplier_org]
    assert meeting.external_participant_list == ["Eva Ek, Sensorbolaget", "Per Sten"]
    assert meeting.decision_list == ["Vi går vidare med två sensortyper", "Nästa möte i april"]
    entry = AuditEntry.objects.get(action=DialogueAction.MEETING_CREATE)
    assert entry.target_id == str(meeting.pk)
    assert entry.organisation_id == project.organisation_id


@pytest.mark.parametrize("kind", MeetingKind.values)
def test_every_kind_of_meeting_can_be_logged(project, lead, kind):
    assert make_meeting(project, lead, kind=kind).kind == kind


def test_meeting_with_unknown_kind_or_no_title_is_refused(project, lead):
    with pytest.raises(ValidationError) as error:
        make_meeting(project, lead, kind="party", title="  ")
    assert {"kind", "title"} <= set(error.value.message_dict)
    assert not Meeting.objects.exists()


def test_participant_from_another_organisation_is_refused(project, lead, outsider):
    with pytest.raises(ValidationError) as error:
        make_meeting(project, lead, internal_participants=[outsider])
    assert "internal_participants" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_buyer_chosen_as_supplier_is_refused(project, lead, outsider):
    with pytest.raises(ValidationError) as error:
        make_meeting(
            project, lead, supplier_organisations=[outsider.active_memberships[0].organisation]
        )
    assert "supplier_organisations" in error.value.message_dict


def test_staff_outside_the_team_cannot_log(project, colleague, supplier_user, outsider):
    for person in (colleague, supplier_user, outsider):
        with pytest.raises(PermissionDenied):
            make_meeting(project, person)
    assert not Meeting.objects.exists()
    assert not AuditEntry.objects.filter(action__in=list(DialogueAction)).exists()


def test_team_member_without_manager_role_can_log(project, team_member):
    assert make_meeting(project, team_member).created_by == team_member


def test_meeting_update_changes_only_given_fields(project, lead, team_member):
    meeting = make_meeting(project, lead, notes="Gamla anteckningar")
    services.meeting_update(
        actor=team_member, meeting=meeting, notes="Nya anteckningar", internal_participants=[lead]
    )
    meeting.refresh_from_db()
    assert meeting.notes == "Nya anteckningar"
    assert meeting.title == "Leverantörsdialog om sensorer"
    assert list(meeting.internal_participants.all()) == [lead]
    entry = AuditEntry.objects.get(action=DialogueAction.MEETING_UPDATE)
    assert entry.data["changed"]["notes"] == "Nya anteckningar"


def test_meeting_update_refuses_unknown_field_and_date_after_actions(project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2026, 2, 10))
    make_action(meeting, lead, due_on=dt.date(2026, 2, 20))
    with pytest.raises(ValidationError):
        services.meeting_update(actor=lead, meeting=meeting, project=None)
    with pytest.raises(ValidationError) as error:
        services.meeting_update(actor=lead, meeting=meeting, held_on=dt.date(2026, 3, 1))
    assert "held_on" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.held_on == dt.date(2026, 2, 10)


def test_action_owner_and_due_date_rules(project, lead, outsider):
    meeting = make_meeting(project, lead, held_on=dt.date(2026, 2, 10))
    with pytest.raises(ValidationError) as error:
        make_action(meeting, lead, due_on=dt.date(2026, 2, 9))
    assert "due_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(meeting, lead, owner=outsider)
    assert "owner" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_action(meeting, lead, text="")
    assert "text" in error.value.message_dict
    assert not ActionItem.objects.exists()


def test_owner_may_be_staff_of_the_buyer_outside_the_team(project, lead, colleague):
    meeting = make_meeting(project, lead)
    assert make_action(meeting, lead, owner=colleague).owner == colleague


def test_action_done_and_reopen(project, lead, team_member):
    meeting = make_meeting(project, lead)
    action = make_action(meeting, lead, owner=team_member)
    now = dt.datetime(2026, 2, 15, 9, tzinfo=dt.UTC)
    services.action_set_done(actor=team_member, action=action, done=True, now=now)
    action.refresh_from_db()
    assert action.done and action.done_by == team_member and action.done_at == now
    # Marking done twice changes nothing and writes no second entry.
    services.action_set_done(actor=team_member, action=action, done=True)
    assert AuditEntry.objects.filter(action=DialogueAction.ACTION_ITEM_DONE).count() == 1
    services.action_set_done(actor=lead, action=action, done=False)
    action.refresh_from_db()
    assert not action.done and action.done_at is None and action.done_by is None
    assert AuditEntry.objects.filter(action=DialogueAction.ACTION_ITEM_REOPEN).count() == 1


def test_colleague_cannot_mark_done(project, lead, colleague):
    action = make_action(make_meeting(project, lead), lead)
    with pytest.raises(PermissionDenied):
        services.action_set_done(actor=colleague, action=action, done=True)
    action.refresh_from_db()
    assert not action.done


def test_action_update(project, lead, team_member):
    action = make_action(make_meeting(project, lead), lead)
    services.action_update(actor=lead, action=action, owner=team_member, due_on=dt.date(2026, 5, 1))
    action.refresh_from_db()
    assert action.owner == team_member and action.due_on == dt.date(2026, 5, 1)
    with pytest.raises(ValidationError):
        services.action_update(actor=lead, action=action, due_on=dt.date(2020, 1, 1))
    action.refresh_from_db()
    assert action.due_on == dt.date(2026, 5, 1)


def test_action_list_puts_overdue_first_then_open_then_done(project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2026, 1, 10))
    later = make_action(meeting, lead, text="Senare", due_on=dt.date(2026, 4, 1))
    soon = make_action(meeting, lead, text="Snart", due_on=dt.date(2026, 3, 5))
    overdue = make_action(meeting, lead, text="Försenad", due_on=dt.date(2026, 2, 1))
    done = make_action(meeting, lead, text="Klar", due_on=dt.date(2026, 1, 20))
    services.action_set_done(actor=lead, action=done, done=True)
    rows = list(action_list(project=project, today=TODAY))
    assert [a.pk for a in rows] == [overdue.pk, soon.pk, later.pk, done.pk]
    assert [a.is_overdue for a in rows] == [True, False, False, False]


def test_action_list_only_shows_the_projects_actions(project, lead):
    from handslag.projects.tests.factories import make_project

    other_project = make_project(lead=lead, organisation=project.organisation)
    make_action(make_meeting(other_project, lead), lead)
    mine = make_action(make_meeting(project, lead), lead)
    assert [a.pk for a in action_list(project=project)] == [mine.pk]


def test_stakeholder_scale_is_1_to_5(project, lead):
    for bad in (0, 6, 7):
        with pytest.raises(ValidationError) as error:
            make_stakeholder(project, lead, interest=bad)
        assert "interest" in error.value.message_dict
        with pytest.raises(ValidationError) as error:
            make_stakeholder(project, lead, influence=bad)
        assert "influence" in error.value.message_dict
    assert not Stakeholder.objects.exists()


def test_stakeholder_grid_and_quadrants(project, lead):
    politicians = make_stakeholder(project, lead, name="Politiker", interest=2, influence=5)
    staff = make_stakeholder(project, lead, name="Personal", interest=5, influence=4)
    make_stakeholder(project, lead, name="Grannar", interest=1, influence=1)
    grid = stakeholder_grid(project=project)
    assert [row.influence for row in grid] == [5, 4, 3, 2, 1]
    assert [c.interest for c in grid[0].cells] == [1, 2, 3, 4, 5]
    assert grid[0].cells[1].stakeholders == [politicians]
    assert grid[1].cells[4].stakeholders == [staff]
    assert grid[4].cells[0].stakeholders[0].name == "Grannar"
    assert stakeholder_quadrant(politicians) == "satisfy"
    assert stakeholder_quadrant(staff) == "manage"


def test_stakeholder_update_and_remove(project, lead, colleague):
    stakeholder = make_stakeholder(project, lead)
    services.stakeholder_update(actor=lead, stakeholder=stakeholder, interest=2)
    stakeholder.refresh_from_db()
    assert stakeholder.interest == 2
    with pytest.raises(ValidationError):
        services.stakeholder_update(actor=lead, stakeholder=stakeholder, influence=9)
    with pytest.raises(PermissionDenied):
        services.stakeholder_remove(actor=colleague, stakeholder=stakeholder)
    services.stakeholder_remove(actor=lead, stakeholder=stakeholder)
    assert not Stakeholder.objects.exists()
    assert AuditEntry.objects.filter(action=DialogueAction.STAKEHOLDER_REMOVE).exists()


def test_communication_plan_rules_and_order(project, lead, outsider):
    stakeholder = make_stakeholder(project, lead, name="Omsorgstagare")
    overdue = make_communication(project, lead, planned_on=dt.date(2026, 2, 1))
    coming = make_communication(
        project, lead, audience="", stakeholder=stakeholder, planned_on=dt.date(2026, 3, 10)
    )
    assert coming.audience == "Omsorgstagare"
    done = make_communication(project, lead, planned_on=dt.date(2026, 1, 1))
    services.communication_set_done(actor=lead, item=done, done=True)
    rows = list(communication_list(project=project, today=TODAY))
    assert [r.pk for r in rows] == [overdue.pk, coming.pk, done.pk]
    assert rows[0].is_overdue and not rows[2].is_overdue
    with pytest.raises(ValidationError) as error:
        make_communication(project, lead, channel="pigeon")
    assert "channel" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        make_communication(project, lead, responsible=outsider)
    assert "responsible" in error.value.message_dict


def test_communication_with_a_stakeholder_of_another_project_is_refused(project, lead):
    from handslag.projects.tests.factories import make_project

    other_project = make_project(lead=lead, organisation=project.organisation)
    foreign = make_stakeholder(other_project, lead)
    with pytest.raises(ValidationError) as error:
        make_communication(project, lead, stakeholder=foreign)
    assert "stakeholder" in error.value.message_dict


def test_communication_update_done_and_remove(project, lead, team_member):
    item = make_communication(project, lead)
    services.communication_update(actor=team_member, item=item, channel="email")
    services.communication_set_done(actor=team_member, item=item, done=True)
    item.refresh_from_db()
    assert item.channel == "email" and item.done and item.done_at
    services.communication_remove(actor=lead, item=item)
    assert AuditEntry.objects.filter(action=DialogueAction.COMMUNICATION_ITEM_REMOVE).exists()


def test_summary_counts(project, lead):
    meeting = make_meeting(project, lead, held_on=dt.date(2026, 1, 10))
    make_action(meeting, lead, due_on=dt.date(2026, 2, 1))
    make_action(meeting, lead, due_on=dt.date(2026, 4, 1))
    make_communication(project, lead, planned_on=dt.date(2026, 2, 1))
    make_stakeholder(project, lead)
    summary = dialogue_summary(project=project, today=TODAY)
    assert (summary.meetings, summary.open_actions, summary.overdue_actions) == (1, 2, 1)
    assert (summary.stakeholders, summary.communication_open, summary.communication_overdue) == (
        1,
        1,
        1,
    )
    assert summary.last_meeting == meeting


def test_people_for_project_include_partner_buyers_and_team(project, lead, outsider):
    partner_org = buyer(name="Partnerkommun")
    partner_staff = member(partner_org, OrganisationRole.STAFF)
    assert partner_staff not in people_for_project(project=project)
    project.partner_buyers.add(partner_org)
    assert partner_staff in people_for_project(project=project)
    assert lead in people_for_project(project=project)
    assert outsider not in people_for_project(project=project)


def test_idea_park_creates_a_parked_challenge(project, lead):
    meeting = make_meeting(project, lead)
    idea = services.idea_park(
        actor=lead,
        project=project,
        title="Sensorer i lekparker",
        description="En leverantör föreslog sensorer även i lekparker.",
        reason="Utanför projektets avgränsning: bara soptunnor.",
        meeting=meeting,
    )
    challenge = idea.challenge
    assert challenge.status == ChallengeStatus.PARKED
    assert challenge.organisation == project.organisation
    assert "Leverantörsdialog om sensorer" in challenge.description
    assert idea.meeting == meeting
    assert AuditEntry.objects.filter(action=DialogueAction.IDEA_PARK).exists()
    assert AuditEntry.objects.filter(action=NeedsAction.CHALLENGE_PARKED).exists()


def test_idea_park_needs_reason_and_triage_role(project, lead, org):
    from handslag.accounts.roles import ProjectRole
    from handslag.needs.models import Challenge
    from handslag.projects.models import ProjectMember

    with pytest.raises(ValidationError) as error:
        services.idea_park(actor=lead, project=project, title="Idé", description="Text", reason=" ")
    assert "reason" in error.value.message_dict
    staff = member(org, OrganisationRole.STAFF)
    ProjectMember.objects.create(project=project, user=staff, role=ProjectRole.END_USER)
    with pytest.raises(PermissionDenied):
        services.idea_park(
            actor=staff, project=project, title="Idé", description="Text", reason="R"
        )
    # Nothing half-saved: the challenge the needs service created is rolled back.
    assert not Challenge.objects.exists()


def test_every_entry_is_filed_under_the_project_and_its_organisation(project, lead):
    """Each change names its project in the entry, so the project's log can be read back."""
    meeting = make_meeting(project, lead)
    services.meeting_update(actor=lead, meeting=meeting, title="Dialogmöte 2")
    action = make_action(meeting, lead)
    services.action_update(actor=lead, action=action, text="Ring leverantören")
    services.action_set_done(actor=lead, action=action, done=True)
    services.action_set_done(actor=lead, action=action, done=False)
    stakeholder = make_stakeholder(project, lead)
    services.stakeholder_update(actor=lead, stakeholder=stakeholder, strategy="Informera")
    item = make_communication(project, lead)
    services.communication_update(actor=lead, item=item, message="Nytt budskap")
    services.communication_set_done(actor=lead, item=item, done=True)
    services.communication_set_done(actor=lead, item=item, done=False)
    services.communication_remove(actor=lead, item=item)
    services.stakeholder_remove(actor=lead, stakeholder=stakeholder)
    entries = AuditEntry.objects.filter(action__in=list(DialogueAction)).order_by("id")
    assert {e.action for e in entries} == set(DialogueAction) - {DialogueAction.IDEA_PARK}
    for entry in entries:
        assert entry.organisation_id == project.organisation_id
        assert entry.data["project_id"] == project.pk
