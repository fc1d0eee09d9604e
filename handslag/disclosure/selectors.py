"""Reads: claims with their rulings, masks, redacted text, request lists.

Callers have checked access (permissions.py) before asking for anything sealed.
"""

import uuid
from dataclasses import dataclass, field

from django.db.models import QuerySet

from handslag.accounts.models import User
from handslag.disclosure import redaction, sealing
from handslag.disclosure.models import (
    CaseStatus,
    DocumentRequest,
    FileDecision,
    Outcome,
    RedactionCase,
)
from handslag.disclosure.services.claims import claim_list
from handslag.market.models import Call
from handslag.tendering.gateway import open_file_name_for_disclosure, open_for_disclosure
from handslag.tendering.models import Tender, TenderStatus
from handslag.tendering.permissions import visible_tenders


@dataclass
class ClaimRow:
    claim: dict
    mask: bool | None = None
    reason: str = ""

    @property
    def id(self) -> str:
        return self.claim["id"]

    @property
    def is_file(self) -> bool:
        return self.claim.get("kind") == "file"


@dataclass
class CaseView:
    case: RedactionCase
    content: str
    claims: list[ClaimRow]
    masks: list[dict]
    files: list[dict] = field(default_factory=list)

    @property
    def masked_passages(self) -> list[str]:
        claimed = [r.claim["passage"] for r in self.claims if r.mask and not r.is_file]
        return claimed + [m["passage"] for m in self.masks]

    @property
    def masked_file_ids(self) -> set[str]:
        return {r.claim["file_id"] for r in self.claims if r.mask and r.is_file}

    @property
    def redacted(self) -> str:
        return redaction.redact(self.content, self.masked_passages)

    @property
    def unruled(self) -> list[ClaimRow]:
        return [r for r in self.claims if r.mask is None]


def masks_of(*, case: RedactionCase) -> list[dict]:
    return [
        {
            "id": m.mask_id,
            **sealing.unseal_mask(tender=case.tender, mask_id=m.mask_id, ciphertext=m.ciphertext),
        }
        for m in case.masks.all()
    ]


def case_view(*, case: RedactionCase) -> CaseView:
    """Everything the workspace shows: text, claims with rulings, masks, files."""
    rulings = {r.claim_id: r for r in case.claim_rulings.all()}
    claims = []
    for claim in claim_list(tender=case.tender):
        ruling = rulings.get(claim["id"])
        claims.append(
            ClaimRow(
                claim=claim,
                mask=None if ruling is None else ruling.mask,
                reason="" if ruling is None else ruling.reason,
            )
        )
    decisions = {d.tender_file_id: d for d in case.file_rulings.all()}
    files = [
        {
            "record": record,
            "name": open_file_name_for_disclosure(tender_file=record),
            "decision": decisions.get(record.pk),
        }
        for record in case.tender.files.all()
    ]
    return CaseView(
        case=case,
        content=open_for_disclosure(tender=case.tender),
        claims=claims,
        masks=masks_of(case=case),
        files=files,
    )


def request_list_for_call(*, call: Call) -> QuerySet[DocumentRequest]:
    return DocumentRequest.objects.filter(call=call).prefetch_related("cases__tender__supplier")


def consultations_for_supplier(*, user: User) -> QuerySet[RedactionCase]:
    if not user.is_authenticated:
        return RedactionCase.objects.none()
    return RedactionCase.objects.filter(
        tender__supplier_id__in=user.supplier_organisation_ids,
        consultation_sent_at__isnull=False,
    ).select_related("tender__call")


def released_cases(*, request: DocumentRequest) -> list[RedactionCase]:
    """The cases whose text is released in whole or redacted, for the requester."""
    return list(
        request.cases.filter(
            status=CaseStatus.DECIDED,
            text_outcome__in=(Outcome.RELEASE, Outcome.RELEASE_REDACTED),
        ).select_related("tender__supplier", "tender__call")
    )


def released_files(*, request: DocumentRequest) -> list[FileDecision]:
    return list(
        FileDecision.objects.filter(
            case__request=request,
            case__status=CaseStatus.DECIDED,
            outcome__in=(Outcome.RELEASE, Outcome.RELEASE_REDACTED),
        ).select_related("tender_file", "case__tender__supplier")
    )


def released_file(*, request: DocumentRequest, public_id: uuid.UUID) -> FileDecision | None:
    return next((d for d in released_files(request=request) if d.public_id == public_id), None)


def tender_choices(*, user: User, call: Call) -> QuerySet[Tender]:
    """The call's standing tenders a request can be for: only those `user` may know of,
    so none before the opening (tendering.permissions.visible_tenders)."""
    return (
        visible_tenders(user=user)
        .filter(call=call, status=TenderStatus.SUBMITTED)
        .select_related("supplier")
    )
