"""Negotiation in Östergötland's home-monitoring call, in a real browser: the team's rounds
and the diff between them, the tenderer's view and its confidential channel; accessible,
in Swedish, with nothing refused by the Content-Security-Policy."""

import re

import pytest

from tests.e2e.conftest import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_negotiation_rounds_diff_and_channel(page, axe, demo_data):
    from handslag.market.demo import call

    home = call("home_monitoring")
    sign_in(page, "og-upphandlare")
    page.goto(f"/tendering/calls/{home.pk}/rounds/")
    assert page.get_by_role("heading", name="Förhandlingsomgångar").is_visible()
    axe(page)
    page.get_by_role("link", name="Ändringar från omgång 1 till 2").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Ändringar från omgång 1 till omgång 2").is_visible()
    assert page.locator("ol.diff li.diff-insert").count() > 0
    # Prices are written the Swedish way, with the currency: "2 300 000 kr".
    assert re.search(r"\d(\s|&nbsp;)\d{3}(\s|&nbsp;)\d{3} kr", page.content())
    axe(page)
    page.goto(f"/tendering/calls/{home.pk}/channels/")
    axe(page)
    page.get_by_role("link", name="Vårdnära Teknik AB").click()
    page.wait_for_load_state()
    question = "Kan ni beskriva hur utbildningen av vårdpersonalen går till i ert förslag?"
    assert page.get_by_text(question).is_visible()
    # The award is made: the channel can be read but takes no more messages.
    assert page.get_by_label("Meddelande").count() == 0
    axe(page)
    sign_out(page)

    sign_in(page, "vardnara")
    page.goto(f"/tendering/calls/{home.pk}/negotiation/")
    assert page.get_by_role("heading", name="Omgång 2").is_visible()
    axe(page)
    page.get_by_role("link", name="Vårdnära Teknik AB").click()
    page.wait_for_load_state()
    assert page.get_by_text(question).is_visible()
    axe(page)
