"""Who may tender, open, read, declare and negotiate (DESIGN §4.4, §6).

Before the opening nobody at the buyer may read a tender or learn how many have arrived
(OSL 2009:400 19 kap. 3 § andra stycket). The fetchers here therefore answer 404 for a
tender to anyone but its own supplier until the call is opened; reading its content goes
through gateway.py, which applies :func:`require_tender_readable`. Scoring and award are
checked in handslag/evaluation/permissions.py; the conflict-of-interest rule stays here
because the gateway needs it.
"""

import uuid

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, ProjectRole
from handslag.core.models import as_public_id
from handslag.core.permissions import forbidden, not_found
from handslag.market.models import ApplicationStatus, Call, CallStatus
from handslag.projects.models import Project, ProjectMember
from handslag.projects.permissions import (
    can_manage_project,
    can_view_project,
    has_project_role,
    is_internal_member,
)
from handslag.tendering.models import (
    ConflictDeclaration,
    NegotiationRound,
    Tender,
    TenderStatus,
)
from handslag.tendering.opening import current_round, is_opened, is_tender_opened

# Procedures with a selection stage: only invited applicants may tender.
SELECTION_PROCEDURES = frozenset(
    {"innovation_partnership", "negotiated_with_publication", "competitive_dialogue", "restricted"}
)
# Calls a supplier can see on the tendering side (never drafts).
VISIBLE_CALL_STATUSES = (CallStatus.PUBLISHED, CallStatus.CLOSED)


def round_supplier_ids(*, call: Call, number: int) -> set[int]:
    """Suppliers with a standing (submitted) tender in round `number`."""
    return set(
        Tender.objects.filter(call=call, round=number, status=TenderStatus.SUBMITTED).values_list(
            "supplier_id", flat=True
        )
    )


def eligible_supplier_ids(*, call: Call) -> set[int] | None:
    """Supplier organisations invited to tender, or None when any supplier may (open procedure)."""
    if call.legal_procedure in SELECTION_PROCEDURES:
        return set(
            call.applications.filter(status=ApplicationStatus.INVITED).values_list(
                "supplier_id", flat=True
            )
        )
    return None


def tendering_organisations(*, user: User, call: Call) -> list[Organisation]:
    """The supplier organisations on whose behalf `user` may tender in `call`."""
    if not user.is_authenticated:
        return []
    own = user.supplier_organisation_ids
    eligible = eligible_supplier_ids(call=call)
    negotiation = current_round(call)
    if negotiation is not None:
        # In a negotiation round only those who tendered in the previous round may tender.
        eligible = round_supplier_ids(call=call, number=negotiation.number - 1)
    allowed = own if eligible is None else own & eligible
    return list(Organisation.objects.filter(pk__in=allowed, kind=OrganisationKind.SUPPLIER))


def can_tender(*, user: User, call: Call) -> bool:
    return bool(tendering_organisations(user=user, call=call))


def access_call_for_supplier(*, user: User, call_id: int) -> Call:
    """A published (or closed, or cancelled after publication) call that `user` may
    tender in; a cancelled one's page says so instead of showing the form.

    404 for drafts and unknown calls; 403 for a public call the user may not tender in.
    """
    call = (
        Call.objects.select_related("project")
        .filter(
            Q(status__in=VISIBLE_CALL_STATUSES)
            | Q(status=CallStatus.CANCELLED, published_at__isnull=False),
            pk=call_id,
        )
        .first()
    )
    if call is None or not user.is_authenticated:
        raise not_found()
    if not can_tender(user=user, call=call):
        raise forbidden(_("Your organisation has not been invited to tender in this call."))
    return call


def access_call_for_team(*, user: User, call_id: int) -> Call:
    """A call for its project team: 404 to those who may not see the project, 403 to
    buyer staff who may see the project but are not in its team."""
    call = Call.objects.select_related("project").filter(pk=call_id).first()
    if call is None or not user.is_authenticated:
        raise not_found()
    if not can_view_project(user=user, project=call.project):
        raise not_found()
    if not is_internal_member(user=user, project=call.project):
        raise forbidden(_("Only the project team can work with the call's tenders."))
    return call


def is_tender_supplier(*, user: User, tender: Tender) -> bool:
    return user.is_authenticated and tender.supplier_id in user.supplier_organisation_ids


def visible_tenders(*, user: User) -> QuerySet[Tender]:
    """The tenders `user` may know exist: the one rule behind every tender fetcher and
    every list of tenders on the buyer's side.

    Its own supplier's people see a tender always; the project's internal team (never
    external advisors, never other staff at the buyer) only once the tender's own round
    is opened, or once the procurement is cancelled: the absolute secrecy ends when the
    matter is concluded before an award (OSL 19 kap. 3 § andra stycket, "ärendet
    dessförinnan har slutförts"). A cancelled call's tenders are then known to the team
    (to register a request for them as public documents); their content still opens only
    at the opening by two officials (require_tender_readable, gateway.py). Other
    suppliers and everybody else, administrators included, see none. One query with the
    rule inside it, so a tender that does not exist and one the user may not know of come
    back as the same empty result, by the same SQL.
    """
    if not user.is_authenticated:
        return Tender.objects.none()
    buyer_ids = user.buyer_organisation_ids
    team = Exists(ProjectMember.objects.filter(project_id=OuterRef("call__project_id"), user=user))
    owners = Q(call__project__organisation_id__in=buyer_ids) | Exists(
        Project.partner_buyers.through.objects.filter(
            project_id=OuterRef("call__project_id"), organisation_id__in=buyer_ids
        )
    )
    opened = Q(round=1, call__tender_key__opened_at__isnull=False) | Exists(
        NegotiationRound.objects.filter(
            call_id=OuterRef("call_id"), number=OuterRef("round"), opened_at__isnull=False
        )
    )
    cancelled = Q(call__status=CallStatus.CANCELLED, call__cancelled_at__isnull=False)
    own = Q(supplier_id__in=user.supplier_organisation_ids)
    return Tender.objects.filter(own | (team & owners & (opened | cancelled)))


