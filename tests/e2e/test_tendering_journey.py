"""Region Östergötland's home monitoring, second stage, from the call to the award decision
in a real browser: the procurement officer publishes the call; a supplier asks and the
answer goes to all without its name; suppliers apply, one is refused with a reason, two
are invited; they submit sealed tenders and get receipts with SHA-256; the buyer sees no
count before the opening; one official alone cannot open, two can, and the opening
record downloads as PDF; a negotiation round brings revised tenders, sealed and opened
the same way, and the team reads what changed; the evaluators declare, score blind, the team agrees consensus
with justifications, and the project lead makes the award decision with its document and
standstill.

Every page visited is checked with axe-core (and for CSP errors). Each step is a
function, so a step can be put between two others (the negotiation round sits between the
opening and the evaluation).
"""

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.conftest import sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

OFFICER = "og-upphandlare"  # project lead, procurement officer and opening official
SECOND_OFFICIAL = "og-oppnare"  # opening official and evaluator
NEED_OWNER = "og-behov"  # evaluator
TITLE = "Digital hemmonitorering, etapp 2"
QUESTION = "Vårdnära Teknik undrar: får mätvärden överföras via patientens egen mobiltelefon?"
PUBLISHED_QUESTION = "Får mätvärden överföras via patientens egen mobiltelefon?"
ANSWER = "Ja, om överföringen är krypterad och patienten kan välja en surfplatta från regionen."
REFUSAL = "Ansökan visar inga referenser från vård eller omsorg, som kvalificeringskraven kräver."
PDF = b"%PDF-1.7\n" + "Bilaga: mätutrustning och support dygnet runt\n".encode() * 40 + b"%%EOF\n"


