"""Helpers shared by the tendering services."""

import datetime as dt
import secrets

from django.utils import formats, timezone

from handslag.market.models import Call


def _local(value: dt.datetime) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _lock_call(call: Call) -> Call:
    """Lock the call's row: submissions, withdrawals and the opening of one call are serialised.

    Only the call's row (of=self): the project is read along but not locked, so work on
    the project elsewhere does not queue behind a tender, nor the other way round.
    """
    return Call.objects.select_for_update(of=("self",)).select_related("project").get(pk=call.pk)


def _new_receipt() -> str:
    raw = secrets.token_hex(16).upper()
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))
