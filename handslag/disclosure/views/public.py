"""The requester's page: reached only through the link token sent with the decision.

Public (no sign-in), so every view resolves the token first; a wrong token is a 404.
Only released or redacted material is offered; files are always attachments.
"""

import uuid

from django.contrib.auth.decorators import login_not_required
from django.core.files.storage import default_storage
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.core.render import document_response
from handslag.disclosure import selectors
from handslag.disclosure.documents import redacted_document
from handslag.disclosure.models import Outcome
from handslag.disclosure.permissions import access_request_by_token
from handslag.tendering.gateway import open_file_name_for_disclosure, open_released_file


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response


@login_not_required
@require_GET
def requester(request: HttpRequest, token: str) -> HttpResponse:
    document_request = access_request_by_token(raw=token)
    return _private(
        render_page(
            request,
            "disclosure/requester.html",
            {
                "document_request": document_request,
                "token": token,
                "cases": selectors.released_cases(request=document_request),
                "files": selectors.released_files(request=document_request),
            },
        )
    )


@login_not_required
@require_GET
def requester_pdf(request: HttpRequest, token: str, pk: uuid.UUID) -> HttpResponse:
    document_request = access_request_by_token(raw=token)
    cases = selectors.released_cases(request=document_request)
    case = next((c for c in cases if c.public_id == pk), None)
    if case is None:
        raise not_found()
    return _private(
        document_response(redacted_document(view=selectors.case_view(case=case)), "pdf")
    )


@login_not_required
@require_GET
def requester_file(request: HttpRequest, token: str, pk: uuid.UUID) -> HttpResponse:
    document_request = access_request_by_token(raw=token)
    decision = selectors.released_file(request=document_request, public_id=pk)
    if decision is None:
        raise not_found()
    if decision.outcome == Outcome.RELEASE_REDACTED:
        response = FileResponse(
            default_storage.open(decision.redacted_blob, "rb"),
            content_type="application/octet-stream",
        )
        name = decision.redacted_name
    else:
        record = decision.tender_file
        response = StreamingHttpResponse(
            open_released_file(tender_file=record), content_type="application/octet-stream"
        )
        response["Content-Length"] = str(record.size)
        name = open_file_name_for_disclosure(tender_file=record)
    response["Content-Disposition"] = content_disposition_header(True, name)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return _private(response)
