"""A tendering scenario taken to the award, with claims and a document request."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from handslag.accounts.roles import ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.disclosure import services
from handslag.evaluation import services as evaluation_services
from handslag.evaluation.tests.factories import Scenario
from handslag.projects.tests.factories import ProjectMemberFactory

TEXT_A = (
    "Vår lösning bygger på sensorer i varje brunn. Timpriset för våra tekniker är 950 kr. "
    "Vi samarbetar med Åkessons Elektronik AB. Sensorerna kalibreras varje kvartal."
)
TEXT_B = "Vi erbjuder en plattform för läckagesökning med maskininlärning."
PASSAGE = "Timpriset för våra tekniker är 950 kr."
PDF = b"%PDF-1.7\n" + b"bilaga\n" * 20


class DisclosureScenario(Scenario):
    """Two tenders (A with a file), A's claims, and helpers for the opening and award."""

    def __init__(self, **call_fields) -> None:
        super().__init__(**call_fields)
        # An external advisor works for another organisation than the buyer.
        self.advisor = member(OrganisationFactory(kind="partner"))
        ProjectMemberFactory(
            project=self.project, user=self.advisor, role=ProjectRole.EXTERNAL_ADVISOR
        )
        self.tender_a = self.submit(
            self.supplier_a, content=TEXT_A, files=[SimpleUploadedFile("bilaga.pdf", PDF)]
        )
        self.file_a = self.tender_a.files.get()
        self.tender_b = self.submit(self.supplier_b, content=TEXT_B)

    def claim(self, passage: str = PASSAGE, reason: str = "Affärshemlighet.") -> dict:
        return services.claim_add(
            actor=self.supplier_a, tender=self.tender_a, passage=passage, reason=reason
        )

    def award(self) -> None:
        from handslag.tendering.opening import is_opened

        if not is_opened(self.call):
            self.open()
        self.score_all(self.evaluator)
        self.score_all(self.evaluator2)
        self.consensus_all({self.tender_a.pk: 4, self.tender_b.pk: 2})
        now = self.after_deadline() + dt.timedelta(days=3)
        evaluation_services.award_decide(
            actor=self.lead,
            call=self.call,
            tender=self.tender_a,
            justification="Bäst.",
            notice_sent_on=now.date(),
            now=now,
        )

    def request(self, **kw):
        fields = {
            "requester_name": "Journalist Jönsson",
            "requester_email": "jonsson@example.org",
            "subject": "Alla anbud i upphandlingen.",
            "received_on": dt.date.today(),
        }
        fields.update(kw)
        return services.request_register(actor=self.team, call=self.call, **fields)
