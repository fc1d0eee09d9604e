from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from handslag.core import dashboard
from handslag.core.tasks import send_email


@login_not_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return render(request, "core/landing.html", dashboard.public_overview())
    return render(request, "core/dashboard.html", dashboard.for_user(request.user))


class BarrierReportForm(forms.Form):
    page = forms.CharField(label=gettext_lazy("Which page or function?"), max_length=500)
    description = forms.CharField(
        label=gettext_lazy("What did not work for you?"), widget=forms.Textarea, max_length=5000
    )
    email = forms.EmailField(
        label=gettext_lazy("Your e-mail address"),
        required=False,
        help_text=gettext_lazy("If you want an answer."),
    )


@login_not_required
@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = BarrierReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        send_email.enqueue(
            subject=f"Accessibility report: {data['page'][:80]}",
            body=f"{data['description']}\n\nFrom: {data['email'] or '-'}",
            recipients=[settings.ACCESSIBILITY_CONTACT],
        )
        messages.success(request, _("Thank you. Your report has been sent to us."))
        return redirect("core:accessibility")
    return render(
        request, "core/accessibility.html", {"form": form}, status=400 if form.errors else 200
    )


@login_not_required
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """For load balancers: the process answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
