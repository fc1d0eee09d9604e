"""The pages end to end: a supplier's claims, the team's workspace, the requester's link."""

import datetime as dt
import re
import uuid
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from handslag.disclosure import services
from handslag.disclosure.models import CaseStatus, ClaimSet, DocumentRequest, RequestStatus
from handslag.disclosure.tests.factories import PASSAGE, PDF, DisclosureScenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return DisclosureScenario()


def pdf_text(content: bytes) -> str:
    return "".join(
        "".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages
    )


def test_supplier_claims_page_empty_then_add_and_remove(client, s):
    client.force_login(s.supplier_a)
    url = f"/disclosure/tenders/{s.tender_a.public_id}/claims/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Inga stycken eller filer är markerade som konfidentiella." in page.content.decode()
    bad = client.post(url, {"kind": "passage", "claim-passage": "Finns inte.", "claim-reason": "x"})
    assert bad.status_code == 400 and not ClaimSet.objects.exists()
    ok = client.post(
        url, {"kind": "passage", "claim-passage": PASSAGE, "claim-reason": "Prisuppgift."}
    )
    assert ok.status_code == 302
    file_ok = client.post(
        url, {"kind": "file", "file-file": str(s.file_a.public_id), "file-reason": "Ritningar."}
    )
    assert file_ok.status_code == 302
    page = client.get(url).content.decode()
    assert PASSAGE in page and "Fil 1" in page
    claim_id = services.claim_list(tender=s.tender_a)[0]["id"]
    assert client.post(f"{url}{claim_id}/remove/").status_code == 302
    assert len(services.claim_list(tender=s.tender_a)) == 1


def test_team_reads_claims_only_after_opening(client, s):
    s.claim()
    client.force_login(s.team)
    url = f"/disclosure/tenders/{s.tender_a.public_id}/claims/"
    assert client.get(url).status_code == 404
    s.open()
    page = client.get(url)
    assert page.status_code == 200 and PASSAGE in page.content.decode()
    assert "Markera som konfidentiellt" not in page.content.decode()
    # Reading is not editing: a POST from the team changes nothing.
    client.post(url, {"kind": "passage", "claim-passage": "sensorer", "claim-reason": "x"})
    assert len(services.claim_list(tender=s.tender_a)) == 1


def test_request_before_award_registered_on_the_page(client, s):
    s.open()
    client.force_login(s.team)
    url = f"/disclosure/calls/{s.call.pk}/requests/"
    page = client.get(url)
    assert "Inga begäranden om handlingar" in page.content.decode()
    response = client.post(
        url,
        {
            "requester_name": "A",
            "requester_email": "a@example.org",
            "subject": "Anbuden",
            "received_on": dt.date.today().isoformat(),
            "tenders": [str(s.tender_a.public_id)],
        },
    )
    assert response.status_code == 302
    registered = DocumentRequest.objects.get()
    assert registered.before_award and not registered.cases.exists()
    assert "19 kap. 3 §" in client.get(response["Location"]).content.decode()


