"""Standstill (avtalsspärr) after an award decision, LOU 20 kap. 1-2 §§."""

from __future__ import annotations

import datetime as dt

from handslag.rules.legal_clock.working_days import _ONE_DAY, _require_date, next_working_day

#: Standstill when the award notice (underrättelse om tilldelningsbeslut) is sent by
#: electronic means, LOU 20 kap. 2 §.
STANDSTILL_DAYS_ELECTRONIC = 10
#: Standstill when the award notice is sent by other means (e.g. post), LOU 20 kap. 2 §.
STANDSTILL_DAYS_OTHER = 15


def standstill_days(electronic: bool = True) -> int:
    """Length of the standstill in calendar days: 10 if sent electronically, else 15."""
    return STANDSTILL_DAYS_ELECTRONIC if electronic else STANDSTILL_DAYS_OTHER


def standstill_end(award_sent: dt.date, electronic: bool = True) -> dt.date:
    """The last day of the standstill period that follows an award decision.

    LOU 20 kap. 1 § forbids concluding the contract during the standstill; 20 kap. 2 §
    makes it 10 days from the sending of the award notice when sent electronically and
    15 days otherwise. Counting: the day the notice is sent is day 0, the next day is
    day 1, and the standstill runs to the end of day 10 (or 15). If that day is not a
    working day the standstill is extended to the end of the next working day
    (lag (1930:173) 2 §, "söndagsregeln").

    The extension follows current guidance from Upphandlingsmyndigheten. Regeringsrätten
    held in RÅ 2007 ref. 28 that the rule did not apply to the ten-day period of the old
    1992 act; extending is nevertheless the safe reading for a buyer, since signing later
    never breaches a standstill while signing one day too early can void the contract.

    Not modelled: the cases where no standstill applies (LOU 20 kap.) and the extended
    standstill while a review application is pending.

    >>> standstill_end(dt.date(2026, 3, 26))  # day 10 is Easter Day, then Easter Monday
    datetime.date(2026, 4, 7)
    """
    award_sent = _require_date(award_sent, "award_sent")
    return next_working_day(award_sent + dt.timedelta(days=standstill_days(electronic)))


def earliest_contract_date(award_sent: dt.date, electronic: bool = True) -> dt.date:
    """The first day a contract may be concluded: the day after the standstill ends."""
    return standstill_end(award_sent, electronic) + _ONE_DAY


def contract_allowed(award_sent: dt.date, contract_date: dt.date, electronic: bool = True) -> bool:
    """True if a contract dated *contract_date* falls after the standstill (LOU 20 kap. 1 §).

    The contract date must be strictly after :func:`standstill_end`: the last day
    belongs to the standstill, and suppliers may apply for review until it ends.
    """
    contract_date = _require_date(contract_date, "contract_date")
    return contract_date > standstill_end(award_sent, electronic)
