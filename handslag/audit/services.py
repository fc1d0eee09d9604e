"""Writing to and checking the audit log.

Each entry's hash covers its own content and the previous entry's hash, so a changed,
removed or inserted row breaks the chain from that point on. The chain's head (how many
entries, the newest hash) is kept in one row signed with a key that is not in the
database, so a log cut at the end or emptied is found too.

Writers are serialised by a row lock on the head, taken inside audit_record: the audit
lock is the last lock a transaction takes. Services lock their own rows first and write
their audit entry last; lockorder.py makes a row lock after the audit lock fail loudly.
"""

import functools
import hashlib
import hmac
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

from handslag.audit import lockorder
from handslag.audit.models import AuditEntry, AuditHead

GENESIS = "0" * 64


class AuditChainError(Exception):
    """The chain cannot be extended: its signed head is missing or does not match."""


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


# --- The signed head ----------------------------------------------------------------------


@functools.lru_cache(maxsize=16)
def _derive(secret: str) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"handslag audit head v1"
    ).derive(secret.encode("utf-8"))


def _head_keys() -> list[bytes]:
    """The signing key first, then older ones that still verify (after a key rotation).

    AUDIT_KEY when set; otherwise a key derived from SECRET_KEY (and its fallbacks).
    Neither is in the database, so whoever can write to the database cannot sign a head.
    """
    if getattr(settings, "AUDIT_KEY", ""):
        secrets = [settings.AUDIT_KEY, *getattr(settings, "AUDIT_KEY_FALLBACKS", [])]
    else:
        secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [_derive(s) for s in secrets if s]


def _head_message(head: AuditHead) -> bytes:
    return _canonical(
        {"count": head.count, "last_hash": head.last_hash, "at": head.updated_at.isoformat()}
    ).encode("utf-8")


def head_sign(head: AuditHead) -> str:
    return hmac.new(_head_keys()[0], _head_message(head), hashlib.sha256).hexdigest()


def head_signature_ok(head: AuditHead) -> bool:
    message = _head_message(head)
    return any(
        hmac.compare_digest(hmac.new(key, message, hashlib.sha256).hexdigest(), head.signature)
        for key in _head_keys()
    )


def head_from_table() -> AuditHead:
    """A head signed for what the table holds now (new installations, and an operator's
    re-anchoring after a key change or an investigated break)."""
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    head = AuditHead(
        id=AuditHead.SINGLETON,
        count=AuditEntry.objects.count(),
        last_hash=last or GENESIS,
        updated_at=timezone.now(),
    )
    head.signature = head_sign(head)
    return head


def _lock_head() -> AuditHead:
    """Take the chain's lock: the head row, created on an empty log (a new database)."""
    head = AuditHead.objects.select_for_update().filter(pk=AuditHead.SINGLETON).first()
    if head is not None:
        return head
    if AuditEntry.objects.exists():
        raise AuditChainError("The audit log's signed head is missing; run manage.py audit_verify.")
    head = head_from_table()
    with transaction.atomic():
        AuditHead.objects.bulk_create([head], ignore_conflicts=True)
    return AuditHead.objects.select_for_update().get(pk=AuditHead.SINGLETON)


def audit_head() -> AuditHead | None:
    return AuditHead.objects.filter(pk=AuditHead.SINGLETON).first()


# --- Writing ------------------------------------------------------------------------------


def audit_target_id(target: models.Model) -> str:
    """How the log names a record: by its public id where it has one (a tender, a tender
    file), so that no entry carries a primary key that counts the records of others."""
    public_id = getattr(target, "public_id", None)
    return str(public_id) if public_id is not None else str(target.pk)


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
    organisation_id: int | None = None,
) -> AuditEntry:
    """Append one entry to the chain, inside the caller's transaction.

    Call it after the service has taken all its row locks and made its writes: from
    here to the commit the transaction holds the chain's lock. `action` is a member of
    the app's catalogue (`<app>/audit_actions.py`); the entry stores its plain name.
    """
    with transaction.atomic():
        head = _lock_head()
        actor_obj = actor if getattr(actor, "is_authenticated", False) else None
        entry = AuditEntry(
            created_at=timezone.now(),
            actor=actor_obj,
            actor_label=str(actor_obj) if actor_obj else (str(actor) if actor else "system"),
            action=str(action),
            target_type=target._meta.label_lower if target is not None else "",
            target_id=audit_target_id(target) if target is not None else "",
            target_label=str(target)[:300] if target is not None else "",
            organisation_id=organisation_id,
            data=json.loads(_canonical(data or {})),
            prev_hash=head.last_hash,
        )
        entry.hash = entry_hash(entry)
        entry.save()
        head.count += 1
        head.last_hash = entry.hash
        head.updated_at = entry.created_at
        head.signature = head_sign(head)
        head.save(update_fields=["count", "last_hash", "updated_at", "signature"])
    lockorder.chain_locked(connection)
    return entry


