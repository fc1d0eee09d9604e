"""Sealing claims and masks with the call's tender key, through the tendering gateway.

The blobs use the tender cipher with a binding of their own ("claims/<receipt>",
"mask/<id>"), so a claim blob cannot be passed off as a tender or moved to another
tender. Nothing here checks who asks; the services and permissions do.
"""

import json
from typing import Any

from handslag.tendering.gateway import open_bound, seal_bound
from handslag.tendering.models import Tender

# Claim blobs are padded to whole blocks, so the size of the ciphertext does not tell how
# many claims a tender has (JSON ignores the trailing spaces).
PAD_BYTES = 4096


def _encode(value: Any, pad: bool = False) -> bytes:
    data = json.dumps(value, ensure_ascii=False, sort_keys=True).encode("utf-8")
    if pad:
        data += b" " * (-len(data) % PAD_BYTES)
    return data


def seal_claims(*, tender: Tender, claims: list[dict]) -> bytes:
    return seal_bound(
        tender=tender, binding=f"claims/{tender.receipt}", plaintext=_encode(claims, pad=True)
    )


def unseal_claims(*, tender: Tender, ciphertext: bytes) -> list[dict]:
    plaintext = open_bound(tender=tender, binding=f"claims/{tender.receipt}", ciphertext=ciphertext)
    return json.loads(plaintext)


def seal_mask(*, tender: Tender, mask_id: str, mask: dict) -> bytes:
    return seal_bound(tender=tender, binding=f"mask/{mask_id}", plaintext=_encode(mask))


def unseal_mask(*, tender: Tender, mask_id: str, ciphertext: bytes) -> dict:
    plaintext = open_bound(tender=tender, binding=f"mask/{mask_id}", ciphertext=ciphertext)
    return json.loads(plaintext)
