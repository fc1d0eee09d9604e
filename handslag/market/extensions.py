"""What the apps after market tell it about a call: its criteria, its award, the tenders.

Market comes before tendering in a procurement's life and knows nothing of it; tendering
registers its answers here from its AppConfig.ready(). Without a registration a call has
no award criteria, no award and no tenders. No models are imported here, so an apps.py
can import this module before the app registry is ready.
"""

from collections.abc import Callable, Iterable
from typing import Any

_criteria: list[Callable[..., Iterable[Any]]] = []
_decided: list[Callable[..., bool]] = []
_supplier_tenders: list[Callable[..., Iterable[Any]]] = []


def _add(registry: list, provider: Callable) -> None:
    if provider not in registry:
        registry.append(provider)


def register_call_criteria(provider: Callable[..., Iterable[Any]]) -> None:
    """`provider(call=...)`: the award criteria published with the call, in order."""
    _add(_criteria, provider)


def register_call_decided(provider: Callable[..., bool]) -> None:
    """`provider(call=...)`: whether an award decision has been made on the call."""
    _add(_decided, provider)


def register_supplier_tenders(provider: Callable[..., Iterable[Any]]) -> None:
    """`provider(user=...)`: the tenders (and receipts) of the user's supplier organisations."""
    _add(_supplier_tenders, provider)


def call_criteria(*, call: Any) -> list[Any]:
    return [row for provider in _criteria for row in provider(call=call)]


def call_decided(*, call: Any) -> bool:
    return any(provider(call=call) for provider in _decided)


def supplier_tenders(*, user: Any, limit: int) -> list[Any]:
    rows: list[Any] = []
    for provider in _supplier_tenders:
        rows.extend(provider(user=user)[: limit - len(rows)])
    return rows
