"""Reads for negotiation rounds, the diff between rounds and the confidential channels.

As for round 1, nothing here tells the buyer whether (or how many) tenders arrived in a
round before that round is opened.
"""

import difflib
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import ProjectRole
from handslag.core.permissions import forbidden, not_found
from handslag.market.models import Call
from handslag.projects.permissions import is_internal_member
from handslag.tendering import registry
from handslag.tendering.gateway import access_tender_content, access_tender_files
from handslag.tendering.models import (
    NegotiationMessage,
    NegotiationRound,
    Tender,
    TenderStatus,
)
from handslag.tendering.opening import call_opened_at, current_round, is_round_opened
from handslag.tendering.permissions import (
    can_confirm_opening,
    can_start_round,
    channel_supplier_ids,
    require_declaration,
    round_supplier_ids,
    tendering_organisations,
)
from handslag.tendering.selectors.opening import opening_record, opening_sitting
from handslag.tendering.selectors.tenders import sealed_message


@dataclass
class RoundRow:
    """One round as the team sees it: round 1 is the original call."""

    number: int
    deadline: Any
    change_text: str
    opened_at: Any

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and timezone.now() >= self.deadline


def round_rows(*, call: Call) -> list[RoundRow]:
    rows = [RoundRow(1, call.tender_deadline, "", call_opened_at(call))]
    rows += [
        RoundRow(r.number, r.deadline, r.change_text, r.opened_at)
        for r in NegotiationRound.objects.filter(call=call).order_by("number")
    ]
    return rows


def access_round(*, call: Call, number: int) -> NegotiationRound:
    """A negotiation round (2 and later) of the call, or 404."""
    found = NegotiationRound.objects.filter(call=call, number=number).first()
    if found is None:
        raise not_found()
    return found


def rounds_overview(*, user: User, call: Call) -> dict[str, Any]:
    """The rounds page for the team: every round, and whether a new one can start."""
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    rows = round_rows(call=call)
    last = rows[-1]
    awarded = registry.is_awarded(call)
    return {
        "rounds": rows,
        "can_start": can_start_round(user=user, call=call)
        and last.opened_at is not None
        and not awarded,
        "next_number": last.number + 1,
        "awarded": awarded,
    }


def round_opening_overview(*, user: User, call: Call, number: int) -> dict[str, Any]:
    """A negotiation round's opening page: confirmations, and the record once opened."""
    negotiation = access_round(call=call, number=number)
    now = timezone.now()
    sitting = opening_sitting(call=call, round_number=number, now=now)
    confirmations = sitting.confirmations
    officials = list(
        User.objects.filter(
            project_memberships__project_id=call.project_id,
            project_memberships__role=ProjectRole.OPENING_OFFICIAL,
        ).order_by("first_name", "last_name", "username")
    )
    confirmed_ids = {c.official_id for c in confirmations}
    opened = negotiation.opened_at is not None
    deadline_passed = now >= negotiation.deadline
    return {
        "round": negotiation,
        "sitting": sitting,
        "officials": officials,
        "confirmations": confirmations,
        "user_is_official": can_confirm_opening(user=user, call=call),
        "user_confirmed": user.pk in confirmed_ids,
        "deadline_passed": deadline_passed,
        "can_confirm": can_confirm_opening(user=user, call=call)
        and deadline_passed
        and not opened
        and user.pk not in confirmed_ids,
        "record": opening_record(call=call, round_number=number) if opened else None,
        "record_tenders": list(
            Tender.objects.filter(call=call, round=number)
            .select_related("supplier")
            .order_by("submitted_at", "pk")
        )
        if opened
        else [],
        "sealed_message": sealed_message(),
    }


def tender_changeable(tender: Tender) -> bool:
    """Whether its supplier may still replace or withdraw the tender: it is submitted, in the
    call's current round, and that round's deadline has not passed (the server's clock)."""
    if tender.status != TenderStatus.SUBMITTED:
        return False
    current = current_round(tender.call)
    now = timezone.now()
    if current is None:
        return (
            tender.round == 1
            and tender.call.status == "published"
            and tender.call.tender_deadline is not None
            and now < tender.call.tender_deadline
            and call_opened_at(tender.call) is None
        )
    return tender.round == current.number and current.opened_at is None and now < current.deadline


# --- the diff between two consecutive rounds ----------------------------------------------


@dataclass
class DiffLine:
    kind: str  # "equal", "delete" or "insert"
    text: str

    @property
    def css_class(self) -> str:
        return f"diff-{self.kind}"


@dataclass
class FileChange:
    name: str
    kind: str  # "added", "removed", "changed"
    old_sha256: str = ""
    new_sha256: str = ""


@dataclass
class TendererDiff:
    supplier: Organisation
    old: Tender | None
    new: Tender | None
    lines: list[DiffLine] = field(default_factory=list)
    old_price: Decimal | None = None
    new_price: Decimal | None = None
    files: list[FileChange] = field(default_factory=list)

    @property
    def price_change(self) -> Decimal | None:
        if self.old_price is None or self.new_price is None:
            return None
        return self.new_price - self.old_price

    @property
    def changed(self) -> bool:
        return any(line.kind != "equal" for line in self.lines) or bool(
            self.files or self.price_change
        )


