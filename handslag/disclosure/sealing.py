"""Sealing claims and masks with the call's tender key (tendering/sealing.py, crypto.py).

The blobs use the tender cipher with a binding of their own ("claims/<receipt>",
"mask/<id>"), so a claim blob cannot be passed off as a tender or moved to another
tender. Nothing here checks who asks; the services and permissions do.
"""

import json
from typing import Any

from handslag.tendering import crypto
from handslag.tendering import sealing as tender_sealing
from handslag.tendering.models import CallKey, Tender


def _key(call_id: int) -> bytes:
    return tender_sealing.data_key(key=CallKey.objects.get(call_id=call_id))


# Claim blobs are padded to whole blocks, so the size of the ciphertext does not tell how
# many claims a tender has (JSON ignores the trailing spaces).
PAD_BYTES = 4096


def _encode(value: Any, pad: bool = False) -> bytes:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if pad:
        data += b" " * (-len(data) % PAD_BYTES)
    return data


def seal_claims(*, tender: Tender, claims: list[dict]) -> bytes:
    return crypto.encrypt_tender(
        data_key=_key(tender.call_id),
        plaintext=_encode(claims, pad=True),
        call_id=tender.call_id,
        receipt=f"claims/{tender.receipt}",
    )


def unseal_claims(*, tender: Tender, ciphertext: bytes) -> list[dict]:
    plaintext = crypto.decrypt_tender(
        data_key=_key(tender.call_id),
        ciphertext=bytes(ciphertext),
        call_id=tender.call_id,
        receipt=f"claims/{tender.receipt}",
    )
    return json.loads(plaintext)


def seal_mask(*, tender: Tender, mask_id: str, mask: dict) -> bytes:
    return crypto.encrypt_tender(
        data_key=_key(tender.call_id),
        plaintext=_encode(mask),
        call_id=tender.call_id,
        receipt=f"mask/{mask_id}",
    )


def unseal_mask(*, tender: Tender, mask_id: str, ciphertext: bytes) -> dict:
    plaintext = crypto.decrypt_tender(
        data_key=_key(tender.call_id),
        ciphertext=bytes(ciphertext),
        call_id=tender.call_id,
        receipt=f"mask/{mask_id}",
    )
    return json.loads(plaintext)
