"""The supplier registry: sign-up of a supplier organisation, its profile, following calls."""

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from handslag.accounts import services as accounts
from handslag.accounts.models import Organisation, User
from handslag.accounts.roles import OrganisationKind, OrganisationRole
from handslag.audit.services import audit_record
from handslag.core.permissions import forbidden
from handslag.core.validators import normalise_org_identifier
from handslag.market.audit_actions import MarketAction
from handslag.market.models import Area, Call, CallFollow, SupplierProfile
from handslag.market.permissions import can_edit_supplier_profile, can_follow
from handslag.rules.org_identifiers import SWEDEN, OrgIdProblem
from handslag.rules.org_numbers import OrgNumberProblem

__all__ = [
    "call_follow",
    "call_unfollow",
    "supplier_profile_update",
    "supplier_register",
]


def _org_number_message(error: ValidationError, country: str) -> str:
    """The validator's message, worded for someone registering their own organisation.

    Abroad the validator's own message says which country's rule was broken."""
    if country != SWEDEN:
        return error.messages[0]
    if error.code == OrgNumberProblem.CHECKSUM:
        return _(
            "The organisation number's check digit is wrong. Check that every digit is "
            "typed correctly."
        )
    return _("Enter the organisation number as ten digits, for example 556677-8899.")


def _clean_areas(areas: Any) -> list[str]:
    if areas is None:
        return []
    if isinstance(areas, str) or not isinstance(areas, (list, tuple, set)):
        raise ValidationError({"areas": _("Choose areas from the list.")})
    unknown = [a for a in areas if a not in Area.values]
    if unknown:
        raise ValidationError({"areas": _("Choose areas from the list.")})
    # Keep the list's own order, without repeats.
    return [a for a in Area.values if a in set(areas)]


@transaction.atomic
def supplier_register(
    *,
    organisation_name: str,
    org_number: str,
    country: str = SWEDEN,
    username: str,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    is_sme: bool = False,
    is_nonprofit: bool = False,
    capabilities: str = "",
    areas: list[str] | None = None,
    website: str = "",
) -> User:
    """A new person registers a new supplier organisation and becomes its administrator.

    Suppliers from abroad take part on equal terms (LOU 4 kap. 1 §): the organisation's
    identifier is checked by the rule of its country (rules.org_identifiers), or taken
    as unverified text where no register can be checked. Everything is checked before anything is saved, and all of it is saved in one
    transaction: a refused sign-up leaves no organisation, person or profile behind.
    """
    errors: dict[str, list[str]] = {}
    organisation_name = (organisation_name or "").strip()
    username = (username or "").strip()
    email = (email or "").strip().lower()
    if not organisation_name:
        errors.setdefault("organisation_name", []).append(_("Give the name of your organisation."))
    identifier = None
    country = (country or SWEDEN).strip().upper()
    try:
        identifier = normalise_org_identifier(country=country, value=org_number)
    except ValidationError as error:
        field = "country" if error.code == OrgIdProblem.COUNTRY else "org_number"
        errors.setdefault(field, []).append(_org_number_message(error, country))
    else:
        if Organisation.objects.filter(
            country=identifier.country, org_number=identifier.number
        ).exists():
            errors.setdefault("org_number", []).append(
                _(
                    "An organisation with this organisation number is already registered. "
                    "Ask its administrator to add you instead."
                )
            )
    if not username:
        errors.setdefault("username", []).append(_("Choose a user name."))
    elif User.objects.filter(username__iexact=username).exists():
        errors.setdefault("username", []).append(_("This user name is taken. Choose another one."))
    else:
        try:
            User._meta.get_field("username").run_validators(username)
        except ValidationError as error:
            errors.setdefault("username", []).extend(error.messages)
    try:
        validate_email(email)
    except ValidationError:
        errors.setdefault("email", []).append(_("Enter a valid e-mail address."))
    candidate = User(username=username, email=email, first_name=first_name, last_name=last_name)
    try:
        validate_password(password or "", user=candidate)
    except ValidationError as error:
        errors.setdefault("password", []).extend(error.messages)
    try:
        areas = _clean_areas(areas)
    except ValidationError as error:
        errors.setdefault("areas", []).extend(error.messages)
    capabilities = (capabilities or "").strip()
    if len(capabilities) > 5000:
        errors.setdefault("capabilities", []).append(
            _("Describe your capabilities in at most 5000 characters.")
        )
    if errors:
        raise ValidationError(errors)

    try:
        with transaction.atomic():
            organisation = accounts.organisation_create(
                actor=None,
                name=organisation_name,
                kind=OrganisationKind.SUPPLIER,
                org_number=identifier.number,
                country=identifier.country,
                is_sme=is_sme,
                is_nonprofit=is_nonprofit,
                website=(website or "").strip(),
            )
            candidate.set_password(password)
            candidate.full_clean()
            candidate.save()
    except IntegrityError as error:  # a sign-up racing this one took the number or name
        raise ValidationError(
            _("Someone registered the same organisation or user name just now. Try again.")
        ) from error
    accounts.membership_add(
        actor=candidate, user=candidate, organisation=organisation, role=OrganisationRole.ADMIN
    )
    profile = SupplierProfile(organisation=organisation, capabilities=capabilities, areas=areas)
    profile.full_clean()
    profile.save()
    audit_record(
        actor=candidate,
        action=MarketAction.SUPPLIER_REGISTER,
        target=organisation,
        organisation_id=organisation.pk,
        data={"username": candidate.username, "areas": areas},
    )
    return candidate


