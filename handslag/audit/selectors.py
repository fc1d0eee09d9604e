"""Reads of the audit log for people (the admin): what may be shown, and how."""

from django.db.models import QuerySet

from handslag.audit.models import AuditEntry
from handslag.audit.sealing import sealed_entries


def audit_entries_visible() -> QuerySet[AuditEntry]:
    """Every entry except those a registered rule seals (tendering's sealed tenders).

    Whoever lists these must not show anything that numbers the whole log (the row id,
    the hashes that link an entry to the one before): a gap would count the hidden ones.
    """
    sealed = sealed_entries()
    entries = AuditEntry.objects.all()
    return entries if sealed is None else entries.exclude(sealed)
