"""Tendering tells the apps before it what they must respect and may show."""

from handslag.audit import sealing
from handslag.tendering.selectors import sealed_audit_entries


def test_the_audit_log_hides_entries_about_sealed_tenders():
    assert sealed_audit_entries in sealing._rules
