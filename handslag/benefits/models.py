"""Benefit models (samhällsekonomisk nytta): scenarios of costs and benefits per year."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from handslag.core.models import TimeStampedModel
from handslag.rules.benefit_categories import LABELS, BenefitCategory

# The category names, written out so that `make messages` keeps them in this app's
# catalogue: the choices below are built from handslag.rules, whose text the extractor
# cannot see. test_categories checks that this list and the rules name the same labels.
CATEGORY_MSGIDS = (
    gettext_noop("Internal savings"),
    gettext_noop("Time"),
    gettext_noop("Transport"),
    gettext_noop("Water"),
    gettext_noop("Energy"),
    gettext_noop("CO2"),
    gettext_noop("Social"),
    gettext_noop("Investment"),
    gettext_noop("Operation"),
    gettext_noop("Maintenance"),
    gettext_noop("Other"),
)


class Scenario(models.TextChoices):
    FORECAST = "forecast", _("Forecast")
    OUTTURN = "outturn", _("Outturn from the pilot")


class DiscountSchedule(models.TextChoices):
    CONSTANT = "constant", _("Constant rate")
    DECLINING = "declining", _("Declining long-term rate (Green Book)")


class BenefitModel(TimeStampedModel):
    """One scenario of a project's costs and benefits, discounted to a net present value."""

    project = models.ForeignKey(
        "projects.Project", on_delete=models.CASCADE, related_name="benefit_models"
    )
    name = models.CharField(_("name"), max_length=200)
    scenario = models.CharField(
        _("scenario"), max_length=20, choices=Scenario.choices, default=Scenario.FORECAST
    )
    discount_rate = models.DecimalField(
        _("real discount rate"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0.0350"),
        validators=[MinValueValidator(Decimal("-0.05")), MaxValueValidator(Decimal("0.25"))],
        # xgettext:no-python-format
        help_text=_("3.5 % is the Swedish ASEK value and the UK Green Book rate."),
    )
    horizon_years = models.PositiveSmallIntegerField(
        _("horizon (years)"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    price_base_year = models.PositiveSmallIntegerField(_("price base year"), default=2024)
    discount_schedule = models.CharField(
        _("discount schedule"),
        max_length=20,
        choices=DiscountSchedule.choices,
        default=DiscountSchedule.CONSTANT,
    )
    optimism_bias = models.DecimalField(
        _("optimism bias"),
        max_digits=6,
        decimal_places=4,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("2"))],
        # xgettext:no-python-format
        help_text=_("Green Book uplift of every cost, as a fraction (0.24 for 24 %)."),
    )
    from_pilot = models.BooleanField(
        _("built from the pilot's measurements"),
        default=False,
        help_text=_("Outturn scenarios built by handslag from the testbed pilot's KPIs."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("benefit model")
        verbose_name_plural = _("benefit models")
        ordering = ["project", "scenario", "pk"]

    def __str__(self) -> str:
        return self.name


class LineKind(models.TextChoices):
    COST = "cost", _("Cost")
    BENEFIT = "benefit", _("Benefit")


#: What a line is about; the codes and labels are defined in handslag.rules, so the
#: pilot KPIs that replace a category's forecast lines use the very same codes.
LineCategory = models.TextChoices(
    "LineCategory",
    [
        (category.name, (category.value, _(LABELS[category].english)))
        for category in BenefitCategory
    ],
)


class BenefitLine(TimeStampedModel):
    """A cost or benefit per year over a span of years, with low / likely / high values in SEK."""

    model = models.ForeignKey(BenefitModel, on_delete=models.CASCADE, related_name="lines")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=LineKind.choices)
    category = models.CharField(_("category"), max_length=30, choices=LineCategory.choices)
    first_year = models.PositiveSmallIntegerField(_("first year"), default=0)
    last_year = models.PositiveSmallIntegerField(_("last year"), default=0)
    low = models.DecimalField(_("low (SEK per year)"), max_digits=16, decimal_places=2)
    likely = models.DecimalField(_("likely (SEK per year)"), max_digits=16, decimal_places=2)
    high = models.DecimalField(_("high (SEK per year)"), max_digits=16, decimal_places=2)
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("benefit line")
        verbose_name_plural = _("benefit lines")
        ordering = ["model", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(low__lte=F("likely")) & Q(likely__lte=F("high")),
                name="benefitline_low_likely_high_in_order",
                violation_error_message=_("Low, likely and high must be in rising order."),
            ),
            models.CheckConstraint(
                condition=Q(last_year__gte=F("first_year")),
                name="benefitline_years_in_order",
                violation_error_message=_("The last year cannot be before the first year."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