@dataclass
class Journey:
    """What the steps share: the browser page, the axe checker and the call."""

    page: object
    axe: object
    call: object = None
    tenders: dict = field(default_factory=dict)  # supplier username -> receipt URL

    def visit(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_load_state()
        self.axe(self.page)

    def click(self, role: str, name: str, **kwargs) -> None:
        self.page.get_by_role(role, name=name, **kwargs).click()
        self.page.wait_for_load_state()
        self.axe(self.page)

    def as_person(self, username: str) -> None:
        self.page.goto("/")
        if self.page.get_by_role("button", name="Logga ut").count():
            sign_out(self.page)
        sign_in(self.page, username)
        self.axe(self.page)  # the person's start page

    def move_deadline(self, name: str) -> None:
        """Time passes: the deadline is put one minute in the past."""
        from handslag.market.models import Call

        Call.objects.filter(pk=self.call.pk).update(
            **{name: timezone.now() - dt.timedelta(minutes=1)}
        )


def draft_call():
    """The second-stage call in the demo's home monitoring project, as a draft, and the
    need owner's colleague added as a second evaluator."""
    from handslag.accounts.demo import person
    from handslag.accounts.roles import ProjectRole
    from handslag.market import services as market
    from handslag.projects import demo as projects_demo
    from handslag.projects import services as projects

    project = projects_demo.project("home_monitoring")
    lead = person(OFFICER)
    projects.project_member_add(
        project=project, actor=lead, user=person(SECOND_OFFICIAL), role=ProjectRole.EVALUATOR
    )
    now = timezone.now()
    return market.call_create(
        actor=lead,
        project=project,
        title=TITLE,
        summary="Fler patienter med kroniska sjukdomar ska kunna mätas och följas upp hemma.",
        selection_criteria="Minst två referenser från vård eller omsorg de senaste tre åren.",
        timetable="Ansökan i fyrtio dagar, därefter förhandlat förfarande och anbud.",
        legal_procedure="negotiated_with_publication",
        application_deadline=now + dt.timedelta(days=40),
        tender_deadline=now + dt.timedelta(days=80),
        max_partners=1,
    )


# --- the steps ------------------------------------------------------------------------


def officer_publishes_the_call(j: Journey) -> None:
    j.as_person(OFFICER)
    j.visit(f"/market/manage/{j.call.pk}/")
    j.click("link", "Granska och publicera")
    # Not yet: the page lists what is missing, each with a link to where it is fixed, and
    # offers no publish button.
    publish_page = j.page.url
    expect(j.page.locator('[data-code="award_criteria"]')).to_be_visible()
    expect(j.page.locator('[data-code="evaluation_model"]')).to_be_visible()
    expect(j.page.get_by_role("button", name="Publicera annonsen")).to_have_count(0)
    # The award criteria: the suggested ones.
    j.page.locator('[data-code="award_criteria"]').get_by_role("link").click()
    j.page.wait_for_load_state()
    j.axe(j.page)
    j.click("button", "Spara kriterierna")
    expect(j.page.get_by_text("Tilldelningskriterierna är sparade.")).to_be_visible()
    # The evaluation model: weighted points with a published price ceiling.
    j.visit(publish_page)
    j.page.locator('[data-code="evaluation_model"]').get_by_role("link").click()
    j.page.wait_for_load_state()
    j.axe(j.page)
    j.page.get_by_label("Pristak (kr)").fill("2000000")
    j.click("button", "Spara utvärderingsmodellen")
    expect(j.page.get_by_text("Utvärderingsmodellen är sparad.")).to_be_visible()
    j.visit(publish_page)
    expect(j.page.locator("[data-code]")).to_have_count(0)
    j.click("button", "Publicera annonsen")
    expect(j.page.get_by_text("Annonsen är publicerad", exact=False)).to_be_visible()


def supplier_asks_and_officer_answers_to_all(j: Journey) -> None:
    j.as_person("vardnara")
    j.visit(f"/market/calls/{j.call.pk}/")
    j.click("link", "Ställ en fråga")
    j.page.get_by_label("Din fråga").fill(QUESTION)
    j.click("button", "Skicka frågan")
    expect(j.page.get_by_text("Väntar på svar").first).to_be_visible()

    j.as_person(OFFICER)
    j.visit(f"/market/manage/{j.call.pk}/")
    j.click("link", "Läs och besvara frågorna")
    row = j.page.get_by_role("row").filter(has_text="Vårdnära")
    row.get_by_role("link", name="Svara alla").click()
    j.page.wait_for_load_state()
    j.axe(j.page)
    j.page.get_by_label("Frågan som den publiceras").fill(PUBLISHED_QUESTION)
    j.page.get_by_label("Svara alla leverantörer").fill(ANSWER)
    j.click("button", "Publicera svaret till alla")
    expect(j.page.get_by_text("Svaret är publicerat")).to_be_visible()

    # Another supplier reads the answer; nobody is named.
    j.as_person("delning")
    j.visit(f"/market/calls/{j.call.pk}/")
    qa = j.page.get_by_role("region", name="Frågor och svar")
    expect(qa.get_by_text(ANSWER)).to_be_visible()
    expect(qa.get_by_text(PUBLISHED_QUESTION)).to_be_visible()
    assert "Vårdnära" not in j.page.content()


def suppliers_apply(j: Journey) -> None:
    for username, text in (
        ("vardnara", "Vi driver hemmonitorering i två regioner sedan 2019; referenser bifogas."),
        ("delning", "Vi har levererat delningstjänster till tre kommuners omsorg."),
        ("leverantor", "Vi tillverkar sensorer för sophämtning."),
    ):
        j.as_person(username)
        j.visit(f"/market/calls/{j.call.pk}/")
        j.click("link", "Ansök om att delta")
        j.page.get_by_label("Så uppfyller ni kvalificeringskraven").fill(text)
        if username == "vardnara":
            j.page.get_by_label("ESPD-svar (frivilligt)").set_input_files(
                {"name": "ESPD-svar Vårdnära.pdf", "mimeType": "application/pdf", "buffer": PDF}
            )
        j.click("button", "Skicka ansökan")
        expect(j.page.get_by_text("Er ansökan har skickats", exact=False)).to_be_visible()
        if username == "vardnara":
            # The applicant sees its own attachment, under its own name.
            expect(j.page.get_by_role("link", name="ESPD-svar Vårdnära.pdf")).to_be_visible()


def officer_qualifies_and_invites(j: Journey) -> None:
    j.move_deadline("application_deadline")
    j.as_person(OFFICER)
    for supplier, decision, reason in (
        ("Vårdnära Teknik AB", "Kvalificerad", "Uppfyller kvalificeringskraven."),
        ("Delningstjänst Nord AB", "Kvalificerad", "Uppfyller kvalificeringskraven."),
        ("Sensorbolaget i Småland AB", "Inte kvalificerad", REFUSAL),
    ):
        j.visit(f"/market/manage/{j.call.pk}/")
        j.click("link", supplier)
        j.click("link", "Besluta om kvalificering")
        j.page.get_by_label(decision, exact=True).check()
        j.page.get_by_label("Motivering").fill(reason)
        j.click("button", "Spara beslutet")
    expect(j.page.get_by_role("row").filter(has_text="Sensorbolaget")).to_contain_text(REFUSAL)
    j.click("link", "Bjud in de 2 kvalificerade leverantörerna att lämna anbud")
    j.click("button", "Bjud in att lämna anbud")
    expect(j.page.get_by_text("2 leverantörer bjöds in", exact=False)).to_be_visible()

    # The refused supplier reads the reason and cannot tender.
    j.as_person("leverantor")
    j.visit("/market/supplier/")
    j.page.get_by_role("region", name="Våra ansökningar").get_by_role("link", name=TITLE).click()
    j.page.wait_for_load_state()
    j.axe(j.page)
    expect(j.page.get_by_text(REFUSAL)).to_be_visible()
    response = j.page.goto(f"/tendering/calls/{j.call.pk}/submit/")
    assert response.status == 403
    expect(j.page.get_by_text("Er organisation har inte bjudits in", exact=False)).to_be_visible()
    j.axe(j.page)


def invited_suppliers_submit_sealed_tenders(j: Journey) -> None:
    from handslag.tendering.models import Tender

    for username, price in (("vardnara", "1 200 000"), ("delning", "1 450 000")):
        j.as_person(username)
        j.visit("/market/supplier/")
        invitations = j.page.get_by_role("region", name="Inbjudningar att lämna anbud")
        invitations.get_by_role("link", name=re.compile("Lämna anbud")).click()
        j.page.wait_for_load_state()
        j.axe(j.page)
        j.page.get_by_label("Ert anbud").fill(
            f"Anbud från {username}: mätutrustning, app och uppföljning i tre faser."
        )
        j.page.get_by_label("Pris (kr, exklusive moms)").fill(price)
        j.page.get_by_label("Filer").set_input_files(
            {"name": "bilaga.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        j.click("button", "Lämna anbudet")
        expect(j.page.get_by_text("Ert anbud har tagits emot. Spara kvittot.")).to_be_visible()
        tender = Tender.objects.filter(call=j.call, submitted_by__username=username).get()
        body = j.page.content()
        assert tender.content_sha256 in body
        assert hashlib.sha256(PDF).hexdigest() in body
        assert "bilaga.pdf" in body  # the file's own name, not "Fil 1"
        with j.page.expect_download() as info:
            j.page.get_by_role("link", name="Ladda ner kvittot (PDF)").click()
        with open(info.value.path(), "rb") as receipt:
            assert receipt.read(5) == b"%PDF-"
        j.tenders[username] = j.page.url


def buyer_sees_no_count_before_the_opening(j: Journey) -> None:
    j.as_person(OFFICER)
    for tab in ("opening", "evaluation", "award"):
        j.visit(f"/tendering/calls/{j.call.pk}/{tab}/")
        expect(
            j.page.get_by_text("Anbuden är förseglade fram till anbudsöppningen.").first
        ).to_be_visible()
        body = j.page.content()
        assert "Vårdnära" not in body and "Delningstjänst" not in body
        assert not re.search(r"\b2 anbud\b", body)


def one_official_alone_cannot_open(j: Journey) -> None:
    j.move_deadline("tender_deadline")
    j.as_person(OFFICER)
    j.visit(f"/tendering/calls/{j.call.pk}/opening/")
    j.click("button", "Bekräfta anbudsöppningen")
    expect(j.page.get_by_text("Din bekräftelse av anbudsöppningen är registrerad.")).to_be_visible()
    expect(
        j.page.get_by_text("Du har bekräftat. En andra utsedd person måste också bekräfta.")
    ).to_be_visible()
    expect(j.page.get_by_text("Anbuden är förseglade fram till anbudsöppningen.")).to_be_visible()
    assert "Vårdnära" not in j.page.content()
    # One sitting: the page says when the first confirmation lapses.
    expect(j.page.get_by_text("Första bekräftelsen av", exact=False)).to_be_visible()


def supplier_finds_the_call_closed_for_tenders(j: Journey) -> None:
    """After the deadline the submit page is a closed notice, not a form to fill in."""
    j.as_person("delning")
    j.visit(f"/tendering/calls/{j.call.pk}/submit/")
    expect(j.page.get_by_role("heading", name=re.compile("Stängd för anbud"))).to_be_visible()
    expect(j.page.get_by_label("Ert anbud")).to_have_count(0)


def two_officials_open_and_the_record_downloads(j: Journey) -> None:
    j.as_person(SECOND_OFFICIAL)
    j.visit(f"/tendering/calls/{j.call.pk}/opening/")
    j.click("button", "Bekräfta anbudsöppningen")
    received = j.page.get_by_role("table", name="Inkomna anbud")
    expect(received.get_by_role("row")).to_have_count(3)
    expect(received).to_contain_text("Vårdnära Teknik AB")
    expect(received).to_contain_text("Delningstjänst Nord AB")
    with j.page.expect_download() as info:
        j.page.get_by_role("link", name="Ladda ner öppningsprotokollet (PDF)").click()
    with open(info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def negotiation_round_with_revised_sealed_tenders(j: Journey) -> None:
    """The officer starts round 2; both tenderers send revised tenders, sealed until two
    officials open the round; the team reads what changed between the rounds."""
    from handslag.tendering.models import NegotiationRound, Tender

    j.as_person(OFFICER)
    j.visit(f"/tendering/calls/{j.call.pk}/rounds/")
    deadline = timezone.localtime() + dt.timedelta(days=7)
    j.page.get_by_label("Ny sista dag för reviderade anbud").fill(
        deadline.strftime("%Y-%m-%dT%H:%M")
    )
    j.page.get_by_label("Vad som ändrats i upphandlingsdokumenten").fill(
        "Betalningen delas upp per driftsatt vårdcentral. Kriterierna är oförändrade."
    )
    j.click("button", "Starta omgången och meddela alla anbudsgivare")
    assert NegotiationRound.objects.filter(call=j.call, number=2).exists()

    for username, price in (("vardnara", "1 100 000"), ("delning", "1 400 000")):
        j.as_person(username)
        j.visit(f"/tendering/calls/{j.call.pk}/negotiation/")
        expect(
            j.page.get_by_text("Betalningen delas upp per driftsatt vårdcentral.")
        ).to_be_visible()
        j.click("link", "Lämna ett reviderat anbud")
        j.page.get_by_label("Ert anbud").fill(
            f"Reviderat anbud från {username}: betalning per driftsatt vårdcentral."
        )
        j.page.get_by_label("Pris (kr, exklusive moms)").fill(price)
        j.click("button", "Lämna anbudet")
        expect(j.page.get_by_text("Ert anbud har tagits emot. Spara kvittot.")).to_be_visible()
        revised = Tender.objects.get(call=j.call, round=2, submitted_by__username=username)
        assert revised.content_sha256 in j.page.content()
        j.tenders[username] = j.page.url

    # Sealed: before the round's opening the team sees neither the tenders nor their number.
    j.as_person(OFFICER)
    j.visit(f"/tendering/calls/{j.call.pk}/rounds/2/opening/")
    body = j.page.content()
    assert "Reviderat anbud" not in body and "Vårdnära" not in body
    NegotiationRound.objects.filter(call=j.call, number=2).update(
        deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    for official in (OFFICER, SECOND_OFFICIAL):
        j.as_person(official)
        j.visit(f"/tendering/calls/{j.call.pk}/rounds/2/opening/")
        j.click("button", "Bekräfta anbudsöppningen")
    received = j.page.get_by_role("table", name="Inkomna anbud")
    expect(received.get_by_role("row")).to_have_count(3)
    # Reading the tenders' changes needs a declaration of no conflict first.
    j.click("link", "Vad som ändrats sedan föregående omgång")
    expect(j.page.get_by_text("Deklarera om du är jävig")).to_be_visible()


def evaluator_reads_what_changed(j: Journey) -> None:
    """After the declaration, an evaluator sees the change text and the tenders' diff."""
    j.as_person(SECOND_OFFICIAL)
    j.visit(f"/tendering/calls/{j.call.pk}/rounds/2/diff/")
    expect(j.page.get_by_text("Betalningen delas upp per driftsatt vårdcentral.")).to_be_visible()
    assert j.page.locator("ol.diff li.diff-insert").count() > 0


def _score(j: Journey, prefix: str, points: str, note: str, external: str = "") -> None:
    from handslag.evaluation.results import criteria_of

    for criterion in criteria_of(call=j.call):
        if criterion.kind == "price":
            continue  # the published evaluation model scores the price from the tender
        group = j.page.get_by_role("group", name=f"{criterion.name} ({criterion.weight} %)")
        group.get_by_label(points, exact=True).check()
        j.page.get_by_label(f"{prefix}: {criterion.name}", exact=True).fill(note)
        if external:
            j.page.get_by_label(f"Motivering till anbudsgivaren: {criterion.name}").fill(external)


def _declare(j: Journey) -> None:
    j.visit(f"/tendering/calls/{j.call.pk}/evaluation/")
    j.click("link", "Lämna jävsdeklaration")
    j.page.get_by_label("Nej: jag har inga band", exact=False).check()
    j.click("button", "Lämna deklarationen")
    expect(j.page.get_by_text("Din deklaration är registrerad.")).to_be_visible()


POINTS = {"Vårdnära Teknik AB": "4", "Delningstjänst Nord AB": "3"}


def evaluators_declare_and_score_blind(j: Journey) -> None:
    for evaluator, shift in ((NEED_OWNER, 0), (SECOND_OFFICIAL, 1)):
        j.as_person(evaluator)
        _declare(j)
        for supplier, points in POINTS.items():
            j.visit(f"/tendering/calls/{j.call.pk}/evaluation/")
            j.click("link", supplier)
            # Blind: nobody else's scores are on the page while scoring.
            expect(j.page.get_by_role("heading", name="Alla utvärderares poäng")).to_have_count(0)
            _score(j, "Motivering", str(int(points) - shift), f"Bedömning av {evaluator}.")
            j.click("button", "Spara mina poäng")
            expect(j.page.get_by_text("Dina poäng är sparade.")).to_be_visible()
        if evaluator == NEED_OWNER:
            expect(j.page.get_by_text("1 av 2 utvärderare klara")).to_be_visible()
    expect(j.page.get_by_text("2 av 2 utvärderare klara")).to_be_visible()


def team_agrees_consensus(j: Journey) -> None:
    j.as_person(OFFICER)
    _declare(j)
    for supplier, points in POINTS.items():
        j.visit(f"/tendering/calls/{j.call.pk}/evaluation/")
        j.click("link", supplier)
        expect(j.page.get_by_role("heading", name="Alla utvärderares poäng")).to_be_visible()
        _score(
            j,
            "Intern motivering",
            points,
            "Teamet enades efter genomgång.",
            external=f"{supplier} fick {points} poäng: lösningen motsvarar behovet väl.",
        )
        j.click("button", "Spara konsensuspoängen")
        expect(j.page.get_by_text("Konsensuspoängen är sparade.")).to_be_visible()


def lead_makes_the_award_decision(j: Journey) -> None:
    j.visit(f"/tendering/calls/{j.call.pk}/evaluation/")
    j.click("link", "Fatta tilldelningsbeslut")
    j.page.get_by_label("Anbud som tilldelas kontraktet").select_option(label="Vårdnära Teknik AB")
    j.page.get_by_label("Skäl för beslutet").fill(
        "Vårdnära Teknik AB har det bästa förhållandet mellan pris och kvalitet."
    )
    j.page.get_by_label("Datum då underrättelsen om tilldelningsbeslut skickas").fill(
        timezone.localdate().isoformat()
    )
    j.click("button", "Registrera tilldelningsbeslutet")
    expect(j.page.get_by_text("Tilldelningsbeslutet är registrerat.")).to_be_visible()
    expect(j.page.get_by_text("Avtalsspärren upphör")).to_be_visible()
    with j.page.expect_download() as info:
        j.page.get_by_role("link", name="Tilldelningsbeslut (PDF)").click()
    with open(info.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"

    # The runner-up reads the decision and its own justifications on the receipt.
    j.as_person("delning")
    j.visit(j.tenders["delning"])
    expect(j.page.get_by_text("Kontraktet har tilldelats Vårdnära Teknik AB.")).to_be_visible()
    expect(j.page.get_by_text("Delningstjänst Nord AB fick 3 poäng").first).to_be_visible()


def test_ostergotland_call_to_award_decision(page, axe, demo_data, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    j = Journey(page=page, axe=axe, call=draft_call())
    officer_publishes_the_call(j)
    supplier_asks_and_officer_answers_to_all(j)
    suppliers_apply(j)
    officer_qualifies_and_invites(j)
    invited_suppliers_submit_sealed_tenders(j)
    buyer_sees_no_count_before_the_opening(j)
    one_official_alone_cannot_open(j)
    supplier_finds_the_call_closed_for_tenders(j)
    two_officials_open_and_the_record_downloads(j)
    negotiation_round_with_revised_sealed_tenders(j)
    evaluators_declare_and_score_blind(j)
    evaluator_reads_what_changed(j)
    team_agrees_consensus(j)
    lead_makes_the_award_decision(j)
