"""The award as market sees it: an awarded call's stage is "awarded" on every list, and
it can no longer be cancelled."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from handslag.evaluation.tests.factories import Scenario
from handslag.evaluation.tests.test_award_document import decided
from handslag.market import services as market_services
from handslag.market.models import Call, CallStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def s():
    return Scenario()


def test_an_awarded_call_is_awarded_and_cannot_be_cancelled(
    client, s, django_capture_on_commit_callbacks
):
    decided(s, django_capture_on_commit_callbacks)
    call = Call.objects.get(pk=s.call.pk)
    assert call.stage == "awarded"
    assert Call.objects.with_stage().get(pk=call.pk).stage_value == "awarded"
    market = client.get(reverse("market:public_call_list"), {"status": "awarded"})
    assert [c.pk for c in market.context["calls"]] == [call.pk]
    with pytest.raises(ValidationError):
        market_services.call_cancel(actor=s.lead, call=call, reason="För sent")
    call.refresh_from_db()
    assert call.status == CallStatus.PUBLISHED and call.stage == "awarded"
