"""The audit admin hides entries about sealed tenders without leaving a count behind.

An administrator who sees entry ids 1, 2, 5 knows that two entries are hidden: before
the opening, that is how many tenders (or withdrawals, or claims) arrived.
"""

import re

import pytest
from django.db import transaction
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from handslag.accounts.tests.factories import UserFactory
from handslag.audit.models import AuditEntry
from handslag.audit.selectors import audit_entries_visible
from handslag.audit.services import audit_record
from handslag.disclosure.tests.factories import DisclosureScenario

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/audit/auditentry/"


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


@pytest.fixture
def sealed():
    """Two sealed tenders, one with a file and a confidentiality claim, and one entry
    on the tender's file: every kind of entry that is about a sealed tender."""
    scenario = DisclosureScenario()
    scenario.claim()
    with transaction.atomic():  # as a service would
        audit_record(actor=scenario.supplier_a, action="test.file", target=scenario.file_a)
    return scenario


def _sealed_entries(scenario: DisclosureScenario) -> list[AuditEntry]:
    tender_ids = {str(scenario.tender_a.public_id), str(scenario.tender_b.public_id)}
    return [
        e
        for e in AuditEntry.objects.all()
        if (e.target_type == "tendering.tender" and e.target_id in tender_ids)
        or (
            e.target_type == "tendering.tenderfile"
            and e.target_id == str(scenario.file_a.public_id)
        )
    ]


def test_every_entry_about_a_sealed_tender_is_hidden_until_the_opening(sealed):
    hidden = _sealed_entries(sealed)
    # The two submissions, the claim on tender A and the entry on its file.
    assert {e.action for e in hidden} >= {"tender.submit", "disclosure.claims_change", "test.file"}
    visible = set(audit_entries_visible().values_list("pk", flat=True))
    assert not visible & {e.pk for e in hidden}
    sealed.open()
    visible = set(audit_entries_visible().values_list("pk", flat=True))
    assert {e.pk for e in hidden} <= visible


def test_the_list_shows_no_id_no_hash_and_no_link_to_an_entry(admin_client, sealed):
    response = admin_client.get(LIST_URL)
    assert response.status_code == 200
    html = response.content.decode()
    for entry in AuditEntry.objects.all():
        assert entry.hash not in html
        assert f"/auditentry/{entry.pk}/" not in html
    # No selection checkboxes: each carries the row's id.
    assert "_selected_action" not in html
    assert not re.search(r'<th[^>]*class="[^"]*field-id', html)
    with pytest.raises(NoReverseMatch):
        reverse("admin:audit_auditentry_change", args=[1])


def test_an_entry_cannot_be_probed_by_its_id(admin_client, sealed):
    """A change page that answers for visible ids and not for hidden ones counts them."""
    visible = audit_entries_visible().first()
    hidden = _sealed_entries(sealed)[0]
    for pk in (visible.pk, hidden.pk):
        for suffix in ("change/", "history/", ""):
            assert admin_client.get(f"{LIST_URL}{pk}/{suffix}").status_code == 404


@pytest.mark.parametrize("lookup", ["id__lte", "pk__lt", "id__in", "hash__startswith"])
def test_the_list_cannot_be_filtered_by_id(admin_client, sealed, lookup):
    """?id__lte=N would show how many visible entries there are up to N, so the gaps."""
    last = AuditEntry.objects.order_by("-id").first()
    response = admin_client.get(LIST_URL, {lookup: last.pk})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert "e=1" in response["Location"]


def test_the_counts_on_the_page_count_only_visible_entries(admin_client, sealed):
    visible = audit_entries_visible().count()
    assert visible < AuditEntry.objects.count()
    listed = admin_client.get(LIST_URL).context["cl"]
    assert (listed.result_count, listed.full_result_count) == (visible, visible)
    searched = admin_client.get(LIST_URL, {"q": "tender"}).context["cl"]
    assert searched.full_result_count == visible
    matching = Q(action__icontains="tender") | Q(target_label__icontains="tender")
    matching |= Q(actor_label__icontains="tender")
    assert searched.result_count == audit_entries_visible().filter(matching).count()
