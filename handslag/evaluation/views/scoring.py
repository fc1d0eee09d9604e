"""Pages of the evaluation: criteria, the declaration, scoring and consensus. Thin: parse,
call one service or selector, render."""

import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden, not_found
from handslag.evaluation import results, selectors, services
from handslag.evaluation.config import model_problem
from handslag.evaluation.forms import (
    ConsensusForm,
    CriterionFormSet,
    DeclarationForm,
    ScoreForm,
    criteria_from_formset,
)
from handslag.evaluation.permissions import access_team_tender, can_manage_criteria
from handslag.tendering import services as tendering_services
from handslag.tendering.gateway import access_tender_content, access_tender_files
from handslag.tendering.permissions import (
    access_call_for_team,
    can_declare,
    declaration_of,
)


@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    if not can_manage_criteria(user=request.user, call=call):
        raise not_found()
    existing = results.criteria_of(call=call)
    initial = [
        {"name": c.name, "description": c.description, "kind": c.kind, "weight": c.weight}
        for c in existing
    ] or services.default_criteria()
    formset = CriterionFormSet(request.POST or None, initial=initial, prefix="criteria")
    errors: list[str] = []
    if request.method == "POST" and formset.is_valid():
        try:
            services.criteria_set(
                actor=request.user, call=call, criteria=criteria_from_formset(formset)
            )
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The award criteria were saved."))
            return redirect("evaluation:evaluation", pk=call.pk)
    return render_page(
        request,
        "evaluation/criteria.html",
        {
            "call": call,
            "formset": formset,
            "errors": errors,
            "is_default": not existing,
            "model_problem": model_problem(call=call),
        },
        status=400 if errors or formset.errors and request.method == "POST" else 200,
    )


@require_GET
def evaluation_page(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_for_team(user=request.user, call_id=pk)
    context = {
        "call": call,
        "must_declare": can_declare(user=request.user, call=call)
        and declaration_of(user=request.user, call=call) is None,
        **selectors.evaluation_overview(user=request.user, call=call),
        **selectors.evaluation_extras(user=request.user, call=call),
    }
    return render_page(request, "evaluation/evaluation.html", context)


@require_http_methods(["GET", "POST"])
def declaration(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflict-of-interest declaration an evaluator makes before reading any tender."""
    call = access_call_for_team(user=request.user, call_id=pk)
    if not can_declare(user=request.user, call=call):
        raise forbidden(
            _("Only the call's evaluators and those who record consensus make this declaration.")
        )
    existing = declaration_of(user=request.user, call=call)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            tendering_services.conflict_declare(
                actor=request.user,
                call=call,
                has_conflict=form.cleaned_data["has_conflict"],
                statement=form.cleaned_data["statement"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your declaration was recorded."))
            return redirect("evaluation:evaluation", pk=call.pk)
    return render_page(
        request,
        "evaluation/declaration.html",
        {"call": call, "form": form, "existing": existing},
        status=400 if form.errors else 200,
    )


def _tender_page(
    request: HttpRequest, tender, score_form=None, consensus_form=None, status: int = 200
) -> HttpResponse:
    data = selectors.tender_evaluation(user=request.user, tender=tender)
    content = access_tender_content(user=request.user, tender=tender)
    if score_form is None and data["can_score"]:
        score_form = ScoreForm(
            criteria=data["criteria"],
            initial={
                **{f"score_{cid}": str(s.score) for cid, s in data["own"].items()},
                **{f"justification_{cid}": s.justification for cid, s in data["own"].items()},
            },
        )
    if consensus_form is None and data["can_consensus"]:
        consensus_form = ConsensusForm(
            criteria=data["criteria"],
            initial={
                **{f"score_{cid}": str(s.score) for cid, s in data["consensus"].items()},
                **{f"justification_{cid}": s.justification for cid, s in data["consensus"].items()},
                **{
                    f"external_justification_{cid}": s.external_justification
                    for cid, s in data["consensus"].items()
                },
            },
        )
    return render_page(
        request,
        "evaluation/tender_evaluate.html",
        {
            "tender": tender,
            "call": tender.call,
            "content": content,
            "files": access_tender_files(user=request.user, tender=tender),
            "score_form": score_form,
            "consensus_form": consensus_form,
            **data,
        },
        status=status,
    )


def _team_tender(request: HttpRequest, pk: uuid.UUID):
    return access_team_tender(user=request.user, public_id=pk, declared=True)


@require_GET
def tender_evaluate(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    return _tender_page(request, _team_tender(request, pk))


@require_POST
def tender_score(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    tender = _team_tender(request, pk)
    form = ScoreForm(request.POST, criteria=results.scored_criteria_of(call=tender.call))
    if form.is_valid():
        try:
            services.scores_record(actor=request.user, tender=tender, scores=form.rows())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect("evaluation:evaluation", pk=tender.call_id)
    return _tender_page(request, tender, score_form=form, status=400)


@require_POST
def tender_consensus(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    tender = _team_tender(request, pk)
    form = ConsensusForm(request.POST, criteria=results.scored_criteria_of(call=tender.call))
    if form.is_valid():
        try:
            services.consensus_record_many(actor=request.user, tender=tender, scores=form.rows())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The consensus scores were saved."))
            return redirect("evaluation:evaluation", pk=tender.call_id)
    return _tender_page(request, tender, consensus_form=form, status=400)
