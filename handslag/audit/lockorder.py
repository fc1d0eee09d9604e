"""One lock order everywhere: a service's own row locks first, the audit chain's last.

audit_record locks the chain's head row and holds it to the commit. A transaction that
then waits for another row lock can deadlock with one that holds that row and waits for
the chain (an upload and a project change did, on PostgreSQL). So after audit_record, the
same transaction may not lock a row again: no SELECT ... FOR UPDATE/SHARE, no UPDATE, no
DELETE, except on the audit tables themselves.

With settings.AUDIT_LOCK_ORDER_CHECK (on in tests and with DEBUG) every query is checked
and such a lock raises AuditLockOrderError at once instead of deadlocking some day.

"The same transaction" is the block that called audit_record: the whole transaction in
production, where a service's atomic block is the outermost one, and the service's own
block under the test suite, which runs each test inside one transaction of its own.
"""

import re
from typing import Any

from django.conf import settings
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.signals import connection_created


class AuditLockOrderError(RuntimeError):
    """A row lock was requested after the audit chain's lock in the same transaction."""


_ROW_LOCK = re.compile(
    r"^\s*(UPDATE|DELETE)\b|\bFOR\s+(UPDATE|NO\s+KEY\s+UPDATE|SHARE|KEY\s+SHARE)\b",
    re.IGNORECASE,
)
_AUDIT_TABLE = re.compile(r'^\s*(UPDATE|DELETE\s+FROM)\s+"?audit_audit|\baudit_audithead\b', re.I)


class _Marker:
    """Registered as a no-op on_commit callback: Django drops it when the transaction
    ends (commit or rollback) or when the savepoint it was made in is rolled back."""

    def __init__(self, queue: list, savepoints: frozenset) -> None:
        self.queue = queue
        self.savepoints = savepoints

    def __call__(self) -> None:
        return None


def chain_locked(connection: BaseDatabaseWrapper) -> None:
    """audit_record calls this once it holds the chain's lock in a transaction."""
    if not getattr(settings, "AUDIT_LOCK_ORDER_CHECK", False) or not connection.in_atomic_block:
        return
    if _holds_chain(connection):
        return  # the earlier (wider) marker stays
    marker = _Marker(connection.run_on_commit, frozenset(connection.savepoint_ids))
    connection.on_commit(marker)
    marker.queue = connection.run_on_commit
    connection._audit_chain_marker = marker


def _holds_chain(connection: BaseDatabaseWrapper) -> bool:
    marker = getattr(connection, "_audit_chain_marker", None)
    return bool(
        marker is not None
        and connection.in_atomic_block
        # Commit, rollback and a savepoint rollback each give Django a new queue.
        and marker.queue is connection.run_on_commit
        # The block that wrote the entry is still open.
        and marker.savepoints <= set(connection.savepoint_ids)
    )


def _check(execute: Any, sql: str, params: Any, many: bool, context: dict) -> Any:
    connection = context["connection"]
    if (
        isinstance(sql, str)
        and _ROW_LOCK.search(sql)
        and not _AUDIT_TABLE.search(sql)
        and _holds_chain(connection)
    ):
        raise AuditLockOrderError(
            "A row lock was requested after the audit entry in the same transaction. "
            "Lock rows and write first, and call audit_record last. SQL: " + sql[:300]
        )
    return execute(sql, params, many, context)


def _install(sender: Any, connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    if _check not in connection.execute_wrappers:
        connection.execute_wrappers.append(_check)


def enable() -> None:
    """Check every connection (AppConfig.ready, when AUDIT_LOCK_ORDER_CHECK is on)."""
    connection_created.connect(_install, dispatch_uid="audit-lock-order")
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _install(None, connection)
