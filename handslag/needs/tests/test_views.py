import pytest
from django.urls import reverse

from handslag.audit.models import AuditEntry
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import Challenge, ChallengeStatus, ExpectedEffect, NeedStatement
from handslag.needs.tests.factories import (
    ChallengeFactory,
    ExpectedEffectFactory,
    NeedStatementFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def challenge(world):
    return ChallengeFactory(
        organisation=world.org,
        submitted_by=world.staff,
        title="Bevattning i parker",
        triage_reason="",
    )


@pytest.fixture
def need(world):
    need = NeedStatementFactory(organisation=world.org, title="Automatiserad bevattning")
    ExpectedEffectFactory(need=need)
    return need


def _pages(challenge, need) -> list[str]:
    effect = need.effects.first()
    return [
        reverse("needs:challenge_list"),
        reverse("needs:challenge_create"),
        reverse("needs:idea_bank"),
        reverse("needs:need_list"),
        reverse("needs:challenge_detail", args=[challenge.pk]),
        reverse("needs:need_detail", args=[need.pk]),
        reverse("needs:need_edit", args=[need.pk]),
        reverse("needs:effect_add", args=[need.pk]),
        reverse("needs:effect_edit", args=[effect.pk]),
        reverse("needs:effect_delete", args=[effect.pk]),
        reverse("needs:challenge_triage", args=[challenge.pk]),
        reverse("needs:challenge_publish", args=[challenge.pk]),
    ]


def test_every_page_renders_for_a_need_owner(client, world, challenge, need) -> None:
    client.force_login(world.need_owner)
    for url in _pages(challenge, need):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.count(b"<h1") == 1, url


def test_anonymous_is_sent_to_sign_in(client, world, challenge, need) -> None:
    for url in _pages(challenge, need):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/" in response["Location"], url


def test_supplier_gets_404_everywhere(client, world, challenge, need) -> None:
    client.force_login(world.supplier_user)
    for url in _pages(challenge, need):
        assert client.get(url).status_code == 404, url


def test_other_buyer_gets_404_for_the_objects_and_empty_lists(
    client, world, challenge, need
) -> None:
    client.force_login(world.other_officer)
    pages = _pages(challenge, need)
    for url in pages[:4]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert challenge.title not in response.content.decode()
        assert need.title not in response.content.decode()
    for url in pages[4:]:
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("needs:challenge_detail", args=[challenge.pk])).status_code == 404
    response = client.post(
        reverse("needs:challenge_triage", args=[challenge.pk]),
        {"outcome": "decline", "reason": "x"},
    )
    assert response.status_code == 404


