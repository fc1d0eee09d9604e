"""Writes for benefit models and their cost and benefit lines.

The checks here are the same ones the stateless evaluation in the API uses
(``check_parameters`` and ``check_line``), so a model that can be saved can be evaluated
and a rejected input gets the same message everywhere.
"""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.services import audit_record
from handslag.benefits.audit_actions import BenefitsAction
from handslag.benefits.models import (
    BenefitLine,
    BenefitModel,
    DiscountSchedule,
    LineCategory,
    LineKind,
    Scenario,
)
from handslag.benefits.permissions import can_manage_benefit_model
from handslag.core.formats import number_style
from handslag.core.permissions import forbidden
from handslag.projects.models import Project
from handslag.projects.permissions import can_manage_project
from handslag.rules.numbers import format_number

MIN_RATE = Decimal("-0.05")
MAX_RATE = Decimal("0.25")
MAX_HORIZON = 100
MAX_OPTIMISM_BIAS = Decimal("2")
MAX_AMOUNT = Decimal("1e13")
LINE_FIELDS = (
    "name",
    "kind",
    "category",
    "first_year",
    "last_year",
    "low",
    "likely",
    "high",
    "source",
)


def _decimal(value: Any) -> Decimal | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        result = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return result if result.is_finite() else None


def _whole(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = _decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def check_parameters(
    *,
    discount_rate: Any,
    horizon_years: Any,
    price_base_year: Any = 2024,
    optimism_bias: Any = None,
    discount_schedule: Any = None,
) -> dict:
    """Validate a model's parameters; return them cleaned or raise ValidationError.

    Optimism bias and discount schedule are returned only when given, so callers that
    do not know them leave the stored values alone.
    """
    errors: dict[str, str] = {}
    extra: dict[str, Any] = {}
    if optimism_bias is not None:
        bias = _decimal(optimism_bias)
        if bias is None or not Decimal(0) <= bias <= MAX_OPTIMISM_BIAS:
            errors["optimism_bias"] = _(
                "The optimism bias must be between 0 and 200 per cent of the costs."
            )
        else:
            extra["optimism_bias"] = bias
    if discount_schedule is not None:
        if discount_schedule not in DiscountSchedule.values:
            errors["discount_schedule"] = _("Choose a constant or a declining discount rate.")
        else:
            extra["discount_schedule"] = discount_schedule
    rate = _decimal(discount_rate)
    if rate is None or not MIN_RATE <= rate <= MAX_RATE:
        errors["discount_rate"] = _(
            "The discount rate must be between %(min)s and %(max)s (%(usual)s is the usual "
            "real rate)."
        ) % {
            "min": "−5 %",
            "max": "25 %",
            "usual": f"{format_number(Decimal('3.5'), style=number_style())} %",
        }
    horizon = _whole(horizon_years)
    if horizon is None or not 1 <= horizon <= MAX_HORIZON:
        errors["horizon_years"] = _("The horizon must be between 1 and %(max)s years.") % {
            "max": MAX_HORIZON
        }
    base_year = _whole(price_base_year)
    if base_year is None or not 1900 <= base_year <= 2200:
        errors["price_base_year"] = _("Enter the price base year as a year, for example 2024.")
    if errors:
        raise ValidationError(errors)
    return {
        "discount_rate": rate,
        "horizon_years": horizon,
        "price_base_year": base_year,
        **extra,
    }


def check_line(*, horizon_years: int, **fields: Any) -> dict:
    """Validate one cost or benefit line against its model's horizon; return it cleaned."""
    errors: dict[str, str] = {}
    name = str(fields.get("name") or "").strip()
    if not name:
        errors["name"] = _("Give the line a name.")
    elif len(name) > 200:
        errors["name"] = _("Keep the name under 200 characters.")
    kind = fields.get("kind")
    if kind not in LineKind.values:
        errors["kind"] = _("Choose whether the line is a cost or a benefit.")
    category = fields.get("category")
    if category not in LineCategory.values:
        errors["category"] = _("Choose a category.")
    source = str(fields.get("source") or "").strip()
    if len(source) > 300:
        errors["source"] = _("Keep the source under 300 characters.")
    first, last = _whole(fields.get("first_year")), _whole(fields.get("last_year"))
    if first is None or first < 0:
        errors["first_year"] = _("The first year must be a whole number from 0 (the base year).")
    if last is None or last < 0:
        errors["last_year"] = _("The last year must be a whole number from 0 (the base year).")
    elif last > horizon_years - 1:
        errors["last_year"] = _(
            "The last year (%(last)s) is beyond the model's horizon: years 0–%(end)s."
        ) % {"last": last, "end": horizon_years - 1}
    if first is not None and last is not None and "last_year" not in errors and last < first:
        errors["last_year"] = _("The last year cannot be before the first year.")
    amounts = {}
    for key, label in (("low", _("Low")), ("likely", _("Likely")), ("high", _("High"))):
        value = _decimal(fields.get(key))
        if value is None:
            errors[key] = _("%(label)s must be a number of kronor per year.") % {"label": label}
        elif value < 0:
            errors[key] = _(
                "Enter amounts as positive numbers; whether the line is a cost or a benefit "
                "gives the sign."
            )
        elif value >= MAX_AMOUNT:
            errors[key] = _("The amount is too large.")
        else:
            amounts[key] = value.quantize(Decimal("0.01"))
    if len(amounts) == 3:
        low, likely, high = amounts["low"], amounts["likely"], amounts["high"]
        if not low <= likely <= high:
            errors["likely"] = _(
                "Low, likely and high must be in rising order: low ≤ likely ≤ high."
            )
        elif likely == 0 and high > 0:
            errors["likely"] = _("When the likely value is 0, low and high must be 0 too.")
    if errors:
        raise ValidationError(errors)
    return {
        "name": name,
        "kind": kind,
        "category": category,
        "first_year": first,
        "last_year": last,
        "source": source,
        **amounts,
    }


def _check_unique_name(model: BenefitModel, name: str, exclude_pk: int | None = None) -> None:
    clash = model.lines.filter(name__iexact=name)
    if exclude_pk is not None:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"name": _("The model already has a line with this name.")})


