"""People, organisations, memberships and API tokens."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from handslag.accounts.roles import OrganisationKind, OrganisationRole
from handslag.core.models import TimeStampedModel
from handslag.core.validators import country_name, normalise_org_identifier


class NotificationDelivery(models.TextChoices):
    """How a person wants to hear of what they wait for."""

    INSTANT = "instant", _("An e-mail for each event, at once")
    DIGEST = "digest", _("One e-mail a day with everything new")


class User(AbstractUser):
    """A person who signs in: buyer staff, a supplier's employee or a partner."""

    # The language of the person's e-mails, and of the pages once they have signed in.
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="sv"
    )
    notification_delivery = models.CharField(
        _("e-mail notifications"),
        max_length=10,
        choices=NotificationDelivery.choices,
        default=NotificationDelivery.INSTANT,
    )

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @cached_property
    def active_memberships(self) -> list["Membership"]:
        return list(self.memberships.select_related("organisation").filter(is_active=True))

    @property
    def organisations(self) -> list["Organisation"]:
        return [m.organisation for m in self.active_memberships]

    @property
    def organisation_ids(self) -> set[int]:
        return {m.organisation_id for m in self.active_memberships}

    @property
    def buyer_organisation_ids(self) -> set[int]:
        return {
            m.organisation_id
            for m in self.active_memberships
            if m.organisation.kind == OrganisationKind.BUYER
        }

    @property
    def supplier_organisation_ids(self) -> set[int]:
        return {
            m.organisation_id
            for m in self.active_memberships
            if m.organisation.kind == OrganisationKind.SUPPLIER
        }

    @property
    def is_buyer_staff(self) -> bool:
        return bool(self.buyer_organisation_ids)

    @property
    def is_supplier(self) -> bool:
        return bool(self.supplier_organisation_ids)

    def has_org_role(self, organisation_id: int, *roles: str) -> bool:
        return any(
            m.organisation_id == organisation_id and m.role in roles
            for m in self.active_memberships
        )


class Organisation(TimeStampedModel):
    """A buyer (municipality, region, agency), a supplier or a partner organisation."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=OrganisationKind.choices)
    # ISO 3166-1 alpha-2: where the organisation is registered (the offered countries are
    # handslag.rules.org_identifiers.COUNTRIES).
    country = models.CharField(_("country"), max_length=2, default="SE")
    # Swedish numbers as NNNNNN-NNNN; other countries' identifiers in compact form.
    org_number = models.CharField(
        _("organisation number"),
        max_length=40,
        help_text=_(
            "Ten digits, for example 212000-0688; abroad, the company registration or VAT number."
        ),
    )
    # False for an identifier of a country whose register cannot be checked (free text).
    org_number_verified = models.BooleanField(_("organisation number checked"), default=True)
    is_sme = models.BooleanField(_("small or medium-sized enterprise"), default=False)
    is_nonprofit = models.BooleanField(_("non-profit organisation"), default=False)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True, max_length=4000)
    # A buyer's reading of LOU 12 kap. 11 § (answers at the latest six days before the tender
    # deadline): by default the deadline day does not count (the stricter reading); a buyer
    # may count it, with its reason, which every new call then starts from and shows.
    answers_deadline_day_counts = models.BooleanField(
        _("count the tender deadline day among the days before it"), default=False
    )
    answers_reading_reason = models.TextField(
        _("reason for counting the deadline day"), blank=True, max_length=2000
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "org_number"],
                name="organisation_unique_country_number",
                violation_error_message=_(
                    "An organisation with this organisation number is already registered."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def country_label(self) -> str:
        return country_name(self.country)

    def clean(self) -> None:
        super().clean()
        try:
            normalise_org_identifier(country=self.country, value=self.org_number)
        except ValidationError as error:
            field = "country" if error.code == "org_id_country" else "org_number"
            raise ValidationError({field: error.messages}) from None
        if self.answers_deadline_day_counts and not self.answers_reading_reason.strip():
            raise ValidationError(
                {
                    "answers_reading_reason": _(
                        "Give the reason for counting the deadline day: it is shown on every "
                        "call that reads the deadline so."
                    )
                }
            )


class Membership(TimeStampedModel):
    """A person's membership of an organisation, with their role there."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=30, choices=OrganisationRole.choices, default=OrganisationRole.STAFF
    )
    title = models.CharField(_("job title"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation"],
                name="membership_unique_user_organisation",
                violation_error_message=_("The person is already a member of the organisation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class ApiToken(TimeStampedModel):
    """A personal token for API clients; only its SHA-256 digest is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class BuyerNetwork(TimeStampedModel):
    """A buyer network (beställarnätverk): buyers that share needs analyses and run joint projects."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="buyer_networks_created"
    )
    organisations = models.ManyToManyField(
        Organisation, through="NetworkMembership", related_name="buyer_networks"
    )

    class Meta:
        verbose_name = _("buyer network")
        verbose_name_plural = _("buyer networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class NetworkMembership(TimeStampedModel):
    """A buyer organisation's membership of a buyer network."""

    network = models.ForeignKey(BuyerNetwork, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="network_memberships"
    )

    class Meta:
        verbose_name = _("network membership")
        verbose_name_plural = _("network memberships")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                name="network_membership_unique",
                violation_error_message=_("The organisation is already in the network."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.network}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class NetworkInvitation(TimeStampedModel):
    """An invitation to a buyer organisation to join a buyer network, answered by that buyer."""

    network = models.ForeignKey(BuyerNetwork, on_delete=models.CASCADE, related_name="invitations")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="network_invitations"
    )
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), max_length=2000, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
    )
    answered_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("network invitation")
        verbose_name_plural = _("network invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["network", "organisation"],
                condition=models.Q(status="pending"),
                name="network_invitation_one_pending",
                violation_error_message=_("The organisation already has a pending invitation."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.network}"


class AttemptCounter(models.Model):
    """Attempts at a throttled public action (supplier sign-up) from one client address in
    the current window, kept in the database so every server process counts the same."""

    scope = models.CharField(max_length=30)
    # SHA-256 of the scope and the address: the address itself is not stored.
    key = models.CharField(max_length=64)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("attempt counter")
        verbose_name_plural = _("attempt counters")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="attempt_counter_one_per_key")
        ]
        indexes = [models.Index(fields=["scope", "window_start"], name="attempt_counter_window")]

    def __str__(self) -> str:
        return f"{self.scope}: {self.count}"


class Notification(models.Model):
    """Something a person is told by e-mail that is not sent yet: waiting for their daily
    digest, or for its date (an award notice sent on its notice date).

    Subject and body are written when the event happens, in the person's language, with
    absolute links; `sent_at` is set in the same transaction that queues the e-mail, so a
    notification is sent exactly once however often the sending command runs.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=40)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("text"))
    link = models.URLField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Not to be sent before this moment (null: as soon as the person's delivery allows).
    send_after = models.DateTimeField(_("not before"), null=True, blank=True)
    # True: collected into the daily digest; False: an e-mail of its own.
    in_digest = models.BooleanField(_("in the daily digest"), default=False)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["sent_at", "in_digest", "send_after"], name="notification_pending")
        ]

    def __str__(self) -> str:
        return self.subject
