"""The audit actions of accounts: the names its services write to the audit log.

One naming style, `<entity>.<verb>`. An entry keeps the name it was written with (the hash
chain covers it), so an action that is renamed keeps its old name in RENAMED: readers of
the log ask handslag.audit.actions for the name an action has now.
"""

from collections.abc import Mapping
from enum import StrEnum
from typing import Final


class AccountsAction(StrEnum):
    # A new organisation (buyer or supplier) was registered.
    ORGANISATION_CREATE = "organisation.create"
    # A person was given a role in an organisation.
    MEMBERSHIP_ADD = "membership.add"
    # A person created an API token (the entry keeps its name, never the token).
    API_TOKEN_CREATE = "api_token.create"
    # An API token was revoked.
    API_TOKEN_REVOKE = "api_token.revoke"
    # A person changed their own settings (language, instant e-mail or a daily digest).
    PREFERENCES_UPDATE = "preferences.update"
    # A buyer network was founded, its founder's organisation the first member.
    NETWORK_CREATE = "network.create"
    # A network invited another buyer organisation.
    NETWORK_INVITE = "network.invite"
    # The invited organisation accepted and joined the network.
    NETWORK_ACCEPTED = "network.accepted"
    # The invited organisation declined the network's invitation.
    NETWORK_DECLINED = "network.declined"


# The name an action was stored under before -> its name now (none renamed yet).
RENAMED: Final[Mapping[str, AccountsAction]] = {}
