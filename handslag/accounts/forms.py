from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from handslag.accounts.models import NotificationDelivery


def client_ip(request) -> str:
    """The client's address for throttling.

    Behind TRUSTED_PROXY_HOPS reverse proxies, each appending the address it saw to
    X-Forwarded-For, the client is the entry that many places from the right: entries
    further left were written by the client itself and are never trusted. Without
    proxies (the default), or when the header is shorter than it must be, REMOTE_ADDR.
    """
    hops = settings.TRUSTED_PROXY_HOPS
    if hops > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return request.META.get("REMOTE_ADDR", "")


class LoginForm(AuthenticationForm):
    """Sign-in. Repeated failures pause it for the account and address (django-axes, see
    handslag.accounts.signin); this form only words the errors."""

    error_messages = {
        "invalid_login": _("The username or password is wrong. Check them and try again."),
        "inactive": _("This account is not active."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Autofocus would skip the skip link and the page's heading for screen-reader users.
        self.fields["username"].widget.attrs.pop("autofocus", None)


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("Token name"),
        max_length=100,
        help_text=_("For example the name of the system that will use it."),
    )


class PreferencesForm(forms.Form):
    """The person's own settings: language, and instant e-mail or a daily digest."""

    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_("The language of your e-mails, and of the pages once you have signed in."),
    )
    notification_delivery = forms.ChoiceField(
        label=_("E-mail notifications"),
        choices=NotificationDelivery.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Award notices, tender receipts, invitations to tender, negotiation rounds, "
            "changes to a call and answers to questions always come at once: every "
            "supplier must learn them at the same time."
        ),
    )
