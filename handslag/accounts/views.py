from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from handslag.accounts import services
from handslag.accounts.demo_accounts import DEMO_ACCOUNTS, DEMO_PASSWORD
from handslag.accounts.forms import ApiTokenForm, LoginForm
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
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form,
            "new_token": new_token,
            "tokens": api_token_list(user=request.user),
            "memberships": request.user.active_memberships,
        },
        status=400 if form.errors else 200,
    )


@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = access_api_token(user=request.user, token_id=token_id)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("accounts:profile")
