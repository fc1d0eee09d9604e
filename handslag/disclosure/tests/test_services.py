"""Claims, requests, redaction and decisions, service by service, with the refusals."""

import datetime as dt
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.http import Http404

from handslag.audit.models import AuditEntry
from handslag.disclosure import permissions, selectors, services
from handslag.disclosure.models import (
    CaseStatus,
    ClaimSet,
    DocumentRequest,
    OfficialMask,
    RedactionCase,
)
from handslag.disclosure.redaction import MARKER
from handslag.disclosure.tests.factories import PASSAGE, DisclosureScenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return DisclosureScenario()


# --- claims -------------------------------------------------------------------------------


def test_claim_passage_and_file(s):
    claim = s.claim()
    file_claim = services.claim_add(
        actor=s.supplier_a, tender=s.tender_a, tender_file=s.file_a, reason="Ritningar."
    )
    claims = services.claim_list(tender=s.tender_a)
    assert [c["id"] for c in claims] == [claim["id"], file_claim["id"]]
    assert claims[0]["passage"] == PASSAGE and claims[1]["file_id"] == s.file_a.file_id


@pytest.mark.parametrize(
    ("passage", "reason"),
    [
        ("Detta står inte i anbudet.", "Skäl."),
        ("timpriset för våra tekniker", "Skäl."),  # case differs: not exact
        (PASSAGE, ""),
        ("", "Skäl."),
    ],
)
def test_bad_claims_are_refused_and_change_nothing(s, passage, reason):
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError):
        services.claim_add(actor=s.supplier_a, tender=s.tender_a, passage=passage, reason=reason)
    assert not ClaimSet.objects.exists()
    assert AuditEntry.objects.count() == before


def test_same_passage_twice_refused(s):
    s.claim()
    with pytest.raises(ValidationError):
        s.claim()


def test_claim_on_another_suppliers_tender_forbidden(s):
    with pytest.raises(PermissionDenied):
        services.claim_add(actor=s.supplier_b, tender=s.tender_a, passage=PASSAGE, reason="x")
    with pytest.raises(PermissionDenied):
        services.claim_add(actor=s.lead, tender=s.tender_a, passage=PASSAGE, reason="x")


def test_file_of_another_tender_refused(s):
    with pytest.raises(ValidationError):
        services.claim_add(actor=s.supplier_b, tender=s.tender_b, tender_file=s.file_a, reason="x")


def test_no_claims_after_the_deadline_or_on_replaced_tender(s):
    with pytest.raises(ValidationError):
        services.claim_add(
            actor=s.supplier_a,
            tender=s.tender_a,
            passage=PASSAGE,
            reason="x",
            now=s.after_deadline(),
        )
    newer = s.submit(s.supplier_a, content="Nytt anbud. " + PASSAGE)
    s.tender_a.refresh_from_db()
    with pytest.raises(ValidationError):
        s.claim()
    services.claim_add(actor=s.supplier_a, tender=newer, passage=PASSAGE, reason="x")


def test_remove_claim(s):
    claim = s.claim()
    services.claim_remove(actor=s.supplier_a, tender=s.tender_a, claim_id=claim["id"])
    assert services.claim_list(tender=s.tender_a) == []
    with pytest.raises(ValidationError):
        services.claim_remove(actor=s.supplier_a, tender=s.tender_a, claim_id="nope")
    with pytest.raises(PermissionDenied):
        services.claim_remove(actor=s.supplier_b, tender=s.tender_a, claim_id=claim["id"])


