"""Background work shared across apps."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, subject: str, body: str, recipients: list[str]) -> int:
    """Send one plain-text e-mail outside the request, so a slow mail server never blocks a user."""
    return send_mail(subject, body, None, recipients, fail_silently=False)
