"""Tender files are read from the request encrypted, so no plaintext ever reaches the disk.

Django's own upload handlers write a large file to a named temporary file as it arrives;
a worker killed mid-upload leaves that file, with a sealed tender's plaintext, behind.
For the views that take tender files (SEALED_UPLOAD_VIEWS) SealedUploadHandler takes
over instead: each chunk is encrypted as it arrives (AES-GCM) under a fresh key made for
that one upload and held only in the process's memory, into an anonymous file in the
private spool directory (on Linux an O_TMPFILE that never has a name; elsewhere a file
unlinked as soon as it is made). Whatever happens to the process, what is left on disk is
ciphertext whose key died with it, and the operating system frees the file. The submit
service then reads the plaintext back from SpooledUpload.chunks() and hashes and seals it
with the call's key (handslag.tendering.files).

The tender's size limit (TENDER_MAX_BYTES) is applied while the body is read: once the
files of a request pass it, nothing more is written, and a body whose declared length
already exceeds it writes nothing at all. The rest of the body is still read (and thrown
away) so that the browser gets the form back with its message; such a file reaches the
service as a RefusedUpload that declares itself over the limit, and is refused there.
"""

import io

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler, StopFutureHandlers
from django.urls import Resolver404, resolve

from handslag.core.uploads import EncryptedSpool, upload_spool_dir
from handslag.tendering import files as tender_files

# The views whose uploads are tender files (namespaced URL names).
SEALED_UPLOAD_VIEWS = frozenset(
    {
        "tendering:tender_submit",
        "api-1.0.0:tender_submit_with_files",
    }
)
# The views whose uploads are files sent with an application (as secret as the
# application, OSL 19 kap. 3 §): spooled the same way, so no plaintext reaches the disk.
ATTACHMENT_UPLOAD_VIEWS = frozenset(
    {
        "market:application_create",
        "market:application_attachment_add",
        # The API path of an application's files (GET lists them, POST adds one).
        "api-1.0.0:application_attachments",
    }
)


def is_sealed_request(request) -> bool:
    if request is None:
        return False
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
    return match.view_name in SEALED_UPLOAD_VIEWS | ATTACHMENT_UPLOAD_VIEWS


def _fields_allowance() -> int:
    """Room in a body for what is not file content: the fields and the part headers."""
    return int(getattr(settings, "DATA_UPLOAD_MAX_MEMORY_SIZE", None) or 0) + 1024 * 1024


class SpooledUpload(UploadedFile):
    """A tender file as received: encrypted in the spool under a key held only in memory."""

    def open(self, mode: str | None = None) -> "SpooledUpload":
        # Never reopen by name: a file of that name elsewhere is not this upload.
        self.file.seek(0)
        return self


class RefusedUpload(UploadedFile):
    """A file that arrived after the tender's size limit was passed; none of it was kept."""

    def __init__(self, name: str, content_type: str, received: int) -> None:
        # It declares itself over the limit, so the submit service refuses the tender
        # with its usual message before reading anything.
        size = max(received, tender_files.max_tender_bytes() + 1)
        super().__init__(io.BytesIO(), name, content_type, size)

    def chunks(self, chunk_size: int | None = None):
        raise tender_files.too_large()

    def read(self, *args, **kwargs):
        raise tender_files.too_large()


class SealedUploadHandler(FileUploadHandler):
    """For the tender views: spool every file encrypted; other requests pass through."""

    def __init__(self, request=None) -> None:
        super().__init__(request)
        self.active = is_sealed_request(request)
        self.writer: EncryptedSpool | None = None
        self.refused = False
        self.received = 0
        self.budget = tender_files.max_tender_bytes() if self.active else 0

    def handle_raw_input(
        self,
        input_data: object,
        META: dict,
        content_length: int,
        boundary: bytes,
        encoding: str | None = None,
    ) -> None:
        if self.active:
            # A body that cannot fit the limit writes nothing from the start.
            self.refused = content_length > self.budget + _fields_allowance()
        return None

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if not self.active:
            return
        self.file_received = 0
        if not self.refused:
            self.writer = EncryptedSpool(upload_spool_dir())
        raise StopFutureHandlers()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        if not self.active:
            return raw_data
        self.received += len(raw_data)
        self.file_received += len(raw_data)
        if self.writer is not None and self.received > self.budget:
            self.writer.discard()
            self.writer, self.refused = None, True
        if self.writer is not None:
            self.writer.write(raw_data)
        return None

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if not self.active:
            return None
        if self.writer is None:
            return RefusedUpload(self.file_name, self.content_type, self.file_received)
        reader, self.writer = self.writer.finish(), None
        return SpooledUpload(
            file=reader,
            name=self.file_name,
            content_type=self.content_type,
            size=reader.size,
            charset=self.charset,
            content_type_extra=self.content_type_extra,
        )

    def upload_interrupted(self) -> None:
        if self.writer is not None:
            self.writer.discard()
            self.writer = None
