"""The confidential channel per tenderer, and the diff between two rounds."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from handslag.accounts.roles import ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.audit.models import AuditEntry
from handslag.projects.tests.factories import ProjectMemberFactory
from handslag.tendering import permissions, services
from handslag.tendering.audit_actions import TenderingAction
from handslag.tendering.models import NegotiationMessage
from handslag.tendering.selectors.negotiation import (
    channel_messages,
    content_diff,
    file_changes,
    round_diff,
)
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n" + b"bilaga\n" * 20


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def s():
    scenario = Scenario()
    scenario.tender_a = scenario.submit(scenario.supplier_a)
    scenario.tender_b = scenario.submit(scenario.supplier_b)
    scenario.advisor = member(OrganisationFactory(kind="partner"))
    ProjectMemberFactory(
        project=scenario.project, user=scenario.advisor, role=ProjectRole.EXTERNAL_ADVISOR
    )
    return scenario


def _post(s, user, text="Can you clarify the delivery plan?"):
    return services.channel_post(actor=user, call=s.call, supplier=s.tender_a.supplier, body=text)


def test_channel_between_team_and_one_tenderer(s, mailoutbox, django_capture_on_commit_callbacks):
    s.open()
    with django_capture_on_commit_callbacks(execute=True):
        question = _post(s, s.team)
    assert question.from_buyer
    assert [m.to for m in mailoutbox] == [[s.supplier_a.email]]
    with django_capture_on_commit_callbacks(execute=True):
        answer = _post(s, s.supplier_a, "Yes: two phases.")
    assert not answer.from_buyer
    # The supplier's message goes to the project's lead and procurement officers.
    assert sorted(m.to[0] for m in mailoutbox[1:]) == sorted([s.lead.email, s.officer.email])
    assert [m.body for m in channel_messages(call=s.call, supplier=s.tender_a.supplier)] == [
        "Can you clarify the delivery plan?",
        "Yes: two phases.",
    ]
    entries = AuditEntry.objects.filter(action=TenderingAction.TENDER_CHANNEL_MESSAGE)
    assert entries.count() == 2
    # The log says who wrote to whom, not what.
    assert all("delivery" not in str(e.data) for e in entries)


def test_channel_private_from_other_supplier_and_external_advisor(s):
    s.open()
    _post(s, s.team)
    supplier_id = s.tender_a.supplier_id
    for outsider in (s.supplier_b, s.advisor, s.outsider_staff):
        with pytest.raises(Http404):
            permissions.access_channel(user=outsider, call_id=s.call.pk, supplier_id=supplier_id)
        with pytest.raises((Http404, PermissionDenied)):
            _post(s, outsider, "Let me in.")
    assert NegotiationMessage.objects.count() == 1


def test_channel_closed_before_the_opening(s):
    with pytest.raises(Http404):
        _post(s, s.team)
    with pytest.raises(Http404):
        _post(s, s.supplier_a)
    assert not NegotiationMessage.objects.exists()


def test_empty_message_refused(s):
    s.open()
    for body in ("", "   ", "x" * 10_001):
        with pytest.raises(ValidationError):
            _post(s, s.team, body)
    assert not NegotiationMessage.objects.exists()
    assert not AuditEntry.objects.filter(action=TenderingAction.TENDER_CHANNEL_MESSAGE).exists()


# --- the diff -----------------------------------------------------------------------------


def test_content_diff_marks_lines():
    lines = content_diff("a\nb\nc", "a\nB\nc\nd")
    assert [(line.kind, line.text) for line in lines] == [
        ("equal", "a"),
        ("delete", "b"),
        ("insert", "B"),
        ("equal", "c"),
        ("insert", "d"),
    ]
    assert {line.css_class for line in lines} == {"diff-equal", "diff-delete", "diff-insert"}


def test_file_changes_by_name_and_hash():
    changes = file_changes(
        {"a.pdf": "1", "b.pdf": "2", "c.pdf": "3"}, {"a.pdf": "1", "b.pdf": "9", "d.pdf": "4"}
    )
    assert [(c.name, c.kind) for c in changes] == [
        ("b.pdf", "changed"),
        ("c.pdf", "removed"),
        ("d.pdf", "added"),
    ]


def test_diff_only_once_both_rounds_are_opened(s):
    s.open()
    s.start_round()
    s.submit_round(
        s.supplier_a,
        content="Our tender\nWith a new phase",
        price="95000",
        files=[SimpleUploadedFile("plan.pdf", PDF)],
    )
    with pytest.raises(PermissionDenied):
        round_diff(user=s.team, call=s.call, number=2)
    s.open_round(2)
    with pytest.raises(Http404):
        round_diff(user=s.advisor, call=s.call, number=2)
    with pytest.raises(Http404):
        round_diff(user=s.supplier_a, call=s.call, number=2)
    diff = round_diff(user=s.team, call=s.call, number=2)
    rows = {row.supplier.pk: row for row in diff["rows"]}
    a = rows[s.tender_a.supplier_id]
    assert [(line.kind, line.text) for line in a.lines] == [
        ("equal", "Our tender"),
        ("insert", "With a new phase"),
    ]
    assert (a.old_price, a.new_price, a.price_change) == (100000, 95000, -5000)
    assert [(f.name, f.kind) for f in a.files] == [("plan.pdf", "added")]
    # Supplier B sent nothing in round 2: its old text shows as removed.
    b = rows[s.tender_b.supplier_id]
    assert b.new is None and b.new_price is None
    assert {line.kind for line in b.lines} == {"delete"}
