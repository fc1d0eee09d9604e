"""Signing API requests in tests."""

from handslag.accounts.models import User
from handslag.accounts.services import api_token_create


def bearer(user: User) -> dict[str, str]:
    """The header of a request made with a new API token of `user`."""
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}
