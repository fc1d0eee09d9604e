"""The legal clock's warnings about a call's timetable, in the user's language."""

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.market.models import Call
from handslag.rules import legal_clock


@dataclass(frozen=True)
class PlanNotice:
    """A legal-clock warning about a call's timetable, in the user's language."""

    code: str
    message: str
    is_soft: bool
    params: dict[str, Any] = field(default_factory=dict)


def _local_date(value: dt.datetime | None) -> dt.date | None:
    return timezone.localtime(value).date() if value is not None else None


def _date_text(iso: str | None) -> str:
    if not iso:
        return ""
    from django.utils.formats import date_format

    return date_format(dt.date.fromisoformat(iso), "DATE_FORMAT")


_FIELDS = {
    "notice_sent": lambda: _("the publication of the call"),
    "application_deadline": lambda: _("the deadline for applications"),
    "invitation_sent": lambda: _("the invitation to tender"),
    "tender_deadline": lambda: _("the deadline for tenders"),
}


def _translate(warning: Any) -> str:
    p = warning.params
    code = warning.code
    if code == "deadlines_out_of_order":
        return _("%(later)s (%(later_date)s) must come after %(earlier)s (%(earlier_date)s).") % {
            "later": _FIELDS[p["later_field"]]().capitalize(),
            "later_date": _date_text(p["later_date"]),
            "earlier": _FIELDS[p["earlier_field"]](),
            "earlier_date": _date_text(p["earlier_date"]),
        }
    if code == "application_period_too_short":
        return _(
            "The application period is %(days)s days; the procedure requires at least "
            "%(minimum)s days from the publication of the call. The earliest lawful deadline "
            "for applications is %(earliest)s."
        ) % {
            "days": p["days"],
            "minimum": p["minimum_days"],
            "earliest": _date_text(p["earliest_working_deadline"]),
        }
    if code == "tender_period_too_short":
        text = _(
            "The tender period is %(days)s days from the deadline for applications (the "
            "earliest day the invitation to tender can be sent); at least %(minimum)s days "
            "are required. The earliest deadline for tenders is %(earliest)s."
        )
        if p.get("counted_from") == "notice_sent":
            text = _(
                "The tender period is %(days)s days from the publication of the call; at "
                "least %(minimum)s days are required. The earliest deadline for tenders is "
                "%(earliest)s."
            )
        text = text % {
            "days": p["days"],
            "minimum": p["minimum_days"],
            "earliest": _date_text(p["earliest_working_deadline"]),
        }
        if not p.get("statutory", True):
            text += " " + _("(The law sets no minimum here; this is handslag's recommendation.)")
        return text
    if code == "deadline_on_non_working_day":
        return _(
            "%(field)s (%(date)s) falls on a Saturday, Sunday or public holiday; the next "
            "working day is %(next)s."
        ) % {
            "field": _FIELDS[p["field"]]().capitalize(),
            "date": _date_text(p["date"]),
            "next": _date_text(p["next_working_day"]),
        }
    if code == "application_deadline_not_used":
        return _(
            "An open procedure has no application stage; the deadline for applications will not be used."
        )
    return warning.message


def call_plan_warnings(*, call: Call, now: dt.datetime | None = None) -> list[PlanNotice]:
    """What the legal clock says about the call's deadlines if it is published at `now`.

    Warnings advise; they never block publishing. Procedures the clock does not know
    (a template's own label) give no warnings.
    """
    try:
        procedure = legal_clock.Procedure(call.legal_procedure)
    except ValueError:
        return []
    notice = call.published_at or now or timezone.now()
    found = legal_clock.check_plan(
        procedure,
        _local_date(notice),
        _local_date(call.application_deadline),
        _local_date(call.tender_deadline),
        True,
    )
    return [
        PlanNotice(code=w.code, message=_translate(w), is_soft=w.is_soft, params=dict(w.params))
        for w in found
    ]
