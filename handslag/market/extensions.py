"""What the apps after market tell it about a call: its criteria, its award, the tenders,
the facts its stage is computed from (opened, awarded), and what it still lacks before it
may be published.

Market comes before tendering in a procurement's life and knows nothing of it; tendering
registers its answers here from its AppConfig.ready(). Without a registration a call has
no award criteria, no award and no tenders. No models are imported here, so an apps.py
can import this module before the app registry is ready.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Missing:
    """Something a call lacks before it may be published, and the page where it is fixed.

    *code* is stable (for the API and tests), *message* is in the user's language;
    *field* names the call's field when there is one, *section* the legal rule and
    *earliest* the earliest lawful deadline when a time limit is broken.
    """

    code: str
    message: str
    url: str
    field: str = ""
    section: str = ""
    earliest: Any = None


_criteria: list[Callable[..., Iterable[Any]]] = []
_decided: list[Callable[..., bool]] = []
_supplier_tenders: list[Callable[..., Iterable[Any]]] = []
_publication_requirements: list[Callable[..., Iterable[Missing]]] = []
_demo_call_setup: list[Callable[..., None]] = []
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


def register_publication_requirements(provider: Callable[..., Iterable[Missing]]) -> None:
    """`provider(call=...)`: what the call still lacks that the provider's app owns (the
    evaluation: award criteria with weights and an evaluation model), as `Missing` rows."""
    _add(_publication_requirements, provider)


def publication_missing(*, call: Any) -> list[Missing]:
    return [row for provider in _publication_requirements for row in provider(call=call)]


def register_demo_call_setup(provider: Callable[..., None]) -> None:
    """`provider(call=..., actor=..., now=...)`, for the demo loader only: a later app fills
    in what it owns on a demo call before the call is published (the evaluation: the seeds'
    award criteria and evaluation model), so the demo publishes through the same rules."""
    _add(_demo_call_setup, provider)


def demo_call_setup(*, call: Any, actor: Any, now: Any) -> None:
    for provider in _demo_call_setup:
        provider(call=call, actor=actor, now=now)


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
