"""Sealed tenders, their files and key, the opening, negotiation rounds and channels.

The evaluation of opened tenders and the award are in ``handslag.evaluation``; the
conflict-of-interest declaration stays here because the gateway to sealed content needs
it to decide who may read.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from handslag.core.models import PublicIdModel, TimeStampedModel


class CallKey(TimeStampedModel):
    """A call's tender key, stored only wrapped by the key-encryption key from configuration."""

    call = models.OneToOneField("market.Call", on_delete=models.PROTECT, related_name="tender_key")
    wrapped_key = models.BinaryField()
    kek_id = models.CharField(max_length=16)
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("tender key")
        verbose_name_plural = _("tender keys")


class TenderStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REPLACED = "replaced", _("Replaced")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Tender(PublicIdModel, TimeStampedModel):
    """A supplier's tender: sealed (encrypted) until the call's opening."""

    call = models.ForeignKey("market.Call", on_delete=models.PROTECT, related_name="tenders")
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="tenders"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="tenders_submitted"
    )
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    status = models.CharField(
        _("status"), max_length=20, choices=TenderStatus.choices, default=TenderStatus.SUBMITTED
    )
    submitted_at = models.DateTimeField(_("submitted"))
    ciphertext = models.BinaryField()
    content_sha256 = models.CharField(max_length=64)
    receipt = models.CharField(_("receipt"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("tender")
        verbose_name_plural = _("tenders")
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "supplier", "round"],
                condition=Q(status="submitted"),
                name="tender_one_active_per_supplier_round",
            )
        ]

    def __str__(self) -> str:
        return f"{self.receipt[:8]} ({self.call.reference})"


# The opening is one sitting: both confirmations within this many minutes by default.
OPENING_WINDOW_MINUTES = 60
OPENING_WINDOW_MIN_MINUTES = 5
OPENING_WINDOW_MAX_MINUTES = 480


class OpeningSettings(TimeStampedModel):
    """How a call's opening is held: the time allowed between the two confirmations.

    A call without a row uses OPENING_WINDOW_MINUTES. The buyer may change it until the
    deadline for tenders; it applies to every round of the call.
    """

    call = models.OneToOneField(
        "market.Call", on_delete=models.PROTECT, related_name="opening_settings"
    )
    window_minutes = models.PositiveSmallIntegerField(
        _("time allowed between the two confirmations (minutes)"),
        default=OPENING_WINDOW_MINUTES,
        validators=[
            MinValueValidator(OPENING_WINDOW_MIN_MINUTES),
            MaxValueValidator(OPENING_WINDOW_MAX_MINUTES),
        ],
    )

    class Meta:
        verbose_name = _("opening settings")
        verbose_name_plural = _("opening settings")


class OpeningConfirmation(TimeStampedModel):
    """One appointed official's confirmation of the opening of a call's tenders.

    A confirmation not followed by a second one within the call's opening window expires
    (``expired_at`` set, the row kept): the opening then starts again from the beginning.
    """

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="opening_confirmations"
    )
    official = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Round 1 is the original call; later numbers are negotiation rounds.
    round = models.PositiveSmallIntegerField(_("round"), default=1)
    expired_at = models.DateTimeField(_("expired"), null=True, blank=True)

    class Meta:
        verbose_name = _("opening confirmation")
        verbose_name_plural = _("opening confirmations")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "round", "official"],
                condition=Q(expired_at__isnull=True),
                name="openingconfirmation_unique_active_official",
                violation_error_message=_("You have already confirmed this opening."),
            )
        ]


class TenderFile(PublicIdModel, TimeStampedModel):
    """A file sent with a tender, stored only as ciphertext (see crypto.encrypt_file_stream).

    The file's name is sealed too: a name can say as much as the content. What stays in
    clear is what the receipt shows: size and the SHA-256 of the plaintext.
    """

    tender = models.ForeignKey(Tender, on_delete=models.CASCADE, related_name="files")
    file_id = models.CharField(max_length=32, unique=True)
    position = models.PositiveSmallIntegerField(default=0)
    sealed_name = models.BinaryField()
    blob = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)

    class Meta:
        verbose_name = _("tender file")
        verbose_name_plural = _("tender files")
        ordering = ["tender", "position", "pk"]


class ConflictDeclaration(TimeStampedModel):
    """A person's declaration of conflict of interest (jäv) for a call's evaluation.

    Evaluators and those who record consensus must declare that they have no conflict
    before they can read any tender or score; a declared conflict keeps them out.
    """

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="conflict_declarations"
    )
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField(_("I have a conflict of interest"))
    statement = models.TextField(_("statement"), blank=True)
    declared_at = models.DateTimeField(_("declared"))

    class Meta:
        verbose_name = _("conflict-of-interest declaration")
        verbose_name_plural = _("conflict-of-interest declarations")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "person"],
                name="conflictdeclaration_one_per_person",
                violation_error_message=_("You have already declared for this call."),
            )
        ]


class NegotiationRound(TimeStampedModel):
    """A negotiation round: revised tenders invited from everyone who tendered in the last one.

    Round 1 is the original call (its deadline is the call's, its opening the call key's);
    rows here are rounds 2, 3, ... Each is sealed with the call's key and opened by two
    appointed officials like the first.
    """

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="negotiation_rounds"
    )
    number = models.PositiveSmallIntegerField(_("round"), validators=[MinValueValidator(2)])
    deadline = models.DateTimeField(_("deadline for revised tenders"))
    change_text = models.TextField(_("what changed in the documents"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), null=True, blank=True)

    class Meta:
        verbose_name = _("negotiation round")
        verbose_name_plural = _("negotiation rounds")
        ordering = ["call", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "number"],
                name="negotiationround_unique_number",
                violation_error_message=_("The call already has a round with this number."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=2),
                name="negotiationround_number_from_2",
                violation_error_message=_("Negotiation rounds are numbered from 2."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.call.reference} round {self.number}"


class NegotiationMessage(PublicIdModel, TimeStampedModel):
    """A message in the confidential channel between the buyer's team and one tenderer."""

    call = models.ForeignKey(
        "market.Call", on_delete=models.PROTECT, related_name="negotiation_messages"
    )
    supplier = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="negotiation_messages"
    )
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_buyer = models.BooleanField(default=False)
    body = models.TextField(_("message"))

    class Meta:
        verbose_name = _("negotiation message")
        verbose_name_plural = _("negotiation messages")
        ordering = ["call", "supplier", "created_at", "pk"]
