"""Needs journey: a challenge raised in operations, supported by colleagues, refined into a
complete need statement with two effects, exported, and carried into a joint project with
another municipality found through similar needs.

Every page visited is checked with axe-core.
"""

from io import BytesIO

import pytest

from tests.e2e.conftest import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Sopkärl vid skolor töms i onödan"
DESCRIPTION = (
    "Sopkärlen vid skolorna töms på fasta dagar även när de är tomma, och svämmar över "
    "efter helger. Vi vet inte hur fulla sopkärlen är, så tömningen kan inte planeras "
    "efter fyllnadsgrad."
)


def _support(page, axe, username: str, challenge_url: str) -> None:
    sign_in(page, username)
    page.goto(challenge_url)
    axe(page)
    page.get_by_role("button", name="Jag också – stöd utmaningen").click()
    page.wait_for_load_state()
    assert page.get_by_text("Du stöder den här utmaningen.").is_visible()
    axe(page)
    sign_out(page)


def _add_effect(page, axe, *values: str) -> None:
    page.get_by_role("link", name="Lägg till en förväntad effekt").first.click()
    axe(page)
    description, indicator, unit, baseline, target = values
    page.get_by_label("Förväntad effekt").fill(description)
    page.get_by_label("Indikator").fill(indicator)
    page.get_by_label("Enhet").fill(unit)
    page.get_by_label("Önskad riktning").select_option(
        label="Öka" if float(target) > float(baseline) else "Minska"
    )
    page.get_by_label("Utgångsläge").fill(baseline)
    page.get_by_label("Målvärde").fill(target)
    page.get_by_role("button", name="Spara den förväntade effekten").click()
    page.wait_for_load_state()
    axe(page)


def _download(page, name: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("link", name=name).click()
    path = info.value.path()
    with open(path, "rb") as handle:
        return handle.read()


def test_challenge_supported_refined_exported_and_joint_project(page, axe, demo_data):
    # The need owner raises a challenge.
    sign_in(page, "behovsagare")
    page.goto("/needs/challenges/new/")
    axe(page)
    page.get_by_label("Rubrik").fill(TITLE)
    page.get_by_label("Vad är svårt i dag?").fill(DESCRIPTION)
    page.get_by_label("För vem är det ett problem?").fill("Skolornas personal och elever")
    page.get_by_label("Område").fill("Avfall")
    page.get_by_role("button", name="Skicka in utmaningen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=TITLE).is_visible()
    axe(page)
    challenge_url = page.url
    sign_out(page)

    # Two colleagues support it; one of them also comments.
    _support(page, axe, "utvarderare", challenge_url)
    sign_in(page, "oppnare")
    page.goto(challenge_url)
    page.get_by_role("button", name="Jag också – stöd utmaningen").click()
    page.wait_for_load_state()
    page.get_by_label("Kommentar").fill("Samma sak vid idrottshallen.")
    page.get_by_role("button", name="Lägg till kommentar").click()
    page.wait_for_load_state()
    assert page.get_by_text("Samma sak vid idrottshallen.").is_visible()
    axe(page)
    sign_out(page)

    # The board sorts by support.
    sign_in(page, "upphandlare")
    page.goto("/needs/?sort=support")
    axe(page)
    assert page.get_by_role("link", name=TITLE).is_visible()

    # The procurement officer refines it into a complete need statement with two effects.
    page.goto(challenge_url)
    assert page.get_by_text("2 kollegor stöder den här utmaningen.").is_visible()
    axe(page)
    page.get_by_role("link", name="Pröva utmaningen").click()
    page.get_by_label("Arbeta om till en behovsbeskrivning").check()
    page.get_by_role("button", name="Spara beslutet").click()
    page.wait_for_load_state()
    axe(page)
    if page.get_by_role("button", name="Spara behovsbeskrivningen").count() == 0:
        page.get_by_role("link", name="Ändra behovsbeskrivningen").click()
    page.get_by_label("Målgrupp").fill("Skolornas personal, elever och renhållningen")
    page.get_by_label("Intressenter").fill("Renhållningen, skolorna, IT-avdelningen")
    page.get_by_label("Funktionskrav").fill(
        "Lösningen ska visa hur fulla sopkärlen är.\nTömning ska planeras efter fyllnadsgrad."
    )
    page.get_by_role("group", name="Marknadskoll: finns det en lösning?").get_by_label(
        "Det finns ingen lösning på marknaden"
    ).check()
    page.get_by_role("group", name="Vem får hitta den?").get_by_label(
        "Delad med andra beställare"
    ).check()
    page.get_by_role("button", name="Spara behovsbeskrivningen").click()
    page.wait_for_load_state()
    axe(page)
    need_url = page.url
    _add_effect(page, axe, "Färre onödiga tömningar", "Tömningar per månad", "st", "120", "70")
    _add_effect(
        page, axe, "Inga överfulla kärl", "Klagomål om överfulla kärl per år", "st", "30", "5"
    )
    page.goto(need_url)
    assert (
        page.get_by_text("100 %").first.is_visible() or page.get_by_text("100").first.is_visible()
    )
    axe(page)

    # Export as DOCX and PDF, and read them back.
    from docx import Document
    from pypdf import PdfReader

    docx = Document(BytesIO(_download(page, "Exportera som DOCX")))
    docx_text = "\n".join(p.text for p in docx.paragraphs) + "\n".join(
        c.text for t in docx.tables for r in t.rows for c in r.cells
    )
    for expected in (TITLE, "Färre onödiga tömningar", "Klagomål om överfulla kärl per år"):
        assert expected in docx_text
    pdf = PdfReader(BytesIO(_download(page, "Exportera som PDF")))
    pdf_text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert "Färre onödiga" in pdf_text and "Funktionskrav" in pdf_text

    # A similar need from another municipality, and a joint project with it.
    similar = page.get_by_role("link", name="Starta ett gemensamt projekt med Skurups kommun")
    assert similar.first.is_visible()
    similar.first.click()
    page.wait_for_load_state()
    axe(page)
    assert page.get_by_label("Skurups kommun").is_checked()
    page.get_by_role("button", name="Starta det gemensamma projektet").click()
    page.wait_for_load_state()
    assert "/projects/" in page.url
    assert page.get_by_text("Skurups kommun").first.is_visible()
    axe(page)
    sign_out(page)


def test_invite_similar_buyer_into_network_and_accept(page, axe, demo_data):
    from handslag.needs.demo import need

    waste = need("waste")
    sign_in(page, "upphandlare")
    page.goto(f"/needs/statements/{waste.pk}/similar/")
    axe(page)
    page.get_by_role("link", name="Bjud in Skurups kommun till ett beställarnätverk").first.click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("button", name="Skicka inbjudan").click()
    assert page.get_by_role("alert").is_visible()  # neither a network nor a name
    axe(page)
    page.get_by_label("Det nya nätverkets namn").fill("Smart avfall")
    page.get_by_role("button", name="Skicka inbjudan").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Smart avfall").is_visible()
    axe(page)
    sign_out(page)

    sign_in(page, "skurup-behov")
    page.goto("/needs/networks/")
    axe(page)
    page.get_by_role("button", name="Tacka ja och gå med i Smart avfall").click()
    page.wait_for_load_state()
    members = page.get_by_role("list").filter(has_text="Växjö kommun")
    assert members.get_by_text("Skurups kommun").is_visible()
    axe(page)
    sign_out(page)
