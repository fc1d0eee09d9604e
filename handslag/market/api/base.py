"""The market API's router, and who a supplier acts for."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router

from handslag.accounts.models import Organisation, User
from handslag.core.permissions import forbidden

router = Router(tags=["market"])


def _supplier_for(user: User, supplier_id: int | None) -> Organisation:
    """The supplier organisation the caller acts for: the given one (if theirs) or their only one."""
    own = user.supplier_organisation_ids
    if not own:
        raise forbidden(_("Only suppliers can do this."))
    if supplier_id is None:
        if len(own) != 1:
            raise ValidationError(
                {"supplier_id": _("You belong to several suppliers; say which one acts.")}
            )
        supplier_id = next(iter(own))
    if supplier_id not in own:
        raise forbidden()
    return get_object_or_404(Organisation, pk=supplier_id)
