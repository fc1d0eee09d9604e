"""Test data for projects: need statements, shipped templates, projects built by the service."""

from datetime import datetime

import factory

from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationRole, ProjectRole
from handslag.accounts.tests.factories import UserFactory, buyer, member
from handslag.needs.models import NeedStatement
from handslag.projects import services
from handslag.projects.models import ProcedureTemplate, Project, ProjectMember


class ProcedureTemplateFactory(factory.django.DjangoModelFactory):
    """A bare procedure template; tests that need the shipped stages use shipped()."""

    class Meta:
        model = ProcedureTemplate

    key = factory.Sequence(lambda n: f"template-{n}")
    name = "Innovation partnership"
    legal_procedure = "innovation_partnership"


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project row without stages, for other apps' tests that only need its identity."""

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


def need_statement(organisation: Organisation, title: str = "Behov", **fields) -> NeedStatement:  # noqa: ANN003
    return NeedStatement.objects.create(
        organisation=organisation,
        title=title,
        problem=fields.pop("problem", "Det som är svårt i dag."),
        created_by=fields.pop("created_by", None) or UserFactory(),
        **fields,
    )


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
    **fields,  # noqa: ANN003
) -> Project:
    if lead is None:
        organisation = organisation or buyer()
        lead = project_lead(organisation)
    organisation = organisation or lead.active_memberships[0].organisation
    needs = fields.pop("needs", None) or [need_statement(organisation)]
    return services.project_create(
        actor=lead,
        organisation=organisation,
        title=fields.pop("title", "Automatisk bevattning"),
        template=template or shipped(),
        needs=needs,
        now=now,
        **fields,
    )


def complete_checklist(stage, actor: User) -> None:  # noqa: ANN001
    for item in stage.items.all():
        services.checklist_item_set_done(item=item, actor=actor, done=True)
