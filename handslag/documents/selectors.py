"""Reads for the documents app: attachments, generated documents, templates and the
project data that documents are generated from."""

import logging
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.db import DatabaseError, transaction
from django.db.models import Count, Max, Prefetch, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.benefits import selectors as benefit_selectors
from handslag.core.formats import number_style
from handslag.documents.library import SHIPPED, FieldValue, TableValue
from handslag.documents.models import (
    Attachment,
    AttachmentVersion,
    DocumentKind,
    DocumentTemplate,
    DocumentTemplateVersion,
    GeneratedDocument,
)
from handslag.evaluation.models import Criterion
from handslag.market.models import Call, CallStatus, LegalProcedure
from handslag.needs.models import ExpectedEffect, MarketCheck
from handslag.partnership.models import Contract
from handslag.projects.models import ChecklistItem, Project, Stage
from handslag.projects.selectors import project_position
from handslag.rules.numbers import format_kronor, format_number

logger = logging.getLogger(__name__)


# --- Attachments and generated documents -------------------------------------------------


def attachment_list(*, project: Project) -> QuerySet[Attachment]:
    """The project's attachments, newest first, with their version count and latest number.

    The caller has checked that the user may view the project.
    """
    return (
        Attachment.objects.filter(project=project)
        .select_related("created_by")
        .annotate(version_count=Count("versions"), latest_number=Max("versions__number"))
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=AttachmentVersion.objects.select_related("uploaded_by").order_by(
                    "-number"
                ),
            )
        )
        .order_by("-updated_at", "-pk")
    )


def attachment_versions(*, attachment: Attachment) -> QuerySet[AttachmentVersion]:
    return attachment.versions.select_related("uploaded_by").order_by("-number")


def generated_list(*, project: Project) -> QuerySet[GeneratedDocument]:
    return (
        GeneratedDocument.objects.filter(project=project)
        .select_related("created_by", "template_version")
        .order_by("-created_at", "-pk")
    )


# --- Templates ----------------------------------------------------------------------------


def template_list_for_organisations(*, organisation_ids: set[int]) -> QuerySet[DocumentTemplate]:
    return (
        DocumentTemplate.objects.filter(organisation_id__in=organisation_ids)
        .select_related("organisation")
        .annotate(version_count=Count("versions"))
        .order_by("organisation__name", "kind")
    )


def template_library(*, user: User) -> list[dict[str, Any]]:
    """The shipped templates, each with the copies the user's buyer organisations made."""
    copies = list(template_list_for_organisations(organisation_ids=user.buyer_organisation_ids))
    return [
        {
            "kind": kind,
            "label": DocumentKind(kind).label,
            "shipped": shipped,
            "copies": [c for c in copies if c.kind == kind],
        }
        for kind, shipped in SHIPPED.items()
    ]


def template_current(*, template: DocumentTemplate) -> DocumentTemplateVersion:
    return template.versions.order_by("-number").first()


def template_for_project(
    *, project: Project, kind: str
) -> tuple[str, list[dict[str, str]], DocumentTemplateVersion | None, str]:
    """The template a project's document is generated from: the lead buyer's own copy when
    it has one, the shipped template otherwise. Returns (title, sections, version, label)."""
    copy = DocumentTemplate.objects.filter(
        organisation_id=project.organisation_id, kind=kind
    ).first()
    if copy is not None:
        version = template_current(template=copy)
        if version is not None:
            label = _("%(organisation)s's template, version %(number)d") % {
                "organisation": project.organisation.name,
                "number": version.number,
            }
            return version.title, list(version.sections), version, label
    shipped = SHIPPED[kind]
    title, sections = shipped.resolved()
    label = _("Shipped template, version %(number)d") % {"number": shipped.version}
    return title, sections, None, label


# --- Project data for documents ---------------------------------------------------------


