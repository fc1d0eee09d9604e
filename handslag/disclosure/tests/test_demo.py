"""The demo request on Östergötland's call, after the award; loading twice changes nothing."""

import pytest

from handslag.audit.models import AuditEntry
from handslag.disclosure import demo, selectors
from handslag.disclosure.models import DocumentRequest, OfficialMask
from handslag.disclosure.redaction import MARKER

pytestmark = pytest.mark.django_db


def test_demo_request_on_ostergotland_after_award(demo_data):
    request = DocumentRequest.objects.get(requester_name=demo.REQUESTER)
    assert request.call.reference and request.received_on > request.call.award.notice_sent_on
    assert request.cases.count() == request.call.tenders.filter(status="submitted").count() > 1
    case = request.cases.get(tender=request.call.award.tender)
    assert MARKER in selectors.case_view(case=case).redacted
    counts = (DocumentRequest.objects.count(), OfficialMask.objects.count())
    entries = AuditEntry.objects.count()
    demo.load()
    assert (DocumentRequest.objects.count(), OfficialMask.objects.count()) == counts
    assert AuditEntry.objects.count() == entries
