"""Envelope encryption of sealed tenders (DESIGN §4.4, §6).

Each call gets its own random 256-bit data key. The data key is stored only wrapped
(AES-GCM) by the key-encryption key (KEK) from the server's configuration, which never
enters the database; a dump or backup therefore holds ciphertext and a wrapped key that
are useless without the configuration. Every tender is encrypted with its call's data key
under a fresh nonce, and the associated data binds the ciphertext to its call and receipt,
so a ciphertext copied onto another tender row no longer decrypts.

Format of a sealed blob: one version byte, a 12-byte nonce, then the AES-GCM output.
"""

import base64
import binascii
import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

VERSION = b"\x01"
NONCE_BYTES = 12
KEY_BYTES = 32


class TenderDecryptionError(Exception):
    """A sealed blob did not decrypt: wrong key, wrong binding or tampered data."""


def _kek() -> tuple[bytes, str]:
    """The key-encryption key from settings and its id (first 16 hex chars of its SHA-256)."""
    configured = getattr(settings, "TENDER_KEY_ENCRYPTION_KEY", "") or ""
    if not configured:
        raise ImproperlyConfigured(
            "Set TENDER_KEY_ENCRYPTION_KEY to 32 random bytes in urlsafe base64, e.g. "
            'python -c "import base64,os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())"'
        )
    try:
        raw = base64.urlsafe_b64decode(configured.encode("ascii"))
    except (binascii.Error, ValueError, UnicodeEncodeError) as error:
        raise ImproperlyConfigured(
            "TENDER_KEY_ENCRYPTION_KEY is not valid urlsafe base64."
        ) from error
    if len(raw) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"TENDER_KEY_ENCRYPTION_KEY must decode to {KEY_BYTES} bytes, not {len(raw)}."
        )
    return raw, hashlib.sha256(raw).hexdigest()[:16]


def current_kek_id() -> str:
    return _kek()[1]


def _key_aad(call_id: int) -> bytes:
    return f"handslag/call-key/v1/{call_id}".encode()


def _tender_aad(call_id: int, receipt: str) -> bytes:
    return f"handslag/tender/v1/{call_id}/{receipt}".encode()


def _seal(key: bytes, plaintext: bytes, aad: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return VERSION + nonce + AESGCM(key).encrypt(nonce, plaintext, aad)


def _unseal(key: bytes, blob: bytes, aad: bytes) -> bytes:
    blob = bytes(blob)
    if len(blob) < 1 + NONCE_BYTES + 16 or blob[:1] != VERSION:
        raise TenderDecryptionError("Unknown or truncated ciphertext.")
    nonce, body = blob[1 : 1 + NONCE_BYTES], blob[1 + NONCE_BYTES :]
    try:
        return AESGCM(key).decrypt(nonce, body, aad)
    except InvalidTag as error:
        raise TenderDecryptionError("The ciphertext does not match its key or binding.") from error


def new_wrapped_key(*, call_id: int) -> tuple[bytes, str]:
    """A fresh data key for a call, returned only wrapped, with the id of the KEK used."""
    kek, kek_id = _kek()
    data_key = AESGCM.generate_key(bit_length=256)
    return _seal(kek, data_key, _key_aad(call_id)), kek_id


def unwrap_key(*, wrapped_key: bytes, kek_id: str, call_id: int) -> bytes:
    kek, current_id = _kek()
    if kek_id != current_id:
        raise ImproperlyConfigured(
            f"The call's tender key was wrapped by key-encryption key {kek_id}, but the "
            f"configured key is {current_id}."
        )
    return _unseal(kek, wrapped_key, _key_aad(call_id))


def encrypt_tender(*, data_key: bytes, plaintext: bytes, call_id: int, receipt: str) -> bytes:
    return _seal(data_key, plaintext, _tender_aad(call_id, receipt))


def decrypt_tender(*, data_key: bytes, ciphertext: bytes, call_id: int, receipt: str) -> bytes:
    return _unseal(data_key, ciphertext, _tender_aad(call_id, receipt))
