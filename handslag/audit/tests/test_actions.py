"""The action catalogues: renamed actions are read under their name now, and stored names
are never rewritten."""

from enum import StrEnum

import pytest

from handslag.accounts.tests.factories import UserFactory
from handslag.audit import actions
from handslag.audit.models import AuditEntry
from handslag.audit.services import audit_record, audit_verify


class Tracks(StrEnum):
    LAY = "track.lay"
    LIFT = "track.lift"


class Trains(StrEnum):
    RUN = "train.run"


@pytest.fixture
def registry(monkeypatch):
    """An empty registry, so the tests' catalogues do not meet the apps' ones."""
    monkeypatch.setattr(actions, "_catalogues", {})
    monkeypatch.setattr(actions, "_current", {})
    monkeypatch.setattr(actions, "_renamed", {})
    return actions


def test_a_renamed_action_is_read_under_its_name_now(registry):
    registry.register_actions(Tracks, renamed={"rail.laying": Tracks.LAY, "rail.lay": Tracks.LAY})
    assert registry.action_current("rail.laying") == "track.lay"
    assert registry.action_current("track.lay") == "track.lay"
    assert registry.action_current("unknown.thing") == "unknown.thing"
    assert registry.action_stored_names(Tracks.LAY) == ["rail.lay", "rail.laying", "track.lay"]
    assert registry.action_stored_names("rail.lay", Tracks.LIFT) == [
        "rail.lay",
        "rail.laying",
        "track.lay",
        "track.lift",
    ]
    assert registry.actions_renamed() == {"rail.laying": "track.lay", "rail.lay": "track.lay"}
    assert registry.action_catalogues() == [Tracks]


def test_registering_twice_is_harmless(registry):
    registry.register_actions(Tracks)
    registry.register_actions(Tracks)
    assert registry.action_catalogues() == [Tracks]


def test_two_catalogues_may_not_declare_one_name(registry):
    class Also(StrEnum):
        LAY = "track.lay"

    registry.register_actions(Tracks)
    with pytest.raises(ValueError, match="another catalogue"):
        registry.register_actions(Also)


@pytest.mark.parametrize(
    ("renamed", "message"),
    [
        ({"rail.lay": "train.run"}, "does not declare"),
        ({"track.lift": Tracks.LAY}, "name now"),
        ({"train.run": Tracks.LAY}, "name now"),
    ],
)
def test_a_rename_may_not_make_a_stored_name_mean_two_things(registry, renamed, message):
    registry.register_actions(Trains)
    with pytest.raises(ValueError, match=message):
        registry.register_actions(Tracks, renamed=renamed)


def test_an_old_name_may_not_be_declared_again(registry):
    class Rails(StrEnum):
        LAY = "rail.lay"

    registry.register_actions(Tracks, renamed={"rail.lay": Tracks.LAY})
    with pytest.raises(ValueError, match="renamed actions"):
        registry.register_actions(Rails)


@pytest.mark.django_db
def test_an_entry_stores_the_plain_name_and_keeps_the_chain():
    entry = audit_record(actor=None, action=Tracks.LAY)
    entry.refresh_from_db()
    assert type(entry.action) is str
    assert entry.action == "track.lay"
    assert audit_verify().ok


@pytest.mark.django_db
def test_the_admin_lists_a_renamed_action_with_its_older_entries(registry, client):
    registry.register_actions(Tracks, renamed={"rail.lay": Tracks.LAY})
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    for action in ("rail.lay", Tracks.LAY, Tracks.LIFT):
        audit_record(actor=None, action=action)
    url = "/admin/audit/auditentry/"
    listed = client.get(url, {"action": "track.lay"}).context["cl"]
    assert sorted(e.action for e in listed.result_list) == ["rail.lay", "track.lay"]
    choices = [c["display"] for c in listed.filter_specs[0].choices(listed)]
    assert "track.lay" in choices
    assert "rail.lay" not in choices
    # The stored names stay as they were written.
    assert set(AuditEntry.objects.values_list("action", flat=True)) == {
        "rail.lay",
        "track.lay",
        "track.lift",
    }
