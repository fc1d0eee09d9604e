"""The one gateway to sealed content: every decryption of a tender, a file or a claim.

A tender is sealed with its call's key until the opening (LOU 12 kap. 4 §; OSL 19 kap.
3 § andra stycket), so reading one is a decision with a ground. Each function here opens
content on exactly one of three grounds, and says which:

* ``OPENED`` — the tender's round has been opened by two appointed officials, and the
  reader is on the project's internal team (with a conflict-of-interest declaration where
  one is needed);
* ``OWN_SUPPLIER`` — the reader belongs to the tender's own supplier;
* ``DISCLOSURE`` — a request for public documents is handled for an opened tender, and
  what the public receives was released by a disclosure decision (the disclosure app
  checks the official and the decision; this module checks that the tender is opened).

Nothing else in the project imports the decrypting functions of ``sealing.py`` or
``crypto.py``; ``tests/test_gateway.py`` walks every module to keep it so.
"""

import enum
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from handslag.accounts.models import User
from handslag.core.models import as_public_id
from handslag.core.permissions import not_found
from handslag.market.models import Call
from handslag.tendering import crypto, sealing
from handslag.tendering.models import CallKey, Tender, TenderFile
from handslag.tendering.opening import is_opened, is_tender_opened
from handslag.tendering.permissions import (
    is_tender_supplier,
    require_tender_readable,
    visible_tenders,
)


class Ground(enum.StrEnum):
    """Why sealed content may be read."""

    OPENED = "opened"
    OWN_SUPPLIER = "own_supplier"
    DISCLOSURE = "disclosure"


@dataclass(frozen=True)
class TenderContent:
    """A tender's decrypted content."""

    content: str
    price: Decimal


def access_tender_content(*, user: User, tender: Tender) -> TenderContent:
    """Decrypt a tender for the team (ground OPENED) or its own supplier (OWN_SUPPLIER),
    only after its round's opening."""
    require_tender_readable(user=user, tender=tender)
    data = sealing.unseal(tender=tender)
    return TenderContent(content=data["content"], price=data["price"])


@dataclass(frozen=True)
class OpenedFile:
    """A tender file released after the opening: its name and a stream of its plaintext."""

    record: TenderFile
    name: str

    def chunks(self) -> Iterator[bytes]:
        return sealing.unseal_file(tender_file=self.record)


def access_tender_file(*, user: User, public_id: uuid.UUID | str) -> OpenedFile:
    """A tender's file, decrypted on the fly, under the same rule as access_tender_content.

    Fetched within visible_tenders, so another call's sealed file and a missing one are
    the same 404 by the same query."""
    record = (
        TenderFile.objects.select_related("tender__call__project", "tender__supplier")
        .filter(public_id=as_public_id(public_id), tender__in=visible_tenders(user=user))
        .first()
    )
    if record is None:
        raise not_found()
    require_tender_readable(user=user, tender=record.tender)
    return OpenedFile(record=record, name=sealing.unseal_file_name(tender_file=record))


def access_tender_files(*, user: User, tender: Tender) -> list[OpenedFile]:
    """All of a tender's files with their names, under the rule of access_tender_content."""
    require_tender_readable(user=user, tender=tender)
    return [
        OpenedFile(record=record, name=sealing.unseal_file_name(tender_file=record))
        for record in tender.files.all()
    ]


@dataclass(frozen=True)
class FileName:
    """A tender file's record with its name in clear, and nothing of its content."""

    record: TenderFile
    name: str


def _file_names(tender: Tender) -> list[FileName]:
    return [
        FileName(record=record, name=sealing.unseal_file_name(tender_file=record))
        for record in tender.files.all()
    ]


def access_own_file_names(*, user: User, tender: Tender) -> list[FileName]:
    """The names of a tender's files for its own supplier, at any time (ground
    OWN_SUPPLIER): the supplier chose them, and checks its receipt against its own copies.
    404 for anyone else, the buyer included, before the opening and after it."""
    if not is_tender_supplier(user=user, tender=tender):
        raise not_found()
    return _file_names(tender)


def receipt_file_names(*, tender: Tender) -> list[FileName]:
    """The names of a tender's files for the receipt (ground OWN_SUPPLIER).

    Only for the receipt document (documents.receipt_pdf), which is delivered to the
    tender's own supplier alone: the receipt page and API after
    permissions.access_supplier_tender, and the receipt e-mail to the supplier's people."""
    return _file_names(tender)


def open_tender_prices(*, call: Call, tenders: Iterable[Tender]) -> dict[int, Decimal]:
    """The tenders' prices for the ranking (ground OPENED): empty while the call is sealed.

    The ranking is shown only to those who may see it (the evaluation app's permissions);
    the prices themselves never leave the call's opened tenders."""
    if not is_opened(call):
        return {}
    return {t.pk: sealing.unseal(tender=t)["price"] for t in tenders}


def open_own_tender(*, user: User, tender: Tender) -> str:
    """A tender's text for its own supplier at any time (ground OWN_SUPPLIER): the supplier
    wrote it, and checks its confidentiality claims against it before the opening too."""
    if not is_tender_supplier(user=user, tender=tender):
        raise not_found()
    return sealing.unseal(tender=tender)["content"]


def _require_opened(tender: Tender) -> None:
    if not is_tender_opened(tender):
        raise not_found()


def open_for_disclosure(*, tender: Tender) -> str:
    """An opened tender's text for a disclosure case (ground DISCLOSURE)."""
    _require_opened(tender)
    return sealing.unseal(tender=tender)["content"]


def open_file_name_for_disclosure(*, tender_file: TenderFile) -> str:
    """An opened tender's file name for a disclosure case (ground DISCLOSURE)."""
    _require_opened(tender_file.tender)
    return sealing.unseal_file_name(tender_file=tender_file)


def open_released_file(*, tender_file: TenderFile) -> Iterator[bytes]:
    """A file that a disclosure decision released to the public (ground DISCLOSURE)."""
    _require_opened(tender_file.tender)
    return sealing.unseal_file(tender_file=tender_file)


def seal_bound(*, tender: Tender, binding: str, plaintext: bytes) -> bytes:
    """Seal a blob that belongs to a tender (claims, masks) under a binding of its own, so
    it cannot be passed off as the tender or moved to another tender."""
    key = CallKey.objects.get(call_id=tender.call_id)
    return crypto.encrypt_tender(
        data_key=sealing.data_key(key=key),
        plaintext=plaintext,
        call_id=tender.call_id,
        receipt=binding,
    )


def open_bound(*, tender: Tender, binding: str, ciphertext: bytes) -> bytes:
    """Open a blob sealed with :func:`seal_bound`: a supplier's confidentiality claims or an
    official's masks. Claims are the supplier's own words about its tender (ground
    OWN_SUPPLIER) and are read by the buyer only where the tender is readable or a
    disclosure case is handled (grounds OPENED, DISCLOSURE); the disclosure app's
    permissions decide which before calling this."""
    key = CallKey.objects.get(call_id=tender.call_id)
    return crypto.decrypt_tender(
        data_key=sealing.data_key(key=key),
        ciphertext=bytes(ciphertext),
        call_id=tender.call_id,
        receipt=binding,
    )
