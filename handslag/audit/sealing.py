"""Which audit entries stay hidden for a while: rules registered by the apps that know.

The log knows no domain app. An app whose entries must not be shown yet (tendering, until
the opening) registers a rule from its AppConfig.ready(): a callable that returns the Q of
the entries to leave out, asked afresh on every read. No models are imported here, so an
apps.py can import this module before the app registry is ready.
"""

from collections.abc import Callable

from django.db.models import Q

SealedEntries = Callable[[], Q]

_rules: list[SealedEntries] = []


def register_sealed_entries(rule: SealedEntries) -> None:
    """Leave out, from every read for people, the entries `rule()` matches."""
    if rule not in _rules:
        _rules.append(rule)


def sealed_entries() -> Q | None:
    """Every registered rule's entries together, or None when nothing is sealed."""
    combined: Q | None = None
    for rule in _rules:
        combined = rule() if combined is None else combined | rule()
    return combined
