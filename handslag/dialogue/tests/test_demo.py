"""The dialogue demo: the seeds' meetings are there, and loading twice changes nothing."""

import pytest

from handslag.audit.models import AuditEntry
from handslag.dialogue import demo
from handslag.dialogue.models import (
    ActionItem,
    CommunicationItem,
    Meeting,
    MeetingKind,
    ParkedIdea,
    Stakeholder,
)

pytestmark = pytest.mark.django_db


def _counts() -> tuple[int, ...]:
    return tuple(
        m.objects.count()
        for m in (Meeting, ActionItem, Stakeholder, CommunicationItem, ParkedIdea, AuditEntry)
    )


def test_demo_tells_the_cases_and_loads_twice_without_change(demo_data):
    from handslag.projects.demo import project

    first = _counts()
    demo.load()
    assert _counts() == first

    waste = project("waste")
    kinds = set(waste.meetings.values_list("kind", flat=True))
    assert {MeetingKind.SUPPLIER, MeetingKind.CHECK_IN} <= kinds
    assert ActionItem.objects.filter(meeting__project=waste, done=False).exists()
    sprints = project("residents").meetings.filter(kind=MeetingKind.SPRINT)
    assert sprints.count() == 3
    assert all(s.supplier_organisations.count() == 6 for s in sprints)
    assert project("residents").parked_ideas.exists()
    home = project("home_monitoring").meetings
    assert home.filter(kind=MeetingKind.WORKSHOP).exists()
    assert home.filter(kind=MeetingKind.RFI).exists()


def test_demo_skips_without_projects(capsys):
    demo.load()
    assert not Meeting.objects.exists()
    assert "skipping waste" in capsys.readouterr().out
