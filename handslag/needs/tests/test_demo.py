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
    assert statuses == set(ChallengeStatus.values)
    vaxjo = Challenge.objects.filter(organisation=accounts_demo.org("vaxjo"))
    published = vaxjo.filter(is_published=True)
    assert published.count() == 5
    assert vaxjo.exclude(is_published=True).get().title == demo.SUPPORTED_CHALLENGE["title"]
    assert "Hur ofta" in demo.need("waste").problem


def test_demo_shares_supports_and_builds_the_syd_network() -> None:
    from handslag.accounts.models import BuyerNetwork
    from handslag.needs.selectors import similar_for_need

    accounts_demo.load()
    demo.load()
    supported = Challenge.objects.get(title=demo.SUPPORTED_CHALLENGE["title"])
    assert supported.supports.count() == 3 and supported.comments.count() == 2
    network = BuyerNetwork.objects.get(name=demo.NETWORK_NAME)
    assert sorted(network.organisations.values_list("name", flat=True)) == sorted(
        accounts_demo.org(k).name for k in ("trelleborg", "skurup", "ystad")
    )
    found = similar_for_need(user=accounts_demo.person("upphandlare"), need=demo.need("waste"))
    assert found and found[0].organisation == accounts_demo.org("skurup")
