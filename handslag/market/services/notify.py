"""Who is told of what happens to a call: its interested suppliers, one supplier's people, or
the buyer's managers of the call. Each person is told through the notification service
(handslag.accounts.notifications): in their own language, at once or in their digest, one
e-mail each, so no supplier learns who else applied, follows the call or asked.
"""

from collections.abc import Mapping
from typing import Any

from django.urls import reverse

from handslag.accounts.models import Organisation, User
from handslag.accounts.notifications import Message, NotificationKind, notify_each
from handslag.market.models import Call
from handslag.market.permissions import can_see_applications
from handslag.projects.permissions import MANAGER_ROLES


def call_link(call: Call) -> str:
    return reverse("market:public_call_detail", args=[call.pk])


def notify_interested(
    *,
    call: Call,
    subject: Message,
    body: Message,
    params: Mapping[str, Any] | None = None,
    link: str = "",
    kind: NotificationKind = NotificationKind.CALL_CHANGE,
) -> int:
    """Tell every person of every supplier that applied to, follows or asked on the call,
    once the transaction commits. Returns the number of people told."""
    from handslag.market.selectors import call_interested_people

    return notify_each(
        users=call_interested_people(call=call),
        kind=kind,
        subject=subject,
        body=body,
        params=params,
        link=link or call_link(call),
    )


def supplier_people(*, organisation: Organisation, also: User | None = None) -> list[User]:
    """The active people of a supplier organisation, and the person who acted for it."""
    people = list(
        User.objects.filter(
            memberships__organisation=organisation, memberships__is_active=True, is_active=True
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    if also is not None and also.pk not in {p.pk for p in people}:
        people.insert(0, also)
    return people


def call_managers(*, call: Call) -> list[User]:
    """The project lead and procurement officers of the call who may read its applications
    and questions (the buyer's own staff, never an external advisor: OSL 19 kap. 3 §)."""
    people = (
        User.objects.filter(
            project_memberships__project=call.project,
            project_memberships__role__in=MANAGER_ROLES,
            is_active=True,
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    return [user for user in people if can_see_applications(user=user, call=call)]


def notify_supplier(
    *,
    organisation: Organisation,
    kind: NotificationKind,
    subject: Message,
    body: Message,
    params: Mapping[str, Any] | None = None,
    link: str = "",
    also: User | None = None,
) -> int:
    """Tell one supplier's people (and `also`, who acted for it) of something about it alone."""
    return notify_each(
        users=supplier_people(organisation=organisation, also=also),
        kind=kind,
        subject=subject,
        body=body,
        params=params,
        link=link,
    )


def notify_call_managers(
    *,
    call: Call,
    kind: NotificationKind,
    subject: Message,
    body: Message,
    params: Mapping[str, Any] | None = None,
    link: str = "",
    exclude: User | None = None,
) -> int:
    """Tell the buyer's managers of the call (not the person who acted)."""
    return notify_each(
        users=call_managers(call=call),
        kind=kind,
        subject=subject,
        body=body,
        params=params,
        link=link,
        exclude=exclude,
    )
