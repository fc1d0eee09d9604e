"""The tender receipt e-mail, written and sent by the worker after the submission commits.

The task carries only the tender's public id: the text is made when it is sent, so the
task queue holds nothing of the tender. It goes to the person who submitted and to no one
else; the buyer is told nothing of a tender before the opening, not even that one came in.
"""

from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django_tasks import task

from handslag.accounts.notifications import compose, language_of, render
from handslag.core.links import absolute_url
from handslag.tendering.documents import receipt_pdf
from handslag.tendering.models import Tender

# A file attached to an e-mail: its name, its content and its MIME type.
Attachment = tuple[str, bytes, str]


def receipt_attachments(*, tender: Tender) -> list[Attachment]:
    """The files attached to the receipt e-mail of `tender`: the printable PDF receipt (the
    call, the time, every file's name, size and SHA-256), in the submitter's language.

    The file names are sealed tender content; this e-mail goes to the submitter alone."""
    with translation.override(language_of(tender.submitted_by)):
        content = receipt_pdf(tender)
    return [(f"kvitto-{tender.receipt[:12]}.pdf", content, "application/pdf")]


def receipt_email(*, tender: Tender) -> EmailMessage | None:
    """The receipt e-mail to the submitter, in their language; None without an address."""
    user = tender.submitted_by
    if not (user.is_active and user.email):
        return None
    call = tender.call
    files = [
        f"{position}. SHA-256 {file.sha256} ({file.size} B)"
        for position, file in enumerate(tender.files.order_by("position"), start=1)
    ]
    params = {
        "reference": call.reference,
        "title": call.title,
        "time": tender.submitted_at,
        "receipt": tender.receipt,
        "round": tender.round,
        "sha256": tender.content_sha256,
        "files": "\n".join(files) or "–",
    }
    subject = render(
        user=user, message=gettext_lazy("Receipt for your tender in %(reference)s"), params=params
    )
    body = render(
        user=user,
        message=gettext_lazy(
            "Your tender in %(reference)s %(title)s was received at %(time)s.\n\n"
            "Receipt number: %(receipt)s\nRound: %(round)s\nSHA-256 of the tender: %(sha256)s\n"
            "Files:\n%(files)s\n\nThe tender stays sealed until the opening. Keep this e-mail "
            "as proof of when your tender arrived. The receipt:"
        ),
        params=params,
    )
    link = absolute_url(reverse("tendering:tender_receipt", kwargs={"pk": tender.public_id}))
    message = EmailMessage(subject=subject, body=compose(user, body, link), to=[user.email])
    for name, content, mimetype in receipt_attachments(tender=tender):
        message.attach(name, content, mimetype)
    return message


@task()
def send_tender_receipt(*, tender_id: str) -> int:
    """Send the receipt of the tender with this public id; returns the number sent."""
    tender = Tender.objects.select_related("call", "submitted_by").get(public_id=tender_id)
    message = receipt_email(tender=tender)
    return message.send() if message is not None else 0
