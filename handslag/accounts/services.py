"""Changes to people, organisations, memberships and tokens; the sign-up throttle.

Sign-in throttling is django-axes, configured in handslag.accounts.signin."""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from handslag.accounts.audit_actions import AccountsAction
from handslag.accounts.models import (
    ApiToken,
    AttemptCounter,
    BuyerNetwork,
    InvitationStatus,
    Membership,
    NetworkInvitation,
    NetworkMembership,
    NotificationDelivery,
    Organisation,
    User,
)
from handslag.accounts.roles import OrganisationKind
from handslag.audit.services import audit_record
from handslag.core.validators import normalise_org_identifier

TOKEN_PREFIX = "hs_"  # noqa: S105 - a label, not a secret


@transaction.atomic
def organisation_create(
    *,
    actor: User | None,
    name: str,
    kind: str,
    org_number: str,
    country: str = "SE",
    is_sme: bool = False,
    is_nonprofit: bool = False,
    website: str = "",
    description: str = "",
) -> Organisation:
    """A new organisation; its identifier is checked for its country (a Swedish
    organisation number by default) and unique within the country."""
    identifier = normalise_org_identifier(country=country, value=org_number)
    number = identifier.number
    if Organisation.objects.filter(country=identifier.country, org_number=number).exists():
        raise ValidationError(
            {
                "org_number": _(
                    "An organisation with this organisation number is already registered."
                )
            }
        )
    organisation = Organisation(
        name=name.strip(),
        kind=kind,
        country=identifier.country,
        org_number=number,
        org_number_verified=identifier.verified,
        is_sme=is_sme,
        is_nonprofit=is_nonprofit,
        website=website,
        description=description,
    )
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=actor,
        action=AccountsAction.ORGANISATION_CREATE,
        target=organisation,
        organisation_id=organisation.pk,
        data={"kind": kind, "org_number": number, "country": identifier.country},
    )
    return organisation


@transaction.atomic
def membership_add(
    *, actor: User | None, user: User, organisation: Organisation, role: str, title: str = ""
) -> Membership:
    membership = Membership(user=user, organisation=organisation, role=role, title=title)
    membership.full_clean()
    membership.save()
    audit_record(
        actor=actor,
        action=AccountsAction.MEMBERSHIP_ADD,
        target=membership,
        organisation_id=organisation.pk,
        data={"user": user.username, "role": role},
    )
    return membership


def _digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    raw: str  # shown once, never stored


@transaction.atomic
def api_token_create(*, actor: User, name: str) -> IssuedToken:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name so you can recognise it later.")})
    if len(name) > 100:
        raise ValidationError({"name": _("The name can be at most 100 characters.")})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=actor, name=name, prefix=raw[:10], digest=_digest(raw))
    audit_record(
        actor=actor, action=AccountsAction.API_TOKEN_CREATE, target=token, data={"name": name}
    )
    return IssuedToken(token=token, raw=raw)


@transaction.atomic
def api_token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at", "updated_at"])
        audit_record(actor=actor, action=AccountsAction.API_TOKEN_REVOKE, target=token)
    return token


@transaction.atomic
def preferences_update(*, actor: User, language: str, notification_delivery: str) -> User:
    """A person's own settings: the language of their e-mails (and pages), and whether they
    are told of each event at once or in one e-mail a day."""
    errors = {}
    if language not in {code for code, _name in settings.LANGUAGES}:
        errors["language"] = _("Choose Swedish or English.")
    if notification_delivery not in NotificationDelivery.values:
        errors["notification_delivery"] = _("Choose how you want to be told.")
    if errors:
        raise ValidationError(errors)
    user = User.objects.select_for_update(of=("self",)).get(pk=actor.pk)
    before = {"language": user.language, "notification_delivery": user.notification_delivery}
    user.language = language
    user.notification_delivery = notification_delivery
    user.save(update_fields=["language", "notification_delivery"])
    after = {"language": language, "notification_delivery": notification_delivery}
    if after != before:
        audit_record(actor=actor, action=AccountsAction.PREFERENCES_UPDATE, target=user, data=after)
    actor.language, actor.notification_delivery = language, notification_delivery
    return user


