"""Shared needs, supported challenges and the buyer network."""

from handslag.accounts import services as account_services
from handslag.accounts.demo import org, person
from handslag.accounts.models import BuyerNetwork
from handslag.needs import services
from handslag.needs.demo.loading import _challenge, need
from handslag.needs.models import Visibility

# A fictional need in another municipality, close to Växjö's waste need, so that
# the similar-needs suggestion has something real to show.
SKURUP_WASTE = {
    "challenge": {
        "title": "Överfulla papperskorgar och sopkärl vid stränderna",
        "description": (
            "Papperskorgar och sopkärl vid badplatserna töms på fasta dagar. På varma dagar "
            "svämmar kärlen över, andra dagar körs onödiga tömningstransporter till tomma kärl."
        ),
        "affected": "Invånare, turister och gatu- och parkenheten.",
        "frequency": "Varje dag under sommaren.",
        "cost_today": "Extra tömningstransporter och städning efter överfulla kärl.",
        "area": "Avfall",
        "unit": "Gatu- och parkenheten",
        "visibility": Visibility.BUYERS,
    },
    "need": {
        "title": "Tömning av sopkärl efter fyllnadsgrad vid badplatser",
        "target_group": "Gatu- och parkenheten, invånare och besökare.",
        "functional_requirements": (
            "Lösningen ska visa hur fulla sopkärlen är.\n"
            "Tömning ska kunna planeras efter fyllnadsgrad i stället för fasta dagar."
        ),
        "visibility": Visibility.BUYERS,
    },
}

SUPPORTED_CHALLENGE = {
    "title": "Parkbelysning som lyser när ingen är där",
    "description": (
        "Belysningen i parkerna lyser hela natten, även när ingen går där. Det kostar el "
        "och stör fåglar och grannar."
    ),
    "affected": "Parkenheten och boende nära parkerna.",
    "frequency": "Varje natt.",
    "cost_today": "Elkostnad för belysning som ingen använder.",
    "area": "Parker",
    "unit": "Parkenheten",
}
SUPPORT_COMMENTS = [
    ("upphandlare", "Samma sak i Teleborgsparken. Finns det något att lära av andra kommuner?"),
    ("behovsagare", "Vi har mätningar av elförbrukningen från förra vintern som kan hjälpa."),
]


def _load_sharing() -> None:
    """Växjö shares its waste need; Skurup has a similar need, also shared."""
    vaxjo_waste = need("waste")
    services.need_update(
        actor=person("upphandlare"), need=vaxjo_waste, visibility=Visibility.BUYERS
    )
    skurup = org("skurup")
    if _challenge(skurup, SKURUP_WASTE["challenge"]["title"]) is not None:
        return
    owner = person("skurup-behov")
    challenge = services.challenge_submit(
        actor=owner, organisation=skurup, **SKURUP_WASTE["challenge"]
    )
    statement = services.challenge_refine(
        actor=owner, challenge=challenge, reason="Ett tydligt behov som fler kommuner har."
    )
    services.need_update(actor=owner, need=statement, **SKURUP_WASTE["need"])


def _load_support() -> None:
    """A challenge colleagues have supported and commented on, still waiting for triage."""
    vaxjo = org("vaxjo")
    if _challenge(vaxjo, SUPPORTED_CHALLENGE["title"]) is not None:
        return
    challenge = services.challenge_submit(
        actor=person("utvarderare"), organisation=vaxjo, **SUPPORTED_CHALLENGE
    )
    for username in ("behovsagare", "upphandlare", "oppnare"):
        services.challenge_support(actor=person(username), challenge=challenge)
    for username, text in SUPPORT_COMMENTS:
        services.challenge_comment_add(actor=person(username), challenge=challenge, text=text)


NETWORK_NAME = "Innovationsupphandling Syd"


def _load_network() -> None:
    """Trelleborg, Skurup and Ystad work together as a buyer network (the seeds' Syd)."""
    if BuyerNetwork.objects.filter(name=NETWORK_NAME).exists():
        return
    network = account_services.network_create(
        actor=person("syd-projektledare"),
        organisation=org("trelleborg"),
        name=NETWORK_NAME,
        description=(
            "Kommunerna i sydöstra Skåne delar behovsanalyser och marknadsdialoger och "
            "driver gemensamma innovationsupphandlingar."
        ),
    )
    for key, answerer in (("skurup", "skurup-behov"), ("ystad", "ystad-behov")):
        invitation = account_services.network_invite(
            actor=person("syd-projektledare"), network=network, organisation=org(key)
        )
        account_services.network_invitation_accept(actor=person(answerer), invitation=invitation)
