"""A log cut at the end or emptied is found: the chain is held against a signed head.

Before, deleting the newest entries (with the triggers disabled) or emptying the table
left a chain that verified ("intact: 0 entries").
"""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, transaction

from handslag.accounts.tests.factories import OrganisationFactory, UserFactory
from handslag.audit.guards import remove_guards
from handslag.audit.models import AuditEntry, AuditHead
from handslag.audit.services import AuditChainError, audit_record, audit_verify

pytestmark = pytest.mark.django_db


def _entries(n: int = 4) -> list[AuditEntry]:
    actor, org = UserFactory(), OrganisationFactory()
    with transaction.atomic():  # as a service would
        return [
            audit_record(actor=actor, action=f"test.{i}", target=org, data={"n": i})
            for i in range(n)
        ]


def _raw(sql: str, params: list | None = None) -> None:
    """What someone with the database's owner account can do: lift the triggers first.
    The test's transaction is rolled back afterwards, and with it the DROP."""
    remove_guards(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params or [])


def test_each_write_moves_the_signed_head_on():
    entries = _entries()
    head = AuditHead.objects.get()
    assert (head.count, head.last_hash) == (AuditEntry.objects.count(), entries[-1].hash)
    assert audit_verify().ok


@pytest.mark.skipif("connection.vendor != 'postgresql'")
def test_postgresql_refuses_truncate():
    _entries()
    for table in ("audit_auditentry", "audit_audithead"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {table}")
    assert AuditEntry.objects.count() == 4


def test_database_refuses_to_delete_the_head():
    _entries()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_audithead")
    assert AuditHead.objects.exists()


def test_removing_the_newest_entries_is_reported():
    entries = _entries()
    _raw("DELETE FROM audit_auditentry WHERE id >= %s", [entries[-2].pk])
    report = audit_verify()
    assert not report.ok
    assert "shorter than its signed head" in report.reason
    with pytest.raises(CommandError, match="shorter than its signed head"):
        call_command("audit_verify")


def test_an_emptied_log_is_reported():
    _entries()
    _raw("DELETE FROM audit_auditentry")
    report = audit_verify()
    assert not report.ok and report.checked == 0
    assert "empty" in report.reason
    with pytest.raises(CommandError, match="empty"):
        call_command("audit_verify")


def test_a_missing_head_is_reported_and_stops_further_writes():
    _entries()
    _raw("DELETE FROM audit_audithead")
    assert "head is missing" in audit_verify().reason
    with pytest.raises(AuditChainError, match="head is missing"):
        _entries(1)


def test_a_forged_head_is_reported():
    """Cutting the log and moving the head back with it needs the key, which the
    database does not hold."""
    entries = _entries()
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    _raw(
        "UPDATE audit_audithead SET count = count - 1, last_hash = %s",
        [entries[-2].hash],
    )
    report = audit_verify()
    assert not report.ok
    assert "signature" in report.reason


def test_entries_written_past_the_head_are_reported():
    entries = _entries()
    head = AuditHead.objects.get()
    _raw("DELETE FROM audit_audithead")
    _raw(
        "INSERT INTO audit_audithead (id, count, last_hash, updated_at, signature) "
        "VALUES (%s, %s, %s, %s, %s)",
        [1, head.count, head.last_hash, head.updated_at, head.signature],
    )
    more = _entries(1)
    assert audit_verify().ok
    # An old (validly signed) head put back while the newer entries stay: not the newest.
    _raw("DELETE FROM audit_audithead")
    _raw(
        "INSERT INTO audit_audithead (id, count, last_hash, updated_at, signature) "
        "VALUES (%s, %s, %s, %s, %s)",
        [1, head.count, head.last_hash, head.updated_at, head.signature],
    )
    report = audit_verify()
    assert not report.ok and "do not match the signed head" in report.reason
    assert entries and more


def test_a_head_signed_with_another_key_is_refused(settings):
    _entries()
    settings.AUDIT_KEY = "another key"
    assert "signature" in audit_verify().reason
    # Moving from the default (derived from SECRET_KEY) to an AUDIT_KEY of one's own:
    # the old secret goes in the fallbacks until the next write signs with the new one.
    settings.AUDIT_KEY_FALLBACKS = [settings.SECRET_KEY]
    assert audit_verify().ok


def test_a_rotated_key_still_verifies_until_the_next_write(settings):
    settings.AUDIT_KEY = "first key"
    _entries()
    settings.AUDIT_KEY, settings.AUDIT_KEY_FALLBACKS = "second key", ["first key"]
    assert audit_verify().ok
    settings.AUDIT_KEY_FALLBACKS = []
    assert not audit_verify().ok
    call_command("audit_verify", "--sign-head")
    assert audit_verify().ok


def test_expect_confirms_a_hash_is_in_the_chain(capsys):
    entries = _entries()
    call_command("audit_verify", "--expect", entries[1].hash)
    out = capsys.readouterr().out
    assert f"{entries[1].hash} is entry " in out
    assert "intact" in out
    with pytest.raises(CommandError, match="does not hold"):
        call_command("audit_verify", "--expect", "f" * 64)


def test_expect_fails_once_the_anchored_entry_is_cut_off():
    entries = _entries()
    anchor = entries[-1].hash
    _raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    with pytest.raises(CommandError, match="shorter than its signed head"):
        call_command("audit_verify", "--expect", anchor)
    assert anchor not in audit_verify(expect=[anchor]).expected_at
