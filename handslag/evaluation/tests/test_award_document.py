"""The award decision as DOCX/PDF, and the e-mail to every tenderer."""

import datetime as dt
from io import BytesIO
from types import SimpleNamespace

import pytest
from docx import Document as Docx
from pypdf import PdfReader

from handslag.audit.services import audit_anchor, audit_record, audit_trail
from handslag.evaluation import services
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.models import Award
from handslag.evaluation.results import active_tenders
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Scenario()


def decided(s, capture) -> tuple:
    a = s.submit(s.supplier_a)
    b = s.submit(s.supplier_b)
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    for tender, value, text in ((a, 4, "Stark lösning från A."), (b, 2, "Svag plan från B.")):
        services.consensus_record_many(
            actor=s.officer,
            tender=tender,
            scores=[(c, value, "Internt.", text) for c in s.criteria],
        )
    now = s.after_deadline() + dt.timedelta(days=5)
    with capture(execute=True):
        services.award_decide(
            actor=s.lead,
            call=s.call,
            tender=a,
            justification="Bäst förhållande mellan pris och kvalitet.",
            notice_sent_on=now.date(),
            now=now,
        )
    return a, b


def pdf_text(content: bytes) -> str:
    return "".join(
        "".join(page.extract_text().split()) for page in PdfReader(BytesIO(content)).pages
    )


def test_every_tenderer_gets_one_email(s, mailoutbox, django_capture_on_commit_callbacks):
    a, b = decided(s, django_capture_on_commit_callbacks)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        t.submitted_by.email for t in active_tenders(call=s.call)
    )
    assert all(len(m.to) == 1 for m in mailoutbox)
    assert a.supplier.name in mailoutbox[0].body


def test_team_document_holds_every_external_justification(
    client, s, django_capture_on_commit_callbacks
):
    decided(s, django_capture_on_commit_callbacks)
    client.force_login(s.team)
    response = client.get(f"/tendering/calls/{s.call.pk}/award/decision.docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Docx(BytesIO(response.content)).paragraphs)
    tables = " ".join(
        c.text for t in Docx(BytesIO(response.content)).tables for r in t.rows for c in r.cells
    )
    assert "Bäst förhållande" in text
    assert "Stark lösning från A." in tables and "Svag plan från B." in tables
    assert "Internt." not in text + tables


def test_tenderer_document_holds_only_its_own_justifications(
    client, s, django_capture_on_commit_callbacks
):
    decided(s, django_capture_on_commit_callbacks)
    client.force_login(s.supplier_b)
    response = client.get(f"/tendering/calls/{s.call.pk}/award/decision.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "SvagplanfrånB." in text and "StarklösningfrånA." not in text


def test_no_document_before_the_decision_or_for_others(client, s):
    s.submit(s.supplier_a)
    s.open()
    url = f"/tendering/calls/{s.call.pk}/award/decision.pdf"
    for user, status in ((s.supplier_a, 404), (s.lead, 404), (s.outsider_staff, 403)):
        client.force_login(user)
        assert client.get(url).status_code == status
    client.force_login(s.lead)
    assert client.get(f"/tendering/calls/{s.call.pk}/award/decision.exe").status_code == 404


def test_an_award_decided_before_the_move_keeps_its_anchor(s, django_capture_on_commit_callbacks):
    """Entries written while awards lived in tendering name them "tendering.award": the
    decision still finds its entry, so the printed hash anchors the chain as before."""
    decided(s, django_capture_on_commit_callbacks)
    award = Award.objects.get(call=s.call)
    former = SimpleNamespace(
        _meta=SimpleNamespace(label_lower="tendering.award"), pk=award.pk, public_id=None
    )
    entry = audit_record(actor=s.lead, action=EvaluationAction.TENDER_AWARD, target=former)
    assert entry in audit_trail(target=award)
    assert audit_anchor(target=award, action=EvaluationAction.TENDER_AWARD) == entry.hash