def test_staff_may_read_and_submit_but_not_triage_or_edit(client, world, challenge, need) -> None:
    client.force_login(world.staff)
    assert client.get(reverse("needs:challenge_detail", args=[challenge.pk])).status_code == 200
    assert client.get(reverse("needs:need_detail", args=[need.pk])).status_code == 200
    for url in [
        reverse("needs:challenge_triage", args=[challenge.pk]),
        reverse("needs:challenge_publish", args=[challenge.pk]),
        reverse("needs:need_edit", args=[need.pk]),
        reverse("needs:effect_add", args=[need.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    response = client.post(
        reverse("needs:challenge_triage", args=[challenge.pk]),
        {"outcome": "decline", "reason": "Nej"},
    )
    assert response.status_code == 403
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_board_filters_sorts_and_empty_state(client, world) -> None:
    # Titles no generated person name can contain ("Andrade" holds "Andra").
    FIRST, SECOND, FOREIGN = "Första utmaningen", "Andra utmaningen", "Främmande utmaningen"
    client.force_login(world.staff)
    response = client.get(reverse("needs:challenge_list"))
    assert "Inga utmaningar ännu" in response.content.decode()
    first = ChallengeFactory(organisation=world.org, title=FIRST, area="Avfall")
    second = ChallengeFactory(
        organisation=world.org, title=SECOND, area="Parker", status=ChallengeStatus.PARKED
    )
    ChallengeFactory(organisation=world.other_org, title=FOREIGN)
    page = client.get(reverse("needs:challenge_list")).content.decode()
    assert FIRST in page and SECOND in page and FOREIGN not in page
    assert page.index(SECOND) < page.index(FIRST)
    page = client.get(reverse("needs:challenge_list"), {"sort": "oldest"}).content.decode()
    assert page.index(FIRST) < page.index(SECOND)
    page = client.get(reverse("needs:challenge_list"), {"status": "parked"}).content.decode()
    assert SECOND in page and first.title not in page
    page = client.get(reverse("needs:challenge_list"), {"area": "Avfall"}).content.decode()
    assert FIRST in page and second.title not in page
    page = client.get(reverse("needs:challenge_list"), {"status": "declined"}).content.decode()
    assert "Inga utmaningar matchar" in page
    # An unknown filter value is ignored, not an error.
    assert client.get(reverse("needs:challenge_list"), {"status": "bogus"}).status_code == 200


def test_board_paginates(client, world) -> None:
    ChallengeFactory.create_batch(27, organisation=world.org)
    client.force_login(world.staff)
    response = client.get(reverse("needs:challenge_list"))
    assert response.context["page_obj"].paginator.num_pages == 2
    assert len(client.get(reverse("needs:challenge_list"), {"page": 2}).context["page_obj"]) == 2


def test_submit_challenge(client, world) -> None:
    client.force_login(world.staff)
    response = client.post(
        reverse("needs:challenge_create"),
        {
            "organisation": world.org.pk,
            "title": "Snöröjning",
            "description": "Vi ringer runt till förare varje natt.",
            "area": "Gator",
        },
    )
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:challenge_detail", args=[challenge.pk])
    assert challenge.submitted_by == world.staff
    detail = client.get(response["Location"]).content.decode()
    assert "Inskickad" in detail  # the history shows the submission


def test_bad_challenge_form_rerenders_with_errors(client, world) -> None:
    client.force_login(world.staff)
    response = client.post(
        reverse("needs:challenge_create"), {"organisation": world.org.pk, "title": ""}
    )
    assert response.status_code == 400
    assert b"error-summary" in response.content
    assert not Challenge.objects.exists()


def test_submit_for_another_organisation_is_refused(client, world) -> None:
    client.force_login(world.staff)
    response = client.post(
        reverse("needs:challenge_create"),
        {"organisation": world.other_org.pk, "title": "x", "description": "y"},
    )
    assert response.status_code == 400
    assert not Challenge.objects.exists()


def test_refine_opens_the_editor(client, world, challenge) -> None:
    client.force_login(world.need_owner)
    response = client.post(
        reverse("needs:challenge_triage", args=[challenge.pk]), {"outcome": "refine"}
    )
    need = NeedStatement.objects.get()
    assert response["Location"] == reverse("needs:need_edit", args=[need.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Bevattning i parker" in page


def test_triage_without_reason_rerenders_and_changes_nothing(client, world, challenge) -> None:
    client.force_login(world.officer)
    response = client.post(
        reverse("needs:challenge_triage", args=[challenge.pk]), {"outcome": "decline"}
    )
    assert response.status_code == 400
    assert b"error-summary" in response.content
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED
    assert not AuditEntry.objects.filter(action__startswith=NeedsAction.CHALLENGE_DECLINED).exists()


def test_merge_and_wrong_state(client, world, challenge) -> None:
    into = ChallengeFactory(organisation=world.org, title="Vattenförbrukning")
    client.force_login(world.officer)
    url = reverse("needs:challenge_triage", args=[challenge.pk])
    response = client.post(url, {"outcome": "merge", "merge_into": into.pk, "reason": "Samma"})
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.merged_into == into
    # Triaging it again is refused, with the reason shown in place.
    response = client.post(url, {"outcome": "decline", "reason": "Nej"})
    assert response.status_code == 400
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.MERGED


def test_merge_into_itself_is_not_offered(client, world, challenge) -> None:
    client.force_login(world.officer)
    response = client.post(
        reverse("needs:challenge_triage", args=[challenge.pk]),
        {"outcome": "merge", "merge_into": challenge.pk, "reason": "x"},
    )
    assert response.status_code == 400
    challenge.refresh_from_db()
    assert challenge.status == ChallengeStatus.SUBMITTED


def test_park_then_idea_bank(client, world, challenge) -> None:
    client.force_login(world.officer)
    client.post(
        reverse("needs:challenge_triage", args=[challenge.pk]),
        {"outcome": "park", "reason": "Bra idé, men inte nu"},
    )
    page = client.get(reverse("needs:idea_bank")).content.decode()
    assert "Bevattning i parker" in page


def test_publish_and_public_pages(client, world, challenge) -> None:
    # A surname that cannot occur in the page by chance (a random one sometimes did).
    world.staff.last_name = "Qvarnströmsdotter"
    world.staff.save()
    client.force_login(world.officer)
    response = client.post(reverse("needs:challenge_publish", args=[challenge.pk]))
    assert response.status_code == 302
    # Publishing twice is an error shown on the confirmation page.
    assert client.post(reverse("needs:challenge_publish", args=[challenge.pk])).status_code == 400
    client.logout()
    listing = client.get(reverse("needs:public_challenge_list"))
    assert listing.status_code == 200
    assert "Bevattning i parker" in listing.content.decode()
    detail = client.get(reverse("needs:public_challenge_detail", args=[challenge.pk]))
    assert detail.status_code == 200
    html = detail.content.decode()
    assert world.org.name in html
    assert world.staff.last_name not in html
    assert challenge.cost_today not in html
    client.force_login(world.officer)
    client.post(reverse("needs:challenge_unpublish", args=[challenge.pk]))
    client.logout()
    assert (
        client.get(reverse("needs:public_challenge_detail", args=[challenge.pk])).status_code == 404
    )


def test_public_list_empty_and_unpublished_hidden(client, world, challenge) -> None:
    response = client.get(reverse("needs:public_challenge_list"))
    assert response.status_code == 200
    assert b"empty" in response.content
    assert (
        client.get(reverse("needs:public_challenge_detail", args=[challenge.pk])).status_code == 404
    )


def test_need_detail_shows_completeness_advice_and_warnings(client, world, need) -> None:
    need.market_check = "solution_exists"
    need.functional_requirements = "Styrning med Gardena® eller likvärdig"
    need.save()
    client.force_login(world.staff)
    html = client.get(reverse("needs:need_detail", args=[need.pk])).content.decode()
    assert "<progress" in html
    assert "vanlig upphandling" in html
    assert "Gardena" in html and "varumärke" in html


def test_need_edit(client, world, need) -> None:
    client.force_login(world.officer)
    url = reverse("needs:need_edit", args=[need.pk])
    data = {
        "title": need.title,
        "problem": "Bevattningen styrs manuellt.",
        "target_group": "Parkförvaltningen",
        "stakeholders": "",
        "functional_requirements": "",
        "constraints": "",
        "strategy_links": "",
        "market_check": "no_solution",
        "market_check_notes": "",
    }
    assert client.post(url, data).status_code == 302
    need.refresh_from_db()
    assert need.target_group == "Parkförvaltningen"
    bad = client.post(url, {**data, "problem": "", "target_group": "Ändrad"})
    assert bad.status_code == 400
    assert b"error-summary" in bad.content
    need.refresh_from_db()
    assert need.target_group == "Parkförvaltningen"


def test_effect_forms(client, world, need) -> None:
    client.force_login(world.officer)
    data = {
        "description": "Mindre vatten",
        "indicator": "Vattenförbrukning för bevattning",
        "unit": "m³ per säsong",
        "baseline": "12000",
        "target": "12000",
        "direction": "decrease",
    }
    response = client.post(reverse("needs:effect_add", args=[need.pk]), data)
    assert response.status_code == 400
    assert "utgångsläget" in response.content.decode()
    assert need.effects.count() == 1
    response = client.post(
        reverse("needs:effect_add", args=[need.pk]),
        {**data, "target": "9000", "direction": "increase"},
    )
    assert response.status_code == 400
    assert "över utgångsläget" in response.content.decode()
    no_direction = {k: v for k, v in data.items() if k != "direction"}
    response = client.post(
        reverse("needs:effect_add", args=[need.pk]), {**no_direction, "target": "9000"}
    )
    assert response.status_code == 400
    assert need.effects.count() == 1
    response = client.post(
        reverse("needs:effect_add", args=[need.pk]), {**data, "target": "9000,5"}
    )
    assert response.status_code == 302
    effect = need.effects.order_by("-pk").first()
    assert str(effect.target) == "9000.5000"
    response = client.post(reverse("needs:effect_edit", args=[effect.pk]), {**data, "unit": ""})
    assert response.status_code == 400
    response = client.post(reverse("needs:effect_delete", args=[effect.pk]))
    assert response.status_code == 302
    assert not ExpectedEffect.objects.filter(pk=effect.pk).exists()


def test_effect_delete_needs_post(client, world, need) -> None:
    effect = need.effects.first()
    client.force_login(world.officer)
    assert client.get(reverse("needs:effect_delete", args=[effect.pk])).status_code == 200
    assert ExpectedEffect.objects.filter(pk=effect.pk).exists()