def test_whole_workflow_through_the_pages(
    client, s, mailoutbox, django_capture_on_commit_callbacks
):
    s.claim()
    s.award()
    client.force_login(s.officer)
    response = client.post(
        f"/disclosure/calls/{s.call.pk}/requests/",
        {
            "requester_name": "Journalist Jönsson",
            "requester_email": "jonsson@example.org",
            "subject": "Anbuden",
            "received_on": dt.date.today().isoformat(),
            "tenders": [str(s.tender_a.public_id)],
        },
    )
    assert response.status_code == 302, response.content.decode()
    request = DocumentRequest.objects.get()
    case = request.cases.get()
    detail = client.get(f"/disclosure/requests/{request.pk}/").content.decode()
    assert f'<td class="num">{s.tender_a.round}</td>' in detail  # the tender's round is shown
    workspace = f"/disclosure/cases/{case.public_id}/"
    assert client.get(workspace).status_code == 200
    claim_id = services.claim_list(tender=s.tender_a)[0]["id"]
    prefix = f"c{claim_id}"
    assert (
        client.post(
            f"{workspace}claims/{claim_id}/", {f"{prefix}-mask": "1", f"{prefix}-reason": "Skada."}
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{workspace}masks/",
            {"mask-passage": "Åkessons Elektronik AB", "mask-reason": "Underleverantör."},
        ).status_code
        == 302
    )
    assert (
        client.post(
            f"{workspace}masks/", {"mask-passage": "saknas", "mask-reason": "x"}
        ).status_code
        == 400
    )
    pdf = client.get(f"{workspace}redacted.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert (
        "MaskeratenligtOSL31kap.16§" in text and "Timpriset" not in text and "Åkessons" not in text
    )
    copy = SimpleUploadedFile("maskerad.pdf", b"%PDF-1.7\nmaskerad kopia\n")
    decided = client.post(
        f"{workspace}decide/",
        {
            "decision-text_outcome": "release_redacted",
            "decision-reason": "Uppgifterna skulle skada leverantören.",
            f"decision-outcome_{s.file_a.public_id}": "release_redacted",
            f"decision-reason_{s.file_a.public_id}": "Ritningar maskerade.",
            f"decision-copy_{s.file_a.public_id}": copy,
        },
    )
    assert decided.status_code == 302, decided.content.decode()
    case.refresh_from_db()
    assert case.status == CaseStatus.DECIDED
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/disclosure/requests/{request.pk}/decide/").status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.DECIDED
    link = re.search(r"/disclosure/r/[^/\s]+/", mailoutbox[-1].body).group(0)
    client.logout()
    page = client.get(link)
    assert page.status_code == 200 and "kammarrätten" in page.content.decode()
    assert page["Cache-Control"] == "private, no-store"
    released = client.get(f"{link}tenders/{case.public_id}.pdf")
    assert released.status_code == 200
    assert "Timpriset" not in pdf_text(released.content)
    decision = case.file_rulings.get()
    download = client.get(f"{link}files/{decision.public_id}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == b"%PDF-1.7\nmaskerad kopia\n"
    assert "attachment" in download["Content-Disposition"]
    assert client.get(link.replace("/r/hsr_", "/r/hsr_x")).status_code == 404
    assert client.get(f"{link}tenders/{uuid.uuid4()}.pdf").status_code == 404


def test_released_original_file_streams_decrypted(
    client, s, mailoutbox, django_capture_on_commit_callbacks
):
    s.award()
    request = s.request(tenders=[s.tender_a])
    case = request.cases.get()
    services.case_decide(
        actor=s.officer,
        case=case,
        text_outcome="release",
        files={s.file_a.pk: {"outcome": "release"}},
    )
    with django_capture_on_commit_callbacks(execute=True):
        _, raw = services.request_decide(actor=s.officer, request=request)
    decision = case.file_rulings.get()
    response = client.get(f"/disclosure/r/{raw}/files/{decision.public_id}/")
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="bilaga.pdf"' in response["Content-Disposition"]


def test_refused_text_is_not_offered(client, s, django_capture_on_commit_callbacks):
    s.award()
    request = s.request(tenders=[s.tender_b])
    case = request.cases.get()
    services.case_decide(actor=s.officer, case=case, text_outcome="refuse", reason="Hemligt.")
    with django_capture_on_commit_callbacks(execute=True):
        _, raw = services.request_decide(actor=s.officer, request=request)
    page = client.get(f"/disclosure/r/{raw}/").content.decode()
    assert "Ingen anbudstext lämnas ut." in page
    assert client.get(f"/disclosure/r/{raw}/tenders/{case.public_id}.pdf").status_code == 404


def test_consultation_page_for_the_supplier(client, s):
    s.award()
    case = s.request(tenders=[s.tender_a]).cases.get()
    client.force_login(s.supplier_a)
    assert client.get(f"/disclosure/consultations/{case.public_id}/").status_code == 404
    assert "Ingen beställare" in client.get("/disclosure/consultations/").content.decode()
    services.consultation_send(
        actor=s.officer,
        case=case,
        message="Vad är hemligt?",
        deadline=dt.date.today() + dt.timedelta(days=5),
    )
    page = client.get(f"/disclosure/consultations/{case.public_id}/")
    assert page.status_code == 200 and "Vad är hemligt?" in page.content.decode()
    assert (
        client.post(f"/disclosure/consultations/{case.public_id}/", {"comment": ""}).status_code
        == 400
    )
    assert (
        client.post(
            f"/disclosure/consultations/{case.public_id}/", {"comment": "Priset."}
        ).status_code
        == 302
    )
    case.refresh_from_db()
    assert case.supplier_comment == "Priset."


def test_supplier_overview_lists_only_own_submitted_tenders(client, s):
    client.force_login(s.supplier_b)
    page = client.get("/disclosure/consultations/").content.decode()
    assert f"/disclosure/tenders/{s.tender_b.public_id}/claims/" in page
    assert f"/disclosure/tenders/{s.tender_a.public_id}/claims/" not in page


def test_workspace_shows_the_text_to_copy_from(client, s):
    s.award()
    case = s.request(tenders=[s.tender_b]).cases.get()
    client.force_login(s.team)
    page = client.get(f"/disclosure/cases/{case.public_id}/").content.decode()
    assert "Leverantören markerade inget som konfidentiellt." in page
    assert "läckagesökning med maskininlärning" in page
