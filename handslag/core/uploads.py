"""The private spool directory for uploads being read, and the guard that keeps it.

Django writes a large upload to a temporary file while it reads the request. Those files
go to UPLOAD_SPOOL_DIR (FILE_UPLOAD_TEMP_DIR points there), a directory only the
application's user may enter (mode 0700), never the shared system temporary directory.
A worker killed mid-upload can leave a file behind; the sweep deletes files older than
UPLOAD_SPOOL_MAX_AGE_MINUTES when a server process starts and, at most once a minute,
while uploads arrive. Tender files never lie there in plaintext at all: see
handslag.tendering.upload_spool.

UploadSpoolGuard is the first upload handler of every multipart request. It also refuses
a body that ended before its declared length (the client went away or the connection
broke): what was read of it is not the request that was sent, so no view may act on it,
and a tender must never be recorded without the files that did not arrive.
"""

import contextlib
import io
import logging
import os
import stat
import tempfile
import threading
import time
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, RequestAborted
from django.core.files.uploadhandler import FileUploadHandler
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.wsgi import LimitedStream
from django.http.multipartparser import MultiPartParserError

logger = logging.getLogger(__name__)

SWEEP_INTERVAL_SECONDS = 60
_last_sweep = 0.0
_sweep_lock = threading.Lock()


class TruncatedUpload(MultiPartParserError):
    """The request body ended before its declared length; Django answers 400."""


# --- Encrypted spool files -------------------------------------------------------------
#
# Records of at most RECORD_BYTES of plaintext: the 4-byte big-endian length of the
# AES-GCM output, a 12-byte random nonce, then that output; the associated data is the
# record's index, so records cannot be reordered. The file has no name (O_TMPFILE on Linux,
# unlinked at once elsewhere), so it goes when it is closed or the process dies, and its
# key never leaves memory: what a killed process leaves is unreadable ciphertext.

RECORD_BYTES = 64 * 1024
_NONCE_BYTES = 12
_LEN_BYTES = 4
_TAG_BYTES = 16


def _aad(index: int) -> bytes:
    return f"handslag/upload-spool/v1/{index}".encode()


class EncryptedSpool:
    """Encrypts a stream, record by record, into an anonymous file in the spool directory,
    under a fresh key that exists only in this object (and the reader it hands over)."""

    def __init__(self, directory: Path) -> None:
        self.aead = AESGCM(AESGCM.generate_key(bit_length=256))
        # Closed by finish()'s reader or by discard(), not by a with-block.
        self.spool = tempfile.TemporaryFile(  # noqa: SIM115
            prefix="spool-", suffix=".sealed", dir=directory
        )
        self.buffer = bytearray()
        self.records = 0
        self.size = 0

    def write(self, data: bytes) -> None:
        self.buffer += data
        self.size += len(data)
        while len(self.buffer) >= RECORD_BYTES:
            self._seal(bytes(self.buffer[:RECORD_BYTES]))
            del self.buffer[:RECORD_BYTES]

    def _seal(self, plain: bytes) -> None:
        nonce = os.urandom(_NONCE_BYTES)
        body = self.aead.encrypt(nonce, plain, _aad(self.records))
        self.spool.write(len(body).to_bytes(_LEN_BYTES, "big") + nonce + body)
        self.records += 1

    def finish(self) -> "EncryptedSpoolReader":
        if self.buffer:
            self._seal(bytes(self.buffer))
            self.buffer.clear()
        self.spool.flush()
        reader = EncryptedSpoolReader(self.spool, self.aead, self.records, self.size)
        self.spool, self.aead = None, None
        return reader

    def discard(self) -> None:
        self.buffer.clear()
        if self.spool is not None:
            self.spool.close()
        self.spool, self.aead = None, None


class EncryptedSpoolReader(io.RawIOBase):
    """Reads the plaintext of an encrypted spool back, decrypting record by record."""

    def __init__(self, spool, aead: AESGCM, records: int, size: int) -> None:
        super().__init__()
        self._spool, self._aead, self._records, self._size = spool, aead, records, size
        self._rewind()

    def _rewind(self) -> None:
        self._spool.seek(0)
        self._index, self._pos, self._pending = 0, 0, memoryview(b"")

    def _next_record(self) -> memoryview:
        head = self._spool.read(_LEN_BYTES + _NONCE_BYTES)
        if len(head) != _LEN_BYTES + _NONCE_BYTES:
            raise OSError("The spooled data is truncated.")
        length = int.from_bytes(head[:_LEN_BYTES], "big")
        body = self._spool.read(length)
        if not _TAG_BYTES <= length <= RECORD_BYTES + _TAG_BYTES or len(body) != length:
            raise OSError("The spooled data is damaged.")
        plain = self._aead.decrypt(head[_LEN_BYTES:], body, _aad(self._index))
        self._index += 1
        return memoryview(plain)

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    @property
    def size(self) -> int:
        return self._size

    def tell(self) -> int:
        return self._pos

    def readinto(self, buffer) -> int:
        self._checkClosed()
        while not self._pending:
            if self._index >= self._records:
                return 0
            self._pending = self._next_record()
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        self._pos += count
        return count

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        self._checkClosed()
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._pos, io.SEEK_END: self._size}[whence]
        target = base + offset
        if target < 0:
            raise ValueError("negative seek position")
        if target < self._pos:
            self._rewind()
        # Records can only be decrypted in order: skip forward by reading.
        while self._pos < target and self.read(min(target - self._pos, RECORD_BYTES)):
            pass
        return self._pos

    def close(self) -> None:
        if not self.closed:
            self._spool.close()
            self._aead = None
        super().close()


