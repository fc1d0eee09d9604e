"""Cancelling a call in a real browser: the procurement officer gives the ground and the
reasons, confirms, and the call says "Avbruten" on the market; the suppliers who applied
get the decision by e-mail with a link that works from a mail client, and a supplier
finds the notice where the application form was.

Every page visited is checked with axe-core (and for CSP errors).
"""

import pytest
from django.core import mail
from django.test import override_settings
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

REASONS = "Kommunens kök läggs om till egen tillagning; behovet av ett beställningssystem försvann."


@override_settings(SITE_URL="https://handslag.example.se")
def test_the_officer_cancels_a_call_and_everyone_sees_it(page, axe, demo_data):
    from handslag.market.demo import call
    from handslag.market.models import Application

    meals = call("meals")
    applicants = Application.objects.filter(call=meals).exclude(status="withdrawn").count()
    mail.outbox.clear()

    sign_in(page, "upphandlare")
    page.goto(f"/market/manage/{meals.pk}/")
    axe(page)
    page.get_by_role("link", name="Avbryt annonsen").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("button", name="Fortsätt").click()  # nothing chosen: refused
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Välj grunden för avbrytandet.")
    axe(page)
    page.get_by_label("Behovet har ändrats eller finns inte längre").check()
    page.get_by_label("Skäl för avbrytandet").fill(REASONS)
    page.get_by_role("button", name="Fortsätt").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Bekräfta avbrytandet")).to_be_visible()
    axe(page)
    meals.refresh_from_db()
    assert meals.status == "published"  # nothing happens before the confirmation
    page.get_by_role("button", name="Ja, avbryt upphandlingen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Annonsen avbröts.", exact=False)).to_be_visible()
    expect(page.locator(".tag", has_text="Avbruten").first).to_be_visible()
    axe(page)

    # One e-mail per person, with an absolute link to the call's page.
    assert applicants  # the demo's meals call has an applicant, who must be told
    assert mail.outbox and all(len(m.to) == 1 for m in mail.outbox)
    assert f"https://handslag.example.se/market/calls/{meals.pk}/" in mail.outbox[0].body
    assert REASONS in mail.outbox[0].body

    # The market shows it as cancelled, after the open calls.
    page.goto("/market/?status=cancelled")
    axe(page)
    row = page.get_by_role("row").filter(has_text=meals.title)
    expect(row).to_contain_text("Avbruten")
    sign_out(page)

    # A supplier finds the notice instead of the form.
    sign_in(page, "leverantor")
    page.goto(f"/market/calls/{meals.pk}/apply/")
    expect(page.get_by_role("heading", name="Annonsen har avbrutits")).to_be_visible()
    expect(page.get_by_text(REASONS)).to_be_visible()
    expect(page.get_by_role("button", name="Skicka ansökan")).to_have_count(0)
    axe(page)
