"""Reads of the audit log for people (the admin): what may be shown, and how."""

from django.db.models import QuerySet

from handslag.audit.models import AuditEntry


def audit_entries_visible() -> QuerySet[AuditEntry]:
    """Every entry except those that would reveal sealed tenders (tendering's one rule).

    Whoever lists these must not show anything that numbers the whole log (the row id,
    the hashes that link an entry to the one before): a gap would count the hidden ones.
    """
    from handslag.tendering.selectors import sealed_audit_entries

    return AuditEntry.objects.exclude(sealed_audit_entries())