@transaction.atomic
def supplier_profile_update(
    *,
    actor: User,
    organisation: Organisation,
    capabilities: str,
    areas: list[str] | None,
) -> SupplierProfile:
    """The organisation's administrators describe what it can do and which areas it follows."""
    if not can_edit_supplier_profile(user=actor, organisation=organisation):
        raise forbidden(_("Only your organisation's administrators can change its profile."))
    areas = _clean_areas(areas)
    profile, _created = SupplierProfile.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    before = {"capabilities": profile.capabilities, "areas": list(profile.areas)}
    profile.capabilities = (capabilities or "").strip()
    profile.areas = areas
    profile.full_clean()
    profile.save()
    after = {"capabilities": profile.capabilities, "areas": areas}
    audit_record(
        actor=actor,
        action=MarketAction.SUPPLIER_PROFILE_UPDATE,
        target=profile,
        organisation_id=organisation.pk,
        data={"fields": sorted(name for name in before if before[name] != after[name])},
    )
    return profile


@transaction.atomic
def call_follow(*, actor: User, call: Call, organisation: Organisation) -> CallFollow:
    """The supplier follows a published call: changes and answers reach it by e-mail."""
    if not can_follow(user=actor, organisation=organisation):
        raise forbidden(_("You can only follow calls on behalf of a supplier you belong to."))
    if not call.is_public:
        raise ValidationError(_("Only a published call can be followed."))
    existing = CallFollow.objects.filter(call=call, organisation=organisation).first()
    if existing is not None:
        return existing
    follow = CallFollow(call=call, organisation=organisation, followed_by=actor)
    follow.full_clean()
    try:
        with transaction.atomic():
            follow.save()
    except IntegrityError:  # followed twice at the same moment: one is enough
        return CallFollow.objects.get(call=call, organisation=organisation)
    audit_record(
        actor=actor,
        action=MarketAction.CALL_FOLLOW,
        target=call,
        organisation_id=organisation.pk,
        data={"organisation": organisation.pk},
    )
    return follow


@transaction.atomic
def call_unfollow(*, actor: User, call: Call, organisation: Organisation) -> None:
    if not can_follow(user=actor, organisation=organisation):
        raise forbidden(_("You can only follow calls on behalf of a supplier you belong to."))
    deleted, _rows = CallFollow.objects.filter(call=call, organisation=organisation).delete()
    if deleted:
        audit_record(
            actor=actor,
            action=MarketAction.CALL_UNFOLLOW,
            target=call,
            organisation_id=organisation.pk,
            data={"organisation": organisation.pk},
        )
