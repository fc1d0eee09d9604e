import pytest
from django.core.exceptions import ValidationError

from handslag.accounts import services
from handslag.accounts.models import Organisation
from handslag.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_organisation_is_created_with_normalised_number_and_audited():
    org = services.organisation_create(
        actor=None, name="Växjö kommun", kind="buyer", org_number="2120000662"
    )
    assert org.org_number == "212000-0662"
    assert AuditEntry.objects.filter(action="organisation.create", target_id=str(org.pk)).exists()


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