# --- Checking -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainReport:
    checked: int
    broken_at: int | None  # id of the first entry whose link does not hold
    reason: str = ""
    last_hash: str = GENESIS
    head_count: int | None = None  # what the signed head says, when it verifies
    # Each expected hash that is in the chain, with its position (1, 2, ...).
    expected_at: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.broken_at is None and not self.reason


def audit_verify(*, batch_size: int = 2000, expect: Iterable[str] = ()) -> ChainReport:
    """Walk the whole chain in order, then hold it against the signed head.

    Reports the first broken link, a log shorter than its head (cut at the end or
    emptied), entries the head does not cover, and a missing or forged head. With
    `expect`, also where that hash (from an opening record or award decision) is in the
    chain; a hash that is not there is a break.
    """
    expect = {h.strip().lower() for h in expect if h.strip()}
    previous = GENESIS
    checked = 0
    expected_at: dict[str, int] = {}
    for entry in AuditEntry.objects.order_by("id").iterator(chunk_size=batch_size):
        if entry.prev_hash != previous:
            return ChainReport(checked, entry.id, "previous hash does not match", previous)
        if entry_hash(entry) != entry.hash:
            return ChainReport(checked, entry.id, "content does not match its hash", previous)
        previous = entry.hash
        checked += 1
        if entry.hash in expect:
            expected_at[entry.hash] = checked
    head = audit_head()
    if head is None:
        return ChainReport(checked, None, "the signed head is missing", previous)
    if not head_signature_ok(head):
        return ChainReport(checked, None, "the head's signature does not verify", previous)
    report = {"last_hash": previous, "head_count": head.count, "expected_at": expected_at}
    if checked < head.count:
        reason = (
            "the log is empty but its signed head records {n} entries"
            if checked == 0
            else "the log is shorter than its signed head ({n} entries): entries were removed"
        )
        return ChainReport(checked, None, reason.format(n=head.count), **report)
    if checked > head.count or previous != head.last_hash:
        return ChainReport(
            checked,
            None,
            f"the newest entries do not match the signed head ({head.count} entries)",
            **report,
        )
    missing = sorted(expect - expected_at.keys())
    if missing:
        return ChainReport(checked, None, f"the chain does not hold {', '.join(missing)}", **report)
    return ChainReport(checked, None, **report)


def audit_target_types(model: type[models.Model]) -> list[str]:
    """Every name the log may know a model's records by: its label now, and the labels it
    had before it moved to another app (`audit_former_labels` on the model). Entries keep
    the label they were written with: the hash chain covers it."""
    return [model._meta.label_lower, *getattr(model, "audit_former_labels", ())]


def audit_trail(*, target: models.Model) -> models.QuerySet[AuditEntry]:
    """The history of one record, oldest first."""
    # Entries written before a model had a public id name the record by its key.
    ids = {audit_target_id(target), str(target.pk)}
    return AuditEntry.objects.filter(
        target_type__in=audit_target_types(type(target)), target_id__in=ids
    ).order_by("id")


def audit_anchor(*, target: models.Model, action: str, **data: Any) -> str:
    """The hash of the newest entry of `action` on `target` (matching `data`), or "".

    Documents print it (the opening record, the award decision) so that a copy kept
    outside the system anchors the chain: `manage.py audit_verify --expect HASH`.
    """
    entries = audit_trail(target=target).filter(action=action)
    for key, value in data.items():
        entries = entries.filter(**{f"data__{key}": value})
    return entries.order_by("-id").values_list("hash", flat=True).first() or ""
