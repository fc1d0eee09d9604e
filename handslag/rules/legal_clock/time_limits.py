"""Questions and answers, and the minimum time limits per procedure (LOU 11-12 kap.)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

from handslag.rules.legal_clock.working_days import (
    _require_date,
    add_working_days,
    previous_working_day,
)

# ---------------------------------------------------------------------------
# Questions and answers during the tender period, LOU 12 kap. 11 §
# ---------------------------------------------------------------------------

#: Answers (kompletterande upplysningar) must be given at least six days before the
#: deadline for tenders, LOU 12 kap. 11 § (directive 2014/24/EU art. 47(3)(a), 53(2)).
ANSWER_DAYS_BEFORE_DEADLINE = 6
#: Policy default, not law: working days the buyer keeps between the last day for
#: questions and the last day for answers.
DEFAULT_QUESTION_BUFFER_DAYS = 2


#: In an accelerated procedure (urgency, LOU 11 kap. 7 §) the answers are due four days
#: before the deadline for tenders instead (LOU 12 kap. 11 §; directive art. 47(3)(a)).
ANSWER_DAYS_BEFORE_DEADLINE_ACCELERATED = 4


def last_day_for_answers(
    tender_deadline: dt.date, *, deadline_day_counts: bool = True, accelerated: bool = False
) -> dt.date:
    """The latest date on which answers to supplier questions may be sent.

    LOU 12 kap. 11 §: additional information requested in good time must be given no
    later than six days before the deadline for tenders, so every supplier has time to
    use it. The date is the deadline minus six calendar days, moved *earlier* to a
    working day if it falls on a non-working day, because the duty is "no later than".

    Counted this way the six days are the five days after the answer plus the deadline
    day itself. Whether the deadline day may count is not settled: Upphandlingsmyndigheten
    calls it unclear, Förvaltningsrätten i Malmö (mål 3487-16) held that it does not, and
    Danish guidance under Regulation 1182/71 asks for six full days before it. Pass
    ``deadline_day_counts=False`` for that stricter reading (deadline minus seven).
    *accelerated*: the four days of an accelerated procedure replace the six.
    """
    tender_deadline = _require_date(tender_deadline, "tender_deadline")
    base = ANSWER_DAYS_BEFORE_DEADLINE_ACCELERATED if accelerated else ANSWER_DAYS_BEFORE_DEADLINE
    days = base + (0 if deadline_day_counts else 1)
    return previous_working_day(tender_deadline - dt.timedelta(days=days))


def last_day_for_questions(
    tender_deadline: dt.date,
    buffer_days: int = DEFAULT_QUESTION_BUFFER_DAYS,
    *,
    deadline_day_counts: bool = True,
    accelerated: bool = False,
) -> dt.date:
    """A suggested last day for suppliers to ask questions: policy, not law.

    The law only says questions must be asked "in good time" (LOU 12 kap. 11 §). The
    buyer may state a cut-off in the procurement documents so it can answer before
    :func:`last_day_for_answers`; the preparatory works give ten days before the
    deadline as an example (prop. 2015/16:195 p. 1074). This default leaves
    *buffer_days* working days between the last question and the last day for answers
    to write and publish them.
    """
    if buffer_days < 0:
        raise ValueError("buffer_days must not be negative")
    last_answer = last_day_for_answers(
        tender_deadline, deadline_day_counts=deadline_day_counts, accelerated=accelerated
    )
    return add_working_days(last_answer, -buffer_days)


# ---------------------------------------------------------------------------
# Minimum time limits per procedure, LOU 11 kap.
# ---------------------------------------------------------------------------


class Procedure(StrEnum):
    """Procurement procedures handslag supports.

    The first five are LOU procedures (LOU 6 kap.). Pre-commercial procurement is not:
    it buys research and development services whose results the buyer does not keep
    exclusively, which the R&D exclusion in LOU 3 kap. (directive 2014/24/EU art. 14)
    takes outside the act, following the Commission's PCP communication COM(2007) 799.
    """

    INNOVATION_PARTNERSHIP = "innovation_partnership"
    NEGOTIATED_WITH_PUBLICATION = "negotiated_with_publication"
    COMPETITIVE_DIALOGUE = "competitive_dialogue"
    OPEN = "open"
    RESTRICTED = "restricted"
    PRE_COMMERCIAL = "pre_commercial"

    @property
    def label(self) -> str:
        """English name for messages."""
        return _PROCEDURE_LABELS[self]


_PROCEDURE_LABELS = {
    Procedure.INNOVATION_PARTNERSHIP: "innovation partnership",
    Procedure.NEGOTIATED_WITH_PUBLICATION: "negotiated procedure with prior publication",
    Procedure.COMPETITIVE_DIALOGUE: "competitive dialogue",
    Procedure.OPEN: "open procedure",
    Procedure.RESTRICTED: "restricted procedure",
    Procedure.PRE_COMMERCIAL: "pre-commercial procurement",
}


class TenderPeriodStart(StrEnum):
    """The event a procedure's minimum tender period is counted from."""

    NOTICE = "notice"  # dispatch of the contract notice (open procedure)
    INVITATION = "invitation"  # dispatch of the invitation to tender (two-stage procedures)


