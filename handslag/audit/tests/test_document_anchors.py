"""The opening record and the award decision carry the hash of their audit entry, so a
copy kept outside the system anchors the chain (audit_verify --expect)."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from handslag.audit.guards import remove_guards
from handslag.audit.models import AuditEntry
from handslag.disclosure.tests.factories import DisclosureScenario
from handslag.evaluation.documents import award_document
from handslag.tendering.documents import opening_record_document

pytestmark = pytest.mark.django_db


def _entry(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).order_by("-id").first()


def test_the_opening_record_and_the_award_decision_print_their_entrys_hash(capsys):
    scenario = DisclosureScenario()
    scenario.open()
    opening = _entry("tender.open")
    assert opening.hash in str(opening_record_document(call=scenario.call).blocks)
    scenario.award()
    award = _entry("tender.award")
    for document in (
        award_document(call=scenario.call),
        award_document(call=scenario.call, for_tender=scenario.tender_b),
    ):
        assert award.hash in str(document.blocks)
    call_command("audit_verify", "--expect", opening.hash, "--expect", award.hash)
    out = capsys.readouterr().out
    assert f"{opening.hash} is entry" in out and f"{award.hash} is entry" in out


def test_a_log_cut_back_to_before_the_award_no_longer_holds_the_printed_hash():
    scenario = DisclosureScenario()
    scenario.award()
    printed = _entry("tender.award").hash
    remove_guards(connection)  # rolled back with the test
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id >= %s", [_entry("tender.award").pk])
    with pytest.raises(CommandError, match="shorter than its signed head"):
        call_command("audit_verify", "--expect", printed)
