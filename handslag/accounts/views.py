from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handslag.accounts import services
from handslag.accounts.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from handslag.accounts.forms import ApiTokenForm, LoginForm, PreferencesForm
from handslag.accounts.permissions import access_api_token
from handslag.accounts.selectors import api_token_list
from handslag.core.forms import add_service_error


@method_decorator(login_not_required, name="dispatch")
class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["demo_accounts"] = DEMO_ACCOUNTS
        context["demo_password"] = DEMO_PASSWORD
        return context

    def form_valid(self, form):
        # The pages follow the language the person chose in their account from now on.
        response = super().form_valid(form)
        _remember_language(response, form.get_user().language)
        return response


def _remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class LogoutView(auth_views.LogoutView):
    pass


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.api_token_create(actor=request.user, name=form.cleaned_data["name"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            new_token = issued.raw
            form = ApiTokenForm()
    return _profile_page(request, form=form, new_token=new_token)


def _profile_page(
    request: HttpRequest,
    *,
    form: ApiTokenForm | None = None,
    preferences: PreferencesForm | None = None,
    new_token: str | None = None,
) -> HttpResponse:
    form = form or ApiTokenForm()
    user = request.user
    preferences = preferences or PreferencesForm(
        initial={"language": user.language, "notification_delivery": user.notification_delivery}
    )
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "preferences_form": preferences,
            "new_token": new_token,
            "tokens": api_token_list(user=user),
            "memberships": user.active_memberships,
        },
        status=400 if form.errors or preferences.errors else 200,
    )


@require_POST
def preferences(request: HttpRequest) -> HttpResponse:
    form = PreferencesForm(request.POST)
    if form.is_valid():
        try:
            services.preferences_update(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            with translation.override(request.user.language):
                messages.success(request, _("Your settings were saved."))
            response = redirect("accounts:profile")
            _remember_language(response, request.user.language)
            return response
    return _profile_page(request, preferences=form)


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_api_token(user=request.user, token_id=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:profile")
