"""Files sent with a tender: checked, hashed and sealed while they stream to storage.

A file is never held whole in memory: it is read chunk by chunk from the upload, each
chunk is hashed (SHA-256 of the plaintext, for the receipt), counted against the
tender's size limit, and encrypted with the call's data key before it is written to a
temporary file on disk and then to storage. The upload itself was read from the request
encrypted under a key of its own (handslag.tendering.upload_spool), so the plaintext is
never on disk at any point. Its type is decided from its first bytes
(the `filetype` package), never from its name or the browser's word, and its name must
agree with its content.

Nothing here records anything in the database: the submit service writes the sealed
blobs first, then records the tender and its files in one transaction, and deletes the
blobs if that fails.
"""

import contextlib
import hashlib
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Protocol

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils.translation import gettext as _

from handslag.core.files import display_name
from handslag.core.uploads import upload_spool_dir
from handslag.tendering import crypto

HEAD_BYTES = 8192
MAX_FILES = 20
MAX_NAME_CHARS = 200
STORAGE_PREFIX = "sealed-tenders"

# Content types accepted, with the file name extensions that may carry them.
ALLOWED: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({"pdf"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": frozenset({"xlsx"}),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": frozenset(
        {"pptx"}
    ),
    "application/vnd.oasis.opendocument.text": frozenset({"odt"}),
    "application/vnd.oasis.opendocument.spreadsheet": frozenset({"ods"}),
    "application/zip": frozenset({"zip"}),
    "image/png": frozenset({"png"}),
    "image/jpeg": frozenset({"jpg", "jpeg"}),
}
TEXT_EXTENSIONS = frozenset({"txt", "csv"})
# Markup a browser could run as a page or a script, whatever the file is called.
MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")


class Upload(Protocol):
    name: str | None

    def chunks(self, chunk_size: int | None = None) -> Iterable[bytes]: ...


@dataclass
class SealedBlob:
    """A file written to storage as ciphertext, not yet recorded."""

    file_id: str
    name: str
    blob: str
    size: int
    sha256: str


def max_tender_bytes() -> int:
    """Read at call time, so a changed setting (or a test's) applies at once."""
    return int(getattr(settings, "TENDER_MAX_BYTES", 200 * 1024 * 1024))


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB"


def too_large() -> ValidationError:
    return ValidationError(
        {
            "files": _("The tender's files are larger than the limit of %(limit)s.")
            % {"limit": _megabytes(max_tender_bytes())}
        }
    )


def clean_name(name: str | None) -> str:
    """The file's name as the supplier gave it, made safe (core.files.display_name): any
    folder path dropped, Unicode normalised, control characters removed, at most
    MAX_NAME_CHARS long. Refused only if nothing is left of it. It is sealed with the file
    and shown only where the tender may be read; storage uses the file's id, never this."""
    name = display_name(name, max_chars=MAX_NAME_CHARS)
    if not name:
        raise ValidationError({"files": _("Every file needs a name.")})
    return name


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def check_type(*, name: str, head: bytes) -> str:
    """The content type decided from the first bytes; refuses types not allowed or disguised."""
    extension = _extension(name)
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime not in ALLOWED:
            raise ValidationError(
                {
                    "files": _("%(name)s is a file type that is not accepted (%(type)s).")
                    % {"name": name, "type": kind.extension}
                }
            )
        if extension not in ALLOWED[kind.mime]:
            raise ValidationError(
                {
                    "files": _(
                        "The name of %(name)s does not match its content (%(type)s). "
                        "Give the file its right extension."
                    )
                    % {"name": name, "type": kind.extension}
                }
            )
        return kind.mime
    lowered = head.lstrip().lower()
    text = extension in TEXT_EXTENSIONS and not lowered.startswith(MARKUP)
    if text:
        try:
            # The head may end inside a multi-byte character; only whole text is accepted.
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            text = error.start >= len(head) - 3
    if not text:
        raise ValidationError(
            {
                "files": _(
                    "%(name)s is a file type that is not accepted. Send PDF, Word, Excel, "
                    "PowerPoint, OpenDocument, ZIP, PNG, JPEG, text or CSV."
                )
                % {"name": name}
            }
        )
    return "text/csv" if extension == "csv" else "text/plain"


class _Meter:
    """Counts, hashes and type-checks a plaintext stream as it passes through."""

    def __init__(self, *, name: str, budget: int) -> None:
        self.name, self.budget = name, budget
        self.size, self.sha = 0, hashlib.sha256()

    def stream(self, chunks: Iterable[bytes]) -> Iterator[bytes]:
        head, checked = bytearray(), False
        for chunk in chunks:
            if not chunk:
                continue
            self.size += len(chunk)
            if self.size > self.budget:
                raise too_large()
            self.sha.update(chunk)
            if not checked:
                head += chunk
                if len(head) < HEAD_BYTES:
                    continue
                check_type(name=self.name, head=bytes(head[:HEAD_BYTES]))
                checked = True
                yield bytes(head)
                head = bytearray()
                continue
            yield chunk
        if not checked:
            if not head:
                raise ValidationError(
                    {"files": _("%(name)s is empty. Send the file again.") % {"name": self.name}}
                )
            check_type(name=self.name, head=bytes(head))
            yield bytes(head)


def seal_to_storage(
    *, data_key: bytes, call_id: int, upload: Upload, budget: int, written: list[SealedBlob]
) -> SealedBlob:
    """Stream one upload through the meter and the cipher into storage.

    The blob is appended to `written` as soon as it exists in storage, so the caller can
    delete it whatever fails afterwards.
    """
    name = clean_name(upload.name)
    file_id = secrets.token_hex(16)
    meter = _Meter(name=name, budget=budget)
    # Ciphertext only, but kept out of the shared system temporary directory all the same.
    with tempfile.TemporaryFile(prefix="handslag-tender-", dir=upload_spool_dir()) as spool:
        for record in crypto.encrypt_file_stream(
            data_key=data_key,
            chunks=meter.stream(upload.chunks()),
            call_id=call_id,
            file_id=file_id,
        ):
            spool.write(record)
        spool.seek(0)
        stored = default_storage.save(f"{STORAGE_PREFIX}/{call_id}/{file_id}.sealed", File(spool))
    sealed = SealedBlob(
        file_id=file_id, name=name, blob=stored, size=meter.size, sha256=meter.sha.hexdigest()
    )
    written.append(sealed)
    return sealed


def delete_blobs(blobs: Iterable[SealedBlob | str]) -> None:
    """Remove written blobs after a failed submission; never raises."""
    for item in blobs:
        name = item.blob if isinstance(item, SealedBlob) else item
        # Best effort: a blob left behind is ciphertext that no row points to.
        with contextlib.suppress(Exception):
            default_storage.delete(name)


def open_blob(name: str) -> IO[bytes]:
    return default_storage.open(name, "rb")
