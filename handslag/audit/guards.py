"""Database triggers that keep the audit log append-only.

The model already refuses; the triggers also stop raw SQL and other code paths that
share the application's database account: no UPDATE or DELETE of an entry, no TRUNCATE
of the log (PostgreSQL; SQLite has no TRUNCATE), and no DELETE or TRUNCATE of the signed
head (it is only ever moved on). Used by the migrations that install them, and by the
test suite, which must lift them to empty the database between tests (Django's flush
uses TRUNCATE on PostgreSQL and DELETE on SQLite). Install and remove stay symmetrical:
every trigger created here is dropped by remove_guards.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

_PG_FUNCTION = """
CREATE OR REPLACE FUNCTION audit_auditentry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$ LANGUAGE plpgsql;
"""
_ABORT = "BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;"

# (table, trigger, event, PostgreSQL level); SQLite has no TRUNCATE and no statement level.
_TRIGGERS = [
    ("audit_auditentry", "audit_auditentry_no_update", "UPDATE", "ROW"),
    ("audit_auditentry", "audit_auditentry_no_delete", "DELETE", "ROW"),
    ("audit_auditentry", "audit_auditentry_no_truncate", "TRUNCATE", "STATEMENT"),
    ("audit_audithead", "audit_audithead_no_delete", "DELETE", "ROW"),
    ("audit_audithead", "audit_audithead_no_truncate", "TRUNCATE", "STATEMENT"),
]


def _statements(connection: BaseDatabaseWrapper, install: bool) -> list[str]:
    # Only tables that exist: the first guard migration runs before the head's table is
    # created, a later one adds the head's triggers.
    with connection.cursor() as cursor:
        tables = set(connection.introspection.table_names(cursor))
    triggers = [t for t in _TRIGGERS if t[0] in tables]
    if connection.vendor == "postgresql":
        if install:
            return [_PG_FUNCTION] + [
                f"CREATE OR REPLACE TRIGGER {name} BEFORE {event} ON {table} "
                f"FOR EACH {level} EXECUTE FUNCTION audit_auditentry_append_only();"
                for table, name, event, level in triggers
            ]
        return [f"DROP TRIGGER IF EXISTS {name} ON {table};" for table, name, _e, _l in triggers]
    if connection.vendor == "sqlite":
        triggers = [t for t in triggers if t[2] != "TRUNCATE"]
        if install:
            return [
                f"CREATE TRIGGER IF NOT EXISTS {name} BEFORE {event} ON {table} {_ABORT}"
                for table, name, event, _level in triggers
            ]
        return [f"DROP TRIGGER IF EXISTS {name};" for _t, name, _e, _l in triggers]
    return []


def install_guards(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=True):
            cursor.execute(statement)


def remove_guards(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection, install=False):
            cursor.execute(statement)
