"""Pages for calls and applications. Thin: parse, call a service or selector, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.accounts.models import Organisation
from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden
from handslag.market import extensions, selectors, services
from handslag.market.forms import (
    ApplicationForm,
    CallForm,
    CancelForm,
    DecisionForm,
    MarketFilterForm,
)
from handslag.market.models import ApplicationStatus, CallStatus, CancelGround
from handslag.market.permissions import (
    access_application,
    access_call,
    access_call_applications,
    access_public_call,
    can_apply,
    can_decide_applications,
    can_manage_call,
    can_see_applications,
    can_see_questions,
    can_view_call,
    is_own_application,
)
from handslag.market.views import attachments as attachment_views
from handslag.projects.permissions import access_project

PER_PAGE = 25


def _page(request: HttpRequest, items: QuerySet) -> Page:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


# --- Public pages -------------------------------------------------------------------------


@login_not_required
@require_GET
def public_call_list(request: HttpRequest) -> HttpResponse:
    """The market: every published call with its stage, open ones first, with filters."""
    form = MarketFilterForm(
        request.GET or None, stages=selectors.MARKET_STAGES, buyers=selectors.market_buyers()
    )
    filters: dict = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "stage": data["status"],
            "area": data["area"],
            "buyer_id": data["buyer"],
            "deadline_from": data["deadline_from"],
            "deadline_to": data["deadline_to"],
            "query": data["q"],
        }
    page = _page(request, selectors.call_list_market(**filters))
    query = request.GET.copy()
    query.pop("page", None)
    return render_page(
        request,
        "market/public_call_list.html",
        {
            "page_obj": page,
            "calls": page.object_list,
            "filter_form": form,
            "filtered": any(filters.values()),
            "query": query.urlencode(),
        },
        status=400 if form.errors else 200,
    )


@login_not_required
@require_GET
def public_call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_public_call(call_id=pk)
    user = request.user
    own_application = None
    if user.is_authenticated and user.is_supplier:
        own_application = selectors.application_for_supplier(user=user, call=call)
    now = timezone.now()
    return render_page(
        request,
        "market/public_call_detail.html",
        {
            "call": call,
            "needs": selectors.call_needs(call=call),
            "criteria": selectors.call_criteria(call=call),
            "open_for_applications": call.status == CallStatus.PUBLISHED
            and call.application_deadline is not None
            and call.application_deadline > now,
            "own_application": own_application,
            "can_view_internal": can_view_call(user=user, call=call),
            "answered_questions": selectors.question_list_public(call=call),
            "versions": selectors.call_version_list(call=call),
            "question_days": selectors.call_question_days(call=call),
            "questions_open": selectors.questions_open(call=call, now=now),
            "own_questions": selectors.question_list_for_supplier(user=user, call=call),
            "is_supplier": user.is_authenticated and user.is_supplier,
            "following": user.is_authenticated
            and user.is_supplier
            and selectors.is_following(user=user, call=call),
        },
    )


# --- Buyer pages --------------------------------------------------------------------------


@require_GET
def call_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_buyer_staff:
        raise forbidden(_("Only buyer organisations' staff have calls to manage."))
    user = request.user
    page = _page(request, selectors.call_list_for_user(user=user))
    return render_page(
        request,
        "market/call_list.html",
        {
            "page_obj": page,
            "calls": page.object_list,
            "rfis": list(selectors.rfi_list_for_user(user=user)[:PER_PAGE]),
            "events": list(selectors.event_list_for_user(user=user)[:PER_PAGE]),
            "managed_projects": list(selectors.projects_managed_by(user=user)[:PER_PAGE]),
        },
    )


def _call_form_data(form: CallForm) -> dict:
    data = dict(form.cleaned_data)
    data.pop("reference", None)
    return data


@require_http_methods(["GET", "POST"])
def call_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=project_pk, manage=True)
    if request.method == "POST":
        form = CallForm(request.POST)
        if form.is_valid():
            try:
                call = services.call_create(
                    actor=request.user,
                    project=project,
                    reference=form.cleaned_data.get("reference", ""),
                    **_call_form_data(form),
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The call was saved as a draft."))
                return redirect("market:call_detail", pk=call.pk)
    else:
        form = CallForm(initial=services.call_defaults(project=project))
    return render_page(
        request,
        "market/call_form.html",
        {"form": form, "project": project, "call": None},
        status=400 if form.errors else 200,
    )


@require_GET
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call(user=request.user, call_id=pk)
    user = request.user
    context = {
        "call": call,
        "needs": selectors.call_needs(call=call),
        "criteria": selectors.call_criteria(call=call),
        "can_manage": can_manage_call(user=user, call=call),
        "can_see_applications": can_see_applications(user=user, call=call),
        "can_decide": can_decide_applications(user=user, call=call),
        "warnings": [w for w in selectors.call_plan_warnings(call=call) if w.is_soft]
        if call.status == CallStatus.DRAFT
        else [],
        "missing": selectors.call_publication_missing(call=call)
        if call.status == CallStatus.DRAFT and can_manage_call(user=user, call=call)
        else [],
        "after_application_deadline": call.application_deadline is not None
        and call.application_deadline <= timezone.now(),
        "versions": selectors.call_version_list(call=call) if call.is_public else [],
        "question_days": selectors.call_question_days(call=call),
    }
    if can_see_questions(user=user, call=call):
        questions = selectors.question_list_for_call(user=user, call=call)
        context["question_count"] = questions.count()
        context["unanswered_count"] = questions.filter(answered_at__isnull=True).count()
    if context["can_see_applications"]:
        applications = selectors.application_list_for_call(user=user, call=call)
        page = _page(request, applications)
        context["page_obj"] = page
        context["applications"] = page.object_list
        context["status_counts"] = [
            (label, selectors.application_status_counts(user=user, call=call).get(value, 0))
            for value, label in ApplicationStatus.choices
        ]
        context["qualified_count"] = applications.filter(status=ApplicationStatus.QUALIFIED).count()
    return render_page(request, "market/call_detail.html", context)


@require_http_methods(["GET", "POST"])
def call_edit(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call(user=request.user, call_id=pk, manage=True)
    if call.status != CallStatus.DRAFT:
        messages.error(request, _("Only a draft call can be changed."))
        return redirect("market:call_detail", pk=call.pk)
    if request.method == "POST":
        form = CallForm(request.POST, editing=True)
        if form.is_valid():
            try:
                services.call_update(actor=request.user, call=call, **_call_form_data(form))
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The call was saved."))
                return redirect("market:call_detail", pk=call.pk)
    else:
        form = CallForm(
            editing=True,
            initial={name: getattr(call, name) for name in services.CALL_EDITABLE_FIELDS},
        )
    return render_page(
        request,
        "market/call_form.html",
        {"form": form, "project": call.project, "call": call},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def call_publish(request: HttpRequest, pk: int) -> HttpResponse:
    """The publish page lists everything that stops publication, each with a link to the
    page where it is fixed; publishing is refused until the list is empty."""
    call = access_call(user=request.user, call_id=pk, manage=True)
    errors: list[str] = []
    missing: list = []
    if request.method == "POST":
        try:
            services.call_publish(actor=request.user, call=call)
        except services.PublicationRefused as error:
            missing = error.missing
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The call is published. Suppliers can now apply."))
            return redirect("market:call_detail", pk=call.pk)
    is_draft = call.status == CallStatus.DRAFT
    if is_draft and not missing:
        missing = selectors.call_publication_missing(call=call)
    return render_page(
        request,
        "market/call_publish.html",
        {
            "call": call,
            "warnings": [w for w in selectors.call_plan_warnings(call=call) if w.is_soft],
            "errors": errors,
            "missing": missing,
            "refused": request.method == "POST" and bool(missing or errors),
            "is_draft": is_draft,
        },
        status=400 if request.method == "POST" and (errors or missing) else 200,
    )


@require_http_methods(["GET", "POST"])
def call_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps: the ground and reasons, then a page that says what will happen and
    asks to confirm. Only the confirmed post cancels."""
    call = access_call(user=request.user, call_id=pk, manage=True)
    form = CancelForm(request.POST or None)
    confirming = False
    if request.method == "POST" and form.is_valid():
        if request.POST.get("confirmed") != "yes":
            confirming = True
        else:
            try:
                services.call_cancel(
                    actor=request.user,
                    call=call,
                    ground=form.cleaned_data["ground"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "The call was cancelled. Everyone who applied, tendered or follows "
                        "the call is told by e-mail of the decision and its reasons."
                    ),
                )
                return redirect("market:call_detail", pk=call.pk)
    return render_page(
        request,
        "market/call_cancel.html",
        {
            "call": call,
            "form": form,
            "confirming": confirming,
            "ground_label": dict(CancelGround.choices).get(form.cleaned_data["ground"])
            if confirming
            else "",
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def call_invite_qualified(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_applications(user=request.user, call_id=pk, decide=True)
    errors: list[str] = []
    if request.method == "POST":
        try:
            invited = services.application_invite_qualified(actor=request.user, call=call)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)s supplier was invited to tender.",
                    "%(count)s suppliers were invited to tender.",
                    len(invited),
                )
                % {"count": len(invited)},
            )
            return redirect("market:call_detail", pk=call.pk)
    qualified = selectors.application_list_for_call(user=request.user, call=call).filter(
        status=ApplicationStatus.QUALIFIED
    )
    return render_page(
        request,
        "market/call_invite.html",
        {"call": call, "qualified": qualified, "errors": errors},
        status=400 if errors else 200,
    )


