"""The procedure advisor: a few questions in, one of the shipped procedures out, with reasons.

A pure function over the answers and the threshold table, so the advice can be tested
without a database and read as a whole. The thresholds are data (``ThresholdValue``, read
by ``selectors.threshold_table``); the advice uses the row in force on the advice date and
says which period and source it used.

Below the EU threshold the act prescribes no procedure (LOU 19 kap., since 1 February 2022):
the advisor then offers the simplified or the selective procedure, and direct award when the
value is also below the direct-award limit (LOU 19 a kap.). Research and development keeps
its own procedures at any value: the innovation partnership, or pre-commercial procurement,
which is outside the act.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.core.formats import number_style
from handslag.rules import thresholds
from handslag.rules.numbers import format_kronor
from handslag.rules.thresholds import Comparison, Threshold

INNOVATION_PARTNERSHIP = "innovation_partnership"
NEGOTIATED = "negotiated_with_publication"
COMPETITIVE_DIALOGUE = "competitive_dialogue"
PRE_COMMERCIAL = "pre_commercial"
OPEN_FUNCTIONAL = "open_functional"
SIMPLIFIED = "simplified_procedure"
SELECTIVE = "selective_procedure"
DIRECT_AWARD = "direct_award"
ALL_KEYS = (
    INNOVATION_PARTNERSHIP,
    NEGOTIATED,
    COMPETITIVE_DIALOGUE,
    PRE_COMMERCIAL,
    OPEN_FUNCTIONAL,
    SIMPLIFIED,
    SELECTIVE,
    DIRECT_AWARD,
)
#: The national procedures, only below the EU threshold (LOU 19 and 19 a kap.).
BELOW_THRESHOLD_KEYS = (SIMPLIFIED, SELECTIVE, DIRECT_AWARD)

YES, NO, PARTLY, UNSURE = "yes", "no", "partly", "unsure"

MARKET_CHOICES = [
    (YES, gettext_lazy("Yes, it can be bought as it is")),
    (PARTLY, gettext_lazy("Partly: something similar exists but needs adapting")),
    (NO, gettext_lazy("No, nothing like it exists")),
    (UNSURE, gettext_lazy("We do not know yet")),
]
YES_NO_UNSURE = [
    (YES, gettext_lazy("Yes")),
    (NO, gettext_lazy("No")),
    (UNSURE, gettext_lazy("Not sure")),
]
BUYER_KIND_CHOICES = [
    (thresholds.BUYER_SUB_CENTRAL, gettext_lazy("Municipality, region or other local authority")),
    (thresholds.BUYER_CENTRAL, gettext_lazy("Central government authority")),
]
CONTRACT_KIND_CHOICES = [
    (thresholds.CONTRACT_SUPPLIES_SERVICES, gettext_lazy("Supplies or services")),
    (thresholds.CONTRACT_WORKS, gettext_lazy("Works (building and construction)")),
    (
        thresholds.CONTRACT_SOCIAL_SERVICES,
        gettext_lazy("Social and other specific services (annex 2 to the Public Procurement Act)"),
    ),
]

# Below this many months an innovation partnership or pre-commercial procurement is hard to
# run: the seeds say every stage took longer than planned, preparation most of all.
MONTHS_FOR_DEVELOPMENT = 24
MONTHS_FOR_NEGOTIATION = 9
MONTHS_FOR_DIRECT_AWARD = 3


@dataclass(frozen=True)
class Answers:
    market_solution: str  # yes / partly / no / unsure
    rnd_needed: str  # yes / no / unsure
    will_purchase: str  # yes / no / unsure
    estimated_value: int  # SEK, excluding VAT, for the whole contract period
    several_buyers: bool
    months_available: int
    buyer_kind: str = thresholds.BUYER_SUB_CENTRAL
    contract_kind: str = thresholds.CONTRACT_SUPPLIES_SERVICES


@dataclass
class Advice:
    key: str
    reasons: list[str]
    ruled_out: dict[str, str]
    notes: list[str] = field(default_factory=list)
    #: The day whose thresholds were used.
    on: date | None = None
    #: The threshold row in force on that day for the buyer and contract, if any.
    threshold: Threshold | None = None
    comparison: Comparison = Comparison.UNKNOWN
    #: The direct-award limit in force on that day, if any.
    direct_award_limit: Threshold | None = None
    direct_award_allowed: bool = False

    @property
    def above_threshold(self) -> bool:
        """The EU rules apply: the value reaches the threshold, or it cannot be compared
        (the stricter reading)."""
        return self.comparison != Comparison.BELOW


def _kr(amount: int | None) -> str:
    return format_kronor(amount, style=number_style(), unit="kr")


def _period(row: Threshold) -> str:
    return f"{row.valid_from.isoformat()} – {row.valid_to.isoformat()}"


def _pick(*, rnd: bool, purchase: bool, market: str, below: bool, direct: bool) -> str:
    if rnd and not purchase:
        return PRE_COMMERCIAL
    if rnd:
        return INNOVATION_PARTNERSHIP
    if below and direct:
        return DIRECT_AWARD
    if below:
        return SIMPLIFIED if market == YES else SELECTIVE
    if market == YES:
        return OPEN_FUNCTIONAL
    if market == PARTLY:
        return NEGOTIATED
    return COMPETITIVE_DIALOGUE


def _natural_eu_procedure(market: str) -> str:
    """The EU procedure that fits a market without research and development."""
    return {YES: OPEN_FUNCTIONAL, PARTLY: NEGOTIATED}.get(market, COMPETITIVE_DIALOGUE)


def _why(key: str, *, market: str) -> str:  # noqa: PLR0911
    """Why *key* fits, in the words a buyer would use."""
    if key == PRE_COMMERCIAL:
        return _(
            "Research and development is needed, and you are not ready to commit to buying "
            "the result. Pre-commercial procurement buys only the R&D services, in competing "
            "phases, and leaves the later purchase to a procurement of its own."
        )
    if key == INNOVATION_PARTNERSHIP:
        return _(
            "No solution exists yet and research and development is needed, and you intend "
            "to buy the result. An innovation partnership develops, tests and delivers the "
            "solution in one procedure, with you as the first customer."
        )
    if key == OPEN_FUNCTIONAL:
        return _(
            "A solution already exists on the market. An open procedure with functional "
            "requirements – what the solution must achieve, not how – lets every supplier "
            "offer it, and new solutions too."
        )
    if key == NEGOTIATED:
        return _(
            "Something similar exists but must be adapted to your needs. The negotiated "
            "procedure with prior publication lets you improve the tenders together with the "
            "suppliers before the final tenders."
        )
    if key == COMPETITIVE_DIALOGUE:
        return _(
            "You do not yet know what solution could meet the need, but research and "
            "development does not seem necessary. In a competitive dialogue you work out "
            "the solutions with selected suppliers before they tender."
        )
    if key == SIMPLIFIED:
        return _(
            "A solution already exists on the market and the value is below the EU threshold. "
            "In the simplified procedure every supplier may tender after an advertisement, "
            "qualification and evaluation happen in one step, and you may negotiate if the "
            "procurement documents say so (LOU chapter 19)."
        )
    if key == SELECTIVE:
        return _(
            "The value is below the EU threshold, and the solution must be adapted or worked "
            "out with the suppliers. In the selective procedure everyone may apply, you invite "
            "those who best meet the selection criteria to tender and may negotiate with them "
            "if the procurement documents say so (LOU chapter 19)."
        )
    return _(
        "The value is below the direct-award limit, so you may award the contract without an "
        "advertisement (LOU chapter 19 a). Ask several suppliers when you can, compare their "
        "offers and follow your organisation's guidelines for direct award."
    )


def _why_not(  # noqa: C901, PLR0911, PLR0912
    other: str, *, key: str, rnd: bool, market: str, advice: Advice, value: int
) -> str:
    """Why *other* was not recommended when *key* was."""
    below = advice.comparison == Comparison.BELOW
    if other == PRE_COMMERCIAL:
        if rnd:
            return _(
                "Pre-commercial procurement buys R&D only; you would then need a second "
                "procurement to buy the solution you want to use."
            )
        return _("No research and development is needed.")
    if other == INNOVATION_PARTNERSHIP:
        if rnd:
            return _(
                "An innovation partnership ends in a purchase; it fits only when you intend to "
                "buy the result."
            )
        if market == YES:
            return _(
                "An innovation partnership is only allowed for what cannot be bought on the "
                "market today."
            )
        if market == PARTLY:
            return _(
                "Adapting existing solutions does not need a partnership for research and "
                "development."
            )
        return _(
            "Without a need for research and development, an innovation partnership is not allowed."
        )
    if other in (SIMPLIFIED, SELECTIVE) and not below:
        return _below_only_reason(advice, value)
    if other == DIRECT_AWARD:
        if not advice.direct_award_allowed:
            limit = advice.direct_award_limit
            if limit is None or limit.sek is None:
                return _("No direct-award limit is recorded for the advice date.")
            return _(
                "Direct award is only allowed below the direct-award limit (%(limit)s, LOU "
                "chapter 19 a); the estimated value is %(value)s."
            ) % {"limit": _kr(limit.sek), "value": _kr(value)}
        return _(
            "Direct award would be allowed at this value, but developing a solution needs the "
            "competition and the terms of an advertised procedure."
        )
    if other == SIMPLIFIED:
        if rnd:
            return _(
                "One round of tenders from every supplier cannot buy research and development."
            )
        if key == DIRECT_AWARD:
            return _(
                "An advertised procedure is allowed, but at this value direct award is enough."
            )
        return _(
            "A single step with every supplier fits when a solution can be bought as it is; "
            "here it must be adapted or worked out first."
        )
    if other == SELECTIVE:
        if rnd:
            return _(
                "Below the threshold a selective procedure could include development, but the "
                "innovation partnership template already has the phases and decision points "
                "you need."
            )
        if key == DIRECT_AWARD:
            return _(
                "An advertised procedure is allowed, but at this value direct award is enough."
            )
        return _(
            "Inviting only some suppliers is not needed when a solution can be bought as it is."
        )
    # The EU procedures: open, negotiated, competitive dialogue.
    if below and key in BELOW_THRESHOLD_KEYS and other == _natural_eu_procedure(market):
        return _(
            "Below the EU threshold this EU procedure is allowed but not required; the national "
            "procedure recommended here gives the same competition with fewer formal "
            "requirements."
        )
    if other == OPEN_FUNCTIONAL:
        return _(
            "An open procedure gives no room to develop or negotiate; it fits when a "
            "solution can be bought as it is."
        )
    if other == NEGOTIATED:
        if rnd:
            return _("Negotiation alone cannot buy research and development.")
        return _(
            "Negotiation fits when existing solutions need adapting, which is not the case here."
        )
    if rnd:
        return _("A competitive dialogue cannot buy research and development.")
    return _("You already know enough about the solutions to go without a dialogue phase.")


def _below_only_reason(advice: Advice, value: int) -> str:
    row = advice.threshold
    if row is None or row.sek is None:
        return _(
            "Only below the EU threshold, and its value in kronor for the advice date is not "
            "recorded, so the EU rules apply."
        )
    return _(
        "Only below the EU threshold: the estimated value (%(value)s) reaches the threshold "
        "(%(threshold)s)."
    ) % {"value": _kr(value), "threshold": _kr(row.sek)}


def recommend(answers: Answers, *, table: Sequence[Threshold], on: date) -> Advice:
    """Which shipped procedure fits, why, and why each of the others does not.

    *table* is every threshold row known (``selectors.threshold_table()``); *on* is the day
    the advice is for, in Swedish local time: the rows in force that day are used.
    """
    category = thresholds.category_for(
        buyer_kind=answers.buyer_kind, contract_kind=answers.contract_kind
    )
    row = thresholds.in_force(table, category=category, on=on)
    comparison = thresholds.compare(answers.estimated_value, row)
    limit = thresholds.direct_award_limit(table, contract_kind=answers.contract_kind, on=on)
    direct = thresholds.direct_award_allowed(answers.estimated_value, limit)
    below = comparison == Comparison.BELOW

    rnd = answers.rnd_needed == YES or (
        answers.rnd_needed == UNSURE and answers.market_solution == NO
    )
    purchase = answers.will_purchase == YES
    market = answers.market_solution
    key = _pick(rnd=rnd, purchase=purchase, market=market, below=below, direct=direct)

    advice = Advice(
        key=key,
        reasons=[_why(key, market=market)],
        ruled_out={},
        on=on,
        threshold=row,
        comparison=comparison,
        direct_award_limit=limit,
        direct_award_allowed=direct,
    )
    advice.ruled_out = {
        other: _why_not(
            other, key=key, rnd=rnd, market=market, advice=advice, value=answers.estimated_value
        )
        for other in ALL_KEYS
        if other != key
    }
    value = _kr(answers.estimated_value)
    if comparison == Comparison.AT_OR_ABOVE:
        advice.reasons.append(
            _(
                "The estimated value (%(value)s) is at or above the EU threshold (%(threshold)s), "
                "so the procedure follows the EU rules of the Public Procurement Act in full."
            )
            % {"value": value, "threshold": _kr(row.sek)}
        )
    elif comparison == Comparison.UNKNOWN:
        advice.notes.append(_unknown_note(row, on))
    elif key in (INNOVATION_PARTNERSHIP, PRE_COMMERCIAL):
        advice.notes.append(
            _(
                "The estimated value (%(value)s) is below the EU threshold (%(threshold)s): the "
                "simpler national rules apply, but the same stages and the same dialogue still "
                "pay off."
            )
            % {"value": value, "threshold": _kr(row.sek)}
        )
    else:
        advice.reasons.append(
            _(
                "The estimated value (%(value)s) is below the EU threshold (%(threshold)s), so "
                "the national rules of LOU chapter 19 apply and no EU procedure is required."
            )
            % {"value": value, "threshold": _kr(row.sek)}
        )
    if below and key != DIRECT_AWARD:
        advice.notes.append(
            _(
                "Below the threshold there are no minimum time limits, but suppliers must be "
                "given reasonable time to apply and to tender (LOU chapter 19). The EU minimums "
                "are a safe guide; an innovation needs more time than an ordinary purchase."
            )
        )
    if key == DIRECT_AWARD:
        if thresholds.direct_award_documentation_required(answers.estimated_value):
            advice.reasons.append(
                _(
                    "The value is %(limit)s or more, so the direct award must be documented: "
                    "which suppliers were asked, how many answered, who was awarded the "
                    "contract and why, its value and term (LOU chapter 19 a, section 11)."
                )
                % {"limit": _kr(thresholds.DIRECT_AWARD_DOCUMENTATION_SEK)}
            )
        else:
            advice.notes.append(
                _(
                    "Below %(limit)s the law asks for no documentation; write down what you "
                    "bought and why all the same, for the follow-up."
                )
                % {"limit": _kr(thresholds.DIRECT_AWARD_DOCUMENTATION_SEK)}
            )
    if answers.several_buyers:
        advice.notes.append(
            _(
                "Several buyers: agree early on who leads the procurement, who signs the "
                "contract and how costs and the right to buy are shared; add the other buyers "
                "to the project as owners."
            )
        )
    if key in (INNOVATION_PARTNERSHIP, PRE_COMMERCIAL):
        needed = MONTHS_FOR_DEVELOPMENT
    elif key == DIRECT_AWARD:
        needed = MONTHS_FOR_DIRECT_AWARD
    else:
        needed = MONTHS_FOR_NEGOTIATION
    if answers.months_available < needed:
        advice.notes.append(
            _(
                "You have %(months)d months. Plan for at least %(needed)d: every stage takes "
                "longer than planned, preparation most of all. Limit the scope, or find more "
                "time before you start."
            )
            % {"months": answers.months_available, "needed": needed}
        )
    return advice


def _unknown_note(row: Threshold | None, on: date) -> str:
    if row is None:
        return _(
            "No EU threshold is recorded for %(date)s, so the advisor cannot tell whether the "
            "value is below it and applies the EU rules."
        ) % {"date": on.isoformat()}
    return _(
        "The EU threshold for %(period)s is EUR %(eur)s, but its value in kronor is not recorded "
        "yet, so the advisor cannot tell whether the estimated value is below it and applies "
        "the EU rules. Staff enter the value in kronor under Threshold values."
    ) % {
        "period": _period(row),
        "eur": format_kronor(row.eur, style=number_style()),
    }
