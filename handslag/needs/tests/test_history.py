"""A challenge's history reads an action stored under an older name as the action it is now."""

import pytest
from django.utils import translation

from handslag.audit import actions
from handslag.audit.services import audit_record
from handslag.needs import services
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.selectors import challenge_history

pytestmark = pytest.mark.django_db


def test_an_entry_stored_under_an_old_name_is_shown_as_the_action_now(world, monkeypatch):
    monkeypatch.setitem(actions._renamed, "challenge.raise", NeedsAction.CHALLENGE_SUBMIT)
    challenge = services.challenge_submit(
        actor=world.staff, organisation=world.org, title="Vattna parker", description="Hur?"
    )
    audit_record(actor=world.staff, action="challenge.raise", target=challenge)
    audit_record(actor=world.staff, action="challenge.unheard_of", target=challenge)
    with translation.override("en"):
        shown = [row.what for row in challenge_history(challenge=challenge)]
    assert shown == ["Submitted", "Submitted", "challenge.unheard_of"]
