"""Writing to and checking the audit log.

Each entry's hash covers its own content and the previous entry's hash, so a changed,
removed or inserted row breaks the chain from that point on. Writers are serialised
(an advisory lock on PostgreSQL, the single writer on SQLite) so the chain never forks.
"""

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from handslag.audit.models import AuditEntry

GENESIS = "0" * 64
_LOCK_KEY = 0x68616E64  # "hand": one advisory lock for the whole chain


def _canonical(data: Any) -> str:
    return json.dumps(
        data, cls=DjangoJSONEncoder, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )


def entry_hash(entry: AuditEntry) -> str:
    payload = _canonical(
        {
            "created_at": entry.created_at.isoformat(),
            "actor_id": entry.actor_id,
            "actor_label": entry.actor_label,
            "action": entry.action,
            "target_type": entry.target_type,
            "target_id": entry.target_id,
            "target_label": entry.target_label,
            "organisation_id": entry.organisation_id,
            "data": entry.data,
            "prev_hash": entry.prev_hash,
        }
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])
        last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
        actor_obj = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            created_at=timezone.now(),
            actor=actor_obj,
            actor_label=str(actor_obj) if actor_obj else (str(actor) if actor else "system"),
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_label=str(target)[:300] if target is not None else "",
            organisation_id=organisation_id,
            data=json.loads(_canonical(data or {})),
            prev_hash=last or GENESIS,
        )
        entry.hash = entry_hash(entry)
        entry.save()
    return entry


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None  # id of the first entry whose link does not hold
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_at is None


def audit_verify(*, batch_size: int = 2000) -> ChainReport:
    """Walk the whole chain in order and report the first broken link, if any."""
    previous = GENESIS
    checked = 0
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != previous:
            return ChainReport(checked, entry.id, "previous hash does not match")
        if entry_hash(entry) != entry.hash:
            return ChainReport(checked, entry.id, "content does not match its hash")
        previous = entry.hash
        checked += 1
    return ChainReport(checked, None)


def audit_trail(*, target: models.Model) -> models.QuerySet[AuditEntry]:
    """The history of one record, oldest first."""
    return AuditEntry.objects.filter(
        target_type=target._meta.label_lower, target_id=str(target.pk)
    ).order_by("id")
