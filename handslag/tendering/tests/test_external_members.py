"""External members (advisors, partner organisations) help a project but are not the
buyer: they never read tenders, not even after the opening."""

import pytest
from django.http import Http404

from handslag.accounts.roles import ProjectRole
from handslag.accounts.tests.factories import OrganisationFactory, member
from handslag.projects.tests.factories import ProjectMemberFactory
from handslag.tendering import gateway, selectors
from handslag.tendering.tests.factories import Scenario

pytestmark = pytest.mark.django_db


def test_external_advisor_cannot_read_opened_tenders():
    scenario = Scenario()
    tender = scenario.submit(scenario.supplier_a)
    scenario.open()
    advisor = member(OrganisationFactory(kind="partner"))
    ProjectMemberFactory(project=scenario.project, user=advisor, role=ProjectRole.EXTERNAL_ADVISOR)
    # The buyer's own team reads it after the opening ...
    assert gateway.access_tender_content(user=scenario.team, tender=tender)
    # ... the external advisor does not.
    with pytest.raises(Http404):
        gateway.access_tender_content(user=advisor, tender=tender)
    with pytest.raises(Http404):
        selectors.tenders_for_team(user=advisor, call=scenario.call)
