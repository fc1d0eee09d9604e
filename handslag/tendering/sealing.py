"""Sealing and unsealing tender content with the call's key (see crypto.py).

Nothing here checks who is asking: callers are the submit service and
gateway.py, which states the ground on which each reading is allowed.
"""

import hashlib
import json
from collections.abc import Iterator
from decimal import Decimal

from handslag.market.models import Call
from handslag.tendering import crypto, files
from handslag.tendering.models import CallKey, Tender, TenderFile


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


def data_key(*, key: CallKey) -> bytes:
    """The call's data key in clear, for sealing files while they stream in."""
    return _data_key(key)


def unseal_file_name(*, tender_file: TenderFile) -> str:
    key = CallKey.objects.get(call_id=tender_file.tender.call_id)
    return crypto.decrypt_name(
        data_key=_data_key(key),
        blob=bytes(tender_file.sealed_name),
        call_id=key.call_id,
        file_id=tender_file.file_id,
    )


def unseal_file(*, tender_file: TenderFile) -> Iterator[bytes]:
    """The file's plaintext, chunk by chunk, checked against the SHA-256 on the receipt.

    The hash can only be compared at the end; a mismatch then raises, which breaks the
    download rather than completing it (each chunk is already authenticated by AES-GCM).
    """
    key = CallKey.objects.get(call_id=tender_file.tender.call_id)
    digest = hashlib.sha256()
    with files.open_blob(tender_file.blob) as stream:
        for chunk in crypto.decrypt_file_stream(
            data_key=_data_key(key), stream=stream, call_id=key.call_id, file_id=tender_file.file_id
        ):
            digest.update(chunk)
            yield chunk
    if digest.hexdigest() != tender_file.sha256:
        raise crypto.TenderDecryptionError("The file does not match its receipt's SHA-256.")
