import pytest
from django.core.exceptions import ValidationError

from handslag.accounts import services
from handslag.accounts.audit_actions import AccountsAction
from handslag.accounts.models import Organisation
from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import buyer, member
from handslag.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_organisation_is_created_with_normalised_number_and_audited():
    org = services.organisation_create(
        actor=None, name="Växjö kommun", kind="buyer", org_number="2120000662"
    )
    assert org.org_number == "212000-0662"
    assert AuditEntry.objects.filter(
        action=AccountsAction.ORGANISATION_CREATE, target_id=str(org.pk)
    ).exists()


def test_wrong_check_digit_creates_nothing():
    with pytest.raises(ValidationError):
        services.organisation_create(actor=None, name="X", kind="buyer", org_number="212000-0663")
    assert not Organisation.objects.exists()
    assert not AuditEntry.objects.exists()


def test_same_number_twice_is_refused():
    services.organisation_create(actor=None, name="A", kind="buyer", org_number="212000-0662")
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="B", kind="buyer", org_number="2120000662")
    assert "org_number" in caught.value.message_dict
    assert Organisation.objects.count() == 1


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationError):
        services.organisation_create(actor=None, name="A", kind="pirate", org_number="212000-0662")
    assert not Organisation.objects.exists()


@pytest.mark.parametrize(
    ("answer", "action"),
    [
        (services.network_invitation_accept, AccountsAction.NETWORK_ACCEPTED),
        (services.network_invitation_decline, AccountsAction.NETWORK_DECLINED),
    ],
)
def test_an_answer_to_a_network_invitation_is_logged_on_the_network(answer, action):
    founder, invited = buyer(), buyer()
    founder_officer = member(founder, OrganisationRole.PROCUREMENT_OFFICER)
    invited_officer = member(invited, OrganisationRole.PROCUREMENT_OFFICER)
    network = services.network_create(actor=founder_officer, organisation=founder, name="Syd")
    invitation = services.network_invite(
        actor=founder_officer, network=network, organisation=invited
    )
    answer(actor=invited_officer, invitation=invitation)
    entry = AuditEntry.objects.get(action=action)
    assert (entry.target_id, entry.organisation_id) == (str(network.pk), invited.pk)
    assert entry.data == {"invitation_id": invitation.pk, "organisation_id": invited.pk}