# --- Applications -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def application_create(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = access_public_call(call_id=call_pk)
    if not can_apply(user=request.user):
        raise forbidden(_("Only suppliers can apply. Your account does not belong to a supplier."))
    if call.is_cancelled:
        # The notice instead of the form; a form sent anyway is refused by the service.
        if request.method == "POST":
            messages.error(request, services.cancelled_message())
        return render_page(
            request,
            "market/application_form.html",
            {"call": call},
            status=400 if request.method == "POST" else 200,
        )
    organisations = Organisation.objects.filter(
        pk__in=request.user.supplier_organisation_ids
    ).order_by("name")
    form = ApplicationForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.application_create(
                actor=request.user,
                call=call,
                supplier=form.cleaned_data["supplier"],
                text=form.cleaned_data["text"],
                attachments=form.attachments(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your application has been sent."))
            return redirect("market:application_detail", pk=application.pk)
    return render_page(
        request,
        "market/application_form.html",
        {"call": call, "form": form},
        status=400 if form.errors else 200,
    )


@require_GET
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(user=request.user, application_id=pk)
    user = request.user
    call = application.call
    now = timezone.now()
    own = is_own_application(user=user, application=application)
    return render_page(
        request,
        "market/application_detail.html",
        {
            "application": application,
            "call": call,
            "is_own": own,
            **attachment_views.attachments_context(request, application),
            "can_withdraw": own
            and application.status in (ApplicationStatus.SUBMITTED, ApplicationStatus.QUALIFIED)
            and call.application_deadline is not None
            and now < call.application_deadline,
            "can_decide": can_decide_applications(user=user, call=call)
            and application.status in services.DECIDABLE
            and call.status == CallStatus.PUBLISHED,
            "can_invite": can_decide_applications(user=user, call=call)
            and application.status == ApplicationStatus.QUALIFIED
            and call.status == CallStatus.PUBLISHED
            and call.application_deadline is not None
            and now >= call.application_deadline,
        },
    )


@require_http_methods(["GET", "POST"])
def application_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(user=request.user, application_id=pk, withdraw=True)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.application_withdraw(actor=request.user, application=application)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("Your application was withdrawn."))
            return redirect("market:application_detail", pk=application.pk)
    return render_page(
        request,
        "market/application_withdraw.html",
        {"application": application, "call": application.call, "errors": errors},
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def application_decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(user=request.user, application_id=pk, decide=True)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.application_decide(
                actor=request.user,
                application=application,
                qualified=form.cleaned_data["decision"] == "qualify",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The decision was saved."))
            return redirect("market:call_detail", pk=application.call_id)
    return render_page(
        request,
        "market/application_decide.html",
        {"application": application, "call": application.call, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def application_invite(request: HttpRequest, pk: int) -> HttpResponse:
    application = access_application(user=request.user, application_id=pk, decide=True)
    try:
        services.application_invite(actor=request.user, application=application)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("%(supplier)s was invited to tender.") % {"supplier": application.supplier.name},
        )
    return redirect("market:application_detail", pk=application.pk)


# --- Supplier home ------------------------------------------------------------------------


@require_GET
def supplier_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_supplier:
        raise forbidden(
            _("This page is for suppliers. Your account does not belong to a supplier.")
        )
    applications = selectors.application_list_for_supplier(user=user)
    page = _page(request, applications)
    return render_page(
        request,
        "market/supplier_home.html",
        {
            "page_obj": page,
            "applications": page.object_list,
            "invitations": list(selectors.invitations_open(user=user)[:PER_PAGE]),
            "open_calls": list(selectors.calls_open_for_supplier(user=user)[:10]),
            "area_calls": list(selectors.calls_in_followed_areas(user=user)[:10]),
            "followed_areas": selectors.followed_areas(user=user),
            "follows": list(selectors.call_follows_for_supplier(user=user)[:PER_PAGE]),
            "questions": list(selectors.question_list_for_supplier(user=user)[:PER_PAGE]),
            "tenders": _supplier_tenders(user),
            "rfi_responses": list(selectors.rfi_responses_for_supplier(user=user)[:PER_PAGE]),
            "events": list(selectors.event_list_for_supplier(user=user)[:PER_PAGE]),
            "organisations": [
                (organisation, selectors.supplier_profile_for(organisation=organisation))
                for organisation in selectors.supplier_organisations_for(user=user)
            ],
        },
    )


def _supplier_tenders(user) -> list:
    """The organisation's tenders and receipts, from the tendering app (market.extensions)."""
    return extensions.supplier_tenders(user=user, limit=PER_PAGE)
