"""Sealing and unsealing tender content with the call's key (see crypto.py).

Nothing here checks who is asking: callers are the submit service and
permissions.access_tender_content(), which checks the opening and the team.
"""

import hashlib
import json
from decimal import Decimal

from handslag.market.models import Call
from handslag.tendering import crypto
from handslag.tendering.models import CallKey, Tender


def canonical_payload(*, content: str, price: Decimal) -> bytes:
    """The exact bytes that are encrypted and whose SHA-256 goes on the receipt."""
    return json.dumps(
        {"content": content, "price": str(price)},
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def call_key_get_or_create(*, call: Call) -> CallKey:
    """The call's key row, creating it with a fresh wrapped data key on first use.

    Callers hold a row lock on the call, so two first submissions cannot both create one.
    """
    key = CallKey.objects.filter(call=call).first()
    if key is None:
        wrapped, kek_id = crypto.new_wrapped_key(call_id=call.pk)
        key = CallKey.objects.create(call=call, wrapped_key=wrapped, kek_id=kek_id)
    return key


def _data_key(key: CallKey) -> bytes:
    return crypto.unwrap_key(
        wrapped_key=bytes(key.wrapped_key), kek_id=key.kek_id, call_id=key.call_id
    )


def seal(*, key: CallKey, payload: bytes, receipt: str) -> bytes:
    return crypto.encrypt_tender(
        data_key=_data_key(key), plaintext=payload, call_id=key.call_id, receipt=receipt
    )


def unseal(*, tender: Tender) -> dict:
    """The tender's decrypted {content, price}; raises TenderDecryptionError if tampered."""
    key = CallKey.objects.get(call_id=tender.call_id)
    plaintext = crypto.decrypt_tender(
        data_key=_data_key(key),
        ciphertext=bytes(tender.ciphertext),
        call_id=tender.call_id,
        receipt=tender.receipt,
    )
    if sha256_hex(plaintext) != tender.content_sha256:
        raise crypto.TenderDecryptionError("The content does not match its receipt's SHA-256.")
    data = json.loads(plaintext)
    return {"content": data["content"], "price": Decimal(data["price"])}
