import pytest

from handslag.accounts import demo as accounts_demo
from handslag.audit.models import AuditEntry
from handslag.needs import demo
from handslag.needs.models import Challenge, ChallengeStatus
from handslag.needs.selectors import need_is_ready

pytestmark = pytest.mark.django_db


def test_demo_loads_every_case_and_is_idempotent() -> None:
    accounts_demo.load()
    demo.load()
    counts = (Challenge.objects.count(), AuditEntry.objects.count())
    demo.load()
    assert (Challenge.objects.count(), AuditEntry.objects.count()) == counts
    for key in demo.NEEDS:
        need = demo.need(key)
        assert need.effects.exists()
        assert need_is_ready(need)
    statuses = set(Challenge.objects.values_list("status", flat=True))
    assert statuses == set(ChallengeStatus.values) - {ChallengeStatus.SUBMITTED}
    vaxjo = Challenge.objects.filter(organisation=accounts_demo.org("vaxjo"))
    assert vaxjo.count() == 5 and all(c.is_published for c in vaxjo)
    assert "Hur ofta" in demo.need("waste").problem
