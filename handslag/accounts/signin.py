"""Sign-in throttling: the callables the AXES_* settings name.

django-axes counts failed sign-ins per account and client address in a store every server
process shares, and refuses a locked account before its password is checked. The limit
and the pause come from LOGIN_FAILURE_LIMIT and LOGIN_FAILURE_WINDOW, the address from
client_ip() (behind TRUSTED_PROXY_HOPS), and the answer is ours: the site's page in the
person's language, or JSON for the API, both 429 with Retry-After.
"""

import math
from datetime import datetime, timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import ngettext

from handslag.accounts.forms import client_ip


def failure_limit(request: HttpRequest | None = None, credentials: dict | None = None) -> int:
    return settings.LOGIN_FAILURE_LIMIT


def cool_off(request: HttpRequest | None = None) -> timedelta:
    return timedelta(seconds=settings.LOGIN_FAILURE_WINDOW)


def username(request: HttpRequest, credentials: dict | None = None) -> str | None:
    """The account name the attempt is counted under: written in any case, one account."""
    value = (credentials or {}).get("username") if credentials else request.POST.get("username")
    return value.lower() if value else None


def client_address(request: HttpRequest) -> str | None:
    return client_ip(request) or None


def lockout_ends_at(*, request: HttpRequest, credentials: dict | None) -> datetime:
    """When the account may try again from this address: the last counted failure plus the
    pause. With the cache store the time of the last failure is not kept, so the full
    pause from now (an upper bound)."""
    now = timezone.now()
    if settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler":
        from axes.models import AccessAttempt
        from django.db.models import Max

        last = AccessAttempt.objects.filter(
            username=username(request, credentials), ip_address=client_address(request)
        ).aggregate(last=Max("attempt_time"))["last"]
        if last is not None:
            return max(now, last + cool_off(request))
    return now + cool_off(request)


def lockout_message(*, minutes: int) -> str:
    return ngettext(
        "Too many failed sign-in attempts for this account from your address. "
        "Try again in %(minutes)s minute.",
        "Too many failed sign-in attempts for this account from your address. "
        "Try again in %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict | None = None,
) -> HttpResponse:
    """The answer to a sign-in attempt on a locked account (AXES_LOCKOUT_CALLABLE)."""
    until = lockout_ends_at(request=request, credentials=credentials)
    seconds = max(1, math.ceil((until - timezone.now()).total_seconds()))
    minutes = math.ceil(seconds / 60)
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": lockout_message(minutes=minutes)}, status=429)
    else:
        response = render(
            request,
            "accounts/locked_out.html",
            {"until": until, "minutes": minutes, "message": lockout_message(minutes=minutes)},
            status=429,
        )
    response["Retry-After"] = str(seconds)
    response["Cache-Control"] = "no-store"
    return response
