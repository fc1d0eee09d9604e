"""Demo tenders, openings, evaluations and awards for the seeds' cases (DESIGN §8).

Runs after market/demo.py and builds on its calls (handslag.market.demo.call(key)) and
invitations. Everything goes through the services, with ``now=`` for historical times.
Idempotent: each step looks for what it would create and skips what exists. A case whose
call, invitations or team is missing is skipped with a note.
"""

import datetime as dt
import sys
from decimal import Decimal

from django.core.exceptions import (
    ImproperlyConfigured,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.utils import timezone

from handslag.accounts.demo import ORGANISATIONS
from handslag.accounts.models import User
from handslag.accounts.roles import ProjectRole
from handslag.evaluation import results, services
from handslag.evaluation.models import Award, EvaluationModel, Score
from handslag.market import demo as market_demo
from handslag.market.models import Application, ApplicationStatus, Call
from handslag.projects.models import ProjectMember
from handslag.projects.services import project_member_add
from handslag.rules import legal_clock
from handslag.tendering import crypto
from handslag.tendering import services as tendering_services
from handslag.tendering.gateway import open_tender_prices
from handslag.tendering.models import (
    CallKey,
    ConflictDeclaration,
    NegotiationMessage,
    NegotiationRound,
    OpeningConfirmation,
    Tender,
)
from handslag.tendering.permissions import round_supplier_ids

CRITERIA = [
    {
        "name": "Genomförbarhet",
        "kind": "quality",
        "weight": 30,
        "description": "Hur sannolikt det är att lösningen kan utvecklas och fungera hos oss.",
    },
    {
        "name": "Effekt",
        "kind": "quality",
        "weight": 30,
        "description": "Hur väl lösningen når de förväntade effekterna i behovsbeskrivningen.",
    },
    {
        "name": "Affärsmässighet",
        "kind": "quality",
        "weight": 20,
        "description": "Om affärsmodell och villkor håller för båda parter.",
    },
    {
        "name": "Pris",
        "kind": "price",
        "weight": 20,
        "description": "Pris för utvecklingsfaserna och förvärvet, på den absoluta skalan 0–5.",
    },
]
COST_QUALITY = [
    {
        "name": "Kvalitet och genomförbarhet",
        "kind": "quality",
        "weight": 40,
        "description": "Lösningens kvalitet för patienterna och hur den kan införas.",
    },
    {"name": "Effekt för patient och vård", "kind": "quality", "weight": 30, "description": ""},
    {
        "name": "Kostnad",
        "kind": "price",
        "weight": 30,
        "description": "Livscykelkostnad på den absoluta skalan 0–5.",
    },
]

VAXJO_CRITERIA = [
    *CRITERIA[:3],
    {
        "name": "Pris",
        "kind": "price",
        "weight": 20,
        "description": "Pris för utvecklingsfaserna och förvärvet: full poäng vid 0 kr, "
        "sjunkande linjärt till noll poäng vid pristaket 4 000 000 kr.",
    },
]
ADDED_VALUE_CRITERIA = [
    {
        **COST_QUALITY[0],
        "description": "Lösningens kvalitet för patienterna och hur den kan "
        "införas. Ger ett avdrag på upp till 600 000 kr från anbudspriset.",
    },
    {**COST_QUALITY[1], "description": "Ger ett avdrag på upp till 400 000 kr från anbudspriset."},
    {
        "name": "Kostnad",
        "kind": "price",
        "weight": 30,
        "description": "Livscykelkostnad. Jämförelsepriset är anbudspriset minus avdragen för "
        "kvalitet; lägst jämförelsepris vinner.",
    },
]
# The evaluation model of each case: Växjö ranks on weighted points with a published price
# ceiling, Östergötland on the added-value model (comparison price).
MODELS = {
    "waste": {"kind": "weighted_points", "price_ceiling": Decimal(4_000_000)},
    "snow": {"kind": "weighted_points", "price_ceiling": Decimal(4_000_000)},
    "irrigation": {"kind": "weighted_points", "price_ceiling": Decimal(4_000_000)},
    "home_monitoring": {
        "kind": "added_value",
        "max_deductions": {
            "Kvalitet och genomförbarhet": Decimal(600_000),
            "Effekt för patient och vård": Decimal(400_000),
        },
    },
}

# key: (opening officials, evaluators, consensus by, winner org key, criteria, contract date)
CASES = {
    "waste": (
        ("upphandlare", "oppnare"),
        ("utvarderare", "behovsagare"),
        "upphandlare",
        "sensorbolaget",
        VAXJO_CRITERIA,
        None,
    ),
    "snow": (
        ("upphandlare", "oppnare"),
        ("utvarderare", "behovsagare"),
        "upphandlare",
        None,
        VAXJO_CRITERIA,
        None,
    ),
    "sharing": (
        ("syd-projektledare", "skurup-behov"),
        ("ystad-behov",),
        "syd-projektledare",
        "delningstjanst",
        CRITERIA,
        dt.date(2019, 11, 28),
    ),
    "home_monitoring": (
        ("og-upphandlare", "og-oppnare"),
        ("og-behov",),
        "og-upphandlare",
        "vardnara",
        ADDED_VALUE_CRITERIA,
        dt.date(2020, 3, 16),
    ),
}
SEALED_CASES = {"irrigation": VAXJO_CRITERIA}
# Cases with a negotiation round after the first opening: what changed in the documents.
NEGOTIATED = {
    "home_monitoring": (
        "Efter förhandlingen förtydligar vi kraven på driftsättning: leverantören ansvarar för "
        "utbildning av vårdpersonalen i två steg, och betalningen delas upp per driftsatt "
        "vårdcentral. Bilaga 3 (avtalsvillkor) är ändrad i punkt 4.2 och 7.1. Minimikrav och "
        "tilldelningskriterier är oförändrade."
    )
}
REVISED_TEXT = (
    "Reviderat anbud från {supplier} på {title}.\n\nVi föreslår en lösning i tre faser: "
    "utveckling, test i er verksamhet och leverans. Vi delar risken genom fasta delmål och "
    "betalning per driftsatt vårdcentral.\n\nUtbildningen av vårdpersonalen sker i två steg."
)

TENDER_TEXT = (
    "Anbud från {supplier} på {title}.\n\nVi föreslår en lösning i tre faser: utveckling, "
    "test i er verksamhet och leverans. Vi delar risken genom fasta delmål och betalning "
    "per fas."
)


def _note(message: str) -> None:
    sys.stdout.write(f"tendering demo: {message}\n")


def _call(key: str) -> Call | None:
    try:
        return market_demo.call(key)
    except (ObjectDoesNotExist, KeyError, LookupError):
        return None


def _user(username: str) -> User | None:
    return User.objects.filter(username=username).first()


def _lead(call: Call) -> User | None:
    member = (
        ProjectMember.objects.filter(project=call.project, role=ProjectRole.PROJECT_LEAD)
        .select_related("user")
        .first()
    )
    return member.user if member else None


def _ensure_role(call: Call, user: User, role: str) -> bool:
    if ProjectMember.objects.filter(project=call.project, user=user, role=role).exists():
        return True
    lead = _lead(call)
    if lead is None:
        return False

    try:
        project_member_add(project=call.project, actor=lead, user=user, role=role)
    except (ValidationError, PermissionDenied):
        return False
    return True


def _tenderers(call: Call) -> list[tuple[User, object]]:
    """(person, organisation) for each invited supplier (or each applicant, open procedure)."""
    applications = Application.objects.filter(call=call).select_related("supplier", "submitted_by")
    if call.legal_procedure != "open":
        applications = applications.filter(status=ApplicationStatus.INVITED)
    return [(a.submitted_by, a.supplier) for a in applications.order_by("pk")]


def _submit_all(call: Call, at: dt.datetime | None, winner_key: str | None) -> None:
    winner_number = ORGANISATIONS[winner_key][2] if winner_key else None
    for position, (person, organisation) in enumerate(_tenderers(call)):
        if Tender.objects.filter(call=call, supplier=organisation).exists():
            continue
        price = Decimal(2_400_000 + 350_000 * position)
        if organisation.org_number == winner_number:
            price = Decimal(2_300_000)
        tendering_services.tender_submit(
            actor=person,
            call=call,
            content=TENDER_TEXT.format(supplier=organisation.name, title=call.title),
            price=price,
            supplier=organisation,
            now=at - dt.timedelta(days=2, hours=position) if at else None,
        )


def _criteria(call: Call, criteria: list[dict], before: dt.datetime | None, key: str = "") -> bool:
    lead = _lead(call)
    if not results.criteria_of(call=call):
        if lead is None:
            return False
        services.criteria_set(actor=lead, call=call, criteria=criteria, now=before)
    model = MODELS.get(key)
    if model and lead is not None and not EvaluationModel.objects.filter(call=call).exists():
        try:
            services.evaluation_model_set(actor=lead, call=call, now=before, **model)
        except ValidationError as error:
            _note(f"kept {key} without an evaluation model: {'; '.join(error.messages)}")
    return True


def prepare_call(*, call: Call, actor: User, now: dt.datetime) -> None:
    """Before market's demo publishes a seed call: its award criteria and evaluation model,
    which a call must have to be published (called through market.extensions)."""
    key = next((k for k, ref in market_demo.REFERENCES.items() if ref == call.reference), "")
    criteria = CASES[key][4] if key in CASES else SEALED_CASES.get(key, VAXJO_CRITERIA)
    if not results.criteria_of(call=call):
        services.criteria_set(actor=actor, call=call, criteria=criteria, now=now)
    if not EvaluationModel.objects.filter(call=call).exists():
        model = MODELS.get(key, {"kind": "weighted_points", "price_ceiling": Decimal(4_000_000)})
        services.evaluation_model_set(actor=actor, call=call, now=now, **model)


def _historical_case(key: str, spec: tuple) -> None:
    officials, evaluators, manager_name, winner_key, criteria, contract_on = spec
    call = _call(key)
    if call is None or call.tender_deadline is None:
        _note(f"skipped {key}: its call is not in the demo data")
        return
    if Award.objects.filter(call=call, contract_signed_on__isnull=False).exists():
        return
    deadline = call.tender_deadline
    if deadline > timezone.now():
        _note(f"skipped {key}: the call's tender deadline is in the future")
        return
    if not _tenderers(call):
        _note(f"skipped {key}: no supplier is invited to tender")
        return
    if not _criteria(call, criteria, deadline - dt.timedelta(days=20), key):
        _note(f"skipped {key}: the project has no project lead")
        return
    if not CallKey.objects.filter(call=call, opened_at__isnull=False).exists():
        _submit_all(call, deadline, winner_key)
    people = {name: _user(name) for name in (*officials, *evaluators, manager_name)}
    if not all(people.values()):
        _note(f"skipped the opening of {key}: demo people missing")
        return
    if not all(_ensure_role(call, people[n], ProjectRole.OPENING_OFFICIAL) for n in officials):
        _note(f"skipped the opening of {key}: officials could not be appointed")
        return
    for offset, name in enumerate(officials):
        if CallKey.objects.filter(call=call, opened_at__isnull=False).exists():
            break
        if not OpeningConfirmation.objects.filter(
            call=call, round=1, official=people[name]
        ).exists():
            tendering_services.opening_confirm(
                actor=people[name], call=call, now=deadline + dt.timedelta(hours=1, minutes=offset)
            )
    if key in NEGOTIATED and not _negotiate(
        call, NEGOTIATED[key], [people[n] for n in officials], winner_key
    ):
        _note(f"skipped the evaluation of {key}: its negotiation round is not opened")
        return
    tenders = results.active_tenders(call=call)
    crit = results.scored_criteria_of(call=call)
    winner_number = _org_number(winner_key) if winner_key else None
    winner = next(
        (t for t in tenders if t.supplier.org_number == winner_number),
        tenders[0] if tenders else None,
    )
    if winner is None:
        return
    if not all(_ensure_role(call, people[n], ProjectRole.EVALUATOR) for n in evaluators):
        _note(f"skipped the evaluation of {key}: evaluators could not be appointed")
        return
    for name in dict.fromkeys((*evaluators, manager_name)):
        if not ConflictDeclaration.objects.filter(call=call, person=people[name]).exists():
            tendering_services.conflict_declare(
                actor=people[name],
                call=call,
                has_conflict=False,
                now=deadline + dt.timedelta(hours=2),
            )
    for name in evaluators:
        evaluator = people[name]
        for tender in tenders:
            if Score.objects.filter(
                tender=tender, evaluator=evaluator, is_consensus=False
            ).exists():
                continue
            value = 4 if tender == winner else 3
            services.scores_record(
                actor=evaluator,
                tender=tender,
                scores=[(c, value, _justification(c.name, value)) for c in crit],
            )
    manager = people[manager_name]
    for tender in tenders:
        if Score.objects.filter(tender=tender, is_consensus=True).exists():
            continue
        value = 4 if tender == winner else 3
        services.consensus_record_many(
            actor=manager,
            tender=tender,
            scores=[
                (c, value, _justification(c.name, value), _external(c.name, value)) for c in crit
            ],
        )
    lead = _lead(call)
    award = Award.objects.filter(call=call).first()
    decided = deadline + dt.timedelta(days=21)
    if award is None:
        award = services.award_decide(
            actor=lead,
            call=call,
            tender=winner,
            justification=(
                f"{winner.supplier.name} har det bästa förhållandet mellan pris och kvalitet "
                "enligt tilldelningskriterierna."
            ),
            notice_sent_on=timezone.localdate(decided),
            now=decided,
        )
    signed_on = contract_on or legal_clock.next_working_day(
        legal_clock.earliest_contract_date(award.notice_sent_on, award.sent_electronically)
        + dt.timedelta(days=7)
    )
    if not legal_clock.contract_allowed(award.notice_sent_on, signed_on, award.sent_electronically):
        signed_on = legal_clock.earliest_contract_date(
            award.notice_sent_on, award.sent_electronically
        )
    if signed_on > timezone.localdate():
        return
    services.award_record_contract(
        actor=lead,
        award=award,
        signed_on=signed_on,
        now=timezone.make_aware(dt.datetime.combine(signed_on, dt.time(15))),
    )


def _negotiate(call: Call, change_text: str, officials: list[User], winner_key: str | None) -> bool:
    """Round 2: revised tenders from everyone of round 1, opened by the same two officials.

    Returns whether the round is opened (so the evaluation can go on with its tenders).
    """
    deadline = call.tender_deadline
    negotiation = NegotiationRound.objects.filter(call=call, number=2).first()
    if negotiation is None:
        lead = _lead(call)
        if lead is None or Award.objects.filter(call=call).exists():
            return False
        negotiation = tendering_services.round_start(
            actor=lead,
            call=call,
            deadline=deadline + dt.timedelta(days=10),
            change_text=change_text,
            now=deadline + dt.timedelta(days=3),
        )
    if negotiation.opened_at is not None:
        return True
    _channel_exchange(call, officials[0], winner_key, negotiation.created_at)
    invited = round_supplier_ids(call=call, number=1)
    for position, (person, organisation) in enumerate(_tenderers(call)):
        if organisation.pk not in invited:
            continue
        if Tender.objects.filter(call=call, supplier=organisation, round=2).exists():
            continue
        first = results.active_tenders(call=call)
        price = next(
            (_price_of(t) for t in first if t.supplier_id == organisation.pk and t.round == 1),
            Decimal(2_400_000),
        )
        tendering_services.tender_submit(
            actor=person,
            call=call,
            content=REVISED_TEXT.format(supplier=organisation.name, title=call.title),
            price=(price * Decimal("0.95")).quantize(Decimal("1")),
            supplier=organisation,
            now=negotiation.deadline - dt.timedelta(days=1, hours=position),
        )
    for offset, official in enumerate(officials):
        negotiation.refresh_from_db()
        if negotiation.opened_at is not None:
            break
        if not OpeningConfirmation.objects.filter(call=call, round=2, official=official).exists():
            tendering_services.opening_confirm(
                actor=official,
                call=call,
                round_number=2,
                now=negotiation.deadline + dt.timedelta(hours=1, minutes=offset),
            )
    negotiation.refresh_from_db()
    return negotiation.opened_at is not None


def _channel_exchange(call: Call, buyer: User, supplier_key: str | None, at: dt.datetime) -> None:
    """A question and its answer in one tenderer's confidential channel during the round."""
    if supplier_key is None:
        return
    number = _org_number(supplier_key)
    found = next(((p, o) for p, o in _tenderers(call) if o.org_number == number), None)
    if found is None or NegotiationMessage.objects.filter(call=call, supplier=found[1]).exists():
        return
    person, organisation = found
    tendering_services.channel_post(
        actor=buyer,
        call=call,
        supplier=organisation,
        body="Kan ni beskriva hur utbildningen av vårdpersonalen går till i ert förslag?",
        now=at + dt.timedelta(days=1),
    )
    tendering_services.channel_post(
        actor=person,
        call=call,
        supplier=organisation,
        body=(
            "Vi utbildar i två steg: först en halvdag för alla på vårdcentralen, sedan "
            "handledning på plats under de första fyra veckorna."
        ),
        now=at + dt.timedelta(days=2),
    )


def _price_of(tender: Tender) -> Decimal:
    """A demo tender's price, read through the gateway once its round is opened."""
    return open_tender_prices(call=tender.call, tenders=[tender])[tender.pk]


def _org_number(key: str) -> str:
    return ORGANISATIONS[key][2]


def _justification(criterion: str, value: int) -> str:
    return f"{criterion}: bedömd till {value} av 5 utifrån anbudets beskrivning."


def _external(criterion: str, value: int) -> str:
    quality = "mycket väl" if value >= 4 else "väl"
    return f"Anbudet uppfyller kriteriet {criterion.lower()} {quality} ({value} av 5)."


def _sealed_case(key: str, criteria: list[dict]) -> None:
    call = _call(key)
    if call is None or call.tender_deadline is None:
        _note(f"skipped {key}: its call is not in the demo data")
        return
    if call.tender_deadline <= timezone.now():
        _note(f"skipped {key}: the call's tender deadline has passed")
        return
    _criteria(call, criteria, None, key)
    try:
        _submit_all(call, None, None)
    except (ValidationError, PermissionDenied) as error:
        _note(f"skipped tenders for {key}: {error}")


def load() -> None:
    try:
        crypto.current_kek_id()
    except ImproperlyConfigured as error:
        _note(f"skipped: tenders cannot be sealed without a key-encryption key ({error})")
        return
    for key, spec in CASES.items():
        try:
            _historical_case(key, spec)
        except (ValidationError, PermissionDenied) as error:
            _note(f"stopped {key}: {'; '.join(getattr(error, 'messages', [str(error)]))}")
    for key, criteria in SEALED_CASES.items():
        _sealed_case(key, criteria)
