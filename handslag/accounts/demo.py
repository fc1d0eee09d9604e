"""Demo organisations and people (DESIGN §8). Idempotent: loading twice changes nothing.

Other apps' demo modules look organisations and people up by the keys defined here.
"""

from handslag.accounts import services
from handslag.accounts.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from handslag.accounts.models import Membership, Organisation, User
from handslag.accounts.roles import OrganisationKind as K

# key: (name, kind, organisation number, SME, non-profit)
ORGANISATIONS = {
    "vaxjo": ("Växjö kommun", K.BUYER, "212000-0662", False, False),
    "trelleborg": ("Trelleborgs kommun", K.BUYER, "212000-1124", False, False),
    "skurup": ("Skurups kommun", K.BUYER, "212000-1108", False, False),
    "ystad": ("Ystads kommun", K.BUYER, "212000-1231", False, False),
    # The three municipalities that joined Innovationsupphandling Syd's sharing service.
    "simrishamn": ("Simrishamns kommun", K.BUYER, "212000-1215", False, False),
    "sjobo": ("Sjöbo kommun", K.BUYER, "212000-1140", False, False),
    "tomelilla": ("Tomelilla kommun", K.BUYER, "212000-1173", False, False),
    "ostergotland": ("Region Östergötland", K.BUYER, "232100-0040", False, False),
    "upphandlingsmyndigheten": ("Upphandlingsmyndigheten", K.PARTNER, "202100-5307", False, False),
    # Fictional suppliers.
    "sensorbolaget": ("Sensorbolaget i Småland AB", K.SUPPLIER, "556677-8899", True, False),
    "vardnara": ("Vårdnära Teknik AB", K.SUPPLIER, "559012-3450", True, False),
    "delningstjanst": ("Delningstjänst Nord AB", K.SUPPLIER, "559123-4561", True, False),
    "ideburen": ("Idéburna Digitalhjälpen", K.SUPPLIER, "802470-1230", False, True),
}


def org(key: str) -> Organisation:
    return Organisation.objects.get(org_number=ORGANISATIONS[key][2])


def person(username: str) -> User:
    return User.objects.get(username=username)


def _ensure_user(username: str, first: str, last: str, org_key: str, role: str) -> None:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(
            username=username, first_name=first, last_name=last, email=f"{username}@example.org"
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
    organisation = org(org_key)
    if not Membership.objects.filter(user=user, organisation=organisation).exists():
        services.membership_add(actor=None, user=user, organisation=organisation, role=role)


def load() -> None:
    for name, kind, number, sme, nonprofit in ORGANISATIONS.values():
        if not Organisation.objects.filter(org_number=number).exists():
            services.organisation_create(
                actor=None,
                name=name,
                kind=kind,
                org_number=number,
                is_sme=sme,
                is_nonprofit=nonprofit,
            )
    for username, first, last, org_key, role, _description in DEMO_ACCOUNTS:
        _ensure_user(username, first, last, org_key, role)