def _fetch_tender(queryset: QuerySet[Tender], public_id: uuid.UUID | str) -> Tender:
    """By public id only: an integer key is never accepted (nor ever shown)."""
    tender = (
        queryset.select_related("call", "call__project", "supplier", "submitted_by")
        .filter(public_id=as_public_id(public_id))
        .first()
    )
    if tender is None:
        raise not_found()
    return tender


def access_tender(*, user: User, public_id: uuid.UUID | str) -> Tender:
    """A tender's metadata: to its supplier always; to the team only after the opening.

    Before the opening the buyer gets 404, so it cannot even learn that the tender exists:
    not by the answer, and not by how long the answer takes.
    """
    return _fetch_tender(visible_tenders(user=user), public_id)


def access_supplier_tender(*, user: User, public_id: uuid.UUID | str) -> Tender:
    """A tender for its own supplier only (receipts, withdrawal); 404 for anyone else."""
    if not user.is_authenticated:
        raise not_found()
    own = Tender.objects.filter(supplier_id__in=user.supplier_organisation_ids)
    return _fetch_tender(own, public_id)


def require_tender_readable(*, user: User, tender: Tender) -> None:
    """Raise unless `user` may read the tender's content: its supplier or the internal
    team, only after its round's opening, the team with a declaration where one is
    needed. Decrypts nothing, so a check costs the same whatever the tender holds."""
    if not user.is_authenticated:
        raise not_found()
    supplier = is_tender_supplier(user=user, tender=tender)
    team = is_internal_member(user=user, project=tender.call.project)
    if not (supplier or team):
        raise not_found()
    if not is_tender_opened(tender):
        if supplier:
            raise forbidden(_("Tenders are sealed until the opening."))
        raise not_found()
    if not supplier:
        require_declaration(user=user, call=tender.call)


def can_confirm_opening(*, user: User, call: Call) -> bool:
    return has_project_role(user=user, project=call.project, roles=(ProjectRole.OPENING_OFFICIAL,))


def can_set_opening_window(*, user: User, call: Call) -> bool:
    """The project lead and procurement officers set how the opening is held."""
    return can_manage_project(user=user, project=call.project)


def is_evaluator(*, user: User, call: Call) -> bool:
    """Scores the call's tenders (the evaluation app's can_score)."""
    return has_project_role(user=user, project=call.project, roles=(ProjectRole.EVALUATOR,))


def records_consensus(*, user: User, call: Call) -> bool:
    """Records the team's consensus (the evaluation app's can_record_consensus)."""
    return can_manage_project(user=user, project=call.project)


# --- conflict of interest (jäv) -----------------------------------------------------------


def needs_declaration(*, user: User, call: Call) -> bool:
    """Evaluators and those who record consensus declare before they read or score."""
    return user.is_authenticated and (
        is_evaluator(user=user, call=call) or records_consensus(user=user, call=call)
    )


def declaration_of(*, user: User, call: Call) -> ConflictDeclaration | None:
    if not user.is_authenticated:
        return None
    return ConflictDeclaration.objects.filter(call=call, person=user).first()


def has_declared_no_conflict(*, user: User, call: Call) -> bool:
    declaration = declaration_of(user=user, call=call)
    return declaration is not None and not declaration.has_conflict


def require_declaration(*, user: User, call: Call) -> None:
    """Raise 403 unless `user` may evaluate: no declaration needed, or declared no conflict."""
    if not needs_declaration(user=user, call=call):
        return
    declaration = declaration_of(user=user, call=call)
    if declaration is None:
        raise forbidden(
            _(
                "Declare whether you have a conflict of interest before you read or score "
                "any tender in this call."
            )
        )
    if declaration.has_conflict:
        raise forbidden(
            _(
                "You have declared a conflict of interest in this call, so you cannot read "
                "or score its tenders."
            )
        )


def can_declare(*, user: User, call: Call) -> bool:
    return needs_declaration(user=user, call=call)


# --- negotiation rounds and the confidential channel --------------------------------------


def can_start_round(*, user: User, call: Call) -> bool:
    """The project lead and procurement officers invite revised tenders."""
    return can_manage_project(user=user, project=call.project)


def channel_supplier_ids(*, call: Call) -> set[int]:
    """The tenderers with a confidential channel: everyone who tendered in round 1.

    Only once round 1 is opened, so the list cannot tell the buyer who tendered before that.
    """
    if not is_opened(call):
        return set()
    return round_supplier_ids(call=call, number=1)


def is_channel_buyer(*, user: User, call: Call) -> bool:
    """The buyer's side of a channel: the internal team, never external advisors."""
    return user.is_authenticated and is_internal_member(user=user, project=call.project)


def access_channel(*, user: User, call_id: int, supplier_id: int) -> tuple[Call, Organisation]:
    """A tenderer's confidential channel: the buyer's internal team and that tenderer's people.

    404 to everyone else (other tenderers, external advisors, staff outside the team), so
    nobody learns whether a channel with another tenderer exists.
    """
    call = Call.objects.select_related("project").filter(pk=call_id).first()
    if call is None or not user.is_authenticated:
        raise not_found()
    if supplier_id not in channel_supplier_ids(call=call):
        raise not_found()
    own = supplier_id in user.supplier_organisation_ids
    if not (own or is_channel_buyer(user=user, call=call)):
        raise not_found()
    return call, Organisation.objects.get(pk=supplier_id)
