"""What the apps after market tell it about a call: its criteria, its award, the tenders,
and the facts its stage is computed from (opened, awarded).

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
_tenderers: list[Callable[..., Iterable[int]]] = []
_status_facts: dict[str, Callable[[], Any]] = {}

# The facts about a call that the apps above market know: the tenders are opened
# (tendering), an award decision is made (evaluation).
STATUS_FACTS = ("opened", "awarded")


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


def register_call_tenderers(provider: Callable[..., Iterable[int]]) -> None:
    """`provider(call=...)`: the ids of the supplier organisations with a standing tender
    in the call (told of its cancellation; never shown to anyone)."""
    _add(_tenderers, provider)


def call_tenderer_ids(*, call: Any) -> set[int]:
    return {supplier_id for provider in _tenderers for supplier_id in provider(call=call)}


def register_call_status_fact(name: str, expression: Callable[[], Any]) -> None:
    """`expression()`: a boolean query expression over a call row (`OuterRef("pk")` is the
    call), true when the fact `name` (one of STATUS_FACTS) holds for that call."""
    if name not in STATUS_FACTS:
        raise ValueError(f"Unknown call status fact: {name}")
    _status_facts[name] = expression


def call_status_fact(name: str) -> Any | None:
    """The registered expression for the fact, or None when no app told market of it."""
    factory = _status_facts.get(name)
    return factory() if factory else None
