"""Who may set criteria, score, agree, see the ranking and award (DESIGN §4.4, §6).

Every check on the evaluation's objects is here. Reading a tender itself is tendering's
rule (its gateway): the evaluation shows nothing a member could not read there, and the
conflict-of-interest declaration that keeps a member out is kept by tendering too, since
the gateway needs it to decide who may read.
"""

from handslag.accounts.models import User
from handslag.market.models import Call
from handslag.projects.permissions import can_lead_project, can_manage_project, is_internal_member
from handslag.tendering.opening import is_opened
from handslag.tendering.permissions import (
    has_declared_no_conflict,
    is_evaluator,
    needs_declaration,
    records_consensus,
)


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
    return is_internal_member(user=user, project=call.project) and is_opened(call)


def can_see_ranking(*, user: User, call: Call) -> bool:
    """The ranking (with prices, points and the matrix) is for the team after the opening;
    those who must declare a conflict of interest see it once they have declared none."""
    if not can_see_tenders(user=user, call=call):
        return False
    return not needs_declaration(user=user, call=call) or has_declared_no_conflict(
        user=user, call=call
    )
