"""Organisation identifiers by country: Swedish organisation numbers, the national company
ids python-stdnum checks, EU VAT numbers, and an unverified free text for the rest.

A supplier from another EU/EEA country must be able to take part on equal terms (LOU 4 kap.
1 §, the principle of non-discrimination), so registration cannot ask for a Swedish
number only. Each country has the identifiers its registers issue; the first one the text
passes decides the stored (compact) form. A country none of them covers is accepted as
free text, marked unverified, so the buyer knows nobody checked it.

Swedish numbers keep their own rule and form (org_numbers.py: NNNNNN-NNNN); every other
identifier is stored as stdnum writes it compactly (no spaces or separators, VAT numbers
with their country prefix).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import import_module
from types import ModuleType
from typing import Final

from stdnum.eu import vat as eu_vat
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError

from handslag.rules.org_numbers import OrgNumberError, OrgNumberProblem, normalise_org_number

SWEDEN: Final = "SE"
SWEDISH_SCHEME: Final = "se.orgnr"
VAT_SCHEME: Final = "eu.vat"
MAX_LENGTH: Final = 40

# The national company (or business) identifiers python-stdnum checks, per ISO 3166-1
# country code, tried in this order before the EU VAT number.
COMPANY_IDS: Final[Mapping[str, tuple[str, ...]]] = {
    "AT": ("at.businessid",),
    "BE": ("be.vat",),
    "BG": ("bg.vat",),
    "CH": ("ch.uid",),
    "CY": ("cy.vat",),
    "CZ": ("cz.dic",),
    "DE": ("de.handelsregisternummer",),
    "DK": ("dk.cvr",),
    "EE": ("ee.registrikood",),
    "ES": ("es.cif",),
    "FI": ("fi.ytunnus",),
    "FR": ("fr.siren", "fr.siret"),
    "GB": ("gb.vat",),
    "GR": ("gr.vat",),
    "HR": ("hr.oib",),
    "HU": ("hu.anum",),
    "IE": ("ie.vat",),
    "IS": ("is_.kennitala",),
    "IT": ("it.iva",),
    "LI": ("li.peid",),
    "LT": ("lt.pvm",),
    "LU": ("lu.tva",),
    "LV": ("lv.pvn",),
    "MT": ("mt.vat",),
    "NL": ("nl.btw",),
    "NO": ("no.orgnr",),
    "PL": ("pl.nip", "pl.regon"),
    "PT": ("pt.nif",),
    "RO": ("ro.onrc", "ro.cui"),
    "SI": ("si.maticna",),
    "SK": ("sk.dph",),
    "US": ("us.ein",),
}

# The EU member states, whose VAT numbers (VIES) are accepted as well; Greece writes EL.
EU_MEMBER_STATES: Final = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
    ]
)
VAT_PREFIX: Final[Mapping[str, str]] = {"GR": "EL"}

# The countries registration offers: the EU and EEA, Switzerland, the United Kingdom and
# the United States, and two Nordic neighbours without a checkable register (unverified).
COUNTRIES: Final = tuple(sorted(set(COMPANY_IDS) | EU_MEMBER_STATES | {SWEDEN, "FO", "GL"}))

_FREE_TEXT = re.compile(r"^[A-Z0-9]+$")
_SEPARATORS = re.compile(r"[\s\-./]+")


class OrgIdProblem(StrEnum):
    """Why a text is not an identifier for its country; the values are stable error codes.

    FORMAT and CHECKSUM keep the Swedish rule's codes, so its callers see no change.
    """

    COUNTRY = "org_id_country"
    EMPTY = "org_id_empty"
    FORMAT = OrgNumberProblem.FORMAT.value
    CHECKSUM = OrgNumberProblem.CHECKSUM.value


class OrgIdentifierError(ValueError):
    """A text that is no identifier of *country*: *problem* says why, *schemes* which
    identifiers were tried (their keys, such as "no.orgnr" or "eu.vat")."""

    def __init__(self, problem: OrgIdProblem, country: str, schemes: tuple[str, ...]) -> None:
        super().__init__(problem.value)
        self.problem = problem
        self.country = country
        self.schemes = schemes


@dataclass(frozen=True)
class OrgIdentifier:
    """An organisation's identifier as stored: its country, compact form and how it was
    checked (the scheme's key, or "" for unverified free text)."""

    country: str
    number: str
    scheme: str

    @property
    def verified(self) -> bool:
        return bool(self.scheme)


def schemes_for(country: str) -> tuple[str, ...]:
    """The keys of the identifiers checked for *country*, in the order they are tried."""
    if country == SWEDEN:
        return (SWEDISH_SCHEME,)
    national = COMPANY_IDS.get(country, ())
    return national + ((VAT_SCHEME,) if country in EU_MEMBER_STATES else ())


def is_checkable(country: str) -> bool:
    return bool(schemes_for(country))


def _module(key: str) -> ModuleType:
    return import_module(f"stdnum.{key}")


def _vat(country: str, text: str) -> str:
    prefix = VAT_PREFIX.get(country, country)
    text = _SEPARATORS.sub("", text).upper()
    if not text[:2].isalpha():
        text = prefix + text
    compact = eu_vat.compact(text)
    if compact[:2] != prefix:
        # Another member state's number: not this country's identifier.
        raise StdnumError()
    return eu_vat.validate(compact)


def normalise_org_identifier(*, country: str, value: str | None) -> OrgIdentifier:
    """Check *value* as an identifier of *country* and return it in its stored form.

    Raises :class:`OrgIdentifierError`. Sweden: the organisation number rule, unchanged.
    A country with checkable identifiers: the first that validates wins; if none does,
    CHECKSUM when one of them failed only on its check digit, else FORMAT. Any other
    offered country: the text, compacted, unverified.
    """
    country = (country or "").strip().upper()
    if country not in COUNTRIES:
        raise OrgIdentifierError(OrgIdProblem.COUNTRY, country, ())
    text = (value or "").strip()
    if not text:
        raise OrgIdentifierError(OrgIdProblem.EMPTY, country, schemes_for(country))
    if country == SWEDEN:
        try:
            return OrgIdentifier(SWEDEN, normalise_org_number(text), SWEDISH_SCHEME)
        except OrgNumberError as error:
            raise OrgIdentifierError(
                OrgIdProblem(error.problem.value), SWEDEN, (SWEDISH_SCHEME,)
            ) from None
    schemes = schemes_for(country)
    if not schemes:
        compact = _SEPARATORS.sub("", text).upper()
        if not _FREE_TEXT.match(compact) or not 2 <= len(compact) <= MAX_LENGTH:
            raise OrgIdentifierError(OrgIdProblem.FORMAT, country, ())
        return OrgIdentifier(country, compact, "")
    checksum = False
    for key in schemes:
        try:
            number = _vat(country, text) if key == VAT_SCHEME else _module(key).validate(text)
        except InvalidChecksum:
            checksum = True
        except StdnumError:
            pass
        else:
            if len(number) <= MAX_LENGTH:
                return OrgIdentifier(country, number, key)
    problem = OrgIdProblem.CHECKSUM if checksum else OrgIdProblem.FORMAT
    raise OrgIdentifierError(problem, country, schemes)
