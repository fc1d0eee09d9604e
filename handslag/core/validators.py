"""Validators shared across apps."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from handslag.rules.org_identifiers import (
    COUNTRIES,
    SWEDEN,
    OrgIdentifier,
    OrgIdentifierError,
    OrgIdProblem,
)
from handslag.rules.org_identifiers import (
    normalise_org_identifier as rules_normalise_org_identifier,
)
from handslag.rules.org_numbers import OrgNumberError, OrgNumberProblem
from handslag.rules.org_numbers import normalise_org_number as rules_normalise_org_number

# C0 controls except tab, line feed and carriage return; lone surrogates; the two
# non-characters. XML 1.0 refuses them (so DOCX and XLSX cannot carry them) and
# PostgreSQL refuses NUL in text.
UNSTORABLE_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_ORG_NUMBER_MESSAGES = {
    OrgNumberProblem.FORMAT: _(
        "Enter the organisation number as ten digits, for example 212000-0688."
    ),
    OrgNumberProblem.CHECKSUM: _(
        "The organisation number's check digit is wrong. Check that it is typed correctly."
    ),
}


def normalise_org_number(value: str) -> str:
    """Return the organisation number as NNNNNN-NNNN, or raise ValidationError.

    The rule is :func:`handslag.rules.org_numbers.normalise_org_number`; this wrapper
    turns its problem into a translated form error with the problem as its code.
    """
    try:
        return rules_normalise_org_number(value)
    except OrgNumberError as error:
        raise ValidationError(
            _ORG_NUMBER_MESSAGES[error.problem], code=error.problem.value
        ) from None


def validate_org_number(value: str) -> None:
    normalise_org_number(value)


def text_is_storable(value: str) -> bool:
    """Whether the text holds none of the characters a database or an export refuses."""
    return UNSTORABLE_CHARACTERS.search(value) is None


def exportable_text(value: str) -> str:
    """The text with each unstorable character shown as U+FFFD, for files we generate."""
    return UNSTORABLE_CHARACTERS.sub("\ufffd", value)


# --- Organisation identifiers of every country (the rule: handslag.rules.org_identifiers) ---

COUNTRY_NAMES = {
    "AT": _("Austria"),
    "BE": _("Belgium"),
    "BG": _("Bulgaria"),
    "CH": _("Switzerland"),
    "CY": _("Cyprus"),
    "CZ": _("Czechia"),
    "DE": _("Germany"),
    "DK": _("Denmark"),
    "EE": _("Estonia"),
    "ES": _("Spain"),
    "FI": _("Finland"),
    "FO": _("the Faroe Islands"),
    "FR": _("France"),
    "GB": _("the United Kingdom"),
    "GL": _("Greenland"),
    "GR": _("Greece"),
    "HR": _("Croatia"),
    "HU": _("Hungary"),
    "IE": _("Ireland"),
    "IS": _("Iceland"),
    "IT": _("Italy"),
    "LI": _("Liechtenstein"),
    "LT": _("Lithuania"),
    "LU": _("Luxembourg"),
    "LV": _("Latvia"),
    "MT": _("Malta"),
    "NL": _("the Netherlands"),
    "NO": _("Norway"),
    "PL": _("Poland"),
    "PT": _("Portugal"),
    "RO": _("Romania"),
    "SE": _("Sweden"),
    "SI": _("Slovenia"),
    "SK": _("Slovakia"),
    "US": _("the United States"),
}

# What each checked identifier looks like, for the message that refuses one.
SCHEME_RULES = {
    "se.orgnr": _("the organisation number: ten digits, the last a check digit"),
    "eu.vat": _("the VAT number (VIES), with or without the country prefix"),
    "at.businessid": _("the company register number (Firmenbuchnummer): digits and a check letter"),
    "ch.uid": _("the enterprise identification number (UID): CHE and nine digits"),
    "de.handelsregisternummer": _(
        "the commercial register number (Handelsregisternummer): court, register and "
        "number, for example Aachen HRB 44123"
    ),
    "dk.cvr": _("the CVR number: eight digits with a check digit"),
    "ee.registrikood": _("the registry code (registrikood): eight digits, the last a check digit"),
    "es.cif": _("the tax code (CIF): a letter, seven digits and a check character"),
    "fi.ytunnus": _("the business ID (Y-tunnus): seven digits, a hyphen and a check digit"),
    "fr.siren": _("the SIREN number: nine digits with a check digit"),
    "fr.siret": _("the SIRET number: fourteen digits with a check digit"),
    "hr.oib": _("the OIB: eleven digits, the last a check digit"),
    "hu.anum": _("the tax number (ANUM): eight digits, the last a check digit"),
    "is_.kennitala": _("the kennitala: ten digits with a check digit"),
    "li.peid": _("the PEID: four to twelve digits"),
    "no.orgnr": _(
        "the organisation number (organisasjonsnummer): nine digits, the last a check "
        "digit (modulus 11)"
    ),
    "pl.nip": _("the tax number (NIP): ten digits, the last a check digit"),
    "pl.regon": _("the REGON: nine or fourteen digits, the last a check digit"),
    "ro.onrc": _("the trade register number (ONRC), for example J52/750/2012"),
    "si.maticna": _("the registration number (matična številka): seven or ten digits"),
    "us.ein": _("the employer identification number (EIN): nine digits"),
}
NATIONAL_TAX_RULE = _("the national VAT or tax number")

_ORG_ID_MESSAGES = {
    OrgIdProblem.COUNTRY: _("Choose the country where your organisation is registered."),
    OrgIdProblem.EMPTY: _("Enter your organisation's identifier in %(country)s: %(rules)s."),
    OrgIdProblem.FORMAT: _(
        "This is not an organisation identifier used in %(country)s. Enter %(rules)s."
    ),
    OrgIdProblem.CHECKSUM: _(
        "The check digit is wrong for an identifier in %(country)s (%(rules)s). Check that "
        "every character is typed correctly."
    ),
}


def country_name(code: str) -> str:
    return str(COUNTRY_NAMES.get(code, code))


def country_choices() -> list[tuple[str, str]]:
    """The countries registration offers, Sweden first, the rest by name."""
    others = sorted((c for c in COUNTRIES if c != SWEDEN), key=country_name)
    return [(c, country_name(c)) for c in (SWEDEN, *others)]


def _scheme_rule(key: str) -> str:
    return str(SCHEME_RULES.get(key, NATIONAL_TAX_RULE))


def org_identifier_message(error: OrgIdentifierError) -> str:
    """The refusal in words: the country, and what its identifiers look like."""
    if error.problem == OrgIdProblem.COUNTRY:
        return str(_ORG_ID_MESSAGES[OrgIdProblem.COUNTRY])
    if not error.schemes:
        return str(_("Enter the organisation's registration number: 2–40 letters and digits."))
    rules = str(_(" or ")).join(dict.fromkeys(_scheme_rule(k) for k in error.schemes))
    return str(_ORG_ID_MESSAGES[error.problem]) % {
        "country": country_name(error.country),
        "rules": rules,
    }


def normalise_org_identifier(*, country: str, value: str) -> OrgIdentifier:
    """The identifier in its stored form for its country, or a ValidationError naming the
    country and the rule (code: the problem). Sweden gives exactly the messages of
    :func:`normalise_org_number`."""
    try:
        return rules_normalise_org_identifier(country=country, value=value)
    except OrgIdentifierError as error:
        if error.country == SWEDEN and error.problem in _ORG_NUMBER_MESSAGES:
            message = _ORG_NUMBER_MESSAGES[OrgNumberProblem(error.problem.value)]
        else:
            message = org_identifier_message(error)
        raise ValidationError(message, code=error.problem.value) from None
