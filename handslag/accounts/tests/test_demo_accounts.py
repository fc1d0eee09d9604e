"""Every person in the demo can be signed in as from the sign-in page's list (DESIGN §8)."""

import pytest
from django.test import override_settings
from django.urls import reverse

from handslag.accounts.demo_accounts import DEMO_ACCOUNTS
from handslag.accounts.models import Membership, User
from handslag.accounts.roles import OrganisationKind


@pytest.mark.django_db
def test_every_buyer_side_demo_person_is_listed(demo_data):
    """Everyone who acts for a buyer or a partner in the seeds' cases can be signed in as.

    The suppliers among Östergötland's 21 applicants only fill the call; the suppliers who
    take part in a case are listed too."""
    listed = {row[0] for row in DEMO_ACCOUNTS}
    buyer_side = set(
        Membership.objects.filter(user__is_superuser=False)
        .exclude(organisation__kind=OrganisationKind.SUPPLIER)
        .values_list("user__username", flat=True)
    )
    assert len(buyer_side) >= 10
    assert buyer_side - listed == set()
    assert {"leverantor", "vardnara", "delning", "ideburen"} <= listed
    assert listed <= set(User.objects.values_list("username", flat=True))


def test_both_opening_officials_of_each_seed_case_are_listed():
    listed = {row[0] for row in DEMO_ACCOUNTS}
    assert {"upphandlare", "oppnare", "og-upphandlare", "og-oppnare"} <= listed


@pytest.mark.django_db
def test_listed_accounts_sign_in_with_the_demo_password(demo_data, client):
    for username, *_rest in DEMO_ACCOUNTS:
        assert User.objects.get(username=username).check_password("handslag-demo"), username


@override_settings(DEMO_MODE=True)
def test_sign_in_page_lists_every_demo_account(client):
    body = client.get(reverse("accounts:login")).content.decode()
    for username, *_rest in DEMO_ACCOUNTS:
        assert f"<code>{username}</code>" in body
    assert "Andra förrättare vid öppningen, Region Östergötland" in body
