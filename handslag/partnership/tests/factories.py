"""Factories for partnership tests: a project with a call, a tender, an award and a contract.

Awards are created directly (the tendering app owns how they are decided).
"""

import datetime as dt
import hashlib

import factory
from django.utils import timezone

from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.evaluation.models import Award
from handslag.partnership.models import Contract, Phase, PhaseDecision, PhaseStatus
from handslag.projects.models import Project
from handslag.rules import legal_clock
from handslag.tendering.models import Tender
from handslag.testing import factories as shared
from handslag.testing.factories import UserFactory, member, supplier, team_member

NOTICE_SENT = dt.date(2024, 3, 1)


class CallFactory(shared.CallFactory):
    """A closed call whose award is decided."""

    closed = True


class TenderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tender

    call = factory.SubFactory(CallFactory)
    supplier = factory.LazyFunction(supplier)
    submitted_by = factory.SubFactory(UserFactory)
    submitted_at = factory.LazyFunction(timezone.now)
    ciphertext = b"sealed"
    content_sha256 = hashlib.sha256(b"x").hexdigest()
    receipt = factory.Sequence(lambda n: f"receipt-{n:08d}")


class AwardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Award

    call = factory.SubFactory(CallFactory)
    tender = factory.LazyAttribute(lambda a: TenderFactory(call=a.call))
    decided_by = factory.LazyAttribute(lambda a: a.call.created_by)
    decided_at = factory.LazyFunction(timezone.now)
    justification = "Best value for money."
    notice_sent_on = NOTICE_SENT
    sent_electronically = True
    standstill_end = factory.LazyAttribute(lambda a: legal_clock.standstill_end(a.notice_sent_on))


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    award = factory.SubFactory(AwardFactory)
    project = factory.LazyAttribute(lambda c: c.award.call.project)
    supplier = factory.LazyAttribute(lambda c: c.award.tender.supplier)
    signed_on = factory.LazyAttribute(lambda c: c.award.standstill_end + dt.timedelta(days=1))
    ip_terms = "The supplier keeps the IP; the buyer gets a free licence."
    risk_sharing = "Each phase paid on delivery of its target."


class PhaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Phase

    contract = factory.SubFactory(ContractFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda p: f"Phase {p.order}")
    goal = "A working prototype."
    planned_start = dt.date(2024, 5, 1)
    planned_end = dt.date(2024, 12, 31)
    payment = 100000
    status = PhaseStatus.PLANNED


def project_member(project: Project, role: str = ProjectRole.PROJECT_LEAD, **user_fields):
    """A person of the project's lead buyer who holds `role` in the project."""
    return team_member(project, role, org_role=OrganisationRole.PROCUREMENT_OFFICER, **user_fields)


def supplier_person(contract: Contract):
    return member(contract.supplier, OrganisationRole.ADMIN)


def completed(phase: Phase, decision: str = PhaseDecision.CONTINUE) -> Phase:
    phase.status = PhaseStatus.COMPLETED
    phase.decision = decision
    phase.decision_reason = "Target reached."
    phase.decided_at = timezone.now()
    phase.save()
    return phase


def pilot_kpi(contract: Contract, **fields):
    """A KPI measured in the pilot, set up from an expected effect of the project's need."""
    from decimal import Decimal

    from handslag.needs.tests.factories import ExpectedEffectFactory
    from handslag.partnership.models import PilotKpi

    baseline = fields.pop("baseline", Decimal("480"))
    target = fields.pop("target", Decimal("300"))
    effect = ExpectedEffectFactory(
        indicator=fields.pop("indicator", "Transports per month"),
        unit=fields.pop("unit", "transports"),
        baseline=baseline,
        target=target,
        direction=fields.pop("direction", "increase" if target > baseline else "decrease"),
    )
    contract.project.needs.add(effect.need)
    values = {
        "indicator": effect.indicator,
        "unit": effect.unit,
        "baseline": effect.baseline,
        "target": effect.target,
        "direction": effect.direction,
        "category": "transport",
        "volume": Decimal("12"),
        "unit_value": Decimal("1250"),
    }
    values.update(fields)
    return PilotKpi.objects.create(contract=contract, effect=effect, **values)
