"""The demo loader: the seeds' calls, built through the services, idempotent."""

import pytest
from django.utils import timezone

from handslag.accounts import demo as accounts_demo
from handslag.accounts.roles import ProjectRole
from handslag.audit.models import AuditEntry
from handslag.market import demo
from handslag.market.models import Application, ApplicationStatus, Call, CallStatus
from handslag.market.tests.factories import ProjectFactory, ProjectMemberFactory

pytestmark = pytest.mark.django_db

BUYERS = {
    "waste": ("vaxjo", "upphandlare"),
    "snow": ("vaxjo", "upphandlare"),
    "irrigation": ("vaxjo", "upphandlare"),
    "meals": ("vaxjo", "upphandlare"),
    "sharing": ("trelleborg", "syd-projektledare"),
    "home_monitoring": ("ostergotland", "og-upphandlare"),
    "residents": ("trelleborg", "syd-projektledare"),
}


@pytest.fixture
def projects(monkeypatch):
    """Stand-ins for projects/demo.py: one project per case with its procurement officer."""
    accounts_demo.load()
    made = {}

    def project(key):
        if key not in made:
            org_key, officer = BUYERS[key]
            made[key] = ProjectFactory(organisation=accounts_demo.org(org_key), title=key)
            ProjectMemberFactory(
                project=made[key],
                user=accounts_demo.person(officer),
                role=ProjectRole.PROCUREMENT_OFFICER,
            )
        return made[key]

    monkeypatch.setattr(demo.base, "_project", project)
    return made


def test_demo_builds_the_cases_once(projects):
    demo.load()
    assert Call.objects.count() == 6
    entries = AuditEntry.objects.count()
    applications = Application.objects.count()
    demo.load()
    assert (Call.objects.count(), AuditEntry.objects.count()) == (6, entries)
    assert Application.objects.count() == applications


def test_home_monitoring_has_21_applications_and_5_invited(projects):
    demo.load()
    call = demo.call("home_monitoring")
    assert call.legal_procedure == "negotiated_with_publication"
    assert call.published_at.year == 2019
    assert call.applications.count() == 21
    invited = call.applications.filter(status=ApplicationStatus.INVITED)
    assert invited.count() == 5
    assert invited.filter(supplier=accounts_demo.org("vardnara")).exists()
    rejected = call.applications.filter(status=ApplicationStatus.REJECTED)
    assert rejected.count() == 16
    assert all(a.decision_reason for a in rejected)
    for application in call.applications.select_related("supplier", "submitted_by"):
        assert application.submitted_by.memberships.filter(
            organisation=application.supplier
        ).exists()


def test_cases_sit_where_the_seeds_leave_them(projects):
    demo.load()
    now = timezone.now()
    waste = demo.call("waste")
    assert waste.tender_deadline < now
    assert waste.applications.filter(
        status=ApplicationStatus.INVITED, supplier=accounts_demo.org("sensorbolaget")
    ).exists()
    irrigation = demo.call("irrigation")
    assert irrigation.application_deadline < now < irrigation.tender_deadline
    assert irrigation.applications.filter(status=ApplicationStatus.INVITED).count() == 2
    meals = demo.call("meals")
    assert meals.status == CallStatus.PUBLISHED and meals.application_deadline > now
    sharing = demo.call("sharing")
    assert sharing.project.organisation == accounts_demo.org("trelleborg")
    assert sharing.applications.filter(
        status=ApplicationStatus.INVITED, supplier=accounts_demo.org("delningstjanst")
    ).exists()


def test_demo_skips_cases_without_projects(db, monkeypatch, capsys):
    accounts_demo.load()
    monkeypatch.setattr(demo.base, "_project", lambda key: None)
    demo.load()
    assert Call.objects.count() == 0
    assert "skipped" in capsys.readouterr().out
    with pytest.raises(Call.DoesNotExist):
        demo.call("waste")


def test_market_dialogue_demo(projects):
    from handslag.market.models import DialogueEvent, Question, Rfi, SupplierProfile

    demo.load()
    rfi = Rfi.objects.get(title=demo.RFI_TITLE)
    assert rfi.project == projects["home_monitoring"]
    assert rfi.status == "closed" and rfi.published_at.year == 2019
    assert rfi.responses.count() == 4
    assert rfi.responses.filter(supplier=accounts_demo.org("vardnara")).exists()
    sprint = DialogueEvent.objects.get(kind="sprint")
    assert sprint.invited.count() == 6 and "Sex företag" in sprint.notes
    assert DialogueEvent.objects.filter(kind="workshop", project=projects["home_monitoring"])
    meals = demo.call("meals")
    assert meals.area == "food"
    questions = Question.objects.filter(call=meals)
    assert questions.count() == 3
    assert questions.filter(answered_at__isnull=False).count() == 2
    public = [q.published_question for q in questions.filter(answered_at__isnull=False)]
    assert not any("Sensorbolaget" in text for text in public)
    profile = SupplierProfile.objects.get(organisation=accounts_demo.org("sensorbolaget"))
    assert "sensorer" in profile.capabilities.lower() and "environment" in profile.areas
    counts = (
        Rfi.objects.count(),
        DialogueEvent.objects.count(),
        Question.objects.count(),
        AuditEntry.objects.count(),
    )
    demo.load()
    assert (
        Rfi.objects.count(),
        DialogueEvent.objects.count(),
        Question.objects.count(),
        AuditEntry.objects.count(),
    ) == counts
