import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection

from handslag.accounts.tests.factories import member, supplier
from handslag.audit.models import AuditEntry
from handslag.market.models import ApplicationStatus
from handslag.tendering import services
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.gateway import access_tender_content
from handslag.tendering.models import CallKey, Tender, TenderStatus
from handslag.tendering.tests.factories import ApplicationFactory, CallFactory, Scenario

pytestmark = pytest.mark.django_db

SECRET = "Hemlig lösning med sensorer i varje kärl"
PRICE = "4711000.50"


@pytest.fixture
def s():
    return Scenario()


# --- submission -------------------------------------------------------------------------


def test_submit_stores_only_ciphertext_and_gives_receipt(s):
    tender = s.submit(s.supplier_a, content=SECRET, price=PRICE)
    assert tender.status == TenderStatus.SUBMITTED
    assert len(tender.content_sha256) == 64
    assert len(tender.receipt) >= 32
    assert SECRET.encode() not in bytes(tender.ciphertext)
    key = CallKey.objects.get(call=s.call)
    assert key.opened_at is None and len(key.kek_id) == 16
    assert AuditEntry.objects.filter(action=TenderingAction.TENDER_SUBMIT).count() == 1
    assert PRICE not in str(AuditEntry.objects.get(action=TenderingAction.TENDER_SUBMIT).data)


def test_receipts_are_unique(s):
    a = s.submit(s.supplier_a)
    b = s.submit(s.supplier_b)
    assert a.receipt != b.receipt


def test_new_submission_replaces_previous(s):
    first = s.submit(s.supplier_a, content="one")
    second = s.submit(s.supplier_a, content="two")
    first.refresh_from_db()
    assert first.status == TenderStatus.REPLACED
    assert second.status == TenderStatus.SUBMITTED
    assert Tender.objects.filter(call=s.call, status=TenderStatus.SUBMITTED).count() == 1


def test_one_second_late_is_refused(s):
    with pytest.raises(ValidationError, match="Tiden för anbud"):
        s.submit(s.supplier_a, now=s.call.tender_deadline + dt.timedelta(seconds=1))
    with pytest.raises(ValidationError):
        s.submit(s.supplier_a, now=s.call.tender_deadline)
    assert s.submit(s.supplier_a, now=s.call.tender_deadline - dt.timedelta(seconds=1))


def test_not_invited_supplier_is_refused(s):
    stranger = member(supplier())
    with pytest.raises(PermissionDenied):
        s.submit(stranger)
    # Applied but not invited.
    rejected = member(supplier())
    ApplicationFactory(
        call=s.call,
        supplier=rejected.memberships.first().organisation,
        status=ApplicationStatus.REJECTED,
    )
    with pytest.raises(PermissionDenied):
        s.submit(rejected)


def test_buyer_staff_cannot_submit(s):
    with pytest.raises(PermissionDenied):
        s.submit(s.lead)


def test_open_procedure_accepts_any_supplier():
    call = CallFactory(legal_procedure="open")
    user = member(supplier())
    tender = services.tender_submit(actor=user, call=call, content="x", price=Decimal("1"))
    assert tender.pk


def test_draft_call_refuses(s):
    s.call.status = "draft"
    s.call.save()
    with pytest.raises(ValidationError):
        s.submit(s.supplier_a)


@pytest.mark.parametrize("price", ["-1", "abc", "1.234", "NaN", "1e20"])
def test_bad_price_refused_and_nothing_saved(s, price):
    with pytest.raises(ValidationError):
        services.tender_submit(actor=s.supplier_a, call=s.call, content="x", price=price)
    assert not Tender.objects.exists()


def test_empty_content_refused(s):
    with pytest.raises(ValidationError):
        s.submit(s.supplier_a, content="   ")


def test_withdraw_before_deadline_only(s):
    tender = s.submit(s.supplier_a)
    with pytest.raises(ValidationError):
        services.tender_withdraw(actor=s.supplier_a, tender=tender, now=s.after_deadline())
    with pytest.raises(PermissionDenied):
        services.tender_withdraw(actor=s.supplier_b, tender=tender)
    services.tender_withdraw(actor=s.supplier_a, tender=tender)
    tender.refresh_from_db()
    assert tender.status == TenderStatus.WITHDRAWN
    with pytest.raises(ValidationError):
        services.tender_withdraw(actor=s.supplier_a, tender=tender)


# --- secrecy ----------------------------------------------------------------------------


def test_dumpdata_and_raw_select_before_opening_reveal_nothing(s):
    s.submit(s.supplier_a, content=SECRET, price=PRICE)
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue()
    assert SECRET not in dump and "4711000" not in dump
    with connection.cursor() as cursor:
        for table in ("tendering_tender", "tendering_callkey", "audit_auditentry"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            text = repr(cursor.fetchall())
            assert SECRET not in text and "4711000" not in text
            for row_bytes in text.split():
                assert "Hemlig" not in row_bytes


def test_swapped_ciphertext_does_not_decrypt(s):
    a = s.submit(s.supplier_a, content="A")
    b = s.submit(s.supplier_b, content="B")
    Tender.objects.filter(pk=b.pk).update(ciphertext=a.ciphertext, content_sha256=a.content_sha256)
    s.open()
    b.refresh_from_db()
    from handslag.tendering.crypto import TenderDecryptionError

    with pytest.raises(TenderDecryptionError):
        access_tender_content(user=s.lead, tender=b)


# --- opening ----------------------------------------------------------------------------


def test_opening_needs_two_officials(s):
    s.submit(s.supplier_a)
    now = s.after_deadline()
    services.opening_confirm(actor=s.officer, call=s.call, now=now)
    assert CallKey.objects.get(call=s.call).opened_at is None
    with pytest.raises(ValidationError):
        services.opening_confirm(actor=s.officer, call=s.call, now=now)
    services.opening_confirm(actor=s.official, call=s.call, now=now)
    assert CallKey.objects.get(call=s.call).opened_at == now
    entry = AuditEntry.objects.get(action=TenderingAction.TENDER_OPEN)
    assert len(entry.data["tenders"]) == 1
    assert len(entry.data["confirmations"]) == 2


def test_opening_before_deadline_refused(s):
    with pytest.raises(ValidationError):
        services.opening_confirm(actor=s.officer, call=s.call)


def test_opening_without_tenders_creates_key(s):
    s.open()
    assert CallKey.objects.get(call=s.call).opened_at is not None


def test_cannot_reopen(s):
    s.open()
    with pytest.raises(ValidationError):
        services.opening_confirm(actor=s.officer, call=s.call, now=s.after_deadline())


# --- criteria ---------------------------------------------------------------------------


# --- evaluation -------------------------------------------------------------------------


# --- award ------------------------------------------------------------------------------
