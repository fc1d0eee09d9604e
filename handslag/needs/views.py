"""Pages for challenges, triage, the idea bank, need statements and published challenges."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.accounts import selectors as account_selectors
from handslag.accounts import services as account_services
from handslag.accounts.models import Organisation
from handslag.accounts.permissions import (
    access_invitation,
    access_network,
    can_answer_invitation,
    can_invite_to_network,
    network_role_org_ids,
)
from handslag.accounts.roles import OrganisationKind
from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import not_found
from handslag.documents.render import document_response
from handslag.documents.views import download_response
from handslag.needs import selectors, services
from handslag.needs.exports import need_document
from handslag.needs.forms import (
    AttachmentForm,
    ChallengeFilterForm,
    ChallengeForm,
    CommentForm,
    EffectForm,
    JointProjectForm,
    NeedForm,
    NetworkInviteForm,
    TriageForm,
    VisibilityForm,
)
from handslag.needs.models import NeedStatement
from handslag.needs.permissions import (
    access_challenge,
    access_challenge_attachment,
    access_effect,
    access_need,
    access_public_challenge,
    access_submit_organisation,
    can_edit_need,
    can_set_challenge_visibility,
    can_support_challenge,
    can_triage_challenge,
    submit_organisations,
)

PER_PAGE = 25


def _page(request: HttpRequest, queryset: QuerySet) -> Page:
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))


def _require_buyer_staff(request: HttpRequest) -> None:
    # Challenges and needs are buyers' internal work; others may not know the pages exist.
    if not request.user.is_buyer_staff:
        raise not_found()


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
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["visibility"] = data.get("visibility") or "organisation"
        organisation = access_submit_organisation(
            user=request.user, organisation_id=data.pop("organisation").pk
        )
        try:
            challenge = services.challenge_submit(
                actor=request.user, organisation=organisation, **data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you. Your challenge has been submitted."))
            return redirect("needs:challenge_detail", pk=challenge.pk)
    return render(
        request,
        "needs/challenge_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


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
    if request.method == "POST" and form.is_valid():
        try:
            result = services.challenge_triage(
                actor=request.user,
                challenge=challenge,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
                merge_into=form.cleaned_data["merge_into"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            if isinstance(result, NeedStatement):
                messages.success(request, _("A need statement was created. Complete it below."))
                return redirect("needs:need_edit", pk=result.pk)
            messages.success(
                request,
                _("The challenge is now: %(status)s.") % {"status": result.get_status_display()},
            )
            return redirect("needs:challenge_detail", pk=challenge.pk)
    return render(
        request,
        "needs/challenge_triage.html",
        {"challenge": challenge, "form": form},
        status=400 if form.errors else 200,
    )


def _confirm(
    request: HttpRequest,
    *,
    title: str,
    question: str,
    submit_label: str,
    cancel_url: str,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "needs/confirm.html",
        {
            "title": title,
            "question": question,
            "submit_label": submit_label,
            "cancel_url": cancel_url,
            "action": request.path,
            "error": error,
        },
        status=status,
    )


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
    return render(
        request,
        "needs/need_form.html",
        {
            "need": need,
            "form": form,
            "completeness": selectors.need_completeness(need),
            "effects": need.effects.all(),
            "may_edit": True,
            "similar": selectors.similar_for_need(user=request.user, need=need),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def effect_add(request: HttpRequest, pk: int) -> HttpResponse:
    need = access_need(user=request.user, need_id=pk, edit=True)
    form = EffectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.effect_add(actor=request.user, need=need, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The expected effect was added."))
            return redirect("needs:need_detail", pk=need.pk)
    return render(
        request,
        "needs/effect_form.html",
        {"need": need, "form": form, "effect": None},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def effect_edit(request: HttpRequest, pk: int) -> HttpResponse:
    effect = access_effect(user=request.user, effect_id=pk, edit=True)
    initial = {name: getattr(effect, name) for name in services.EFFECT_FIELDS}
    form = EffectForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.effect_update(actor=request.user, effect=effect, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The expected effect was saved."))
            return redirect("needs:need_detail", pk=effect.need_id)
    return render(
        request,
        "needs/effect_form.html",
        {"need": effect.need, "form": form, "effect": effect},
        status=400 if form.errors else 200,
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


# --- Support, comments, visibility --------------------------------------------------------


@require_POST
def challenge_support(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    try:
        services.challenge_support(actor=request.user, challenge=challenge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Thank you. Your support is counted."))
    return redirect("needs:challenge_detail", pk=challenge.pk)


@require_POST
def challenge_unsupport(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    try:
        services.challenge_unsupport(actor=request.user, challenge=challenge)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your support was withdrawn."))
    return redirect("needs:challenge_detail", pk=challenge.pk)


@require_http_methods(["GET", "POST"])
def challenge_comment(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.challenge_comment_add(
                actor=request.user, challenge=challenge, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your comment was added."))
            return redirect("needs:challenge_detail", pk=challenge.pk)
    return render(
        request,
        "needs/comment_form.html",
        {"challenge": challenge, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def challenge_attachment_upload(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    form = AttachmentForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment = services.challenge_attachment_add(
                actor=request.user, challenge=challenge, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” was attached. Checksum (SHA-256): %(sha)s")
                % {"name": attachment.filename, "sha": attachment.sha256},
            )
            return redirect("needs:challenge_detail", pk=challenge.pk)
    return render(
        request,
        "needs/attachment_form.html",
        {"challenge": challenge, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def challenge_attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = access_challenge_attachment(user=request.user, attachment_id=pk)
    return download_response(
        attachment.file, filename=attachment.filename, content_type=attachment.content_type
    )


@require_POST
def challenge_visibility(request: HttpRequest, pk: int) -> HttpResponse:
    challenge = access_challenge(user=request.user, challenge_id=pk)
    form = VisibilityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose who may find it."))
        return redirect("needs:challenge_detail", pk=challenge.pk)
    services.challenge_set_visibility(
        actor=request.user, challenge=challenge, visibility=form.cleaned_data["visibility"]
    )
    messages.success(
        request, _("Visibility saved: %(v)s.") % {"v": challenge.get_visibility_display()}
    )
    return redirect("needs:challenge_detail", pk=challenge.pk)


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


def _similar_organisation(request: HttpRequest) -> Organisation | None:
    org_id = request.GET.get("with", "")
    if not org_id.isdigit():
        return None
    return Organisation.objects.filter(pk=int(org_id), kind=OrganisationKind.BUYER).first()


@require_http_methods(["GET", "POST"])
def need_joint_project(request: HttpRequest, pk: int) -> HttpResponse:
    from handslag.projects.selectors import default_template, template_list_visible

    need = access_need(user=request.user, need_id=pk, edit=True)
    partners = Organisation.objects.filter(kind=OrganisationKind.BUYER).exclude(
        pk=need.organisation_id
    )
    initial: dict[str, Any] = {"title": need.title, "summary": need.problem[:5000]}
    default = default_template()
    if default is not None:
        initial["template"] = default.pk
    other = _similar_organisation(request)
    if other is not None:
        initial["partner_buyers"] = [other.pk]
    form = JointProjectForm(
        request.POST or None,
        initial=initial,
        templates=template_list_visible(user=request.user),
        partners=partners,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.need_joint_project_start(
                actor=request.user,
                need=need,
                title=data["title"],
                template=data["template"],
                partner_buyers=list(data["partner_buyers"]),
                summary=data["summary"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The joint project was started."))
            url = reverse("projects:project_detail", args=[project.pk])
            return redirect(url)
    return render(
        request,
        "needs/joint_project_form.html",
        {"need": need, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def need_network_invite(request: HttpRequest, pk: int) -> HttpResponse:
    """Invite the organisation behind a similar need into one of my buyer networks (or a new one)."""
    need = access_need(user=request.user, need_id=pk, edit=True)
    other = _similar_organisation(request)
    if other is None or other.pk in request.user.buyer_organisation_ids:
        raise not_found()
    networks = account_selectors.network_list_for(user=request.user).filter(
        memberships__organisation_id__in=network_role_org_ids(user=request.user)
    )
    form = NetworkInviteForm(request.POST or None, networks=networks)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            network = data["network"]
            if network is None:
                network = account_services.network_create(
                    actor=request.user, organisation=need.organisation, name=data["name"]
                )
            account_services.network_invite(
                actor=request.user, network=network, organisation=other, message=data["message"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(org)s was invited to %(network)s.") % {"org": other.name, "network": network},
            )
            return redirect("needs:network_detail", pk=network.pk)
    return render(
        request,
        "needs/network_invite_form.html",
        {"need": need, "other": other, "form": form},
        status=400 if form.errors else 200,
    )


# --- Buyer networks -----------------------------------------------------------------------


@require_GET
def network_list(request: HttpRequest) -> HttpResponse:
    _require_buyer_staff(request)
    page_obj = _page(request, account_selectors.network_list_for(user=request.user))
    invitations = [
        (i, can_answer_invitation(user=request.user, invitation=i))
        for i in account_selectors.invitations_received(user=request.user)
    ]
    return render(
        request, "needs/network_list.html", {"page_obj": page_obj, "invitations": invitations}
    )


@require_GET
def network_detail(request: HttpRequest, pk: int) -> HttpResponse:
    network = access_network(user=request.user, network_id=pk)
    return render(
        request,
        "needs/network_detail.html",
        {
            "network": network,
            "members": account_selectors.network_members(network=network),
            "pending": network.invitations.filter(status="pending").select_related("organisation"),
            "may_invite": can_invite_to_network(user=request.user, network=network),
        },
    )


@require_POST
def network_invitation_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    invitation = access_invitation(user=request.user, invitation_id=pk)
    try:
        if answer == "accept":
            account_services.network_invitation_accept(actor=request.user, invitation=invitation)
            messages.success(request, _("You joined the buyer network."))
        elif answer == "decline":
            account_services.network_invitation_decline(actor=request.user, invitation=invitation)
            messages.success(request, _("The invitation was declined."))
        else:
            raise not_found()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    if answer == "accept":
        return redirect("needs:network_detail", pk=invitation.network_id)
    return redirect("needs:network_list")
