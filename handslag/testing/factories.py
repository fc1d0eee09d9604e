"""The one definition of each shared test object. Apps' `tests/factories.py` import from
here and add only what is their own, so a model change is made in one factory."""

import datetime as dt
import random
from datetime import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from handslag.accounts.models import Membership, Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole, ProjectRole
from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.needs.models import Challenge, ExpectedEffect, NeedStatement
from handslag.projects import services as project_services
from handslag.projects.models import ProcedureTemplate, Project, ProjectMember
from handslag.rules.org_numbers import complete_org_number

# --- people and organisations ---------------------------------------------------------------


def valid_org_number(prefix: str = "55") -> str:
    """A random ten-digit organisation number whose check digit is right."""
    body = prefix + "".join(random.choices("0123456789", k=9 - len(prefix)))
    return complete_org_number(body)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"person{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("secret-pass-123")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.BUYER
    org_number = factory.LazyFunction(valid_org_number)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = OrganisationRole.STAFF


def member(organisation: Organisation, role: str = OrganisationRole.STAFF, **user_fields) -> User:
    """A new person who belongs to `organisation` with `role`."""
    user = UserFactory(**user_fields)
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


def buyer(**fields) -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.BUYER, **fields)


def supplier(**fields) -> Organisation:
    return OrganisationFactory(kind=OrganisationKind.SUPPLIER, is_sme=True, **fields)


# --- challenges, needs and effects ------------------------------------------------------------


class ChallengeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Challenge

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Challenge {n}")
    description = "Staff drive around to check every park by hand."
    affected = "Park staff"
    frequency = "Every day in summer"
    cost_today = "Two full-time staff"
    area = "Parks"
    submitted_by = factory.SubFactory(UserFactory)


class NeedStatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NeedStatement

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Need {n}")
    problem = "Watering is controlled by hand."
    created_by = factory.SubFactory(UserFactory)


class ExpectedEffectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExpectedEffect

    need = factory.SubFactory(NeedStatementFactory)
    description = "Less water wasted"
    indicator = "Water used for irrigation"
    unit = "m³ per season"
    baseline = Decimal("12000")
    target = Decimal("9000")
    direction = "decrease"


def need_statement(organisation: Organisation, title: str = "Behov", **fields) -> NeedStatement:
    return NeedStatement.objects.create(
        organisation=organisation,
        title=title,
        problem=fields.pop("problem", "Det som är svårt i dag."),
        created_by=fields.pop("created_by", None) or UserFactory(),
        **fields,
    )


# --- projects and their team ------------------------------------------------------------------


class ProcedureTemplateFactory(factory.django.DjangoModelFactory):
    """A bare procedure template; tests that need the shipped stages use shipped()."""

    class Meta:
        model = ProcedureTemplate

    key = factory.Sequence(lambda n: f"template-{n}")
    name = "Innovation partnership"
    legal_procedure = "innovation_partnership"


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project row without stages, for tests that only need its identity."""

    class Meta:
        model = Project

    title = factory.Sequence(lambda n: f"Project {n}")
    organisation = factory.LazyFunction(buyer)
    template = factory.SubFactory(ProcedureTemplateFactory)
    created_by = factory.SubFactory(UserFactory)


class ProjectMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectMember

    project = factory.SubFactory(ProjectFactory)
    user = factory.SubFactory(UserFactory)
    role = ProjectRole.EVALUATOR


def team_member(
    project: Project,
    *roles: str,
    org_role: str = OrganisationRole.STAFF,
    **user_fields,
) -> User:
    """A new person of the project's buyer (with `org_role` there) holding `roles` in the
    project."""
    user = member(project.organisation, org_role, **user_fields)
    for role in roles:
        ProjectMemberFactory(project=project, user=user, role=role)
    return user


def shipped(key: str = "innovation_partnership") -> ProcedureTemplate:
    return ProcedureTemplate.objects.get(key=key, version=1, organisation__isnull=True)


def project_lead(organisation: Organisation | None = None) -> User:
    return member(organisation or buyer(), OrganisationRole.PROCUREMENT_OFFICER)


def make_project(
    *,
    lead: User | None = None,
    organisation: Organisation | None = None,
    template: ProcedureTemplate | None = None,
    now: datetime | None = None,
    **fields,
) -> Project:
    """A project made by the service, so it has the template's stages, gates and lead."""
    if lead is None:
        organisation = organisation or buyer()
        lead = project_lead(organisation)
    organisation = organisation or lead.active_memberships[0].organisation
    needs = fields.pop("needs", None) or [need_statement(organisation)]
    return project_services.project_create(
        actor=lead,
        organisation=organisation,
        title=fields.pop("title", "Automatisk bevattning"),
        template=template or shipped(),
        needs=needs,
        now=now,
        **fields,
    )


def complete_checklist(stage, actor: User) -> None:
    for item in stage.items.all():
        project_services.checklist_item_set_done(item=item, actor=actor, done=True)


# --- calls and applications -------------------------------------------------------------------


def _later(days: float) -> factory.LazyFunction:
    return factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=days))


class CallFactory(factory.django.DjangoModelFactory):
    """A published call, open for applications.

    `tendering=True`: applications closed a month ago, tenders due in ten days.
    `closed=True`: a closed call without dates, made by the project's creator, for the
    stages after the award."""

    class Meta:
        model = Call

    class Params:
        tendering = factory.Trait(
            published_at=_later(-60), application_deadline=_later(-30), tender_deadline=_later(10)
        )
        closed = factory.Trait(
            status=CallStatus.CLOSED,
            published_at=None,
            application_deadline=None,
            tender_deadline=None,
            created_by=factory.LazyAttribute(lambda c: c.project.created_by),
        )

    project = factory.SubFactory(ProjectFactory)
    reference = factory.Sequence(lambda n: f"REF-{n:04d}")
    title = factory.Sequence(lambda n: f"Call {n}")
    summary = "We want fewer transports and less water wasted."
    legal_procedure = "innovation_partnership"
    status = CallStatus.PUBLISHED
    published_at = _later(-5)
    application_deadline = _later(30)
    tender_deadline = _later(70)
    max_partners = 1
    created_by = factory.SubFactory(UserFactory)


class ApplicationFactory(factory.django.DjangoModelFactory):
    """A supplier's submitted application; `invited=True` once it may tender."""

    class Meta:
        model = Application

    class Params:
        invited = factory.Trait(status=ApplicationStatus.INVITED)

    call = factory.SubFactory(CallFactory)
    supplier = factory.LazyFunction(supplier)
    submitted_by = factory.SubFactory(UserFactory)
    text = "We meet the selection criteria."
    status = ApplicationStatus.SUBMITTED
