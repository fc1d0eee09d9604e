"""E-mail to the suppliers who take an interest in a call, sent after the change is saved."""

from django.db import transaction

from handslag.core.tasks import send_email
from handslag.market.models import Call


def notify_interested(*, call: Call, subject: str, body: str) -> int:
    """Queue one e-mail per interested person once the transaction commits.

    One message per recipient, never a shared To: line, so no supplier learns who else
    applied, follows the call or asked a question. Returns the number of recipients.
    """
    from handslag.market.selectors import call_interested_emails

    recipients = call_interested_emails(call=call)
    subject, body = str(subject), str(body)

    def send() -> None:
        for email in recipients:
            send_email.enqueue(subject=subject, body=body, recipients=[email])

    if recipients:
        transaction.on_commit(send)
    return len(recipients)