@dataclass(frozen=True)
class TimeLimits:
    """Minimum time limits of one procedure, in calendar days.

    ``None`` means the law sets no minimum; the general rule still applies that every
    time limit must be long enough for the complexity of the contract and the time
    needed to prepare a tender or application (directive 2014/24/EU art. 47(1),
    LOU 11 kap.). Urgency reductions are not modelled: they need a reasoned decision
    the system cannot check.
    """

    procedure: Procedure
    #: Minimum days from dispatch of the contract notice to the application deadline.
    application_days: int | None
    #: Minimum days for (initial) tenders, before any reduction.
    tender_days: int | None
    #: What the tender period is counted from.
    tender_period_start: TenderPeriodStart | None
    #: Reduction of ``tender_days`` when tenders may be submitted electronically.
    electronic_reduction_days: int = 0
    #: Minimum tender days after a qualifying prior information notice, if the law
    #: allows that reduction (the notice must meet the conditions of the act).
    pin_tender_days: int | None = None
    #: False when ``tender_days`` is handslag's conservative policy, not statute.
    tender_days_statutory: bool = True
    #: Short legal reference for the application limit, quoted in warnings.
    application_reference: str = ""
    #: Short legal reference for the tender limit, quoted in warnings.
    tender_reference: str = ""
    #: The legal basis of every figure in prose, for display and audit.
    reference: str = ""

    def minimum_application_days(self) -> int | None:
        """Minimum application period; no reduction for electronic submission exists."""
        return self.application_days

    def minimum_tender_days(
        self, electronic: bool = True, prior_information_notice: bool = False
    ) -> int | None:
        """Minimum tender period after the reductions the law permits.

        *electronic*: the buyer accepts tenders submitted by electronic means (the norm
        in Sweden, where electronic communication is mandatory in directive-governed
        procurements). *prior_information_notice*: a prior information notice meeting
        the statutory conditions was published; the caller vouches for those conditions.
        The two reductions are alternatives, not cumulative: the directive applies the
        electronic reduction to the ordinary limit only.
        """
        if self.tender_days is None:
            return None
        candidates = [self.tender_days - (self.electronic_reduction_days if electronic else 0)]
        if prior_information_notice and self.pin_tender_days is not None:
            candidates.append(self.pin_tender_days)
        return min(candidates)


