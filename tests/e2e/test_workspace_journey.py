"""The project workspace's journey: a demo need through the procedure advisor into a project,
a team with one recommended competence missing, two risks in the register, and the
needs-analysis gate passed with a lesson.

Every page visited is checked with axe-core (and for refused Content-Security-Policy), and
the audit chain must hold afterwards.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from handslag.accounts.demo import person
from handslag.audit.services import audit_verify
from tests.e2e.conftest import SCREENSHOTS, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TITLE = "Värmesystem med digital styrning i skolorna"


def add_member(page, axe, user, role: str) -> None:
    page.get_by_label("Person").select_option(label=str(user))
    page.get_by_label("Roll i projektet").select_option(label=role)
    page.get_by_role("button", name="Lägg till i projektgruppen").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Projektgruppen är uppdaterad")).to_be_visible()


def register_risk(page, axe, title: str, probability: str, impact: str, owner) -> None:
    page.get_by_role("link", name="Registrera en risk").click()
    axe(page)
    page.get_by_label("Risk", exact=True).fill(title)
    page.get_by_label("Sannolikhet").select_option(label=probability)
    page.get_by_label("Konsekvens").select_option(label=impact)
    page.get_by_label("Ägare").select_option(label=str(owner))
    page.get_by_label("Åtgärd").fill("Följs upp på varje möte i projektgruppen.")
    page.get_by_label("Nästa uppföljning").fill("2030-01-15")
    page.get_by_role("button", name="Spara risken").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=title, level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Riskregister").click()
    page.wait_for_load_state()


def test_need_through_advisor_to_project_team_risks_and_first_gate(page, axe, demo_data):
    from handslag.needs.demo import need

    heating = need("heating")
    officer = person("upphandlare")

    sign_in(page, "upphandlare")
    page.goto("/projects/")
    axe(page)
    page.get_by_role("link", name="Vägvisare för förfaranden").first.click()
    page.wait_for_load_state()
    axe(page)

    # The advisor, for the heating need: nothing on the market, R&D needed, we will buy.
    page.goto(f"/projects/advisor/?need={heating.pk}")
    page.get_by_role("button", name="Få råd").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").is_visible()  # unanswered questions are refused
    axe(page)
    page.get_by_role("group", name="Finns det en lösning på behovet på marknaden?").get_by_label(
        "Nej, inget liknande finns"
    ).check()
    page.get_by_role(
        "group", name="Behövs forskning och utveckling för att möta behovet?"
    ).get_by_label("Ja").check()
    page.get_by_role(
        "group", name="Kommer ni att köpa resultatet om utvecklingen lyckas?"
    ).get_by_label("Ja").check()
    page.get_by_label("Uppskattat värde för hela avtalet, i kronor exklusive moms").fill("6000000")
    page.get_by_role(
        "group", name="Kommer flera upphandlande organisationer att upphandla tillsammans?"
    ).get_by_label("Nej").check()
    page.get_by_label("Hur många månader är det kvar tills lösningen måste vara i bruk?").fill("30")
    page.get_by_role("button", name="Få råd").click()
    page.wait_for_load_state()
    expect(
        page.get_by_role("heading", name="Rekommenderas: Innovationspartnerskap")
    ).to_be_visible()
    expect(page.get_by_role("cell", name="Förkommersiell upphandling", exact=True)).to_be_visible()
    axe(page)

    # Into a project: the procedure and the need are chosen already.
    page.get_by_role("link", name="Starta ett projekt med Innovationspartnerskap").click()
    page.wait_for_load_state()
    axe(page)
    assert page.get_by_label("Förfarande").input_value() != ""
    expect(page.get_by_label(re.compile(re.escape(heating.title)))).to_be_checked()
    # "Title" is "Rubrik" or "Titel" depending on which app's catalogue wins
    page.get_by_role("textbox", name=re.compile(r"^(Titel|Rubrik)")).fill(TITLE)
    page.get_by_role("button", name="Starta projektet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.get_by_text("Innovationspartnerskap").first).to_be_visible()
    axe(page)
    project_url = page.url

    # The team: every recommended competence but the leadership sponsor.
    page.get_by_role("link", name="Projektgrupp och kompetenser").click()
    page.wait_for_load_state()
    axe(page)
    owner, evaluator, second = person("behovsagare"), person("utvarderare"), person("oppnare")
    for user, role in [
        (owner, "Behovsägare"),
        (owner, "Representant för slutanvändare"),
        (evaluator, "Juridik"),
        (evaluator, "Ekonomi"),
        (second, "IT"),
        (second, "Processledare"),
        (person("radgivare"), "Extern rådgivare"),
    ]:
        add_member(page, axe, user, role)
    axe(page)
    matrix = page.get_by_role("table", name="Rekommenderade kompetenser")
    expect(matrix.get_by_text("Saknas")).to_have_count(1)
    expect(matrix.get_by_role("row", name=re.compile("Ledningsförankring"))).to_contain_text(
        "Saknas"
    )
    expect(page.get_by_text("Extern", exact=True)).to_be_visible()

    # Two risks, then the matrix shows both.
    page.goto(project_url)
    page.get_by_role("link", name="Riskregister").click()
    page.wait_for_load_state()
    axe(page)
    register_risk(
        page,
        axe,
        "Förberedelsen tar längre tid än planerat",
        "4 – Sannolik",
        "3 – Måttlig",
        officer,
    )
    register_risk(page, axe, "Ledningen tappar intresset", "2 – Osannolik", "5 – Allvarlig", owner)
    matrix = page.get_by_role("table", name="Sannolikhet och konsekvens")
    expect(matrix.get_by_role("link")).to_have_count(2)
    expect(page.get_by_text("2 risker är inte avslutade.")).to_be_visible()
    axe(page)

    # The timeline, with its table alternative.
    page.goto(project_url)
    page.get_by_role("link", name="Tidslinje").click()
    page.wait_for_load_state()
    expect(page.get_by_role("img", name=re.compile("Planerade och verkliga datum"))).to_be_visible()
    expect(page.get_by_role("table", name="Planerade och verkliga datum per skede")).to_be_visible()
    axe(page)

    # The needs-analysis gate: tick the required items, pass it with a lesson.
    page.goto(project_url)
    todo = page.locator("#checklist").get_by_role("button", name=re.compile("^Markera som klar"))
    remaining = todo.count()
    assert remaining >= 3
    while remaining:
        todo.first.click()
        remaining -= 1
        expect(todo).to_have_count(remaining)
        page.wait_for_load_state("networkidle")
    axe(page)
    page.get_by_label("Lärdom: en kort rubrik").fill("Behovsanalysen tog tid – och var värd det")
    page.get_by_label("Design: hur var skedet upplagt?").fill(
        "Workshop med fastighetsförvaltningen och skolornas personal."
    )
    page.get_by_label("Resultat: vad uppnådde skedet?").fill(
        "En behovsbeskrivning med tre förväntade effekter och utgångslägen."
    )
    page.get_by_role("button", name="Passera beslutspunkten och öppna nästa skede").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Beslutspunkten för ”Behovsanalys” är passerad.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Behovsanalysen tog tid – och var värd det")
    ).to_be_visible()
    expect(page.get_by_text(re.compile("Skede 2 av 9"))).to_be_visible()
    axe(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "workspace.png"), full_page=True)

    assert audit_verify().ok
    assert not [e for e in page.console_errors if "Content Security Policy" in e]


def test_dialogue_meeting_with_action_and_procurement_documents(page, axe, demo_data):
    """From the workspace into the dialogue log and the documents (their own apps)."""
    from io import BytesIO

    from docx import Document
    from pypdf import PdfReader

    from handslag.projects.demo import PROJECTS, project

    heating = project("heating")
    sign_in(page, "upphandlare")
    page.goto(f"/projects/{heating.pk}/")
    axe(page)
    page.get_by_role("link", name="Intressenter och dialog").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("link", name="Logga ett möte").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Typ av möte").select_option(label="Workshop")
    page.get_by_role("textbox", name=re.compile(r"^(Titel|Rubrik)")).fill("Workshop om värmesystem")
    page.get_by_label("Datum").fill("2026-03-02")
    page.get_by_label("Anteckningar").fill("Leverantörerna vill se energidata från tre skolor.")
    page.get_by_role("button", name="Spara mötet").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", name="Workshop om värmesystem", level=1)).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Lägg till en åtgärd").click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_label("Åtgärd").fill("Ta fram energidata för tre skolor")
    page.get_by_label("Ansvarig").select_option(label=str(person("upphandlare")))
    page.get_by_label("Klart senast").fill("2026-04-15")
    page.get_by_role("button", name="Spara åtgärden").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Ta fram energidata för tre skolor").first).to_be_visible()
    axe(page)

    page.goto(f"/projects/{heating.pk}/")
    page.get_by_role("link", name="Dokument", exact=True).click()
    page.wait_for_load_state()
    axe(page)
    texts = {}
    for fmt in ("DOCX", "PDF"):
        page.get_by_label("Dokument", exact=True).select_option(label="Upphandlingsdokument")
        page.get_by_label("Format").select_option(value=fmt.lower())
        page.get_by_role("button", name="Skapa").click()
        page.wait_for_load_state()
        axe(page)
        with page.expect_download() as info:
            page.get_by_role("link", name=re.compile(rf"\({fmt}\)", re.IGNORECASE)).first.click()
        content = Path(info.value.path()).read_bytes()
        if fmt == "DOCX":
            texts[fmt] = "\n".join(p.text for p in Document(BytesIO(content)).paragraphs)
        else:
            reader = PdfReader(BytesIO(content))
            texts[fmt] = "\n".join(p.extract_text() for p in reader.pages)
    for fmt, text in texts.items():
        assert PROJECTS["heating"] in " ".join(text.split()), fmt  # PDF lines wrap
    assert audit_verify().ok
