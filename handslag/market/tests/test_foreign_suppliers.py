"""Suppliers registered abroad sign up with their own country's identifier (LOU 4 kap. 1 §,
non-discrimination): checked with python-stdnum where a register's rule is known, taken
as unverified text elsewhere and shown so to the buyer."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from handslag.accounts.models import Organisation, User
from handslag.accounts.services import api_token_create
from handslag.audit.models import AuditEntry
from handslag.market import services
from handslag.market.models import SupplierProfile
from handslag.market.tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "organisation_name": "Fjordteknikk AS",
    "country": "NO",
    "org_number": "988 077 917",
    "username": "fjord",
    "email": "kari@fjordteknikk.example",
    "password": "Ett-långt-lösen-42",
    "first_name": "Kari",
    "last_name": "Nordmann",
}


def register(**changes) -> User:
    return services.supplier_register(**{**GOOD, **changes})


def counts() -> tuple[int, int, int, int]:
    return (
        User.objects.count(),
        Organisation.objects.count(),
        SupplierProfile.objects.count(),
        AuditEntry.objects.count(),
    )


def test_norwegian_supplier_registers_with_its_organisation_number():
    user = register()
    organisation = Organisation.objects.get(name="Fjordteknikk AS")
    assert (organisation.country, organisation.org_number) == ("NO", "988077917")
    assert organisation.org_number_verified and user.is_supplier


def test_wrong_norwegian_check_digit_refused_in_swedish_naming_country_and_rule():
    before = counts()
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        register(org_number="988 077 918")
    message = " ".join(error.value.message_dict["org_number"])
    assert message == (
        "Kontrollsiffran stämmer inte för ett nummer i Norge (organisationsnummer "
        "(organisasjonsnummer): nio siffror, den sista en kontrollsiffra (modulus 11)). "
        "Kontrollera att varje tecken är rätt skrivet."
    )
    assert counts() == before


def test_a_number_not_of_the_country_is_refused_listing_its_identifiers():
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        register(country="FI", org_number="DE136695976")
    message = " ".join(error.value.message_dict["org_number"])
    assert "inget organisationsnummer som används i Finland" in message
    assert "Y-tunnus" in message and "momsregistreringsnummer" in message


def test_unknown_country_refused_on_the_country():
    before = counts()
    with pytest.raises(ValidationError) as error:
        register(country="XX")
    assert "country" in error.value.message_dict and counts() == before


def test_eu_vat_number_accepted_in_compact_form():
    register(country="DE", org_number="de 136 695 976")
    assert Organisation.objects.get(country="DE").org_number == "DE136695976"


def test_country_without_a_register_is_unverified():
    register(country="FO", org_number="12 345")
    organisation = Organisation.objects.get(country="FO")
    assert organisation.org_number == "12345" and not organisation.org_number_verified
    audit = AuditEntry.objects.get(action="organisation.create")
    assert audit.data["country"] == "FO"


def test_unique_per_country_and_identifier():
    register()
    before = counts()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        register(username="fjord2", org_number="988077917")
    assert "already registered" in " ".join(error.value.message_dict["org_number"])
    assert counts() == before
    # The same digits in another country are another organisation.
    register(username="dansk", country="DK", org_number="13585628")
    register(username="faer", country="FO", org_number="988077917")
    assert Organisation.objects.filter(org_number="988077917").count() == 2


def test_swedish_default_unchanged():
    user = register(country=None, org_number="5566778899", username="svensk")
    organisation = user.organisations[0]
    assert (organisation.country, organisation.org_number) == ("SE", "556677-8899")
    with translation.override("sv"), pytest.raises(ValidationError) as error:
        register(country="SE", org_number="5566778890", username="svensk2")
    assert "kontrollsiffra" in " ".join(error.value.message_dict["org_number"])


def test_sign_up_page_offers_the_country_and_refuses_a_bad_number(client):
    page = client.get(reverse("market:supplier_register")).content.decode()
    assert "Land där organisationen är registrerad" in page and "Norge" in page
    data = {**GOOD, "password_again": GOOD["password"], "org_number": "988077918"}
    response = client.post(reverse("market:supplier_register"), data)
    assert response.status_code == 400 and "Norge" in response.content.decode()
    assert not Organisation.objects.filter(country="NO").exists()
    response = client.post(reverse("market:supplier_register"), {**data, "org_number": "988077917"})
    assert response.status_code == 302
    organisation = Organisation.objects.get(country="NO")
    profile = client.get(reverse("market:supplier_profile", args=[organisation.pk])).text
    assert "988077917 (Norge)" in profile and "Ej kontrollerat" not in profile


def test_api_registers_with_a_country_and_reports_it(client):
    body = {**GOOD, "country": "FO", "org_number": "Føroyar 1"}
    refused = client.post(
        "/api/v1/market/suppliers/register", body, content_type="application/json"
    )
    assert refused.status_code == 400 and "org_number" in refused.json()["errors"]
    body["org_number"] = "FO-4711"
    created = client.post(
        "/api/v1/market/suppliers/register", body, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    user = User.objects.get(pk=created.json()["user_id"])
    token = api_token_create(actor=user, name="t").raw
    mine = client.get("/api/v1/market/suppliers/mine", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert mine.json()[0]["country"] == "FO" and mine.json()[0]["org_number"] == "FO4711"
    assert mine.json()[0]["org_number_verified"] is False


def test_buyer_sees_an_unverified_identifier_marked(client, cast):
    register(country="GL", org_number="GL-1234", username="gron")
    greenland = Organisation.objects.get(country="GL")
    application = ApplicationFactory(call=cast.call, supplier=greenland)
    ApplicationFactory(call=cast.call, supplier=cast.supplier_a)
    client.force_login(cast.manager)
    decide = client.get(reverse("market:application_decide", args=[application.pk])).text
    assert "GL1234 (Grönland)" in decide and "Ej kontrollerat" in decide
    listing = client.get(reverse("market:call_detail", args=[cast.call.pk])).text
    assert listing.count("Organisationsnumret ej kontrollerat") == 1
    checked = ApplicationFactory(call=cast.call, supplier=cast.supplier_b)
    page = client.get(reverse("market:application_decide", args=[checked.pk])).text
    assert "(Sverige)" in page and "Ej kontrollerat" not in page
