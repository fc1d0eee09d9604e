"""Pages of the market dialogue: supplier sign-up and profile, following calls, questions
and answers, changes to published calls, RFIs and dialogue events.

Thin like the call pages: parse, call one service or selector, render or redirect.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from handslag.accounts.forms import client_ip
from handslag.accounts.models import Organisation
from handslag.accounts.services import signup_attempt_allowed, signup_throttled_message
from handslag.core.forms import add_service_error
from handslag.core.htmx import render_page
from handslag.core.permissions import forbidden
from handslag.market import selectors, services
from handslag.market.forms import (
    AnswerForm,
    CallAmendForm,
    DialogueEventForm,
    DialogueEventNotesForm,
    QuestionForm,
    RfiForm,
    RfiResponseForm,
    SupplierProfileForm,
    SupplierRegistrationForm,
)
from handslag.market.models import CallStatus, RfiStatus
from handslag.market.permissions import (
    access_call,
    access_call_questions,
    access_event,
    access_public_call,
    access_public_rfi,
    access_question,
    access_rfi,
    access_supplier_organisation,
    can_answer_questions,
    can_edit_supplier_profile,
    can_see_event_notes,
)
from handslag.projects.permissions import access_project, can_manage_project, is_team_member

PER_PAGE = 25


def _page(request: HttpRequest, items: QuerySet) -> Page:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def _own_suppliers(request: HttpRequest) -> QuerySet[Organisation]:
    return selectors.supplier_organisations_for(user=request.user)


# --- Supplier registry -----------------------------------------------------------------------


@login_not_required
@require_http_methods(["GET", "POST"])
def supplier_register(request: HttpRequest) -> HttpResponse:
    """A new person registers a supplier organisation and is signed in as its administrator."""
    if request.user.is_authenticated:
        messages.info(
            request,
            _("You are already signed in. Sign out first to register a new organisation."),
        )
        return redirect("core:home")
    form = SupplierRegistrationForm(request.POST or None)
    throttled = request.method == "POST" and not signup_attempt_allowed(ip=client_ip(request))
    if throttled:
        form.is_valid()
        form.add_error(None, ValidationError(signup_throttled_message(), code="throttled"))
    elif request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.supplier_register(
                organisation_name=data["organisation_name"],
                org_number=data["org_number"],
                country=data["country"],
                is_sme=data["is_sme"],
                is_nonprofit=data["is_nonprofit"],
                website=data["website"],
                capabilities=data["capabilities"],
                areas=data["areas"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                username=data["username"],
                password=data["password"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome! %(organisation)s is registered and you are signed in.")
                % {"organisation": data["organisation_name"]},
            )
            return redirect("market:supplier_home")
    response = render_page(
        request,
        "market/supplier_register.html",
        {"form": form},
        status=429 if throttled else 400 if form.errors else 200,
    )
    if throttled:
        response["Retry-After"] = str(settings.SIGNUP_ATTEMPT_WINDOW)
    return response


@require_http_methods(["GET", "POST"])
def supplier_profile(request: HttpRequest, organisation_pk: int) -> HttpResponse:
    organisation = access_supplier_organisation(
        user=request.user, organisation_id=organisation_pk, edit=request.method == "POST"
    )
    profile = selectors.supplier_profile_for(organisation=organisation)
    can_edit = can_edit_supplier_profile(user=request.user, organisation=organisation)
    if request.method == "POST":
        form = SupplierProfileForm(request.POST)
        if form.is_valid():
            try:
                services.supplier_profile_update(
                    actor=request.user,
                    organisation=organisation,
                    capabilities=form.cleaned_data["capabilities"],
                    areas=form.cleaned_data["areas"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The profile was saved."))
                return redirect("market:supplier_home")
    else:
        form = SupplierProfileForm(
            initial={"capabilities": profile.capabilities, "areas": profile.areas}
        )
    return render_page(
        request,
        "market/supplier_profile.html",
        {"organisation": organisation, "profile": profile, "form": form, "can_edit": can_edit},
        status=400 if form.errors else 200,
    )


@require_POST
def call_follow(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow or stop following a published call (POST field "follow": "1" or "0")."""
    call = access_public_call(call_id=pk)
    organisations = list(_own_suppliers(request))
    if not organisations:
        raise forbidden(_("Only suppliers can follow calls."))
    follow = request.POST.get("follow", "1") != "0"
    try:
        for organisation in organisations:
            if follow:
                services.call_follow(actor=request.user, call=call, organisation=organisation)
            else:
                services.call_unfollow(actor=request.user, call=call, organisation=organisation)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("You follow the call. Changes and answers reach you by e-mail.")
            if follow
            else _("You no longer follow the call."),
        )
    return redirect("market:public_call_detail", pk=call.pk)


