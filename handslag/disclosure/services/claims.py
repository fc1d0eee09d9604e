"""The supplier's confidentiality claims on its own tender, sealed until the opening."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.disclosure import sealing
from handslag.disclosure.audit_actions import DisclosureAction
from handslag.disclosure.models import ClaimSet
from handslag.disclosure.permissions import claims_open
from handslag.tendering.gateway import open_own_tender
from handslag.tendering.models import Tender, TenderFile
from handslag.tendering.permissions import is_tender_supplier
from handslag.tendering.services._common import _lock_call

MAX_CLAIMS = 200
MAX_PASSAGE_CHARS = 10_000
MAX_REASON_CHARS = 2_000


def claim_list(*, tender: Tender) -> list[dict]:
    """The tender's claims in clear. Callers check access first (permissions.py)."""
    claim_set = ClaimSet.objects.filter(tender=tender).first()
    if claim_set is None:
        return []
    return sealing.unseal_claims(tender=tender, ciphertext=claim_set.ciphertext)


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason why this is confidential.")})
    if len(reason) > MAX_REASON_CHARS:
        raise ValidationError(
            {
                "reason": _("The reason can be at most %(max)s characters.")
                % {"max": MAX_REASON_CHARS}
            }
        )
    return reason


def _locked_tender(actor: User, tender: Tender, now: dt.datetime) -> Tender:
    _lock_call(tender.call)
    tender = Tender.objects.select_related("call", "supplier").get(pk=tender.pk)
    if not is_tender_supplier(user=actor, tender=tender):
        raise forbidden()
    if not claims_open(tender=tender, now=now):
        raise ValidationError(
            _(
                "Confidentiality can be claimed only on a submitted tender, before the "
                "deadline for tenders."
            )
        )
    return tender


def _store(actor: User, tender: Tender, claims: list[dict]) -> None:
    ciphertext = sealing.seal_claims(tender=tender, claims=claims)
    ClaimSet.objects.update_or_create(tender=tender, defaults={"ciphertext": ciphertext})
    # The entry names the tender's receipt only: neither the passages nor how many.
    audit_record(
        actor=actor,
        action=DisclosureAction.DISCLOSURE_CLAIMS_CHANGE,
        target=tender,
        data={"call_id": tender.call_id, "receipt": tender.receipt},
        organisation_id=tender.supplier_id,
    )


@transaction.atomic
def claim_add(
    *,
    actor: User,
    tender: Tender,
    reason: str,
    passage: str = "",
    tender_file: TenderFile | None = None,
    now: dt.datetime | None = None,
) -> dict:
    """Mark an exact passage of the tender text, or a whole file, as confidential."""
    now = now or timezone.now()
    tender = _locked_tender(actor, tender, now)
    passage = passage or ""
    if not passage.strip() and tender_file is None:
        raise ValidationError(
            {"passage": _("Copy the exact passage from your tender, or choose a file.")}
        )
    if passage.strip() and tender_file is not None:
        raise ValidationError({"passage": _("Claim a passage or a file, one at a time.")})
    reason = _clean_reason(reason)
    claims = claim_list(tender=tender)
    if len(claims) >= MAX_CLAIMS:
        raise ValidationError(_("A tender can have at most %(max)s claims.") % {"max": MAX_CLAIMS})
    claim = {"id": secrets.token_hex(8), "reason": reason, "at": now.isoformat()}
    if tender_file is not None:
        if tender_file.tender_id != tender.pk:
            raise ValidationError({"file": _("Choose one of the files of this tender.")})
        if any(c.get("file_id") == tender_file.file_id for c in claims):
            raise ValidationError({"file": _("You have already claimed this file.")})
        claim.update(kind="file", file_id=tender_file.file_id, file_pk=tender_file.pk)
    else:
        if len(passage) > MAX_PASSAGE_CHARS:
            raise ValidationError(
                {
                    "passage": _("A passage can be at most %(max)s characters.")
                    % {"max": MAX_PASSAGE_CHARS}
                }
            )
        content = open_own_tender(user=actor, tender=tender)
        if passage not in content:
            raise ValidationError(
                {
                    "passage": _(
                        "The passage does not occur in your tender. Copy it exactly as it "
                        "stands in the tender text."
                    )
                }
            )
        if any(c.get("passage") == passage for c in claims):
            raise ValidationError({"passage": _("You have already claimed this passage.")})
        claim.update(kind="passage", passage=passage)
    claims.append(claim)
    _store(actor, tender, claims)
    return claim


@transaction.atomic
def claim_remove(
    *, actor: User, tender: Tender, claim_id: str, now: dt.datetime | None = None
) -> None:
    now = now or timezone.now()
    tender = _locked_tender(actor, tender, now)
    claims = claim_list(tender=tender)
    kept = [c for c in claims if c["id"] != claim_id]
    if len(kept) == len(claims):
        raise ValidationError(_("There is no such claim on this tender."))
    _store(actor, tender, kept)
