"""Demo: a request for public documents on Region Östergötland's home-monitoring call.

Runs after evaluation/demo.py, which awards the call. A journalist asks for the tenders
after the award decision; the procurement officer has registered the request and masked
one passage of the winning tender on its own assessment, and the review is left open
for the demo visitor to continue. Idempotent: a request already registered is left alone.
"""

import datetime as dt
import sys

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError

from handslag.accounts.models import User
from handslag.disclosure import services
from handslag.disclosure.models import DocumentRequest
from handslag.evaluation.demo import _call
from handslag.evaluation.models import Award
from handslag.tendering import crypto
from handslag.tendering.gateway import open_for_disclosure

CALL_KEY = "home_monitoring"
OFFICER = "og-upphandlare"
REQUESTER = "Lokaltidningens redaktion"
MASKED_PASSAGE = "fasta delmål och betalning"


def _note(message: str) -> None:
    sys.stdout.write(f"disclosure demo: {message}\n")


def load() -> None:
    try:
        crypto.current_kek_id()
    except ImproperlyConfigured:
        _note("skipped: tenders cannot be read without a key-encryption key")
        return
    call = _call(CALL_KEY)
    officer = User.objects.filter(username=OFFICER).first()
    award = Award.objects.filter(call=call).select_related("tender").first() if call else None
    if call is None or officer is None or award is None:
        _note("skipped: the Östergötland call, its award or its officer is not in the demo data")
        return
    if DocumentRequest.objects.filter(call=call, requester_name=REQUESTER).exists():
        return
    try:
        request = services.request_register(
            actor=officer,
            call=call,
            requester_name=REQUESTER,
            requester_email="redaktionen@example.org",
            subject="Samtliga anbud i upphandlingen av digital hemmonitorering.",
            received_on=award.notice_sent_on + dt.timedelta(days=14),
        )
        case = request.cases.filter(tender=award.tender).first()
        if case and MASKED_PASSAGE in open_for_disclosure(tender=award.tender):
            services.mask_add(
                actor=officer,
                case=case,
                passage=MASKED_PASSAGE,
                reason="Uppgiften om betalningsupplägget röjer leverantörens affärsförhållanden.",
            )
    except (ValidationError, PermissionDenied) as error:
        _note(f"stopped: {'; '.join(getattr(error, 'messages', [str(error)]))}")
