import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction
from django.db.utils import DatabaseError

from handslag.accounts.tests.factories import OrganisationFactory, UserFactory
from handslag.audit.guards import remove_guards
from handslag.audit.models import AppendOnlyError, AuditEntry
from handslag.audit.services import GENESIS, audit_record, audit_trail, audit_verify

pytestmark = pytest.mark.django_db


def _three_entries():
    actor = UserFactory()
    org = OrganisationFactory()
    return [
        audit_record(actor=actor, action="test.one", target=org, data={"n": 1}),
        audit_record(actor=actor, action="test.two", target=org, data={"n": 2, "text": "åäö"}),
        audit_record(actor=None, action="test.three", target=None),
    ]


def test_entries_chain_to_each_other():
    first, second, third = _three_entries()
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert third.actor_label == "system"
    report = audit_verify()
    assert report.ok and report.checked == 3


def test_model_refuses_change_and_delete():
    entry = _three_entries()[0]
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="forged")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_database_refuses_raw_update_and_delete():
    entry = _three_entries()[0]
    for sql in (
        "UPDATE audit_auditentry SET action = 'forged' WHERE id = %s",
        "DELETE FROM audit_auditentry WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.one"


def _drop_guards():
    """Simulate an attacker with direct database access who removes the triggers.

    The test's transaction is rolled back afterwards, and with it the DROP (DDL is
    transactional on PostgreSQL and SQLite), so later tests have their guards back.
    """
    remove_guards(connection)


def test_verify_reports_the_first_tampered_entry():
    first, second, third = _three_entries()
    _drop_guards()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_auditentry SET data = %s WHERE id = %s", ['{"n": 99}', second.pk]
        )
    report = audit_verify()
    assert not report.ok
    assert report.broken_at == second.pk
    assert report.checked == 1
    with pytest.raises(CommandError, match=f"broken at entry {second.pk}"):
        call_command("audit_verify")


def test_verify_reports_a_removed_entry():
    first, second, third = _three_entries()
    _drop_guards()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [second.pk])
    report = audit_verify()
    assert report.broken_at == third.pk
    assert "previous hash" in report.reason


def test_trail_lists_one_records_history_in_order():
    first, second, _ = _three_entries()
    organisation = OrganisationFactory._meta.model.objects.get(pk=first.target_id)
    assert [e.action for e in audit_trail(target=organisation)] == ["test.one", "test.two"]


def test_command_passes_on_an_intact_chain(capsys):
    _three_entries()
    call_command("audit_verify")
    assert "3 entries verified" in capsys.readouterr().out
