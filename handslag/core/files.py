"""Files people upload and download, for every app that keeps them.

An upload is checked before it is kept: name, size, type from its content, checksum. The
file is read in chunks, never whole into memory. Its type is decided from its first bytes
(the `filetype` package), not from its name or the browser's word, and the name must agree
with the content, so an executable or a web page cannot pass as a PDF. A checked file is
written before its records are saved and removed again if they cannot be, and a stored
file goes back out only as a download a browser will not render as one of our pages.
"""

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Protocol

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
# The largest file accepted, in bytes (settings.DOCUMENT_MAX_BYTES, 50 MB by default).
DOCUMENT_MAX_BYTES = getattr(settings, "DOCUMENT_MAX_BYTES", DEFAULT_MAX_BYTES)

HEAD_BYTES = 64 * 1024
TEXT_TYPES = {"txt": "text/plain", "csv": "text/csv"}
ALLOWED: dict[str, tuple[str, frozenset[str]]] = {
    "application/pdf": ("PDF", frozenset({"pdf"})),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        "Word (DOCX)",
        frozenset({"docx"}),
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (
        "Excel (XLSX)",
        frozenset({"xlsx"}),
    ),
    "application/vnd.oasis.opendocument.text": ("OpenDocument (ODT)", frozenset({"odt"})),
    "image/png": ("PNG", frozenset({"png"})),
    "image/jpeg": ("JPEG", frozenset({"jpg", "jpeg"})),
}
# The European Single Procurement Document's response, as the EU's ESPD service and the
# national tools save it: XML whose root is ESPD-EDM's (version 1 and version 2 and later).
ESPD_ROOTS = (b"espdresponse", b"qualificationapplicationresponse")
# Markup a browser could run as a page or a script, whatever the file is called.
MARKUP = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<?xml", b"<iframe")
# Programs, refused with a message that says so: by their first bytes (Windows PE, ELF,
# Mach-O, a script's #! line) and by the extensions that run when opened.
EXECUTABLE_MAGIC = (
    b"MZ",
    b"\x7fELF",
    b"#!",
    b"\xfe\xed\xfa\xce",
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",
    b"\xca\xfe\xba\xbe",
)
EXECUTABLE_EXTENSIONS = frozenset(
    {
        "exe", "com", "bat", "cmd", "msi", "msp", "scr", "dll", "cpl", "sys", "ps1", "psm1",
        "vbs", "vbe", "js", "jse", "wsf", "wsh", "hta", "jar", "sh", "bash", "app", "apk",
        "deb", "rpm", "run", "bin", "lnk", "reg", "dmg", "pkg",
    }
)  # fmt: skip


class Upload(Protocol):
    name: str | None

    def chunks(self, chunk_size: int | None = None) -> Iterable[bytes]: ...


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    extension: str
    content_type: str
    size: int
    sha256: str


def max_upload_bytes() -> int:
    """Read at call time, so a changed setting (or a test's) applies at once."""
    return int(getattr(settings, "DOCUMENT_MAX_BYTES", DOCUMENT_MAX_BYTES))


def accepted_types_text() -> str:
    return ", ".join([label for label, _exts in ALLOWED.values()] + [_("text (TXT, CSV)")])


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


DISPLAY_NAME_CHARS = 200
_SPACES = re.compile(r"\s+")


def display_name(name: str | None, *, max_chars: int = DISPLAY_NAME_CHARS) -> str:
    """A file's name as the person gave it, made safe to show and to offer for download.

    Any folder path the client sent is dropped (only what follows the last ``/`` or
    ``\\`` is kept), the text is normalised to NFC, control and format characters (among
    them the right-to-left override that makes ``fdp.exe`` look like ``exe.pdf``) are
    removed, white space is collapsed, leading dots go, and the name is shortened to
    `max_chars` keeping its extension. Empty when nothing is left. The result is a label
    only: files are stored under ids of their own, never under this name.
    """
    name = re.split(r"[/\\]", name or "")[-1]
    name = unicodedata.normalize("NFC", name)
    name = "".join(" " if c in "\t\n\r" else c for c in name)
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _SPACES.sub(" ", name).strip().lstrip(". ").strip()
    if len(name) > max_chars:
        stem, dot, extension = name.rpartition(".")
        if dot and 0 < len(extension) <= 16 and stem:
            name = f"{stem[: max_chars - len(extension) - 1].rstrip()}.{extension}"
        else:
            name = name[:max_chars].rstrip()
    return name