def test_claims_sealed_in_database_dump_before_opening(s):
    secret_reason = "Hemlig motivering om Åkessons"
    s.claim(reason=secret_reason)
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    dump = out.getvalue()
    assert PASSAGE not in dump and "950 kr" not in dump and secret_reason not in dump
    with connection.cursor() as cursor:
        for table in ("disclosure_claimset", "audit_auditentry"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            text = repr(cursor.fetchall())
            # Specific words only: short digit runs occur by chance in timestamps and hashes.
            assert "950 kr" not in text and "Hemlig" not in text and "Timpriset" not in text
    assert PASSAGE.encode() not in bytes(ClaimSet.objects.get().ciphertext)


def test_buyer_can_neither_read_nor_count_claims_before_opening(s):
    s.claim()
    for person in (s.lead, s.officer, s.evaluator, s.team, s.outsider_staff, s.advisor):
        with pytest.raises(Http404):
            permissions.access_tender_for_claims(user=person, public_id=s.tender_a.public_id)
    assert permissions.access_tender_for_claims(user=s.supplier_a, public_id=s.tender_a.public_id)


def test_team_reads_claims_after_opening_but_not_outsiders(s):
    s.claim()
    s.open()
    for person in (s.team, s.evaluator, s.lead):
        assert permissions.access_tender_for_claims(user=person, public_id=s.tender_a.public_id)
    for person in (s.outsider_staff, s.advisor, s.supplier_b):
        with pytest.raises(Http404):
            permissions.access_tender_for_claims(user=person, public_id=s.tender_a.public_id)


def test_claim_ciphertext_moved_to_another_tender_does_not_decrypt(s):
    s.claim()
    blob = ClaimSet.objects.get().ciphertext
    ClaimSet.objects.create(tender=s.tender_b, ciphertext=blob)
    with pytest.raises(Exception):  # noqa: B017 - TenderDecryptionError
        services.claim_list(tender=s.tender_b)


# --- requests -----------------------------------------------------------------------------


def test_request_before_award_registered_and_refused_citing_absolute_secrecy(s):
    s.open()
    request = s.request(tenders=[s.tender_a])
    assert request.before_award and not request.cases.exists()
    refused, _token = services.request_decide(actor=s.lead, request=request)
    assert "19 kap. 3 §" in refused.decision_text


def test_request_registers_a_case_per_tender(s):
    s.award()
    request = s.request()
    assert {c.tender_id for c in request.cases.all()} == {s.tender_a.pk, s.tender_b.pk}
    only_a = s.request(tenders=[s.tender_a])
    assert [c.tender_id for c in only_a.cases.all()] == [s.tender_a.pk]


@pytest.mark.parametrize(
    "bad",
    [
        {"requester_name": ""},
        {"requester_email": "inte-en-adress"},
        {"subject": " "},
        {"received_on": dt.date.today() + dt.timedelta(days=2)},
        {"received_on": "igår"},
        {"tenders": []},
    ],
)
def test_bad_request_refused(s, bad):
    s.award()
    with pytest.raises(ValidationError):
        s.request(**bad)
    assert not DocumentRequest.objects.exists()


def test_request_by_outsiders_forbidden(s):
    s.award()
    for person in (s.outsider_staff, s.advisor, s.supplier_a):
        with pytest.raises(PermissionDenied):
            services.request_register(
                actor=person,
                call=s.call,
                requester_name="X",
                requester_email="x@example.org",
                subject="Y",
                received_on=dt.date.today(),
            )


# --- redaction and decision -----------------------------------------------------------------


@pytest.fixture
def case(s):
    s.claim()
    s.file_claim = services.claim_add(
        actor=s.supplier_a, tender=s.tender_a, tender_file=s.file_a, reason="Ritningar."
    )
    s.award()
    request = s.request(tenders=[s.tender_a])
    return request.cases.get()


def rule_all(s, case, mask=True):
    for claim in services.claim_list(tender=s.tender_a):
        services.claim_rule(
            actor=s.officer, case=case, claim_id=claim["id"], mask=mask, reason="Skada."
        )


def test_redacted_text_masks_ruled_claims_and_own_masks(s, case):
    rule_all(s, case)
    services.mask_add(
        actor=s.team, case=case, passage="Åkessons Elektronik AB", reason="Underleverantör."
    )
    view = selectors.case_view(case=case)
    assert PASSAGE not in view.redacted and "Åkessons" not in view.redacted
    assert view.redacted.count(MARKER) == 2
    assert "sensorer i varje brunn" in view.redacted
    # The official's passage is sealed in the database.
    assert b"Akessons" not in bytes(OfficialMask.objects.get().ciphertext)
    assert "Åkessons".encode() not in bytes(OfficialMask.objects.get().ciphertext)


def test_released_claim_is_not_masked(s, case):
    rule_all(s, case, mask=False)
    assert selectors.case_view(case=case).redacted == selectors.case_view(case=case).content


def test_mask_must_occur_and_have_a_reason(s, case):
    with pytest.raises(ValidationError):
        services.mask_add(actor=s.team, case=case, passage="saknas i texten", reason="x")
    with pytest.raises(ValidationError):
        services.mask_add(actor=s.team, case=case, passage="sensorer", reason="")
    assert not OfficialMask.objects.exists()


def test_decision_rules(s, case):
    files = {s.file_a.pk: {"outcome": "refuse", "reason": "Ritningar är hemliga."}}
    with pytest.raises(ValidationError):  # claims not ruled yet
        services.case_decide(
            actor=s.officer, case=case, text_outcome="release_redacted", reason="x", files=files
        )
    rule_all(s, case)
    with pytest.raises(ValidationError):  # masked passage: cannot release whole
        services.case_decide(actor=s.officer, case=case, text_outcome="release", files=files)
    with pytest.raises(ValidationError):  # masked file cannot be released whole
        services.case_decide(
            actor=s.officer,
            case=case,
            text_outcome="release_redacted",
            reason="x",
            files={s.file_a.pk: {"outcome": "release"}},
        )
    with pytest.raises(ValidationError):  # every file needs a decision
        services.case_decide(
            actor=s.officer, case=case, text_outcome="release_redacted", reason="x"
        )
    with pytest.raises(ValidationError):  # redacted file needs its copy
        services.case_decide(
            actor=s.officer,
            case=case,
            text_outcome="release_redacted",
            reason="x",
            files={s.file_a.pk: {"outcome": "release_redacted", "reason": "x"}},
        )
    with pytest.raises(PermissionDenied):  # only lead or procurement officer decides
        services.case_decide(
            actor=s.team, case=case, text_outcome="release_redacted", reason="x", files=files
        )
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN and not case.file_rulings.exists()
    services.case_decide(
        actor=s.officer, case=case, text_outcome="release_redacted", reason="Skada.", files=files
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    with pytest.raises(ValidationError):
        services.mask_add(actor=s.team, case=case, passage="sensorer", reason="x")


def test_consultation_holds_the_decision_until_comment_or_deadline(
    s, case, mailoutbox, django_capture_on_commit_callbacks
):
    rule_all(s, case)
    today = dt.date.today()
    with pytest.raises(ValidationError):
        services.consultation_send(
            actor=s.officer, case=case, message="Synpunkter?", deadline=today
        )
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_send(
            actor=s.officer, case=case, message="Synpunkter?", deadline=today + dt.timedelta(days=5)
        )
    assert [m.to for m in mailoutbox] == [[s.tender_a.submitted_by.email]]
    files = {s.file_a.pk: {"outcome": "refuse", "reason": "x"}}
    with pytest.raises(ValidationError):
        services.case_decide(
            actor=s.officer, case=case, text_outcome="refuse", reason="x", files=files
        )
    with pytest.raises(PermissionDenied):
        services.consultation_comment(actor=s.supplier_b, case=case, comment="Nej")
    late = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    with pytest.raises(ValidationError):
        services.consultation_comment(actor=s.supplier_a, case=case, comment="Sent", now=late)
    services.consultation_comment(actor=s.supplier_a, case=case, comment="Priset är hemligt.")
    services.case_decide(actor=s.officer, case=case, text_outcome="refuse", reason="x", files=files)


def test_request_decision_sends_token_and_holds_appeal_notice(
    s, case, mailoutbox, django_capture_on_commit_callbacks
):
    rule_all(s, case)
    with pytest.raises(ValidationError):
        services.request_decide(actor=s.officer, request=case.request)
    copy = SimpleUploadedFile("bilaga-maskerad.pdf", b"%PDF-1.7\nmaskerad\n")
    services.case_decide(
        actor=s.officer,
        case=case,
        text_outcome="release_redacted",
        reason="Skada för leverantören.",
        files={s.file_a.pk: {"outcome": "release_redacted", "reason": "Ritningar.", "copy": copy}},
    )
    with pytest.raises(PermissionDenied):
        services.request_decide(actor=s.team, request=case.request)
    with django_capture_on_commit_callbacks(execute=True):
        request, raw = services.request_decide(actor=s.officer, request=case.request)
    assert "kammarrätten" in request.decision_text and "tre veckor" in request.decision_text
    assert raw not in str(DocumentRequest.objects.filter(pk=request.pk).values().get())
    assert permissions.access_request_by_token(raw=raw) == request
    assert mailoutbox[0].to == ["jonsson@example.org"] and raw in mailoutbox[0].body
    with pytest.raises(Http404):
        permissions.access_request_by_token(raw=raw + "x")
    with pytest.raises(Http404):
        permissions.access_request_by_token(raw="")
    with pytest.raises(ValidationError):
        services.request_decide(actor=s.officer, request=request)
    assert selectors.released_cases(request=request) == [case]
    assert [d.redacted_name for d in selectors.released_files(request=request)] == [
        "bilaga-maskerad.pdf"
    ]


def test_every_step_is_audited(s, case):
    rule_all(s, case)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "disclosure.claims_change",
        "disclosure.request_register",
        "disclosure.claim_rule",
    } <= actions
    assert RedactionCase.objects.count() == 1


def test_claim_blob_size_does_not_tell_how_many_claims(s):
    s.claim()
    one = len(bytes(ClaimSet.objects.get().ciphertext))
    services.claim_add(actor=s.supplier_a, tender=s.tender_a, passage="sensorer", reason="x")
    services.claim_add(actor=s.supplier_a, tender=s.tender_a, tender_file=s.file_a, reason="y")
    assert len(bytes(ClaimSet.objects.get().ciphertext)) == one


def test_new_link_replaces_the_old_one(s, case, mailoutbox, django_capture_on_commit_callbacks):
    rule_all(s, case)
    files = {s.file_a.pk: {"outcome": "refuse", "reason": "x"}}
    with pytest.raises(ValidationError):
        services.request_link_renew(actor=s.officer, request=case.request)
    services.case_decide(actor=s.officer, case=case, text_outcome="refuse", reason="x", files=files)
    with django_capture_on_commit_callbacks(execute=True):
        request, old = services.request_decide(actor=s.officer, request=case.request)
    with pytest.raises(PermissionDenied):
        services.request_link_renew(actor=s.team, request=request)
    with django_capture_on_commit_callbacks(execute=True):
        _, new = services.request_link_renew(actor=s.officer, request=request)
    assert new != old and new in mailoutbox[-1].body
    assert permissions.access_request_by_token(raw=new) == request
    with pytest.raises(Http404):
        permissions.access_request_by_token(raw=old)


def test_claims_follow_the_negotiation_round_of_the_tender(s):
    s.open()
    s.start_round()
    revised = s.submit_round(s.supplier_a, content="Reviderat anbud. " + PASSAGE)
    round_now = s.round_now(3)
    services.claim_add(
        actor=s.supplier_a, tender=revised, passage=PASSAGE, reason="x", now=round_now
    )
    # Round 1 is opened: its tender takes no more claims.
    with pytest.raises(ValidationError):
        services.claim_add(
            actor=s.supplier_a, tender=s.tender_a, passage=PASSAGE, reason="x", now=round_now
        )
    # Before round 2 is opened the buyer cannot see the revised tender's claims.
    with pytest.raises(Http404):
        permissions.access_tender_for_claims(user=s.team, public_id=revised.public_id)
    s.open_round(2)
    assert permissions.access_tender_for_claims(user=s.team, public_id=revised.public_id)
    with pytest.raises(ValidationError):
        services.claim_add(actor=s.supplier_a, tender=revised, passage="Reviderat", reason="x")
