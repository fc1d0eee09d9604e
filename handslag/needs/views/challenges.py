"""Pages for challenges, triage, the idea bank and published challenges."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core.forms import form_page, submit_form
from handslag.needs import selectors, services
from handslag.needs.forms import (
    AttachmentForm,
    ChallengeFilterForm,
    ChallengeForm,
    CommentForm,
    TriageForm,
    VisibilityForm,
)
from handslag.needs.models import Challenge, NeedStatement
from handslag.needs.permissions import (
    access_challenge,
    access_public_challenge,
    access_submit_organisation,
    can_set_challenge_visibility,
    can_support_challenge,
    can_triage_challenge,
    submit_organisations,
)
from handslag.needs.views.common import _confirm, _page, _require_buyer_staff

# --- Challenges ---------------------------------------------------------------------------


@require_GET
def challenge_list(request: HttpRequest) -> HttpResponse:
    _require_buyer_staff(request)
    form = ChallengeFilterForm(
        request.GET or None,
        areas=selectors.challenge_areas(user=request.user),
        units=selectors.challenge_units(user=request.user),
    )
    filters: dict[str, str] = {}
    if form.is_bound and form.is_valid():
        filters = {k: v for k, v in form.cleaned_data.items() if v}
    page_obj = _page(request, selectors.challenge_list_visible(user=request.user, **filters))
    return render(
        request,
        "needs/challenge_list.html",
        {
            "filter_form": form,
            "filtered": bool({k for k in filters if k != "sort"}),
            "page_obj": page_obj,
            "query": urlencode(filters),
        },
    )


@require_http_methods(["GET", "POST"])
def challenge_create(request: HttpRequest) -> HttpResponse:
    _require_buyer_staff(request)
    organisations = submit_organisations(user=request.user)
    form = ChallengeForm(request.POST or None, organisations=organisations)

    def submit(cleaned: dict) -> Challenge:
        data = dict(cleaned)
        data["visibility"] = data.get("visibility") or "organisation"
        organisation = access_submit_organisation(
            user=request.user, organisation_id=data.pop("organisation").pk
        )
        return services.challenge_submit(actor=request.user, organisation=organisation, **data)

    done = submit_form(
        request,
        form,
        submit,
        message=_("Thank you. Your challenge has been submitted."),
        to=_challenge_url,
    )
    return done or form_page(request, "needs/challenge_form.html", {}, form)


def _challenge_url(challenge: Challenge) -> str:
    return reverse("needs:challenge_detail", args=[challenge.pk])


@require_GET
def challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    may_triage = can_triage_challenge(user=request.user, challenge=challenge)
    return render(
        request,
        "needs/challenge_detail.html",
        {
            "challenge": challenge,
            "support": selectors.challenge_support_summary(user=request.user, challenge=challenge),
            "may_support": can_support_challenge(user=request.user, challenge=challenge),
            "comments": selectors.challenge_comments(challenge=challenge),
            "comment_form": CommentForm(),
            "attachments": selectors.challenge_attachments(challenge=challenge),
            "attachment_form": AttachmentForm(),
            "may_set_visibility": can_set_challenge_visibility(
                user=request.user, challenge=challenge
            ),
            "visibility_form": VisibilityForm(initial={"visibility": challenge.visibility}),
            "similar": selectors.similar_for_challenge(user=request.user, challenge=challenge),
            "may_triage": may_triage,
            "triageable": challenge.status in services.TRIAGEABLE,
            "publishable": challenge.status in services.PUBLISHABLE,
            "needs": challenge.need_statements.all(),
            "merged_here": challenge.merged_challenges.all(),
            "history": selectors.challenge_history(challenge=challenge),
        },
    )


@require_http_methods(["GET", "POST"])
def challenge_triage(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk, triage=True)
    form = TriageForm(
        request.POST or None,
        challenge=challenge,
        candidates=selectors.challenge_merge_candidates(challenge=challenge),
    )
    done = submit_form(
        request,
        form,
        lambda data: services.challenge_triage(
            actor=request.user,
            challenge=challenge,
            outcome=data["outcome"],
            reason=data["reason"],
            merge_into=data["merge_into"],
        ),
        message=_triage_message,
        to=_triage_url,
    )
    return done or form_page(request, "needs/challenge_triage.html", {"challenge": challenge}, form)


def _triage_message(result: Challenge | NeedStatement) -> str:
    if isinstance(result, NeedStatement):
        return _("A need statement was created. Complete it below.")
    return _("The challenge is now: %(status)s.") % {"status": result.get_status_display()}


def _triage_url(result: Challenge | NeedStatement) -> str:
    if isinstance(result, NeedStatement):
        return reverse("needs:need_edit", args=[result.pk])
    return _challenge_url(result)


@require_http_methods(["GET", "POST"])
def challenge_publish(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk, triage=True)
    context: dict[str, Any] = {
        "title": _("Publish the challenge"),
        "question": _(
            "Publish “%(title)s” to the market? Anyone can then read its title, description, "
            "for whom, area and your organisation's name. Submitter, reasons and notes stay internal."
        )
        % {"title": challenge.title},
        "submit_label": _("Publish"),
        "cancel_url": reverse("needs:challenge_detail", args=[challenge.pk]),
    }
    if request.method == "POST":
        try:
            services.challenge_publish(actor=request.user, challenge=challenge)
        except ValidationError as error:
            return _confirm(request, error=" ".join(error.messages), status=400, **context)
        messages.success(request, _("The challenge is published to the market."))
        return redirect("needs:challenge_detail", pk=challenge.pk)
    return _confirm(request, **context)


@require_http_methods(["GET", "POST"])
def challenge_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk, triage=True)
    context: dict[str, Any] = {
        "title": _("Unpublish the challenge"),
        "question": _("Take “%(title)s” off the published challenges?")
        % {"title": challenge.title},
        "submit_label": _("Unpublish"),
        "cancel_url": reverse("needs:challenge_detail", args=[challenge.pk]),
    }
    if request.method == "POST":
        try:
            services.challenge_unpublish(actor=request.user, challenge=challenge)
        except ValidationError as error:
            return _confirm(request, error=" ".join(error.messages), status=400, **context)
        messages.success(request, _("The challenge is no longer published."))
        return redirect("needs:challenge_detail", pk=challenge.pk)
    return _confirm(request, **context)


@require_GET
def idea_bank(request: HttpRequest) -> HttpResponse:
    _require_buyer_staff(request)
    page_obj = _page(request, selectors.idea_bank_list(user=request.user))
    return render(request, "needs/idea_bank.html", {"page_obj": page_obj})


# --- Published challenges (public) --------------------------------------------------------


@login_not_required
@require_GET
def public_challenge_list(request: HttpRequest) -> HttpResponse:
    page_obj = _page(request, selectors.public_challenge_list())
    return render(request, "needs/public_challenge_list.html", {"page_obj": page_obj})


@login_not_required
@require_GET
def public_challenge_detail(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_public_challenge(challenge_id=pk)
    return render(request, "needs/public_challenge_detail.html", {"challenge": challenge})
