"""The foundation's journey: a challenge raised in operations becomes a need statement,
then a project whose first gate passes; a supplier sees only what is published.

Every page visited is checked with axe-core, and the audit chain must hold afterwards.
"""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from handslag.audit.services import audit_verify
from tests.e2e.conftest import SCREENSHOTS, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Halka på gång- och cykelvägar vid skolor"


def test_challenge_to_project_with_first_gate_passed(page, axe, demo_data):
    # The need owner raises a challenge from the start page.
    sign_in(page, "behovsagare")
    axe(page)
    page.get_by_role("link", name="Utmaningar och behov").first.click()
    axe(page)
    page.goto("/needs/challenges/new/")
    page.get_by_role("button", name="Skicka in utmaningen").click()
    assert page.get_by_role("alert").is_visible()  # an empty form is refused, in Swedish
    axe(page)
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_label("Vad är svårt i dag?").fill(
        "Morgonhalkan hinner inte bekämpas innan eleverna cyklar till skolan."
    )
    page.get_by_label("För vem är det ett problem?").fill("Elever, föräldrar och skolpersonal")
    page.get_by_role("button", name="Skicka in utmaningen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=TITLE).is_visible()
    axe(page)
    challenge_url = page.url
    sign_out(page)

    # The procurement officer refines it into a need statement.
    sign_in(page, "upphandlare")
    page.goto(challenge_url)
    page.get_by_role("link", name="Pröva utmaningen").click()
    axe(page)
    page.get_by_label("Arbeta om till en behovsbeskrivning").check()
    page.get_by_role("button", name="Spara beslutet").click()
    page.wait_for_load_state()
    axe(page)
    if page.get_by_role("button", name="Spara behovsbeskrivningen").count() == 0:
        page.get_by_role("link", name="Ändra behovsbeskrivningen").click()
    page.get_by_label("Målgrupp").fill("Elever som cyklar eller går till skolan")
    page.get_by_label("Intressenter").fill("Gatuavdelningen, skolorna, entreprenörer")
    page.get_by_label("Funktionskrav").fill(
        "Lösningen ska förutse halka vid skolvägar minst tre timmar i förväg."
    )
    page.get_by_role("group", name="Marknadskoll: finns det en lösning?").get_by_label(
        "Det finns ingen lösning på marknaden"
    ).check()
    page.get_by_role("button", name="Spara behovsbeskrivningen").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("link", name="Lägg till en förväntad effekt").first.click()
    page.get_by_label("Förväntad effekt").fill("Färre halkolyckor vid skolor")
    page.get_by_label("Indikator").fill("Rapporterade halkolyckor per vinter")
    page.get_by_label("Enhet").fill("st")
    page.get_by_label("Önskad riktning").select_option(label="Minska")
    page.get_by_label("Utgångsläge").fill("40")
    page.get_by_label("Målvärde").fill("40")
    page.get_by_role("button", name="Spara den förväntade effekten").click()
    assert page.get_by_role("alert").is_visible()  # a target equal to the baseline is refused
    axe(page)
    page.get_by_label("Målvärde").fill("10")
    page.get_by_role("button", name="Spara den förväntade effekten").click()
    page.wait_for_load_state()
    assert page.get_by_text("Rapporterade halkolyckor per vinter").first.is_visible()
    axe(page)

    # From the complete need, a project on the default procedure.
    page.get_by_role("link", name="Starta ett upphandlingsprojekt för behovet").click()
    axe(page)
    page.get_by_role("button", name="Starta projektet").click()
    page.wait_for_load_state()
    assert re.search(r"/projects/\d+/$", page.url), page.url
    project_url = page.url
    axe(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "project.png"))

    # The gate refuses while the checklist is incomplete and no reason is written.
    gate_button = page.get_by_role("button", name="Passera beslutspunkten och öppna nästa skede")
    gate_button.click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()
    axe(page)
    page.goto(project_url)
    to_do = page.get_by_role("button", name="Markera som klar")
    remaining = to_do.count()
    assert remaining > 0
    while remaining:
        to_do.first.click()
        remaining -= 1
        expect(to_do).to_have_count(remaining)  # the checklist is swapped in place
    page.get_by_role("button", name="Passera beslutspunkten och öppna nästa skede").click()
    page.wait_for_load_state()
    assert page.url == project_url
    assert page.get_by_text("Skede 2 av 9, Marknadsdialog").first.is_visible()
    axe(page)
    sign_out(page)

    # The supplier sees published challenges, but not the new, unpublished one.
    sign_in(page, "leverantor")
    axe(page)
    page.get_by_role("link", name="Publicerade utmaningar").first.click()
    axe(page)
    assert page.get_by_text("Soptömning efter behov i stället för fasta datum").first.is_visible()
    assert page.get_by_text(TITLE).count() == 0
    response = page.goto(challenge_url)
    assert response.status == 404
    page.goto("/market/")
    axe(page)

    report = audit_verify()
    assert report.ok, report
    call_command("audit_verify")
