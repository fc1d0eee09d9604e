"""Conflict-of-interest declarations: no reading or scoring before them, none with a conflict."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.evaluation import services
from handslag.evaluation.tests.factories import Scenario, team_member
from handslag.tendering import services as tendering_services
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.gateway import access_tender_content
from handslag.tendering.models import ConflictDeclaration

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    scenario = Scenario()
    scenario.tender = scenario.submit(scenario.supplier_a, content="Hemligt")
    scenario.newcomer = team_member(scenario.project, ProjectRole.EVALUATOR)
    scenario.open()
    return scenario


def test_evaluator_without_declaration_cannot_read(s):
    with pytest.raises(PermissionDenied):
        access_tender_content(user=s.newcomer, tender=s.tender)


def test_evaluator_without_declaration_cannot_score(s):
    with pytest.raises(PermissionDenied):
        services.score_record(
            actor=s.newcomer, tender=s.tender, criterion=s.criteria[0], score=3, justification="x"
        )
    assert not s.tender.scores.filter(evaluator=s.newcomer).exists()


def test_declaring_no_conflict_opens_access_and_is_audited(s):
    tendering_services.conflict_declare(actor=s.newcomer, call=s.call, has_conflict=False)
    assert access_tender_content(user=s.newcomer, tender=s.tender).content == "Hemligt"
    assert AuditEntry.objects.filter(action=TenderingAction.TENDER_CONFLICT_DECLARE).count() == 5


def test_a_declared_conflict_keeps_the_person_out(s):
    tendering_services.conflict_declare(
        actor=s.newcomer, call=s.call, has_conflict=True, statement="My brother owns supplier A."
    )
    with pytest.raises(PermissionDenied):
        access_tender_content(user=s.newcomer, tender=s.tender)


def test_a_conflict_needs_a_statement_and_a_declaration_is_final(s):
    with pytest.raises(ValidationError):
        tendering_services.conflict_declare(actor=s.newcomer, call=s.call, has_conflict=True)
    tendering_services.conflict_declare(actor=s.newcomer, call=s.call, has_conflict=False)
    with pytest.raises(ValidationError):
        tendering_services.conflict_declare(
            actor=s.newcomer, call=s.call, has_conflict=True, statement="x"
        )
    assert ConflictDeclaration.objects.filter(person=s.newcomer).count() == 1


@pytest.mark.parametrize("who", ["team", "outsider_staff", "supplier_a", "official"])
def test_only_evaluators_and_consensus_makers_declare(s, who):
    with pytest.raises(PermissionDenied):
        tendering_services.conflict_declare(actor=getattr(s, who), call=s.call, has_conflict=False)


def test_team_member_who_does_not_evaluate_reads_without_declaring(s):
    assert access_tender_content(user=s.team, tender=s.tender).content == "Hemligt"


def test_pages_send_the_evaluator_to_the_declaration(client, s):
    client.force_login(s.newcomer)
    evaluation = client.get(f"/tendering/calls/{s.call.pk}/evaluation/")
    assert f"/tendering/calls/{s.call.pk}/declaration/" in evaluation.content.decode()
    assert client.get(f"/tendering/tenders/{s.tender.public_id}/evaluate/").status_code == 403
    response = client.post(f"/tendering/calls/{s.call.pk}/declaration/", {"has_conflict": "no"})
    assert response.status_code == 302
    assert client.get(f"/tendering/tenders/{s.tender.public_id}/evaluate/").status_code == 200


def test_declaration_page_refuses_a_conflict_without_statement(client, s):
    client.force_login(s.newcomer)
    response = client.post(f"/tendering/calls/{s.call.pk}/declaration/", {"has_conflict": "yes"})
    assert response.status_code == 400
    assert not ConflictDeclaration.objects.filter(person=s.newcomer).exists()


@pytest.mark.parametrize(("who", "status"), [("outsider_staff", 403), ("supplier_a", 404)])
def test_declaration_page_refused_to_others(client, s, who, status):
    client.force_login(getattr(s, who))
    assert client.get(f"/tendering/calls/{s.call.pk}/declaration/").status_code == status
