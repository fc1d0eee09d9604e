"""Abstract bases shared by every app; core holds no domain models of its own."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """A record that knows when it was created and last changed."""

    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class PublicIdModel(models.Model):
    """A record named outside the server only by a random id, never by its primary key.

    Primary keys count up across the whole installation, so a tenderer who sees its own
    tender's key jump would learn that others tendered in between. URLs, API output, form
    values, e-mail links and audit entries name these records by ``public_id``.
    """

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        abstract = True


def as_public_id(value: object) -> uuid.UUID | None:
    """`value` as a public id, or None when it is not one (an old integer id, say).

    None matches no row: ``filter(public_id=None)`` asks for a null, which the column never is.
    """
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None
