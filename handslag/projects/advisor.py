"""The procedure advisor: a few questions in, one of the shipped procedures out, with reasons.

A pure function over the answers, so the advice can be tested without a database and read
as a whole. The EU thresholds are those in force from 1 January 2024 (Upphandlingsmyndigheten
publishes them in kronor every second year); a later change is a change of THRESHOLDS.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handslag.rules.numbers import SWEDISH, format_kronor

INNOVATION_PARTNERSHIP = "innovation_partnership"
NEGOTIATED = "negotiated_with_publication"
COMPETITIVE_DIALOGUE = "competitive_dialogue"
PRE_COMMERCIAL = "pre_commercial"
OPEN_FUNCTIONAL = "open_functional"
ALL_KEYS = (
    INNOVATION_PARTNERSHIP,
    NEGOTIATED,
    COMPETITIVE_DIALOGUE,
    PRE_COMMERCIAL,
    OPEN_FUNCTIONAL,
)

# EU thresholds in SEK from 2024-01-01: (buyer kind, contract kind) -> threshold.
THRESHOLDS = {
    ("central", "supplies_services"): 1_492_937,
    ("sub_central", "supplies_services"): 2_306_728,
    ("central", "works"): 57_803_468,
    ("sub_central", "works"): 57_803_468,
}

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
    ("sub_central", gettext_lazy("Municipality, region or other local authority")),
    ("central", gettext_lazy("Central government authority")),
]
CONTRACT_KIND_CHOICES = [
    ("supplies_services", gettext_lazy("Supplies or services")),
    ("works", gettext_lazy("Works (building and construction)")),
]

# Below this many months an innovation partnership or pre-commercial procurement is hard to
# run: the seeds say every stage took longer than planned, preparation most of all.
MONTHS_FOR_DEVELOPMENT = 24
MONTHS_FOR_NEGOTIATION = 9


@dataclass(frozen=True)
class Answers:
    market_solution: str  # yes / partly / no / unsure
    rnd_needed: str  # yes / no / unsure
    will_purchase: str  # yes / no / unsure
    estimated_value: int  # SEK, excluding VAT, for the whole contract period
    several_buyers: bool
    months_available: int
    buyer_kind: str = "sub_central"
    contract_kind: str = "supplies_services"


@dataclass
class Advice:
    key: str
    reasons: list[str]
    ruled_out: dict[str, str]
    notes: list[str] = field(default_factory=list)
    threshold: int = 0
    above_threshold: bool = True


def _threshold(answers: Answers) -> int:
    return THRESHOLDS.get(
        (answers.buyer_kind, answers.contract_kind),
        THRESHOLDS[("sub_central", "supplies_services")],
    )


def _kr(amount: int) -> str:
    return format_kronor(amount, style=SWEDISH, unit="kr")


def recommend(answers: Answers) -> Advice:
    """Which shipped procedure fits, why, and why each of the others does not."""
    threshold = _threshold(answers)
    above = answers.estimated_value >= threshold
    rnd = answers.rnd_needed == YES or (
        answers.rnd_needed == UNSURE and answers.market_solution == NO
    )
    exists = answers.market_solution == YES
    partly = answers.market_solution == PARTLY
    purchase = answers.will_purchase == YES

    reasons: list[str] = []
    ruled_out: dict[str, str] = {}
    if rnd and not purchase:
        key = PRE_COMMERCIAL
        reasons.append(
            _(
                "Research and development is needed, and you are not ready to commit to buying "
                "the result. Pre-commercial procurement buys only the R&D services, in competing "
                "phases, and leaves the later purchase to a procurement of its own."
            )
        )
        ruled_out[INNOVATION_PARTNERSHIP] = _(
            "An innovation partnership ends in a purchase; it fits only when you intend to buy "
            "the result."
        )
    elif rnd:
        key = INNOVATION_PARTNERSHIP
        reasons.append(
            _(
                "No solution exists yet and research and development is needed, and you intend "
                "to buy the result. An innovation partnership develops, tests and delivers the "
                "solution in one procedure, with you as the first customer."
            )
        )
        ruled_out[PRE_COMMERCIAL] = _(
            "Pre-commercial procurement buys R&D only; you would then need a second procurement "
            "to buy the solution you want to use."
        )
    elif exists:
        key = OPEN_FUNCTIONAL
        reasons.append(
            _(
                "A solution already exists on the market. An open procedure with functional "
                "requirements – what the solution must achieve, not how – lets every supplier "
                "offer it, and new solutions too."
            )
        )
        ruled_out[INNOVATION_PARTNERSHIP] = _(
            "An innovation partnership is only allowed for what cannot be bought on the market "
            "today."
        )
        ruled_out[PRE_COMMERCIAL] = _("No research and development is needed.")
    elif partly:
        key = NEGOTIATED
        reasons.append(
            _(
                "Something similar exists but must be adapted to your needs. The negotiated "
                "procedure with prior publication lets you improve the tenders together with the "
                "suppliers before the final tenders."
            )
        )
        ruled_out[INNOVATION_PARTNERSHIP] = _(
            "Adapting existing solutions does not need a partnership for research and development."
        )
        ruled_out[PRE_COMMERCIAL] = _("No research and development is needed.")
    else:
        key = COMPETITIVE_DIALOGUE
        reasons.append(
            _(
                "You do not yet know what solution could meet the need, but research and "
                "development does not seem necessary. In a competitive dialogue you work out "
                "the solutions with selected suppliers before they tender."
            )
        )
        ruled_out[INNOVATION_PARTNERSHIP] = _(
            "Without a need for research and development, an innovation partnership is not allowed."
        )
        ruled_out[PRE_COMMERCIAL] = _("No research and development is needed.")

    if key != OPEN_FUNCTIONAL:
        ruled_out.setdefault(
            OPEN_FUNCTIONAL,
            _(
                "An open procedure gives no room to develop or negotiate; it fits when a "
                "solution can be bought as it is."
            ),
        )
    if key != NEGOTIATED:
        ruled_out.setdefault(
            NEGOTIATED,
            _("Negotiation fits when existing solutions need adapting, which is not the case here.")
            if not rnd
            else _("Negotiation alone cannot buy research and development."),
        )
    if key != COMPETITIVE_DIALOGUE:
        ruled_out.setdefault(
            COMPETITIVE_DIALOGUE,
            _("A competitive dialogue cannot buy research and development.")
            if rnd
            else _("You already know enough about the solutions to go without a dialogue phase."),
        )

    notes: list[str] = []
    if above:
        reasons.append(
            _(
                "The estimated value (%(value)s) is at or above the EU threshold (%(threshold)s), "
                "so the procedure follows the EU rules of the Public Procurement Act in full."
            )
            % {"value": _kr(answers.estimated_value), "threshold": _kr(threshold)}
        )
    else:
        notes.append(
            _(
                "The estimated value (%(value)s) is below the EU threshold (%(threshold)s): the "
                "simpler national rules apply, but the same stages and the same dialogue still "
                "pay off."
            )
            % {"value": _kr(answers.estimated_value), "threshold": _kr(threshold)}
        )
    if answers.several_buyers:
        notes.append(
            _(
                "Several buyers: agree early on who leads the procurement, who signs the "
                "contract and how costs and the right to buy are shared; add the other buyers "
                "to the project as owners."
            )
        )
    needed = (
        MONTHS_FOR_DEVELOPMENT
        if key in (INNOVATION_PARTNERSHIP, PRE_COMMERCIAL)
        else MONTHS_FOR_NEGOTIATION
    )
    if answers.months_available < needed:
        notes.append(
            _(
                "You have %(months)d months. Plan for at least %(needed)d: every stage takes "
                "longer than planned, preparation most of all. Limit the scope, or find more "
                "time before you start."
            )
            % {"months": answers.months_available, "needed": needed}
        )
    return Advice(
        key=key,
        reasons=reasons,
        ruled_out={k: ruled_out[k] for k in ALL_KEYS if k in ruled_out},
        notes=notes,
        threshold=threshold,
        above_threshold=above,
    )
