"""The one JSON API (/api/v1/), with a Router per app.

Browser sessions (with CSRF) and personal bearer tokens both authenticate. Service
errors become 4xx JSON answers in the user's language; a malformed body is a 400 or
422, never a 500.
"""

import logging

from django.conf import settings
from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    SuspiciousOperation,
    ValidationError,
)
from django.core.signals import got_request_exception
from django.db import DataError, IntegrityError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import HttpBearer, django_auth

from handslag.accounts.services import api_token_authenticate
from handslag.core.api import StorableInputParser, schema_error_payload

logger = logging.getLogger("django.request")


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(raw=token)
        if user is not None:
            request.user = user
        return user


# Packages whose operations were one module before: their operation ids (what API clients
# generate code from) stay as they were, without the module inside the package.
FLAT_OPERATION_IDS = ("handslag.projects.api.",)


class HandslagAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        module = operation.view_func.__module__
        for package in FLAT_OPERATION_IDS:
            if module.startswith(package):
                module = package.rstrip(".")
        return (module + "_" + operation.view_func.__name__).replace(".", "_")


api = HandslagAPI(
    title="handslag API",
    version="1.0.0",
    description="Innovation procurement: challenges, needs, projects, calls, tenders, partnerships and benefit.",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api-1.0.0",
    parser=StorableInputParser(),
)


def _validation_payload(error: ValidationError) -> dict:
    if hasattr(error, "error_dict"):
        errors = {
            field: [str(m) for m in messages] for field, messages in error.message_dict.items()
        }
        first = next(iter(errors.values()))[0] if errors else _("The request is not valid.")
        return {"detail": first, "errors": errors}
    return {"detail": " ".join(str(m) for m in error.messages), "errors": {}}


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    return api.create_response(request, _validation_payload(exc), status=400)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or _("You do not have permission to do this.")
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Not found, or you do not have access to it.")}, status=404
    )


@api.exception_handler(AuthenticationError)
def on_unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Sign in or send a valid API token.")}, status=401
    )


@api.exception_handler(SchemaValidationError)
def on_schema_error(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    return api.create_response(request, schema_error_payload(exc.errors), status=422)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # Ninja wraps what the body parser raised; our own refusals carry a translated message.
    if isinstance(exc.__cause__, ValidationError):
        return api.create_response(request, _validation_payload(exc.__cause__), status=400)
    if isinstance(exc.__cause__, ValueError):  # JSON that does not parse
        return api.create_response(
            request, {"detail": _("The body is not valid JSON."), "errors": {}}, status=400
        )
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


@api.exception_handler(MultiPartParserError)
@api.exception_handler(UnreadablePostError)
def on_unreadable_body(request: HttpRequest, exc: Exception) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("The form data could not be read."), "errors": {}}, status=400
    )


@api.exception_handler(SuspiciousOperation)
def on_suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
    if isinstance(exc, RequestDataTooBig):
        return api.create_response(request, {"detail": _("The request is too large.")}, status=413)
    return api.create_response(request, {"detail": _("The request is not valid.")}, status=400)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def on_unstorable_value(request: HttpRequest, exc: Exception) -> HttpResponse:
    # The last line of defence: input rules should refuse such values before a query runs.
    logger.warning("API value refused by the database: %s", exc, extra={"request": request})
    return api.create_response(
        request, {"detail": _("A value is outside what can be stored."), "errors": {}}, status=400
    )


@api.exception_handler(IntegrityError)
def on_conflict(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
    logger.warning("API change refused by a constraint: %s", exc, extra={"request": request})
    return api.create_response(
        request, {"detail": _("The change conflicts with data that already exists.")}, status=409
    )


@api.exception_handler(FileNotFoundError)
def on_missing_file(request: HttpRequest, exc: FileNotFoundError) -> HttpResponse:
    # A stored file that storage no longer has: the download is not there, say so as a 404
    # and log it, since storage and database disagree.
    logger.error("API file missing from storage: %s", exc, extra={"request": request})
    return api.create_response(
        request, {"detail": _("Not found, or you do not have access to it.")}, status=404
    )


@api.exception_handler(Exception)
def on_unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
    """A JSON 500 without the traceback; the error is logged and signalled as Django would."""
    if settings.DEBUG:
        raise exc
    got_request_exception.send(sender=None, request=request)
    logger.error(
        "Internal Server Error: %s",
        request.path,
        exc_info=exc,
        extra={"status_code": 500, "request": request},
    )
    return api.create_response(
        request, {"detail": _("Something went wrong on our side. Try again later.")}, status=500
    )


def _add_routers() -> None:
    from handslag.accounts.api import router as accounts_router
    from handslag.benefits.api import router as benefits_router
    from handslag.dialogue.api import router as dialogue_router
    from handslag.disclosure.api import router as disclosure_router
    from handslag.documents.api import router as documents_router
    from handslag.evaluation.api import router as evaluation_router
    from handslag.knowledge.api import router as knowledge_router
    from handslag.market.api import router as market_router
    from handslag.needs.api import router as needs_router
    from handslag.partnership.api import router as partnership_router
    from handslag.projects.api import joint_router as joint_projects_router
    from handslag.projects.api import router as projects_router
    from handslag.tendering.api import router as tendering_router

    api.add_router("/", accounts_router)
    api.add_router("/needs/", needs_router)
    api.add_router("/needs/", joint_projects_router)
    api.add_router("/projects/", projects_router)
    api.add_router("/market/", market_router)
    api.add_router("/tendering/", tendering_router)
    # The evaluation keeps the paths it had under tendering.
    api.add_router("/tendering/", evaluation_router)
    api.add_router("/partnership/", partnership_router)
    api.add_router("/benefits/", benefits_router)
    api.add_router("/knowledge/", knowledge_router)
    api.add_router("/documents/", documents_router)
    api.add_router("/dialogue/", dialogue_router)
    api.add_router("/disclosure/", disclosure_router)


_add_routers()
