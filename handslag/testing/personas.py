"""The permission matrix: every kind of person asks for every page or operation, and the test
compares the statuses they get with a table of what the rules call for (404 for what the
person may not know exists, 403 for what they may see but not do).

The machinery lives here once; which people there are, where the test's world keeps them
and the tables of expected statuses stay with each app's tests:

    PERSONAS = Personas(anonymous=None, supplier_a="supplier_a", team_member="team")
    EXPECTED = {"tender_file": PERSONAS.row(302, 200, 404)}
    assert PERSONAS.matrix(client, world, {"tender_file": url}, api=False) == EXPECTED
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client

from handslag.accounts.models import User
from handslag.testing.api import bearer

LOGIN = "login"  # a redirect to the sign-in page, told apart from other redirects

# Where a persona is found in the world: an attribute name, a function of the world (for a
# person who must be made afresh each time), or None for the anonymous visitor.
Where = str | Callable[[Any], User] | None
# What is asked: a URL, or a URL and the data sent with it.
Target = str | tuple[str, Mapping[str, Any] | None]


def status(response: HttpResponse) -> int:
    return response.status_code


def login_or_status(response: HttpResponse) -> int | str:
    """LOGIN for a redirect to the sign-in page, otherwise the status code."""
    if response.status_code == 302 and "/accounts/login" in response["Location"]:
        return LOGIN
    return response.status_code


def sign_in(client: Client, user: User | AnonymousUser | None, *, api: bool) -> dict[str, str]:
    """Sign `client` out, then in as `user`: by session for pages, by a new API token for
    the API (whose headers are returned). Nobody is signed in for the anonymous visitor."""
    client.logout()
    if user is None or not user.is_authenticated:
        return {}
    if api:
        return bearer(user)
    client.force_login(user)
    return {}


def send(
    client: Client,
    method: str,
    url: str,
    data: Mapping[str, Any] | None = None,
    *,
    api: bool,
    multipart: bool = False,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    """One request as a browser (form data) or an API client (JSON) would make it."""
    request = getattr(client, method)
    if method != "get" and api and not multipart:
        return request(url, data, content_type="application/json", **(headers or {}))
    return request(url, data, **(headers or {}))


class Personas:
    """The kinds of person a matrix asks, in the order of its rows, and where each is found
    in the world the test builds."""

    def __init__(self, **where: Where) -> None:
        self.where = where
        self.names = tuple(where)

    def row(self, *statuses: int | str) -> dict[str, int | str]:
        """One row of a table: the status each persona gets, in the personas' order."""
        return dict(zip(self.names, statuses, strict=True))

    def person(self, world: Any, name: str) -> User | AnonymousUser:
        where = self.where[name]
        if where is None:
            return AnonymousUser()
        if callable(where):
            return where(world)
        return getattr(world, where)

    def people(self, world: Any) -> dict[str, User | AnonymousUser]:
        return {name: self.person(world, name) for name in self.names}

    def matrix(
        self,
        client: Client,
        world: Any,
        targets: Mapping[str, Target],
        *,
        api: bool,
        method: str = "get",
        outcome: Callable[[HttpResponse], int | str] = status,
    ) -> dict[str, dict[str, int | str]]:
        """{target name: {persona: outcome}} for every target asked by every persona, with
        the same client signed in afresh for each request."""
        people = self.people(world)
        got: dict[str, dict[str, int | str]] = {}
        for name, target in targets.items():
            url, data = target if isinstance(target, tuple) else (target, None)
            got[name] = {}
            for persona, user in people.items():
                headers = sign_in(client, user, api=api)
                response = send(client, method, url, data, api=api, headers=headers)
                got[name][persona] = outcome(response)
        return got
