"""A request for documents made before the award: registered, refused under OSL 19 kap.
3 § andra stycket with an appeal notice, and never a word about the tenders.

The product's first promise is that before the opening nothing about tenders leaks; the
refusal holds to it by being the same text, page, e-mail, PDF and audit entry whether the
call has no tender or two.
"""

import datetime as dt
import re
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from pypdf import PdfReader

from handslag.audit.models import AuditEntry
from handslag.disclosure import services
from handslag.disclosure.models import DocumentRequest, RequestStatus
from handslag.disclosure.tests.factories import TEXT_A, TEXT_B, DisclosureScenario
from handslag.evaluation.tests.factories import Scenario
from handslag.market.models import CallStatus
from handslag.tendering.tests.test_api import auth

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()
FIELDS = {
    "requester_name": "Journalist Jönsson",
    "requester_email": "jonsson@example.org",
    "subject": "Alla anbud i upphandlingen.",
    "received_on": TODAY,
}


def pdf_text(content: bytes) -> str:
    return "".join(
        "".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages
    )


def register(s, actor=None, **kw) -> DocumentRequest:
    return services.request_register(actor=actor or s.team, call=s.call, **{**FIELDS, **kw})


@pytest.fixture
def s():
    return DisclosureScenario()


def test_request_before_award_is_registered_without_any_tender(s):
    request = register(s)
    assert request.before_award and request.status == RequestStatus.OPEN
    assert request.requester_name == "Journalist Jönsson" and request.received_on == TODAY
    assert not request.cases.exists()
    entry = AuditEntry.objects.get(action="disclosure.request_register")
    assert entry.data == {"call_id": s.call.pk, "before_award": True}


def test_refusal_names_the_ground_and_the_appeal(s, mailoutbox, django_capture_on_commit_callbacks):
    request = register(s)
    with django_capture_on_commit_callbacks(execute=True):
        decided, token = services.request_decide(actor=s.lead, request=request)
    assert token == "" and decided.token_digest is None
    assert decided.status == RequestStatus.DECIDED and decided.decided_by == s.lead
    text = decided.decision_text
    # OSL 19 kap. 3 § andra stycket, the appeal to kammarrätten within three weeks
    # (OSL 6 kap. 7–8 §§, förvaltningslagen 44 §), lodged with the authority.
    assert "19 kap. 3 § andra stycket" in text
    assert "kammarrätten" in text and "tre veckor" in text
    assert "6 kap. 7–8 §§" in text and "44 § förvaltningslagen" in text
    assert s.call.project.organisation.name in text and s.call.reference in text
    assert AuditEntry.objects.filter(action="disclosure.request_refuse").count() == 1
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["jonsson@example.org"] and mail.body == text
    assert s.call.reference in mail.subject


def test_refusal_without_an_address_sends_no_mail(
    s, mailoutbox, django_capture_on_commit_callbacks
):
    request = register(s, requester_email="")
    with django_capture_on_commit_callbacks(execute=True):
        services.request_decide(actor=s.lead, request=request)
    assert not mailoutbox
    assert DocumentRequest.objects.get().status == RequestStatus.DECIDED