def _decimal(value: Decimal | float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        value = value.normalize()
    return format_number(value, style=number_style(), grouped=True)


def _money(value: float) -> str:
    return _("%(amount)s kr") % {"amount": format_kronor(round(value), style=number_style())}


def _date(value: Any) -> str:
    return date_format(value) if value else "–"


def _span(start: Any, end: Any) -> str:
    if not start and not end:
        return "–"
    return f"{_date(start)} – {_date(end)}"


def _top_risks(project: Project, limit: int = 5) -> TableValue:
    """The highest open risks, when the projects app keeps a risk register."""
    header = [_("Risk"), _("Probability"), _("Impact"), _("Mitigation"), _("Status")]
    empty = _("No risks are registered.")
    try:
        risk_model = apps.get_model("projects", "Risk")
    except LookupError:
        return TableValue(header, [], empty)
    names = {f.name for f in risk_model._meta.get_fields()}
    if not {"project", "title", "probability", "impact"} <= names:
        return TableValue(header, [], empty)
    try:
        with transaction.atomic():
            risks = list(risk_model.objects.filter(project=project))
    except DatabaseError:  # the register's table is not migrated yet
        logger.warning("Risk register not available for documents.", exc_info=True)
        return TableValue(header, [], empty)
    closed = {"closed"}
    risks = [r for r in risks if getattr(r, "status", "") not in closed]
    risks.sort(key=lambda r: (-(r.probability * r.impact), -r.pk))
    rows = [
        [
            r.title,
            str(r.probability),
            str(r.impact),
            getattr(r, "mitigation", "") or "–",
            r.get_status_display() if hasattr(r, "get_status_display") else "",
        ]
        for r in risks[:limit]
    ]
    return TableValue(header, rows, empty)


def _benefit(project: Project) -> str:
    summary = benefit_selectors.benefit_summary(project=project)
    if not summary:
        return _("No benefit model with figures yet.")
    parts = []
    forecast = summary.get("forecast")
    if forecast:
        text = _("Forecast (%(name)s): net present value %(npv)s") % {
            "name": forecast["name"],
            "npv": _money(forecast["npv"]),
        }
        if forecast.get("bcr") is not None:
            text += _(", benefit–cost ratio %(bcr)s") % {"bcr": number_format(forecast["bcr"], 2)}
        parts.append(text + ".")
    outturn = summary.get("outturn")
    if outturn:
        parts.append(
            _("Outturn (%(name)s): net present value %(npv)s.")
            % {"name": outturn["name"], "npv": _money(outturn["npv"])}
        )
    if summary.get("realisation_ratio") is not None:
        parts.append(
            _("Realised benefit is %(percent)s %% of the forecast.")
            % {"percent": number_format(summary["realisation_ratio"] * 100, 0)}
        )
    return "\n".join(parts)


def project_fields(*, project: Project) -> dict[str, FieldValue]:
    """Every template field's value for the project (see library.FIELDS).

    The caller has checked that the user may view the project.
    """
    project = (
        Project.objects.select_related("organisation", "template")
        .prefetch_related(
            "partner_buyers",
            Prefetch(
                "stages",
                queryset=Stage.objects.order_by("order").prefetch_related(
                    Prefetch("items", queryset=ChecklistItem.objects.order_by("order", "pk"))
                ),
            ),
        )
        .get(pk=project.pk)
    )
    needs = list(
        project.needs.prefetch_related(
            Prefetch("effects", queryset=ExpectedEffect.objects.order_by("order", "pk"))
        ).order_by("pk")
    )
    need = needs[0] if needs else None
    calls = list(Call.objects.filter(project=project).order_by("-created_at", "-pk"))
    call = next((c for c in calls if c.status != CallStatus.CANCELLED), None)
    contract = (
        Contract.objects.filter(project=project)
        .select_related("supplier")
        .prefetch_related("phases")
        .order_by("-signed_on", "-pk")
        .first()
    )
    position = project_position(project=project)
    buyers = [project.organisation.name] + sorted(o.name for o in project.partner_buyers.all())

    values: dict[str, FieldValue] = {
        "project.title": project.title,
        "project.summary": project.summary,
        "project.buyers": ", ".join(buyers),
        "project.procedure": project.template.name,
        "project.position": position.where,
        "project.next_decision": position.next_decision,
        "project.status": project.get_status_display(),
        "stages.table": TableValue(
            [_("Stage"), _("Status"), _("Planned"), _("Actual")],
            [
                [
                    s.name,
                    s.get_status_display(),
                    _span(s.planned_start, s.planned_end),
                    _span(s.actual_start, s.actual_end),
                ]
                for s in project.stages.all()
            ],
            _("The project has no stages."),
        ),
        "today": date_format(timezone.localdate()),
    }
    if need is not None:
        market = dict(MarketCheck.choices).get(need.market_check, need.market_check)
        values.update(
            {
                "need.title": need.title,
                "need.problem": need.problem,
                "need.target_group": need.target_group,
                "need.stakeholders": need.stakeholders,
                "need.functional_requirements": need.functional_requirements,
                "need.constraints": need.constraints,
                "need.strategy_links": need.strategy_links,
                "need.market_check": "\n".join(
                    part for part in (str(market), need.market_check_notes) if part
                ),
            }
        )
    else:
        values["need.title"] = project.title
    values["effects.table"] = TableValue(
        [_("Expected effect"), _("Indicator"), _("Baseline"), _("Target"), _("Unit")],
        [
            [
                e.description,
                e.indicator,
                _decimal(e.baseline),
                _decimal(e.target),
                e.unit,
            ]
            for n in needs
            for e in n.effects.all()
        ],
        _("No expected effects are described yet."),
    )
    if call is not None:
        values.update(
            {
                "call.reference": call.reference,
                "call.summary": call.summary,
                "call.partnership": call.partnership_description,
                "call.procedure": str(
                    dict(LegalProcedure.choices).get(call.legal_procedure, call.legal_procedure)
                ),
                "call.selection_criteria": call.selection_criteria,
                "call.timetable": call.timetable,
                "call.max_partners": str(call.max_partners),
            }
        )
        criteria = list(Criterion.objects.filter(call=call).order_by("order", "pk"))
    else:
        criteria = []
    values["criteria.table"] = TableValue(
        [_("Award criterion"), _("What is assessed"), _("Weight (%)")],
        [[c.name, c.description, str(c.weight)] for c in criteria],
        _("The award criteria are not decided yet."),
    )
    if contract is not None:
        values.update(
            {
                "contract.supplier": contract.supplier.name,
                "contract.ip_terms": contract.ip_terms,
                "contract.risk_sharing": contract.risk_sharing,
                "contract.acquisition_terms": contract.acquisition_terms,
                "contract.maintenance_terms": contract.maintenance_terms,
            }
        )
        phases = sorted(contract.phases.all(), key=lambda p: p.order)
    else:
        phases = []
    values["contract.phases"] = TableValue(
        [_("Phase"), _("Intermediate target"), _("Planned"), _("Payment")],
        [
            [
                p.name,
                p.goal,
                _span(p.planned_start, p.planned_end),
                _money(float(p.payment)),
            ]
            for p in phases
        ],
        _("No partnership contract yet."),
    )
    values["benefit.summary"] = _benefit(project)
    values["risks.table"] = _top_risks(project)
    return values
