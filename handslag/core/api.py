"""What the JSON API accepts, whatever the endpoint: one place for the input rules that
no single schema should have to repeat.

- Text may not hold NUL or other control characters (besides tab and line breaks), nor
  lone surrogates: PostgreSQL refuses NUL in text, and DOCX, XLSX and PDF exports cannot
  carry them. JSON numbers must fit in 64 bits and be finite.
- Pages are bounded: `limit` and `offset` have maxima, so a page request never reaches
  the database with a number it cannot hold.
- Errors are JSON in the user's language, also for the answers Django gives before a
  view runs (unknown URL, wrong method, refused CSRF, body too large).
"""

import json
import math
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.conf import settings as ninja_settings
from ninja.pagination import LimitOffsetPagination
from ninja.parser import Parser

from handslag.core.validators import text_is_storable

API_PREFIX = "/api/"
BIGINT_MAX = 2**63 - 1
# The largest page and the furthest offset a list request may ask for.
MAX_LIMIT = 500
MAX_OFFSET = 2**31 - 1


def refuse_unstorable(data: Any, *, location: str) -> None:
    """Raise ValidationError naming the first value the database or an export cannot hold."""
    problem = _first_problem(data, location)
    if problem is not None:
        where, message = problem
        raise ValidationError({where: [message]})


def _first_problem(data: Any, where: str) -> tuple[str, str] | None:
    if isinstance(data, str):
        if not text_is_storable(data):
            return where, _("The text contains a control character, which cannot be stored.")
        return None
    if isinstance(data, bool) or data is None:
        return None
    if isinstance(data, int):
        if abs(data) > BIGINT_MAX:
            return where, _("The number is too large.")
        return None
    if isinstance(data, float):
        if not math.isfinite(data):
            return where, _("The number is too large.")
        return None
    if isinstance(data, UploadedFile):
        return _first_problem(data.name or "", where)
    if isinstance(data, dict):
        for key, value in data.items():
            inner = f"{where}.{key}" if isinstance(key, str) and text_is_storable(key) else where
            problem = _first_problem(key, where) or _first_problem(value, inner)
            if problem:
                return problem
        return None
    if isinstance(data, list | tuple):
        for index, value in enumerate(data):
            problem = _first_problem(value, f"{where}.{index}")
            if problem:
                return problem
    return None


def _refuse_constant(name: str) -> float:
    # json.loads accepts NaN and Infinity, which are not JSON and no column can hold.
    raise ValueError(name)


class StorableInputParser(Parser):
    """Ninja's parser, refusing what cannot be stored before any schema sees it."""

    def parse_body(self, request: HttpRequest) -> dict:
        data = json.loads(request.body, parse_constant=_refuse_constant)
        refuse_unstorable(data, location="body")
        return data

    def parse_querydict(
        self, data: MultiValueDict, list_fields: list[str], request: HttpRequest
    ) -> dict:
        result = super().parse_querydict(data, list_fields, request)
        refuse_unstorable(result, location="query" if data is request.GET else "form")
        return result


class BoundedPagination(LimitOffsetPagination):
    """Limit–offset pages whose numbers stay within what a database can hold."""

    class Input(Schema):
        limit: int = Field(ninja_settings.PAGINATION_PER_PAGE, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)


# Messages for pydantic's error types, by prefix; the first match wins.
def _type_messages() -> list[tuple[str, str]]:
    return [
        ("missing", _("This field is required.")),
        ("extra_forbidden", _("This field is not allowed.")),
        ("json_invalid", _("The body is not valid JSON.")),
        ("int_", _("Enter a whole number.")),
        ("float_", _("Enter a number.")),
        ("decimal_", _("Enter a number.")),
        ("bool_", _("Enter true or false.")),
        ("datetime_", _("Enter a valid date and time.")),
        ("date_", _("Enter a valid date.")),
        ("time_", _("Enter a valid time.")),
        ("uuid_", _("Enter a valid identifier.")),
        ("string_too_long", _("The text is too long.")),
        ("string_too_short", _("The text is too short.")),
        ("too_long", _("There are too many items.")),
        ("too_short", _("There are too few items.")),
        ("greater_than", _("The value is too small.")),
        ("less_than", _("The value is too large.")),
        ("enum", _("Choose one of the allowed values.")),
        ("literal_error", _("Choose one of the allowed values.")),
        ("string_", _("Enter text.")),
        ("list_", _("Enter a list.")),
        ("model_", _("Enter an object.")),
        ("dict_", _("Enter an object.")),
    ]


def schema_error_payload(errors: list[dict]) -> dict:
    """Ninja's validation errors as {"detail": first message, "errors": {where: [messages]}}."""
    messages = _type_messages()
    found: dict[str, list[str]] = {}
    for error in errors:
        where = ".".join(str(part) for part in error.get("loc", ())) or "body"
        kind = str(error.get("type", ""))
        message = next((text for prefix, text in messages if kind.startswith(prefix)), None)
        if message is None:
            cause = (error.get("ctx") or {}).get("error")
            message = str(cause) if isinstance(cause, ValidationError | ValueError) else None
        found.setdefault(where, []).append(message or _("The value is not valid."))
    first = next(iter(found.values()))[0] if found else _("The request is not valid.")
    return {"detail": first, "errors": found}


def _status_detail(status: int) -> str:
    return {
        400: _("The request is not valid."),
        401: _("Sign in or send a valid API token."),
        403: _("You do not have permission to do this."),
        404: _("Not found, or you do not have access to it."),
        405: _("This method is not allowed here."),
        413: _("The request is too large."),
        415: _("This content type is not supported."),
    }.get(status, _("The request could not be handled."))


class ApiErrorMiddleware:
    """Give every error under /api/ a JSON body, also the ones Django answers before (or
    instead of) a view: an unknown URL, a method the path does not have, a refused CSRF
    check, an unreadable or oversized request."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code >= 400
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            return self._as_json(response)
        return response

    @staticmethod
    def _as_json(response: HttpResponse) -> HttpResponse:
        status = response.status_code
        if status >= 500:
            detail = _("Something went wrong on our side. Try again later.")
        else:
            detail = _status_detail(status)
        replacement = JsonResponse({"detail": detail}, status=status)
        for header in ("Allow", "Retry-After", "WWW-Authenticate", "Vary"):
            if header in response:
                replacement[header] = response[header]
        return replacement
