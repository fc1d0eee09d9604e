"""E-mail notifications to people, in their language and by the delivery they chose.

Every app above accounts tells a person of an event through `notify()`: a qualification
decision, an invitation to tender, a new question, an award notice. The text is rendered
at once in the recipient's language (`User.language`), with an absolute link, and is
either queued as an e-mail of its own when the transaction commits or kept as a
`Notification` for the person's daily digest (`User.notification_delivery`). A notice
that must not leave before a date (`send_after`) waits as a `Notification` too, and is
sent by `send_due_notifications()`: a task enqueued to run at that moment where the task
backend can defer work, and the `send_notifications` command run by cron in any case.

One e-mail per person, never a shared To: line, so nobody learns who else was told.
"""

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django_tasks import task

from handslag.accounts.models import Notification, NotificationDelivery, User
from handslag.core.links import absolute_url
from handslag.core.tasks import send_email

# A message is a msgid (gettext_lazy) rendered with its params in the recipient's language,
# or text that is already final (a person's own words, say).
Message = str | Promise


class NotificationKind(StrEnum):
    """What a notification is about (kept with a stored notification, named in tests)."""

    QUALIFICATION = "qualification"
    INVITATION = "invitation"
    APPLICATION = "application"
    QUESTION = "question"
    ANSWER = "answer"
    CALL_CHANGE = "call_change"
    NEGOTIATION_ROUND = "negotiation_round"
    NEGOTIATION_MESSAGE = "negotiation_message"
    TENDER_RECEIPT = "tender_receipt"
    AWARD = "award"
    CHALLENGE = "challenge"
    DISCLOSURE = "disclosure"


# Never held for a digest: the award notice starts the standstill period (LOU 20 kap. 1 §),
# a receipt proves a tender arrived in time, and what every supplier must learn at the same
# time (equal treatment, LOU 4 kap. 1 §) reaches each of them at once: an invitation to
# tender, a negotiation round, a change to the call, an answer to a question.
ALWAYS_INSTANT = frozenset(
    {
        NotificationKind.AWARD,
        NotificationKind.TENDER_RECEIPT,
        NotificationKind.INVITATION,
        NotificationKind.NEGOTIATION_ROUND,
        NotificationKind.CALL_CHANGE,
        NotificationKind.ANSWER,
    }
)


def _display(value: Any) -> Any:
    """A parameter as the recipient reads it: dates in their language, Stockholm time."""
    if isinstance(value, dt.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return ", ".join(str(_display(item)) for item in value)
    return value


def language_of(user: User) -> str:
    codes = {code for code, _name in settings.LANGUAGES}
    return user.language if user.language in codes else settings.LANGUAGE_CODE


def render(*, user: User, message: Message, params: Mapping[str, Any] | None = None) -> str:
    """The message in the user's language, its params filled in (dates formatted there too)."""
    with translation.override(language_of(user)):
        text = str(message)
        if params:
            text = text % {key: _display(value) for key, value in params.items()}
    return text


def _footer(user: User) -> str:
    with translation.override(language_of(user)):
        return _(
            "You choose between an e-mail for each event and a daily digest, and the "
            "language of these e-mails, in your account: %(url)s"
        ) % {"url": absolute_url(reverse("accounts:profile"))}


def compose(user: User, body: str, link: str) -> str:
    """The e-mail text: the body, its absolute link, and where the person changes their settings."""
    parts = [body.strip()]
    if link:
        parts.append(link)
    parts.append("-- \n" + _footer(user))
    return "\n\n".join(parts)


def _queue_email(*, email: str, subject: str, body: str) -> None:
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, recipients=[email])
    )


def _schedule(send_after: dt.datetime) -> None:
    """Wake the sender at `send_after` where the backend can defer a task; the cron command
    (`send_notifications`) sends the notice otherwise, and harmlessly again if both run."""
    sender = send_due_notifications_task
    if not sender.get_backend().supports_defer:
        return
    transaction.on_commit(lambda: sender.using(run_after=send_after).enqueue())


