"""Pages for need statements, their expected effects, similar needs and export."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import add_service_error, form_page, submit_form
from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.core.render import document_response
from handslag.needs import selectors, services
from handslag.needs.exports import need_document
from handslag.needs.forms import (
    EffectForm,
    NeedForm,
)
from handslag.needs.permissions import (
    access_effect,
    access_need,
    can_edit_need,
)
from handslag.needs.views.common import _confirm, _page, _require_buyer_staff

# --- Need statements ----------------------------------------------------------------------


@require_GET
def need_list(request: HttpRequest) -> HttpResponse:
    _require_buyer_staff(request)
    page_obj = _page(request, selectors.need_list_visible(user=request.user))
    return render(request, "needs/need_list.html", {"page_obj": page_obj})


@require_GET
def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_need(user=request.user, need_id=pk)
    effects = list(need.effects.all())
    return render(
        request,
        "needs/need_detail.html",
        {
            "need": need,
            "effects": effects,
            "may_edit": can_edit_need(user=request.user, need=need),
            "completeness": selectors.need_completeness(need),
            "market_advice": selectors.market_check_advice(need),
            "wording_warnings": selectors.requirement_wording_warnings(
                need.functional_requirements
            ),
            "projects": need.projects.all(),
            "history": selectors.need_history(need=need),
            "similar": selectors.similar_for_need(user=request.user, need=need),
        },
    )


@require_http_methods(["GET", "POST"])
def need_edit(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_need(user=request.user, need_id=pk, edit=True)
    initial = {name: getattr(need, name) for name in services.NEED_FIELDS}
    form = NeedForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if not data.get("visibility"):
            data.pop("visibility", None)
        try:
            services.need_update(actor=request.user, need=need, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The need statement was saved."))
            for warning in selectors.requirement_wording_warnings(need.functional_requirements):
                messages.warning(request, warning)
            return redirect("needs:need_detail", pk=need.pk)
    return form_page(
        request,
        "needs/need_form.html",
        {
            "need": need,
            "completeness": selectors.need_completeness(need),
            "effects": need.effects.all(),
            "may_edit": True,
            "similar": selectors.similar_for_need(user=request.user, need=need),
        },
        form,
    )


@require_http_methods(["GET", "POST"])
def effect_add(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_need(user=request.user, need_id=pk, edit=True)
    form = EffectForm(request.POST or None)
    done = submit_form(
        request,
        form,
        lambda data: services.effect_add(actor=request.user, need=need, **data),
        message=_("The expected effect was added."),
        to=reverse("needs:need_detail", args=[need.pk]),
    )
    return done or form_page(
        request, "needs/effect_form.html", {"need": need, "effect": None}, form
    )


@require_http_methods(["GET", "POST"])
def effect_edit(request: HttpRequest, pk: int) -> HttpResponse:
    effect = access_effect(user=request.user, effect_id=pk, edit=True)
    initial = {name: getattr(effect, name) for name in services.EFFECT_FIELDS}
    form = EffectForm(request.POST or None, initial=initial)
    done = submit_form(
        request,
        form,
        lambda data: services.effect_update(actor=request.user, effect=effect, **data),
        message=_("The expected effect was saved."),
        to=reverse("needs:need_detail", args=[effect.need_id]),
    )
    return done or form_page(
        request, "needs/effect_form.html", {"need": effect.need, "effect": effect}, form
    )


@require_http_methods(["GET", "POST"])
def effect_delete(request: HttpRequest, pk: int) -> HttpResponse:
    effect = access_effect(user=request.user, effect_id=pk, edit=True)
    need_id = effect.need_id
    if request.method == "POST":
        services.effect_remove(actor=request.user, effect=effect)
        messages.success(request, _("The expected effect was removed."))
        return redirect("needs:need_detail", pk=need_id)
    return _confirm(
        request,
        title=_("Remove the expected effect"),
        question=_("Remove the expected effect “%(effect)s”? The history keeps what it said.")
        % {"effect": effect.description},
        submit_label=_("Remove"),
        cancel_url=reverse("needs:need_detail", args=[need_id]),
    )


# --- Similar needs, export, joint projects ------------------------------------------------

DRAFT_FIELDS = ("title", "problem", "target_group", "functional_requirements")


@require_GET
def need_similar(request: HttpRequest, pk: int) -> HttpResponse:
    """Similar needs of other buyers; with draft fields in the query, for the text being written.

    htmx asks for the fragment while the editor types; without JavaScript the same URL
    is a whole page, reached by the "Show similar needs" link.
    """
    need = access_need(user=request.user, need_id=pk)
    text = None
    if any(request.GET.get(f) for f in DRAFT_FIELDS):
        text = "\n".join(request.GET.get(f, "")[:10000] for f in DRAFT_FIELDS)
    similar = selectors.similar_for_need(user=request.user, need=need, text=text)
    return render_page(
        request,
        "needs/need_similar.html",
        {"need": need, "similar": similar, "may_edit": can_edit_need(user=request.user, need=need)},
        partial="similar",
    )


@require_GET
def need_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    need = access_need(user=request.user, need_id=pk)
    if kind not in ("docx", "pdf"):
        raise not_found()
    return document_response(need_document(need), kind)