def safe_filename(name: str | None) -> str:
    """The name to show and to offer for download; a name with a folder path is refused."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"file": [_("The file has no name.")]})
    if "/" in name or "\\" in name or "\x00" in name or name in {".", ".."}:
        raise ValidationError(
            {
                "file": [
                    _("The file name must not contain a folder path: give only the file's name.")
                ]
            }
        )
    stem, extension = os.path.splitext(name)
    cleaned = get_valid_filename(stem.lstrip(".")) if stem.lstrip(".") else ""
    extension = get_valid_filename(extension.lstrip(".")).lower() if extension else ""
    if not cleaned or not extension:
        raise ValidationError(
            {"file": [_("The file name must end with its type, for example report.pdf.")]}
        )
    return f"{cleaned[: 250 - len(extension)]}.{extension}"


def check_upload(
    upload: Upload,
    *,
    max_bytes: int | None = None,
    filename: str | None = None,
    espd_xml: bool = False,
) -> CheckedFile:
    """Name, size, type and SHA-256 of the upload; ValidationError if it is refused.

    `filename`, when given, is the name to keep instead of safe_filename(upload.name): a
    display_name() that keeps the person's own spelling (spaces, å ä ö). It must still end
    in its type, which the content must agree with.
    `espd_xml` also accepts an ESPD response saved as XML (.xml): only that document, with
    nothing a browser would run in it; it is only ever downloaded, never shown as a page.
    """
    limit = max_bytes if max_bytes is not None else max_upload_bytes()
    if filename is None:
        filename = safe_filename(upload.name)
    elif "." not in filename.strip(".") or not filename.rsplit(".", 1)[1]:
        raise ValidationError(
            {"file": [_("The file name must end with its type, for example report.pdf.")]}
        )
    extension = filename.rsplit(".", 1)[1].lower()
    if extension in EXECUTABLE_EXTENSIONS:
        raise executable_refused()
    too_large = ValidationError(
        {
            "file": [
                _("The file is too large: the limit is %(limit)s MB.")
                % {"limit": _megabytes(limit)}
            ]
        }
    )
    declared = getattr(upload, "size", None)
    if declared is not None and declared > limit:
        raise too_large
    digest = hashlib.sha256()
    size = 0
    head = b""
    has_nul = False
    for chunk in upload.chunks():
        size += len(chunk)
        if size > limit:
            raise too_large
        digest.update(chunk)
        if len(head) < HEAD_BYTES:
            head += chunk[: HEAD_BYTES - len(head)]
        has_nul = has_nul or b"\x00" in chunk
    if size == 0:
        raise ValidationError({"file": [_("The file is empty.")]})
    if espd_xml and extension == "xml":
        content_type = _espd_content_type(head, has_nul=has_nul)
    else:
        content_type = _content_type(head, extension=extension, has_nul=has_nul)
    return CheckedFile(
        filename=filename,
        extension=extension,
        content_type=content_type,
        size=size,
        sha256=digest.hexdigest(),
    )


def executable_refused() -> ValidationError:
    return ValidationError(
        {
            "file": [
                _(
                    "Programs and scripts (such as .exe, .bat or .sh files) are not accepted: "
                    "they could run on the reader's computer. Accepted types: %(types)s."
                )
                % {"types": accepted_types_text()}
            ]
        }
    )


def _espd_content_type(head: bytes, *, has_nul: bool) -> str:
    """An ESPD response in XML: an XML document whose root element is ESPD-EDM's, with no
    page, script or frame markup anywhere in its first 64 kB."""
    lowered = head.lower()
    if head.startswith(EXECUTABLE_MAGIC):
        raise executable_refused()
    match = re.search(rb"<(?![?!])(?:[a-z0-9_.-]+:)?([a-z0-9_.-]+)", lowered)
    scripted = (b"<!doctype", b"<html", b"<head", b"<body", b"<script", b"<svg", b"<iframe")
    if (
        has_nul
        or match is None
        or match.group(1) not in ESPD_ROOTS
        or any(marker in lowered for marker in scripted)
    ):
        raise ValidationError(
            {
                "file": [
                    _(
                        "Only an ESPD response is accepted as XML (the file the ESPD service "
                        "saves, with ESPDResponse or QualificationApplicationResponse as its "
                        "root); send other documents as PDF."
                    )
                ]
            }
        )
    return "application/xml"


def _content_type(head: bytes, *, extension: str, has_nul: bool) -> str:
    if head.startswith(EXECUTABLE_MAGIC):
        raise executable_refused()
    refused = _("Files of this type are not accepted. Accepted types: %(types)s.") % {
        "types": accepted_types_text()
    }
    kind = filetype.guess(head)
    if kind is not None:
        if kind.mime not in ALLOWED:
            raise ValidationError({"file": [refused]})
        label, extensions = ALLOWED[kind.mime]
        if extension not in extensions:
            raise ValidationError(
                {
                    "file": [
                        _(
                            "The file's content is %(type)s, but its name ends in .%(extension)s. "
                            "Upload the file under its right name."
                        )
                        % {"type": label, "extension": extension}
                    ]
                }
            )
        return kind.mime
    # No known binary signature: only plain text is accepted, and only as .txt or .csv.
    lowered = head.lower()
    if any(marker in lowered for marker in MARKUP):
        raise ValidationError(
            {"file": [_("Files with web page or SVG markup (HTML, SVG, XML) are not accepted.")]}
        )
    if extension not in TEXT_TYPES:
        if extension in {ext for _label, exts in ALLOWED.values() for ext in exts}:
            raise ValidationError(
                {
                    "file": [
                        _("The file's content does not match its name (.%(extension)s).")
                        % {"extension": extension}
                    ]
                }
            )
        raise ValidationError({"file": [refused]})
    if has_nul:
        raise ValidationError(
            {
                "file": [
                    _("The file is not plain text, although its name ends in .%(extension)s.")
                    % {"extension": extension}
                ]
            }
        )
    return TEXT_TYPES[extension]


def store_then_record(*, name: str, content: File, record: Callable[[str], Any]) -> Any:
    """Write the file, then save its records; if saving fails, remove the file again."""
    stored = default_storage.save(name, content)
    try:
        with transaction.atomic():
            return record(stored)
    except BaseException:
        default_storage.delete(stored)
        raise


def rewound(upload: Upload) -> File:
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload if isinstance(upload, File) else File(upload)


def download_response(file, *, filename: str, content_type: str) -> FileResponse:
    """A stored file as a download that a browser never renders as a page of ours."""
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
