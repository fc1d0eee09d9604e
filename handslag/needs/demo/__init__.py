"""Demo challenges and need statements from the seeds' cases (DESIGN §8).

Built through the services, so the audit log tells the same story as the pages.
Idempotent: a challenge is found by its organisation and title, and everything that
follows from it (triage, need statement, effects, publication) is done only when the
challenge is first created, so loading twice changes nothing.

Other apps' demo modules use NEEDS and need(key).
"""

from django.utils import translation

from handslag.needs.demo.cases import CASES, NEEDS
from handslag.needs.demo.loading import RESIDENT_EXTRAS, _load_case, _load_resident_extras, need
from handslag.needs.demo.sharing import (
    NETWORK_NAME,
    SKURUP_WASTE,
    SUPPORT_COMMENTS,
    SUPPORTED_CHALLENGE,
    _load_network,
    _load_sharing,
    _load_support,
)

__all__ = [
    "CASES",
    "NEEDS",
    "NETWORK_NAME",
    "RESIDENT_EXTRAS",
    "SKURUP_WASTE",
    "SUPPORTED_CHALLENGE",
    "SUPPORT_COMMENTS",
    "load",
    "need",
]


def load() -> None:
    # Text the services compose (the prefilled problem, the e-mail to the submitter)
    # should be in the demo's language, whatever language the command runs in.
    with translation.override("sv"):
        for key, case in CASES.items():
            challenge = _load_case(key, case)
            if key == "residents":
                _load_resident_extras(challenge)
        _load_sharing()
        _load_support()
        _load_network()