def upload_spool_dir() -> Path:
    """The spool directory, created if missing and made private (0700) if it is not."""
    directory = Path(settings.UPLOAD_SPOOL_DIR)
    with contextlib.suppress(FileExistsError):
        directory.mkdir(mode=0o700, parents=True)
    info = directory.lstat()
    if not stat.S_ISDIR(info.st_mode):
        raise ImproperlyConfigured(f"UPLOAD_SPOOL_DIR {directory} is not a directory.")
    if info.st_uid != os.geteuid():
        raise ImproperlyConfigured(
            f"UPLOAD_SPOOL_DIR {directory} belongs to another user; give the application "
            "a directory of its own."
        )
    if stat.S_IMODE(info.st_mode) != 0o700:
        directory.chmod(0o700)
    return directory


def upload_spool_sweep(*, now: float | None = None) -> int:
    """Delete files in the spool directory older than UPLOAD_SPOOL_MAX_AGE_MINUTES.

    An upload in progress writes to its file all the time, so only what a dead process
    left behind is that old. Returns how many files were deleted.
    """
    directory = upload_spool_dir()
    cutoff = (now or time.time()) - settings.UPLOAD_SPOOL_MAX_AGE_MINUTES * 60
    deleted = 0
    for entry in os.scandir(directory):
        try:
            if (
                entry.is_dir(follow_symlinks=False)
                or entry.stat(follow_symlinks=False).st_mtime > cutoff
            ):
                continue
            os.unlink(entry.path)
        except FileNotFoundError:
            continue  # another process swept it first
        deleted += 1
    if deleted:
        logger.warning("Deleted %s abandoned upload file(s) from %s.", deleted, directory)
    return deleted


def upload_spool_prepare() -> None:
    """At server start: make the spool directory ready and sweep what dead workers left."""
    global _last_sweep
    with _sweep_lock:
        upload_spool_sweep()
        _last_sweep = time.monotonic()


def _sweep_now_and_then() -> None:
    global _last_sweep
    if time.monotonic() - _last_sweep < SWEEP_INTERVAL_SECONDS:
        return
    with _sweep_lock:
        if time.monotonic() - _last_sweep < SWEEP_INTERVAL_SECONDS:
            return
        _last_sweep = time.monotonic()
    try:
        upload_spool_sweep()
    except OSError:
        logger.exception("Could not sweep the upload spool directory.")


def body_cut_short(request) -> bool:
    """Whether fewer bytes were read from the request than its Content-Length declared."""
    # A WSGI request reads through a LimitedStream that counts. (Under ASGI the body is
    # read whole before the request exists, and a client that leaves aborts it.)
    stream = getattr(request, "_stream", None)
    return isinstance(stream, LimitedStream) and stream._pos < stream.limit


class UploadSpoolGuard(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: keeps the spool ready and refuses a body cut short."""

    def handle_raw_input(
        self,
        input_data: object,
        META: dict,
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> None:
        upload_spool_dir()
        _sweep_now_and_then()
        return None

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None

    def upload_complete(self) -> None:
        if self.request is not None and body_cut_short(self.request):
            raise TruncatedUpload("The request body ended before its declared length.")


class SpoolingASGIHandler(ASGIHandler):
    """Django's ASGI handler, but a large request body waits in an encrypted spool.

    Under ASGI Django reads the whole body before any upload handler runs, into a file in
    the system temporary directory once it passes FILE_UPLOAD_MAX_MEMORY_SIZE: a tender's
    plaintext would be on disk before SealedUploadHandler saw a byte of it. Here a body
    that size goes to an EncryptedSpool instead, and is read back through its reader.
    """

    async def read_body(self, receive):
        limit = settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        memory: io.BytesIO | None = io.BytesIO()
        spool: EncryptedSpool | None = None
        try:
            while True:
                message = await receive()
                if message["type"] == "http.disconnect":
                    raise RequestAborted()
                chunk = message.get("body", b"")
                if spool is None and memory.tell() + len(chunk) > limit:
                    spool = EncryptedSpool(upload_spool_dir())
                    spool.write(memory.getvalue())
                    memory = None
                if spool is not None:
                    spool.write(chunk)
                else:
                    memory.write(chunk)
                if not message.get("more_body", False):
                    break
        except BaseException:
            if spool is not None:
                spool.discard()
            raise
        if spool is None:
            memory.seek(0)
            return memory
        return spool.finish()
