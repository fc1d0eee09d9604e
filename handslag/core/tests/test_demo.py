"""The demo data (DESIGN §8): every case at the stage the seeds describe, loaded twice
without any change."""

import pytest
from django.apps import apps
from django.core.management import call_command

from handslag.audit.services import audit_verify

pytestmark = pytest.mark.django_db


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "contenttypes", "auth"}
    }


def test_demo_loads_twice_without_change(demo_data):
    # `demo_data` loaded it once into an empty database (in this test process) and put its rows
    # back here; loading again must add or change nothing.
    first = _counts()
    call_command("load_demo", verbosity=0)
    assert _counts() == first
    assert first["audit.AuditEntry"] > 100
    assert audit_verify().ok


def test_demo_tells_the_seeds_cases(demo_data):
    from handslag.accounts.models import Organisation
    from handslag.market.demo import call
    from handslag.market.models import ApplicationStatus
    from handslag.needs.models import Challenge, ChallengeStatus
    from handslag.projects.demo import project
    from handslag.projects.models import ProjectStatus

    vaxjo = Organisation.objects.get(name="Växjö kommun")
    assert Challenge.objects.filter(organisation=vaxjo, is_published=True).count() == 5
    # Every triage outcome appears at least once.
    outcomes = set(ChallengeStatus.values) - {ChallengeStatus.SUBMITTED}
    assert outcomes <= set(Challenge.objects.values_list("status", flat=True))
    # The preschool floors stopped after market dialogue, with a lesson.
    floors = project("floors")
    assert floors.status == ProjectStatus.STOPPED
    assert floors.lessons.exists()
    # The sharing service is in use by six municipalities.
    sharing = project("sharing")
    assert 1 + sharing.partner_buyers.count() == 6
    assert sharing.contracts.exists()
    # Home monitoring: 21 applications, 5 invited, contracted.
    home = call("home_monitoring")
    assert home.applications.count() == 21
    assert home.applications.filter(status=ApplicationStatus.INVITED).count() == 5
    assert home.award.contract_signed_on.year == 2020
    # The irrigation tenders are still sealed.
    assert call("irrigation").tender_key.opened_at is None