def api_token_authenticate(*, raw: str) -> User | None:
    """The active user behind a token, or None. Updates last use at most once a minute."""
    if not raw or not raw.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(digest=_digest(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


@transaction.atomic
def attempt_allowed(*, scope: str, client: str, limit: int, window: int) -> bool:
    """Count one attempt at `scope` from `client`, or refuse it once `limit` attempts fall in
    the current window (which starts at the first attempt and lasts `window` seconds).

    The counter row is locked for the check and the increment, so concurrent attempts on
    several server processes cannot slip past the limit together."""
    now = timezone.now()
    expired = now - timedelta(seconds=window)
    AttemptCounter.objects.filter(scope=scope, window_start__lte=expired).delete()
    counter, _created = AttemptCounter.objects.select_for_update().get_or_create(
        scope=scope, key=_digest(f"{scope}|{client}"), defaults={"window_start": now}
    )
    if counter.count >= limit:
        return False
    AttemptCounter.objects.filter(pk=counter.pk).update(count=F("count") + 1)
    return True


def signup_attempt_allowed(*, ip: str) -> bool:
    """Count a supplier sign-up attempt from `ip`, or refuse it once the address has used up
    its attempts for the window. Every attempt counts, successful or not, so nobody can
    create organisations in bulk (or probe organisation numbers) from one address."""
    return attempt_allowed(
        scope="signup",
        client=ip,
        limit=settings.SIGNUP_ATTEMPT_LIMIT,
        window=settings.SIGNUP_ATTEMPT_WINDOW,
    )


def signup_throttled_message() -> str:
    minutes = max(1, -(-settings.SIGNUP_ATTEMPT_WINDOW // 60))
    return _(
        "Too many sign-up attempts from your address. Wait %(minutes)s minutes and try again."
    ) % {"minutes": minutes}


# --- Buyer networks -------------------------------------------------------------------------


@transaction.atomic
def network_create(
    *, actor: User, organisation: Organisation, name: str, description: str = ""
) -> BuyerNetwork:
    """Found a buyer network with the actor's buyer organisation as its first member."""
    from handslag.accounts.permissions import network_role_org_ids

    if organisation.pk not in network_role_org_ids(user=actor):
        raise PermissionDenied(
            _(
                "Only need owners, procurement officers and administrators of a buyer "
                "organisation can start a buyer network."
            )
        )
    network = BuyerNetwork(
        name=(name or "").strip(), description=(description or "").strip(), created_by=actor
    )
    network.full_clean()
    network.save()
    NetworkMembership.objects.create(network=network, organisation=organisation)
    audit_record(
        actor=actor,
        action=AccountsAction.NETWORK_CREATE,
        target=network,
        organisation_id=organisation.pk,
        data={"name": network.name},
    )
    return network


@transaction.atomic
def network_invite(
    *, actor: User, network: BuyerNetwork, organisation: Organisation, message: str = ""
) -> NetworkInvitation:
    """Invite another buyer organisation; it joins only when one of its own people accepts."""
    from handslag.accounts.permissions import can_invite_to_network

    if not can_invite_to_network(user=actor, network=network):
        raise PermissionDenied(_("Only member organisations can invite others to the network."))
    if organisation.kind != OrganisationKind.BUYER:
        raise ValidationError({"organisation": _("Only buyer organisations can join a network.")})
    if network.memberships.filter(organisation=organisation).exists():
        raise ValidationError(
            {"organisation": _("The organisation is already in the network.")}, code="duplicate"
        )
    if network.invitations.filter(
        organisation=organisation, status=InvitationStatus.PENDING
    ).exists():
        raise ValidationError(
            {"organisation": _("The organisation already has a pending invitation.")},
            code="duplicate",
        )
    invitation = NetworkInvitation(
        network=network,
        organisation=organisation,
        invited_by=actor,
        message=(message or "").strip(),
    )
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=actor,
        action=AccountsAction.NETWORK_INVITE,
        target=network,
        organisation_id=organisation.pk,
        data={"invitation_id": invitation.pk, "organisation_id": organisation.pk},
    )
    return invitation


# What the log calls each answer to an invitation.
ANSWER_ACTIONS = {
    InvitationStatus.ACCEPTED: AccountsAction.NETWORK_ACCEPTED,
    InvitationStatus.DECLINED: AccountsAction.NETWORK_DECLINED,
}


def _answer(*, actor: User, invitation: NetworkInvitation, status: str) -> NetworkInvitation:
    from handslag.accounts.permissions import can_answer_invitation

    if not can_answer_invitation(user=actor, invitation=invitation):
        raise PermissionDenied(
            _(
                "Only the invited organisation's need owners, procurement officers and "
                "administrators can answer."
            )
        )
    if invitation.status != InvitationStatus.PENDING:
        raise ValidationError(_("The invitation has already been answered."), code="wrong_state")
    invitation.status = status
    invitation.answered_by = actor
    invitation.answered_at = timezone.now()
    invitation.full_clean()
    invitation.save()
    if status == InvitationStatus.ACCEPTED:
        NetworkMembership.objects.get_or_create(
            network=invitation.network, organisation=invitation.organisation
        )
    audit_record(
        actor=actor,
        action=ANSWER_ACTIONS[status],
        target=invitation.network,
        organisation_id=invitation.organisation_id,
        data={"invitation_id": invitation.pk, "organisation_id": invitation.organisation_id},
    )
    return invitation


@transaction.atomic
def network_invitation_accept(*, actor: User, invitation: NetworkInvitation) -> NetworkInvitation:
    return _answer(actor=actor, invitation=invitation, status=InvitationStatus.ACCEPTED)


@transaction.atomic
def network_invitation_decline(*, actor: User, invitation: NetworkInvitation) -> NetworkInvitation:
    return _answer(actor=actor, invitation=invitation, status=InvitationStatus.DECLINED)
