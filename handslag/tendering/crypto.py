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


# --- Files: streamed in chunks ----------------------------------------------------------
#
# A sealed file is FILE_MAGIC followed by records, one per plaintext chunk of at most
# FILE_CHUNK_BYTES: a 12-byte random nonce, the 4-byte big-endian length of the AES-GCM
# output, then that output. The associated data of each chunk binds it to its call, its
# file id, its index and whether it is the last chunk, so chunks cannot be reordered,
# dropped, moved to another file, or the file cut short without the decryption failing.

FILE_MAGIC = b"HSF1"
FILE_CHUNK_BYTES = 1024 * 1024
_LEN_BYTES = 4
_TAG_BYTES = 16


def _file_aad(call_id: int, file_id: str, index: int, last: bool) -> bytes:
    return f"handslag/tender-file/v1/{call_id}/{file_id}/{index}/{int(last)}".encode()


def _rechunk(chunks, size: int):
    """Yield (chunk, is_last) with every chunk exactly `size` bytes except the last one."""
    buffer = bytearray()
    pending: bytes | None = None
    for piece in chunks:
        buffer += piece
        while len(buffer) >= size:
            if pending is not None:
                yield pending, False
            pending = bytes(buffer[:size])
            del buffer[:size]
    if buffer:
        if pending is not None:
            yield pending, False
        pending = bytes(buffer)
    if pending is not None:
        yield pending, True


def encrypt_file_stream(*, data_key: bytes, chunks, call_id: int, file_id: str):
    """Yield the sealed form of a plaintext stream, record by record, starting with the magic."""
    aead = AESGCM(data_key)
    yield FILE_MAGIC
    for index, (chunk, last) in enumerate(_rechunk(chunks, FILE_CHUNK_BYTES)):
        nonce = os.urandom(NONCE_BYTES)
        body = aead.encrypt(nonce, chunk, _file_aad(call_id, file_id, index, last))
        yield nonce + len(body).to_bytes(_LEN_BYTES, "big") + body


def decrypt_file_stream(*, data_key: bytes, stream, call_id: int, file_id: str):
    """Yield the plaintext of a sealed file read from a binary file object, chunk by chunk."""
    aead = AESGCM(data_key)
    if stream.read(len(FILE_MAGIC)) != FILE_MAGIC:
        raise TenderDecryptionError("Not a sealed tender file.")
    index, last_seen = 0, False
    while True:
        head = stream.read(NONCE_BYTES + _LEN_BYTES)
        if not head:
            break
        if len(head) != NONCE_BYTES + _LEN_BYTES or last_seen:
            raise TenderDecryptionError("The sealed file is truncated or has trailing data.")
        nonce, length = head[:NONCE_BYTES], int.from_bytes(head[NONCE_BYTES:], "big")
        if not _TAG_BYTES <= length <= FILE_CHUNK_BYTES + _TAG_BYTES:
            raise TenderDecryptionError("The sealed file has a malformed record.")
        body = stream.read(length)
        if len(body) != length:
            raise TenderDecryptionError("The sealed file is truncated.")
        for last in (False, True):
            try:
                plain = aead.decrypt(nonce, body, _file_aad(call_id, file_id, index, last))
            except InvalidTag:
                continue
            last_seen = last
            break
        else:
            raise TenderDecryptionError("A chunk does not match its key or binding.")
        yield plain
        index += 1
    if not last_seen:
        raise TenderDecryptionError("The sealed file was cut short.")


def encrypt_name(*, data_key: bytes, name: str, call_id: int, file_id: str) -> bytes:
    return _seal(
        data_key, name.encode("utf-8"), f"handslag/tender-file-name/v1/{call_id}/{file_id}".encode()
    )


def decrypt_name(*, data_key: bytes, blob: bytes, call_id: int, file_id: str) -> str:
    aad = f"handslag/tender-file-name/v1/{call_id}/{file_id}".encode()
    return _unseal(data_key, blob, aad).decode("utf-8")
