"""The supplier registry: sign-up, profile, following calls and areas."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from handslag.accounts.models import Membership, Organisation, User
from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member, supplier, valid_org_number
from handslag.audit.models import AuditEntry
from handslag.market import selectors, services
from handslag.market.audit_actions import MarketAction
from handslag.market.models import CallFollow, CallStatus, SupplierProfile
from handslag.market.tests.factories import CallFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "organisation_name": "Smarta Måltider AB",
    "org_number": "5566778899",
    "username": "ny-leverantor",
    "email": "anna@smartamaltider.example",
    "password": "Ett-långt-lösen-42",
    "first_name": "Anna",
    "last_name": "Berg",
    "is_sme": True,
    "is_nonprofit": False,
    "capabilities": "Vi utvecklar digitala menyer för skolkök.",
    "areas": ["food", "education"],
}


def _number() -> str:
    return valid_org_number("55")


def _register(**changes) -> User:
    data = {**GOOD, "org_number": _number(), **changes}
    return services.supplier_register(**data)


def test_register_creates_organisation_admin_and_profile():
    user = _register()
    assert user.check_password(GOOD["password"])
    assert not user.password.startswith(GOOD["password"])  # hashed
    organisation = Organisation.objects.get(name=GOOD["organisation_name"])
    assert organisation.kind == "supplier" and organisation.is_sme and not organisation.is_nonprofit
    assert Membership.objects.get(user=user, organisation=organisation).role == "admin"
    profile = SupplierProfile.objects.get(organisation=organisation)
    assert profile.areas == ["education", "food"]  # the list's own order
    assert profile.capabilities.startswith("Vi utvecklar")
    assert AuditEntry.objects.filter(action=MarketAction.SUPPLIER_REGISTER).count() == 1
    assert user.is_supplier


def test_register_normalises_the_organisation_number():
    number = _number().replace("-", "")
    _register(org_number=number)
    assert Organisation.objects.get(org_number=f"{number[:6]}-{number[6:]}")


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("org_number", {"org_number": "5566778890"}),  # wrong check digit
        ("org_number", {"org_number": "12345"}),
        ("organisation_name", {"organisation_name": "  "}),
        ("username", {"username": ""}),
        ("username", {"username": "has space!"}),
        ("email", {"email": "not-an-address"}),
        ("password", {"password": "123"}),
        ("password", {"password": "password"}),
        ("areas", {"areas": ["space-travel"]}),
    ],
)
def test_register_refuses_bad_input_and_saves_nothing(field, changes):
    before = (User.objects.count(), Organisation.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as error:
        _register(**changes)
    assert field in error.value.message_dict
    assert (
        User.objects.count(),
        Organisation.objects.count(),
        AuditEntry.objects.count(),
    ) == before


def test_register_refuses_a_registered_organisation_number():
    from django.utils import translation

    taken = supplier()
    before = User.objects.count()
    with translation.override("en"), pytest.raises(ValidationError) as error:
        _register(org_number=taken.org_number.replace("-", ""))
    assert "already registered" in " ".join(error.value.message_dict["org_number"])
    assert User.objects.count() == before


def test_register_refuses_a_taken_user_name_whatever_the_case():
    member(supplier(), username="tagen")
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as error:
        _register(username="TAGEN")
    assert "username" in error.value.message_dict
    assert Organisation.objects.count() == before


def test_profile_update_by_admin_only():
    organisation = supplier()
    admin = member(organisation, OrganisationRole.ADMIN)
    staff = member(organisation, OrganisationRole.STAFF)
    other = member(supplier(), OrganisationRole.ADMIN)
    profile = services.supplier_profile_update(
        actor=admin, organisation=organisation, capabilities=" Sensorer ", areas=["environment"]
    )
    assert profile.capabilities == "Sensorer" and profile.areas == ["environment"]
    for actor in (staff, other):
        with pytest.raises(PermissionDenied):
            services.supplier_profile_update(
                actor=actor, organisation=organisation, capabilities="x", areas=[]
            )
    with pytest.raises(ValidationError):
        services.supplier_profile_update(
            actor=admin, organisation=organisation, capabilities="x", areas="food"
        )
    assert SupplierProfile.objects.get(organisation=organisation).capabilities == "Sensorer"


def test_follow_and_unfollow_a_call():
    organisation = supplier()
    user = member(organisation)
    call = CallFactory()
    services.call_follow(actor=user, call=call, organisation=organisation)
    services.call_follow(actor=user, call=call, organisation=organisation)  # idempotent
    assert CallFollow.objects.filter(call=call).count() == 1
    assert selectors.is_following(user=user, call=call)
    services.call_unfollow(actor=user, call=call, organisation=organisation)
    assert not selectors.is_following(user=user, call=call)


def test_follow_refused_for_others_and_drafts():
    organisation = supplier()
    stranger = member(supplier())
    with pytest.raises(PermissionDenied):
        services.call_follow(actor=stranger, call=CallFactory(), organisation=organisation)
    draft = CallFactory(status=CallStatus.DRAFT, published_at=None)
    with pytest.raises(ValidationError):
        services.call_follow(actor=member(organisation), call=draft, organisation=organisation)
    assert not CallFollow.objects.exists()


def test_calls_in_followed_areas():
    organisation = supplier()
    admin = member(organisation, OrganisationRole.ADMIN)
    food = CallFactory(area="food")
    CallFactory(area="energy")
    assert list(selectors.calls_in_followed_areas(user=admin)) == []
    services.supplier_profile_update(
        actor=admin, organisation=organisation, capabilities="", areas=["food"]
    )
    assert list(selectors.calls_in_followed_areas(user=admin)) == [food]