def content_diff(old: str, new: str) -> list[DiffLine]:
    """Line by line: what stayed, what went and what came (rendered with CSS classes)."""
    a, b = old.splitlines(), new.splitlines()
    lines: list[DiffLine] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            lines += [DiffLine("equal", text) for text in a[i1:i2]]
            continue
        lines += [DiffLine("delete", text) for text in a[i1:i2]]
        lines += [DiffLine("insert", text) for text in b[j1:j2]]
    return lines


def file_changes(old: dict[str, str], new: dict[str, str]) -> list[FileChange]:
    """Files by name and SHA-256: added, removed and changed (unchanged ones are left out)."""
    changes = [FileChange(name, "removed", old_sha256=old[name]) for name in old if name not in new]
    for name, sha in new.items():
        if name not in old:
            changes.append(FileChange(name, "added", new_sha256=sha))
        elif old[name] != sha:
            changes.append(FileChange(name, "changed", old_sha256=old[name], new_sha256=sha))
    return sorted(changes, key=lambda c: (c.name, c.kind))


def _latest_per_supplier(call: Call, number: int) -> dict[int, Tender]:
    latest: dict[int, Tender] = {}
    for tender in (
        Tender.objects.filter(call=call, round=number)
        .select_related("supplier", "call__project")
        .order_by("submitted_at", "pk")
    ):
        if tender.status != TenderStatus.REPLACED:
            latest[tender.supplier_id] = tender
    return latest


def round_diff(*, user: User, call: Call, number: int) -> dict[str, Any]:
    """What changed from round `number - 1` to round `number`: the documents, and per tenderer
    its content, price and files. Only once both rounds are opened, to the team that may read
    tenders (after its conflict-of-interest declaration)."""
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    negotiation = access_round(call=call, number=number)
    if not (is_round_opened(call, number - 1) and is_round_opened(call, number)):
        raise forbidden(sealed_message())
    require_declaration(user=user, call=call)
    old, new = _latest_per_supplier(call, number - 1), _latest_per_supplier(call, number)
    invited = round_supplier_ids(call=call, number=number - 1)
    rows = []
    for supplier_id in sorted(invited | set(new), key=lambda pk: (old.get(pk) or new[pk]).pk):
        before, after = old.get(supplier_id), new.get(supplier_id)
        supplier = (before or after).supplier
        row = TendererDiff(supplier=supplier, old=before, new=after)
        texts, files = ["", ""], [{}, {}]
        for index, tender in enumerate((before, after)):
            if tender is None or tender.status != TenderStatus.SUBMITTED:
                continue
            content = access_tender_content(user=user, tender=tender)
            texts[index] = content.content
            if index == 0:
                row.old_price = content.price
            else:
                row.new_price = content.price
            files[index] = {
                f.name: f.record.sha256 for f in access_tender_files(user=user, tender=tender)
            }
        row.lines = content_diff(texts[0], texts[1])
        row.files = file_changes(files[0], files[1])
        rows.append(row)
    return {"round": negotiation, "previous_number": number - 1, "rows": rows}


# --- the confidential channel and the supplier's view -----------------------------------


def channel_messages(*, call: Call, supplier: Organisation) -> list[NegotiationMessage]:
    """A channel's messages; callers have checked access with permissions.access_channel."""
    return list(
        NegotiationMessage.objects.filter(call=call, supplier=supplier)
        .select_related("author")
        .order_by("created_at", "pk")
    )


def channels_for_team(*, user: User, call: Call) -> list[dict[str, Any]]:
    """The tenderers the team can write to (once round 1 is opened), with message counts."""
    if not is_internal_member(user=user, project=call.project):
        raise not_found()
    ids = channel_supplier_ids(call=call)
    counts: dict[int, int] = {}
    for supplier_id in NegotiationMessage.objects.filter(
        call=call, supplier_id__in=ids
    ).values_list("supplier_id", flat=True):
        counts[supplier_id] = counts.get(supplier_id, 0) + 1
    return [
        {"supplier": organisation, "messages": counts.get(organisation.pk, 0)}
        for organisation in Organisation.objects.filter(pk__in=ids).order_by("name")
    ]


def negotiation_for_supplier(*, user: User, call: Call) -> dict[str, Any]:
    """The supplier's view: the rounds it takes part in, their deadlines and changes, its
    own tenders per round and whether it may submit now. 404 to anyone not a tenderer."""
    if not user.is_authenticated:
        raise not_found()
    own = user.supplier_organisation_ids & channel_supplier_ids(call=call)
    if not own:
        raise not_found()
    now = timezone.now()
    current = current_round(call)
    rounds = [
        r
        for r in NegotiationRound.objects.filter(call=call).order_by("number")
        if own & round_supplier_ids(call=call, number=r.number - 1)
    ]
    tenders = list(
        Tender.objects.filter(call=call, supplier_id__in=own)
        .select_related("supplier")
        .order_by("round", "submitted_at", "pk")
    )
    can_submit = (
        current is not None
        and current in rounds
        and current.opened_at is None
        and now < current.deadline
        and bool(tendering_organisations(user=user, call=call))
    )
    return {
        "rounds": rounds,
        "current": current,
        "tenders": tenders,
        "can_submit": can_submit,
        "organisations": list(Organisation.objects.filter(pk__in=own).order_by("name")),
    }