def check_lines_unique(lines: Iterable[dict]) -> None:
    seen: set[str] = set()
    for line in lines:
        key = line["name"].casefold()
        if key in seen:
            raise ValidationError(
                {
                    "lines": _("Line names must be unique; repeated: %(name)s.")
                    % {"name": line["name"]}
                }
            )
        seen.add(key)


@transaction.atomic
def benefit_model_create(
    *,
    actor: User,
    project: Project,
    name: str,
    scenario: str = Scenario.FORECAST,
    discount_rate: Decimal | float | str = Decimal("0.035"),
    horizon_years: int = 10,
    price_base_year: int = 2024,
    optimism_bias: Decimal | float | str | None = None,
    discount_schedule: str | None = None,
) -> BenefitModel:
    """Start a benefit model (a forecast, or the outturn measured in the pilot)."""
    if not can_manage_project(user=actor, project=project):
        raise forbidden()
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Give the model a name.")
    elif len(name) > 200:
        errors["name"] = _("Keep the name under 200 characters.")
    if scenario not in Scenario.values:
        errors["scenario"] = _("Choose forecast or outturn.")
    try:
        params = check_parameters(
            discount_rate=discount_rate,
            horizon_years=horizon_years,
            price_base_year=price_base_year,
            optimism_bias=optimism_bias,
            discount_schedule=discount_schedule,
        )
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    model = BenefitModel(project=project, name=name, scenario=scenario, created_by=actor, **params)
    model.full_clean()
    model.save()
    audit_record(
        actor=actor,
        action=BenefitsAction.BENEFIT_MODEL_CREATE,
        target=model,
        data={"project_id": project.pk, "scenario": scenario, **params},
        organisation_id=project.organisation_id,
    )
    return model


