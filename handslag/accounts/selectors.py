"""Reads about people and organisations."""

from django.db.models import QuerySet

from handslag.accounts.models import ApiToken, Organisation, User


def organisation_list_visible(*, user: User) -> QuerySet[Organisation]:
    """Organisations are public facts (name, kind, number); everyone signed in may list them."""
    return Organisation.objects.all().order_by("name")


def api_token_list(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")
