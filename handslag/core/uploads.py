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
import logging
import os
import stat
import threading
import time
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError

logger = logging.getLogger(__name__)

SWEEP_INTERVAL_SECONDS = 60
_last_sweep = 0.0
_sweep_lock = threading.Lock()


class TruncatedUpload(MultiPartParserError):
    """The request body ended before its declared length; Django answers 400."""


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


def body_cut_short(request) -> bool:  # noqa: ANN001
    """Whether fewer bytes were read from the request than its Content-Length declared."""
    # Django's WSGI and ASGI requests both read through a LimitedStream that counts.
    stream = getattr(request, "_stream", None)
    read, limit = getattr(stream, "_pos", None), getattr(stream, "limit", None)
    return isinstance(read, int) and isinstance(limit, int) and read < limit


class UploadSpoolGuard(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: keeps the spool ready and refuses a body cut short."""

    def handle_raw_input(
        self,
        input_data: object,
        META: dict,  # noqa: N803 - Django's name for it
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