def notify(
    *,
    user: User,
    kind: NotificationKind,
    subject: Message,
    body: Message,
    params: Mapping[str, Any] | None = None,
    link: str = "",
    send_after: dt.datetime | None = None,
    now: dt.datetime | None = None,
) -> Notification | None:
    """Tell one person of an event; call it inside the service's transaction.

    `subject` and `body` are rendered with `params` in the person's language; `link` is a
    path (or URL) on this site, put as an absolute address under the text. Returns the
    stored notification when it waits (digest or `send_after` later than `now`), None
    when it is queued.
    A person without an e-mail address, or no longer active, is not told.
    """
    if not user.is_active or not user.email:
        return None
    subject_text = " ".join(render(user=user, message=subject, params=params).split())[:300]
    body_text = render(user=user, message=body, params=params)
    url = absolute_url(link) if link else ""
    in_digest = (
        kind not in ALWAYS_INSTANT and user.notification_delivery == NotificationDelivery.DIGEST
    )
    # Against the service's `now=` where it passes one (tests, the demo's history): a
    # notice dated after it waits, and is sent by the next run once its time has come.
    waits = send_after is not None and send_after > (now or timezone.now())
    if not in_digest and not waits:
        _queue_email(email=user.email, subject=subject_text, body=compose(user, body_text, url))
        return None
    notification = Notification.objects.create(
        user=user,
        kind=str(kind),
        subject=subject_text,
        body=body_text,
        link=url,
        send_after=send_after if waits else None,
        in_digest=in_digest,
    )
    if waits and not in_digest:
        _schedule(send_after)
    return notification


def notify_each(
    *,
    users: Iterable[User],
    kind: NotificationKind,
    subject: Message,
    body: Message,
    params: Mapping[str, Any] | None = None,
    link: str = "",
    send_after: dt.datetime | None = None,
    exclude: User | None = None,
    now: dt.datetime | None = None,
) -> int:
    """`notify()` each person once (a person reached twice, say as submitter and member, is
    told once); `exclude` is the person who acted. Returns how many were told."""
    seen: set[int] = set()
    for user in users:
        if user.pk in seen or (exclude is not None and user.pk == exclude.pk):
            continue
        seen.add(user.pk)
        notify(
            user=user,
            kind=kind,
            subject=subject,
            body=body,
            params=params,
            link=link,
            send_after=send_after,
            now=now,
        )
    return len(seen)


# --- Sending what waits --------------------------------------------------------------------


def notifications_due(*, now: dt.datetime):
    """Notifications of their own whose time has come and that are not sent yet."""
    return Notification.objects.filter(
        sent_at__isnull=True, in_digest=False, send_after__lte=now
    ).select_related("user")


def digest_pending(*, now: dt.datetime):
    """What waits for the daily digests (not before its own `send_after`)."""
    return (
        Notification.objects.filter(sent_at__isnull=True, in_digest=True)
        .exclude(send_after__gt=now)
        .select_related("user")
    )


def _claim(queryset, now: dt.datetime) -> list[Notification]:
    """Lock the rows, mark them sent, and return them: two senders running at once (the
    deferred task and cron) never both take one notification."""
    rows = list(queryset.select_for_update(skip_locked=True, of=("self",)))
    claimed = Notification.objects.filter(pk__in=[n.pk for n in rows], sent_at__isnull=True).update(
        sent_at=now
    )
    if claimed != len(rows):  # pragma: no cover - only without row locks (SQLite serialises)
        raise RuntimeError("Notifications were claimed by another sender; try again.")
    return rows


@transaction.atomic
def send_due_notifications(*, now: dt.datetime | None = None) -> int:
    """Send every notification whose `send_after` has passed, exactly once. Returns the count."""
    now = now or timezone.now()
    rows = _claim(notifications_due(now=now), now)
    for notification in rows:
        user = notification.user
        if user.is_active and user.email:
            _queue_email(
                email=user.email,
                subject=notification.subject,
                body=compose(user, notification.body, notification.link),
            )
    return len(rows)


@transaction.atomic
def send_digests(*, now: dt.datetime | None = None) -> int:
    """One e-mail per person with everything waiting for their digest, each notification
    sent exactly once. Returns the number of e-mails."""
    now = now or timezone.now()
    rows = _claim(digest_pending(now=now), now)
    by_user: dict[int, list[Notification]] = {}
    for notification in rows:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for items in by_user.values():
        user = items[0].user
        if not (user.is_active and user.email):
            continue
        with translation.override(language_of(user)):
            subject = _("handslag: %(count)s new since your last digest") % {"count": len(items)}
        sections = []
        for item in items:
            lines = [item.subject, "=" * min(len(item.subject), 72), item.body.strip()]
            if item.link:
                lines.append(item.link)
            sections.append("\n".join(lines))
        _queue_email(
            email=user.email,
            subject=subject,
            body=compose(user, "\n\n\n".join(sections), ""),
        )
        sent += 1
    return sent


@task()
def send_due_notifications_task() -> int:
    """Deferred to a notice's `send_after` (database task backend)."""
    return send_due_notifications()