_TIME_LIMITS: dict[Procedure, TimeLimits] = {
    Procedure.OPEN: TimeLimits(
        procedure=Procedure.OPEN,
        tender_reference="LOU 11 kap.; directive 2014/24/EU art. 27",
        application_days=None,
        tender_days=35,
        tender_period_start=TenderPeriodStart.NOTICE,
        electronic_reduction_days=5,
        pin_tender_days=15,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 27: tenders at least 35 days from "
            "dispatch of the contract notice (art. 27(1)); 15 days after a qualifying "
            "prior information notice (art. 27(2)); 5 days less when tenders may be "
            "submitted electronically (art. 27(4))."
        ),
    ),
    Procedure.RESTRICTED: TimeLimits(
        procedure=Procedure.RESTRICTED,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 28(1)",
        tender_reference="LOU 11 kap.; directive 2014/24/EU art. 28(2)-(5)",
        application_days=30,
        tender_days=30,
        tender_period_start=TenderPeriodStart.INVITATION,
        electronic_reduction_days=5,
        pin_tender_days=10,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 28: applications at least 30 days "
            "from dispatch of the contract notice (art. 28(1)); tenders at least 30 days "
            "from dispatch of the invitation to tender (art. 28(2)); 10 days after a "
            "qualifying prior information notice (art. 28(3)); 5 days less when tenders "
            "may be submitted electronically (art. 28(5)). The shorter limit that "
            "sub-central authorities may agree with candidates (art. 28(4)) is not "
            "modelled."
        ),
    ),
    Procedure.NEGOTIATED_WITH_PUBLICATION: TimeLimits(
        procedure=Procedure.NEGOTIATED_WITH_PUBLICATION,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 29(1)",
        tender_reference="LOU 11 kap.; directive 2014/24/EU art. 29(1), 28(3)-(5)",
        application_days=30,
        tender_days=30,
        tender_period_start=TenderPeriodStart.INVITATION,
        electronic_reduction_days=5,
        pin_tender_days=10,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 29(1): applications at least 30 days "
            "from dispatch of the contract notice; initial tenders at least 30 days from "
            "dispatch of the invitation, with the reductions of art. 28(3)-(6) (10 days "
            "after a qualifying prior information notice, 5 days less when tenders may be "
            "submitted electronically). Revised tenders in later rounds have no minimum."
        ),
    ),
    Procedure.COMPETITIVE_DIALOGUE: TimeLimits(
        procedure=Procedure.COMPETITIVE_DIALOGUE,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 30(1)",
        application_days=30,
        tender_days=None,
        tender_period_start=None,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 30(1): applications at least 30 days "
            "from dispatch of the contract notice. No statutory minimum for final "
            "tenders, which follow the dialogue; the period must still be reasonable "
            "(art. 47(1))."
        ),
    ),
    Procedure.INNOVATION_PARTNERSHIP: TimeLimits(
        procedure=Procedure.INNOVATION_PARTNERSHIP,
        application_reference="LOU 11 kap.; directive 2014/24/EU art. 31(1)",
        tender_reference="handslag policy; the law sets no minimum",
        application_days=30,
        # The directive sets no minimum for tenders in an innovation partnership
        # (art. 31(1) only fixes the 30 days for applications). Initial tenders are
        # negotiated much like in the negotiated procedure, so handslag applies that
        # procedure's 30 days by analogy and, being policy rather than statute, without
        # the electronic reduction: the conservative (longer) value.
        tender_days=30,
        tender_period_start=TenderPeriodStart.INVITATION,
        electronic_reduction_days=0,
        tender_days_statutory=False,
        reference=(
            "LOU 11 kap.; directive 2014/24/EU art. 31(1): applications at least 30 days "
            "from dispatch of the contract notice. The 30 days for initial tenders, "
            "counted from the invitation, are handslag policy by analogy with the "
            "negotiated procedure (art. 29(1)); the law sets no minimum."
        ),
    ),
    Procedure.PRE_COMMERCIAL: TimeLimits(
        procedure=Procedure.PRE_COMMERCIAL,
        application_days=None,
        tender_days=None,
        tender_period_start=None,
        reference=(
            "Outside LOU (R&D services exclusion, LOU 3 kap.; directive 2014/24/EU "
            "art. 14; Commission communication COM(2007) 799): no statutory minimum "
            "time limits. Treaty principles of equal treatment and transparency still "
            "call for periods long enough for the market to respond."
        ),
    ),
}

#: Minimum time limits per procedure (read-only).
TIME_LIMITS: Mapping[Procedure, TimeLimits] = MappingProxyType(_TIME_LIMITS)


def time_limits(procedure: Procedure | str) -> TimeLimits:
    """The :class:`TimeLimits` of *procedure* (a member or its string value)."""
    return TIME_LIMITS[Procedure(procedure)]
