import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory

from handslag.accounts.tests.factories import UserFactory
from handslag.audit.models import AuditEntry
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db


def _visible_actions(target_id: str) -> list[str]:
    request = RequestFactory().get("/admin/audit/auditentry/")
    request.user = UserFactory(is_superuser=True, is_staff=True)
    queryset = site._registry[AuditEntry].get_queryset(request)
    return list(queryset.filter(target_id=target_id).values_list("action", flat=True))


def test_admin_hides_entries_about_sealed_tenders_until_the_opening():
    """Even a superuser must not count tenders in the audit log before the opening."""
    scenario = Scenario()
    tender = scenario.submit(scenario.supplier_a)
    assert AuditEntry.objects.filter(
        target_id=str(tender.public_id), action="tender.submit"
    ).exists()
    assert "tender.submit" not in _visible_actions(str(tender.public_id))
    scenario.open()
    assert "tender.submit" in _visible_actions(str(tender.public_id))