# --- Questions and answers -------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def question_create(request: HttpRequest, call_pk: int) -> HttpResponse:
    call = access_public_call(call_id=call_pk)
    organisations = _own_suppliers(request)
    if not organisations.exists():
        raise forbidden(_("Only suppliers can ask questions on a call."))
    form = QuestionForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.question_ask(
                actor=request.user,
                call=call,
                supplier=form.cleaned_data["supplier"],
                text=form.cleaned_data["text"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your question was sent to the buyer. The answer will be published on "
                    "the call's page for every supplier, without your name."
                ),
            )
            return redirect("market:public_call_detail", pk=call.pk)
    return render_page(
        request,
        "market/question_form.html",
        {
            "call": call,
            "form": form,
            "days": selectors.call_question_days(call=call),
            "questions_open": selectors.questions_open(call=call),
        },
        status=400 if form.errors else 200,
    )


@require_GET
def call_questions(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call_questions(user=request.user, call_id=pk)
    page = _page(request, selectors.question_list_for_call(user=request.user, call=call))
    days = selectors.call_question_days(call=call)
    today = timezone.localdate()
    return render_page(
        request,
        "market/call_questions.html",
        {
            "call": call,
            "page_obj": page,
            "questions": page.object_list,
            "days": days,
            "can_answer": can_answer_questions(user=request.user, call=call)
            and call.status == CallStatus.PUBLISHED
            and days.last_for_answers is not None
            and today <= days.last_for_answers,
            "answers_closed": days.last_for_answers is not None and today > days.last_for_answers,
        },
    )


@require_http_methods(["GET", "POST"])
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = access_question(user=request.user, question_id=pk, answer=True)
    call = question.call
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            try:
                services.question_answer(
                    actor=request.user,
                    question=question,
                    answer=form.cleaned_data["answer"],
                    published_question=form.cleaned_data["published_question"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request, _("The answer is published to every supplier, without the asker.")
                )
                return redirect("market:call_questions", pk=call.pk)
    else:
        form = AnswerForm(
            initial={"published_question": question.published_question or question.text}
        )
    return render_page(
        request,
        "market/question_answer.html",
        {
            "call": call,
            "question": question,
            "form": form,
            "days": selectors.call_question_days(call=call),
        },
        status=400 if form.errors else 200,
    )


# --- Changes to a published call ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def call_amend(request: HttpRequest, pk: int) -> HttpResponse:
    call = access_call(user=request.user, call_id=pk, manage=True)
    if call.status != CallStatus.PUBLISHED:
        messages.error(request, _("Only a published call can be changed this way."))
        return redirect("market:call_detail", pk=call.pk)
    fields = services.CALL_AMENDABLE_FIELDS
    if request.method == "POST":
        form = CallAmendForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            reason = data.pop("reason")
            try:
                services.call_amend(actor=request.user, call=call, reason=reason, **data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("The call was changed; the interested suppliers are told by e-mail."),
                )
                return redirect("market:call_detail", pk=call.pk)
    else:
        form = CallAmendForm(initial={name: getattr(call, name) for name in fields})
    return render_page(
        request,
        "market/call_amend.html",
        {"call": call, "form": form},
        status=400 if form.errors else 200,
    )


# --- RFIs --------------------------------------------------------------------------------------


@login_not_required
@require_GET
def public_rfi_list(request: HttpRequest) -> HttpResponse:
    page = _page(request, selectors.rfi_list_published())
    return render_page(
        request, "market/public_rfi_list.html", {"page_obj": page, "rfis": page.object_list}
    )


@login_not_required
@require_GET
def public_rfi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rfi = access_public_rfi(rfi_id=pk)
    user = request.user
    return render_page(
        request,
        "market/public_rfi_detail.html",
        {
            "rfi": rfi,
            "questions": list(rfi.questions.all()),
            "is_open": rfi.status == RfiStatus.PUBLISHED and rfi.deadline > timezone.now(),
            "own_response": selectors.rfi_response_for_supplier(user=user, rfi=rfi),
            "is_supplier": user.is_authenticated and user.is_supplier,
            "is_team": is_team_member(user=user, project=rfi.project),
        },
    )


@require_http_methods(["GET", "POST"])
def rfi_respond(request: HttpRequest, pk: int) -> HttpResponse:
    rfi = access_public_rfi(rfi_id=pk)
    organisations = _own_suppliers(request)
    if not organisations.exists():
        raise forbidden(_("Only suppliers can answer an RFI."))
    form = RfiResponseForm(request.POST or None, rfi=rfi, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            services.rfi_respond(
                actor=request.user,
                rfi=rfi,
                supplier=form.cleaned_data["supplier"],
                answers=form.answers(),
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you! Your answers were sent to the buyer."))
            return redirect("market:public_rfi_detail", pk=rfi.pk)
    return render_page(
        request,
        "market/rfi_respond.html",
        {"rfi": rfi, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def rfi_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=project_pk, manage=True)
    form = RfiForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rfi = services.rfi_create(actor=request.user, project=project, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The RFI was saved as a draft."))
            return redirect("market:rfi_detail", pk=rfi.pk)
    return render_page(
        request,
        "market/rfi_form.html",
        {"form": form, "project": project},
        status=400 if form.errors else 200,
    )


@require_GET
def rfi_detail(request: HttpRequest, pk: int) -> HttpResponse:
    rfi = access_rfi(user=request.user, rfi_id=pk)
    return render_page(
        request,
        "market/rfi_detail.html",
        {
            "rfi": rfi,
            "summary": selectors.rfi_summary(user=request.user, rfi=rfi),
            "can_manage": can_manage_project(user=request.user, project=rfi.project),
        },
    )


@require_POST
def rfi_publish(request: HttpRequest, pk: int) -> HttpResponse:
    rfi = access_rfi(user=request.user, rfi_id=pk, manage=True)
    try:
        services.rfi_publish(actor=request.user, rfi=rfi)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The RFI is published; suppliers can answer it."))
    return redirect("market:rfi_detail", pk=rfi.pk)


@require_http_methods(["GET", "POST"])
def rfi_close(request: HttpRequest, pk: int) -> HttpResponse:
    rfi = access_rfi(user=request.user, rfi_id=pk, manage=True)
    errors: list[str] = []
    if request.method == "POST":
        try:
            services.rfi_close(actor=request.user, rfi=rfi)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The RFI is closed; no more answers are taken."))
            return redirect("market:rfi_detail", pk=rfi.pk)
    return render_page(
        request,
        "market/rfi_close.html",
        {"rfi": rfi, "errors": errors},
        status=400 if errors else 200,
    )


# --- Dialogue events --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest, project_pk: int) -> HttpResponse:
    project = access_project(user=request.user, project_id=project_pk, manage=True)
    suppliers = selectors.supplier_list(user=request.user)
    form = DialogueEventForm(request.POST or None, suppliers=suppliers)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.dialogue_event_create(
                actor=request.user, project=project, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("market:event_detail", pk=event.pk)
    return render_page(
        request,
        "market/event_form.html",
        {"form": form, "project": project, "event": None},
        status=400 if form.errors else 200,
    )


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(user=request.user, event_id=pk)
    return render_page(
        request,
        "market/event_detail.html",
        {
            "event": event,
            "invited": list(event.invited.order_by("name")),
            "can_see_notes": can_see_event_notes(user=request.user, event=event),
            "can_manage": can_manage_project(user=request.user, project=event.project),
        },
    )


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = access_event(user=request.user, event_id=pk, manage=True)
    suppliers = selectors.supplier_list(user=request.user)
    if request.method == "POST":
        form = DialogueEventNotesForm(request.POST, suppliers=suppliers)
        if form.is_valid():
            try:
                services.dialogue_event_update(actor=request.user, event=event, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The event was saved."))
                return redirect("market:event_detail", pk=event.pk)
    else:
        form = DialogueEventNotesForm(
            suppliers=suppliers,
            initial={
                "notes": event.notes,
                "description": event.description,
                "invited": list(event.invited.values_list("pk", flat=True)),
            },
        )
    return render_page(
        request,
        "market/event_form.html",
        {"form": form, "project": event.project, "event": event},
        status=400 if form.errors else 200,
    )
