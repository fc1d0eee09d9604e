"""The audit log hides what registered rules seal, and nothing when no rule is registered."""

import pytest
from django.db.models import Q

from handslag.audit import sealing
from handslag.audit.selectors import audit_entries_visible
from handslag.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_without_a_rule_every_entry_is_visible(monkeypatch):
    monkeypatch.setattr(sealing, "_rules", [])
    audit_record(actor=None, action="test.one", target=None)
    assert sealing.sealed_entries() is None
    assert audit_entries_visible().count() == 1


def test_every_rule_hides_its_entries(monkeypatch):
    monkeypatch.setattr(sealing, "_rules", [])
    sealing.register_sealed_entries(lambda: Q(action="test.one"))
    sealing.register_sealed_entries(lambda: Q(action="test.two"))
    for action in ("test.one", "test.two", "test.three"):
        audit_record(actor=None, action=action, target=None)
    assert list(audit_entries_visible().values_list("action", flat=True)) == ["test.three"]