@transaction.atomic
def benefit_model_update(
    *,
    actor: User,
    model: BenefitModel,
    name: str,
    scenario: str,
    discount_rate: Decimal | float | str,
    horizon_years: int,
    price_base_year: int,
    optimism_bias: Decimal | float | str | None = None,
    discount_schedule: str | None = None,
) -> BenefitModel:
    """Change a model's name, scenario or parameters; the horizon must still hold every line."""
    model = (
        BenefitModel.objects.select_for_update(of=("self",))
        .select_related("project")
        .get(pk=model.pk)
    )
    if not can_manage_benefit_model(user=actor, model=model):
        raise forbidden()
    errors = {}
    name = (name or "").strip()
    if not name:
        errors["name"] = _("Give the model a name.")
    if scenario not in Scenario.values:
        errors["scenario"] = _("Choose forecast or outturn.")
    try:
        params = check_parameters(
            discount_rate=discount_rate,
            horizon_years=horizon_years,
            price_base_year=price_base_year,
            optimism_bias=optimism_bias,
            discount_schedule=discount_schedule,
        )
    except ValidationError as error:
        errors.update({k: v[0] for k, v in error.message_dict.items()})
        params = {}
    if params:
        latest = max(model.lines.values_list("last_year", flat=True), default=-1)
        if latest > params["horizon_years"] - 1:
            errors["horizon_years"] = _(
                "A line runs to year %(year)s; make the horizon at least %(n)s years or shorten the line first."
            ) % {"year": latest, "n": latest + 1}
    if errors:
        raise ValidationError(errors)
    before = {
        "name": model.name,
        "scenario": model.scenario,
        "discount_rate": model.discount_rate,
        "horizon_years": model.horizon_years,
        "price_base_year": model.price_base_year,
        "optimism_bias": model.optimism_bias,
        "discount_schedule": model.discount_schedule,
    }
    model.name, model.scenario = name, scenario
    for key, value in params.items():
        setattr(model, key, value)
    model.full_clean()
    model.save()
    audit_record(
        actor=actor,
        action=BenefitsAction.BENEFIT_MODEL_UPDATE,
        target=model,
        data={"before": before, "after": {"name": name, "scenario": scenario, **params}},
        organisation_id=model.project.organisation_id,
    )
    return model


@transaction.atomic
def benefit_line_add(*, actor: User, model: BenefitModel, **fields: Any) -> BenefitLine:
    """Add a cost or benefit line (low / likely / high SEK per year over a span of years)."""
    model = (
        BenefitModel.objects.select_for_update(of=("self",))
        .select_related("project")
        .get(pk=model.pk)
    )
    if not can_manage_benefit_model(user=actor, model=model):
        raise forbidden()
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    data = check_line(horizon_years=model.horizon_years, **fields)
    _check_unique_name(model, data["name"])
    line = BenefitLine(model=model, **data)
    line.full_clean()
    line.save()
    audit_record(
        actor=actor,
        action=BenefitsAction.BENEFIT_LINE_ADD,
        target=line,
        data={"model_id": model.pk, **data},
        organisation_id=model.project.organisation_id,
    )
    return line


@transaction.atomic
def benefit_line_update(*, actor: User, line: BenefitLine, **fields: Any) -> BenefitLine:
    """Change a line; fields not given keep their values."""
    line = (
        BenefitLine.objects.select_for_update(of=("self",))
        .select_related("model__project")
        .get(pk=line.pk)
    )
    model = line.model
    if not can_manage_benefit_model(user=actor, model=model):
        raise forbidden()
    unknown = set(fields) - set(LINE_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    before = {key: getattr(line, key) for key in LINE_FIELDS}
    merged = {**before, **{k: v for k, v in fields.items() if v is not None}}
    data = check_line(horizon_years=model.horizon_years, **merged)
    _check_unique_name(model, data["name"], exclude_pk=line.pk)
    for key, value in data.items():
        setattr(line, key, value)
    line.full_clean()
    line.save()
    audit_record(
        actor=actor,
        action=BenefitsAction.BENEFIT_LINE_UPDATE,
        target=line,
        data={"model_id": model.pk, "before": before, "after": data},
        organisation_id=model.project.organisation_id,
    )
    return line


@transaction.atomic
def benefit_line_remove(*, actor: User, line: BenefitLine) -> None:
    line = BenefitLine.objects.select_related("model__project").get(pk=line.pk)
    model = line.model
    if not can_manage_benefit_model(user=actor, model=model):
        raise forbidden()
    # The entry comes last (no row lock after the audit lock); the instance keeps its pk.
    BenefitLine.objects.filter(pk=line.pk).delete()
    audit_record(
        actor=actor,
        action=BenefitsAction.BENEFIT_LINE_REMOVE,
        target=line,
        data={"model_id": model.pk, **{key: getattr(line, key) for key in LINE_FIELDS}},
        organisation_id=model.project.organisation_id,
    )
