"""Who may set criteria, score, agree, see the ranking and award (DESIGN §4.4, §6).

Every check on the evaluation's objects is here. Reading a tender itself is tendering's
rule (its gateway): the evaluation shows nothing a member could not read there, and the
conflict-of-interest declaration that keeps a member out is kept by tendering too, since
the gateway needs it to decide who may read.
"""

import uuid

from handslag.accounts.models import User
from handslag.core.permissions import not_found
from handslag.market.models import Call
from handslag.projects.permissions import can_lead_project, can_manage_project, is_internal_member
from handslag.tendering.models import Tender
from handslag.tendering.opening import is_opened, is_tender_opened
from handslag.tendering.permissions import (
    access_tender,
    has_declared_no_conflict,
    is_evaluator,
    is_tender_supplier,
    needs_declaration,
    records_consensus,
    require_declaration,
)


def is_evaluation_team(*, user: User, call: Call) -> bool:
    """The evaluation is the project's internal team's: never external advisors, never
    other staff at the buyer, never a tenderer."""
    return is_internal_member(user=user, project=call.project)


def require_evaluation_team(*, user: User, call: Call) -> None:
    """404 to everyone outside the team, so nobody else learns what the evaluation holds."""
    if not is_evaluation_team(user=user, call=call):
        raise not_found()


def require_tender_evaluation(*, user: User, tender: Tender) -> None:
    """A tender's scores are for the team, and only once the tender's round is opened."""
    if not is_evaluation_team(user=user, call=tender.call) or not is_tender_opened(tender):
        raise not_found()


def access_team_tender(*, user: User, public_id: uuid.UUID | str, declared: bool = False) -> Tender:
    """A tender for the team's evaluation: 404 to its own supplier (a tenderer never sees
    the buyer's side), and with ``declared`` a 403 until a needed declaration is made."""
    tender = access_tender(user=user, public_id=public_id)
    if is_tender_supplier(user=user, tender=tender):
        raise not_found()
    if declared:
        require_declaration(user=user, call=tender.call)
    return tender


def require_own_tender(*, user: User, tender: Tender) -> None:
    """The award notice of a tender is for its own supplier: 404 to anyone else."""
    if not is_tender_supplier(user=user, tender=tender):
        raise not_found()


def can_manage_criteria(*, user: User, call: Call) -> bool:
    return can_manage_project(user=user, project=call.project)


def can_score(*, user: User, call: Call) -> bool:
    return is_evaluator(user=user, call=call)


def can_record_consensus(*, user: User, call: Call) -> bool:
    return records_consensus(user=user, call=call)


def can_award(*, user: User, call: Call) -> bool:
    return can_lead_project(user=user, project=call.project)


def can_see_tenders(*, user: User, call: Call) -> bool:
    """The team sees the list of tenders, and only once they are opened."""
    return is_evaluation_team(user=user, call=call) and is_opened(call)


def can_see_ranking(*, user: User, call: Call) -> bool:
    """The ranking (with prices, points and the matrix) is for the team after the opening;
    those who must declare a conflict of interest see it once they have declared none."""
    if not can_see_tenders(user=user, call=call):
        return False
    return not needs_declaration(user=user, call=call) or has_declared_no_conflict(
        user=user, call=call
    )