def test_refusal_is_the_same_whatever_the_tenders(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    """No tender, two sealed tenders, two opened tenders: word for word the same."""
    s = Scenario()
    seen = []
    instant = timezone.now()

    def html(response) -> str:
        # The CSRF token is new on every page; nothing else may differ.
        page = response.content.decode().replace(f"/requests/{request.pk}/", "/requests/N/")
        return re.sub(r"[A-Za-z0-9]{64}", "TOKEN", page)

    def refuse_and_read() -> dict:
        nonlocal request
        with time_machine.travel(instant, tick=False):
            return read()

    def read() -> dict:
        nonlocal request
        request = register(s)
        client.force_login(s.lead)
        before = html(client.get(f"/disclosure/requests/{request.pk}/"))
        with django_capture_on_commit_callbacks(execute=True):
            decided, _token = services.request_decide(actor=s.lead, request=request)
        after = html(client.get(f"/disclosure/requests/{request.pk}/"))
        pdf = client.get(f"/disclosure/requests/{request.pk}/decision.pdf")
        api = client.get(f"/api/v1/disclosure/requests/{request.pk}", **auth(s.lead)).json()
        audit = list(
            AuditEntry.objects.filter(target_id=str(request.pk), action__startswith="disclosure.")
            .order_by("pk")
            .values_list("action", "data")
        )
        for volatile in ("id", "decided_at"):
            api.pop(volatile)
        return {
            "text": decided.decision_text,
            "page_before": before,
            "page_after": after,
            "pdf": pdf_text(pdf.content),
            "api": api,
            "mail": (mailoutbox[-1].subject, mailoutbox[-1].body),
            "audit": [(a, {k: v for k, v in d.items() if k != "request_id"}) for a, d in audit],
        }

    request = None
    seen.append(refuse_and_read())
    s.submit(s.supplier_a, content=TEXT_A)
    s.submit(s.supplier_b, content=TEXT_B)
    seen.append(refuse_and_read())
    s.open()
    seen.append(refuse_and_read())
    for part in seen[0]:
        assert seen[1][part] == seen[0][part] == seen[2][part], part
    assert seen[0]["api"]["cases"] == [] and "beslutetsägeringentingomdet" in seen[0]["pdf"]
    for word in (TEXT_A, TEXT_B, s.supplier_a.organisations[0].name):
        assert word not in str(seen[2])


def test_api_ignores_tenders_named_before_the_award(client, s):
    s.open()
    response = client.post(
        f"/api/v1/disclosure/calls/{s.call.pk}/requests",
        {
            "requester_name": "A",
            "subject": "Anbuden",
            "received_on": TODAY.isoformat(),
            "tender_ids": [str(s.tender_a.public_id)],
        },
        content_type="application/json",
        **auth(s.team),
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["before_award"] is True and body["cases"] == [] and body["requester_email"] == ""
    refused = client.post(
        f"/api/v1/disclosure/requests/{body['id']}/decision", **auth(s.officer)
    ).json()
    assert refused["status"] == "decided" and "19 kap. 3 §" in refused["decision_text"]
    pdf = client.get(f"/api/v1/disclosure/requests/{body['id']}/decision.pdf", **auth(s.officer))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_only_the_lead_or_officer_refuses(s):
    request = register(s)
    for person in (s.team, s.evaluator, s.outsider_staff, s.advisor, s.supplier_a):
        with pytest.raises(PermissionDenied):
            services.request_decide(actor=person, request=request)
    assert DocumentRequest.objects.get().status == RequestStatus.OPEN


def test_outsiders_cannot_register_nor_see(client, s):
    for person in (s.outsider_staff, s.advisor, s.supplier_a):
        with pytest.raises(PermissionDenied):
            register(s, actor=person)
    assert not DocumentRequest.objects.exists()
    request = register(s)
    for person, status in ((s.supplier_a, 404), (s.advisor, 403), (s.outsider_staff, 403)):
        client.force_login(person)
        assert client.get(f"/disclosure/requests/{request.pk}/").status_code == status
        assert client.post(f"/disclosure/requests/{request.pk}/decide/").status_code == status
    client.logout()
    assert client.get(f"/disclosure/requests/{request.pk}/decision.pdf").status_code == 302
    assert DocumentRequest.objects.get().status == RequestStatus.OPEN


@pytest.mark.parametrize(
    "bad",
    [
        {"requester_name": " "},
        {"requester_email": "inte-en-adress"},
        {"subject": ""},
        {"received_on": TODAY + dt.timedelta(days=1)},
    ],
)
def test_bad_request_before_award_refused_and_nothing_stored(s, bad):
    with pytest.raises(ValidationError):
        register(s, **bad)
    assert not DocumentRequest.objects.exists()


def test_refused_once_and_no_link_to_renew(s):
    request = register(s)
    services.request_decide(actor=s.lead, request=request)
    with pytest.raises(ValidationError):
        services.request_decide(actor=s.lead, request=request)
    with pytest.raises(ValidationError):
        services.request_link_renew(actor=s.lead, request=request)
    assert AuditEntry.objects.filter(action="disclosure.request_refuse").count() == 1


def test_no_refusal_once_the_secrecy_has_ended(s):
    """The award decision or a cancellation ends the absolute secrecy; a request still
    open then is not refused on that ground."""
    request = register(s)
    s.award()
    with pytest.raises(ValidationError) as error:
        services.request_decide(actor=s.lead, request=request)
    assert "absolut sekretess" in " ".join(error.value.messages)
    assert DocumentRequest.objects.get().status == RequestStatus.OPEN
    # After the award the existing flow applies: the request names tenders.
    after = register(s)
    assert not after.before_award and after.cases.count() == 2


def test_cancelled_call_is_no_longer_under_absolute_secrecy(s):
    type(s.call).objects.filter(pk=s.call.pk).update(status=CallStatus.CANCELLED)
    s.call.refresh_from_db()
    with pytest.raises(ValidationError):
        register(s)  # not refused on OSL 19:3: the tenders must be named
    assert not DocumentRequest.objects.exists()


def test_pages_register_and_refuse(client, s, mailoutbox, django_capture_on_commit_callbacks):
    client.force_login(s.officer)
    url = f"/disclosure/calls/{s.call.pk}/requests/"
    page = client.get(url).content.decode()
    assert "absolut sekretess" in page
    # No tender is offered to choose: the form does not list any.
    assert s.tender_a.receipt not in page and 'name="tenders"' not in page
    response = client.post(
        url,
        {
            "requester_name": "Journalist Jönsson",
            "requester_email": "",
            "subject": "Anbuden",
            "received_on": TODAY.isoformat(),
        },
    )
    request = DocumentRequest.objects.get()
    assert response.status_code == 302 and response["Location"].endswith(f"/{request.pk}/")
    detail = client.get(response["Location"]).content.decode()
    assert "Avslå begäran och skicka beslutet" in detail and "19 kap. 3 §" in detail
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/disclosure/requests/{request.pk}/decide/")
    detail = client.get(response["Location"]).content.decode()
    assert "Begäran avslogs" in detail and "Beslutsdokumentet (PDF)" in detail
    assert "Sökanden lämnade ingen e-postadress" in detail and not mailoutbox
    pdf = client.get(f"/disclosure/requests/{request.pk}/decision.pdf")
    text = pdf_text(pdf.content)
    assert "Beslutombegäranomallmänhandling" in text and "19kap.3§andrastycket" in text
    assert "kammarrätten" in text


def test_bad_input_on_the_page_is_told_in_swedish(client, s):
    client.force_login(s.officer)
    response = client.post(
        f"/disclosure/calls/{s.call.pk}/requests/",
        {"requester_name": "", "subject": "Anbuden", "received_on": TODAY.isoformat()},
    )
    assert response.status_code == 400
    assert not DocumentRequest.objects.exists()
