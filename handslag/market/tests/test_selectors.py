import datetime as dt

import pytest
from django.utils import timezone

from handslag.accounts.tests.factories import member, supplier
from handslag.market import selectors
from handslag.market.models import ApplicationStatus, CallStatus
from handslag.market.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


def test_only_invitations_the_supplier_can_still_act_on_are_open():
    organisation = supplier()
    person = member(organisation)
    now = timezone.now()

    def invited(**call_fields):
        call_fields.setdefault("application_deadline", now - dt.timedelta(days=10))
        call = CallFactory(**call_fields)
        return ApplicationFactory(
            call=call, supplier=organisation, submitted_by=person, status=ApplicationStatus.INVITED
        )

    open_one = invited(tender_deadline=now + dt.timedelta(days=3))
    invited(
        application_deadline=now - dt.timedelta(days=40),
        tender_deadline=now - dt.timedelta(seconds=1),
    )
    invited(status=CallStatus.CANCELLED, tender_deadline=now + dt.timedelta(days=3))
    ApplicationFactory(
        call=CallFactory(
            application_deadline=now - dt.timedelta(days=10),
            tender_deadline=now + dt.timedelta(days=3),
        ),
        supplier=organisation,
        submitted_by=person,
        status=ApplicationStatus.QUALIFIED,
    )
    assert list(selectors.invitations_open(user=person, now=now)) == [open_one]
    assert selectors.dashboard_for(user=person, now=now)["market_invitations"] == [open_one]
