"""Who else may read a need statement: rules registered by the apps that carry needs.

A need statement is internal to its organisation, but the team of a project carrying it
may read it. Projects sit above needs, so needs does not ask them; projects registers its
rule here from its AppConfig.ready(). A rule has two forms that must agree: a test for one
need and the Q of every need the person may read that way. No models are imported here,
so an apps.py can import this module before the app registry is ready.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Q


@dataclass(frozen=True)
class NeedReaders:
    may_read: Callable[..., bool]  # may_read(user=..., need=...)
    visible: Callable[..., Q]  # visible(user=...): the needs the rule lets the user read


_rules: list[NeedReaders] = []


def register_need_readers(rule: NeedReaders) -> None:
    if rule not in _rules:
        _rules.append(rule)


def may_read(*, user: Any, need: Any) -> bool:
    return any(rule.may_read(user=user, need=need) for rule in _rules)


def visible(*, user: Any) -> Q | None:
    """Every rule's needs together, or None when no app lets anyone else read a need."""
    combined: Q | None = None
    for rule in _rules:
        combined = (
            rule.visible(user=user) if combined is None else combined | rule.visible(user=user)
        )
    return combined
