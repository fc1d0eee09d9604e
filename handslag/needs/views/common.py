"""Helpers shared by the needs pages."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from handslag.core.permissions import not_found

PER_PAGE = 25


def _page(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _require_buyer_staff(request: HttpRequest) -> None:
    # Challenges and needs are buyers' internal work; others may not know the pages exist.
    if not request.user.is_buyer_staff:
        raise not_found()


def _confirm(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    submit_label: str,
    cancel_url: str,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "needs/confirm.html",
        {
            "title": title,
            "question": question,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "action": request.path,
            "error": error,
        },
        status=status,
    )
