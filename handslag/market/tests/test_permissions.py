"""The permission matrix: who reaches which page, and the 404/403 everyone else gets."""

import pytest
from django.urls import reverse

from handslag.market.models import CallStatus
from handslag.market.permissions import (
    access_application,
    access_call,
    access_public_call,
    can_decide_applications,
    can_manage_call,
    can_see_applications,
    can_view_call,
)
from handslag.market.tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db

ACTORS = ["anonymous", "user_a", "user_b", "outsider", "colleague", "team_member", "manager"]


def _get(client, cast, who, url):
    if who != "anonymous":
        client.force_login(getattr(cast, who))
    return client.get(url)


def _status(response) -> int:
    if response.status_code == 302 and "/accounts/login" in response["Location"]:
        return 401  # sent to sign in
    return response.status_code


@pytest.fixture
def application(cast):
    return ApplicationFactory(call=cast.call, supplier=cast.supplier_a, submitted_by=cast.user_a)


@pytest.fixture
def draft(cast):
    return CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)


EXPECTED = {
    # url name: statuses in the order of ACTORS
    "public_call_list": [200, 200, 200, 200, 200, 200, 200],
    "public_call_detail": [200, 200, 200, 200, 200, 200, 200],
    "public_call_detail_draft": [404, 404, 404, 404, 404, 404, 404],
    "call_detail": [401, 404, 404, 404, 200, 200, 200],
    "call_detail_draft": [401, 404, 404, 404, 200, 200, 200],
    "call_create": [401, 404, 404, 404, 403, 403, 200],
    "call_edit": [401, 404, 404, 404, 403, 403, 200],
    "call_publish": [401, 404, 404, 404, 403, 403, 200],
    "call_cancel": [401, 404, 404, 404, 403, 403, 200],
    "call_invite_qualified": [401, 404, 404, 404, 403, 403, 200],
    "application_create": [401, 200, 200, 403, 403, 403, 403],
    "application_create_draft": [401, 404, 404, 404, 404, 404, 404],
    "application_detail": [401, 200, 404, 404, 404, 200, 200],
    "application_decide": [401, 403, 404, 404, 404, 403, 200],
    "application_withdraw": [401, 200, 404, 404, 404, 403, 403],
    "supplier_home": [401, 200, 200, 403, 403, 403, 403],
    "call_list": [401, 403, 403, 200, 200, 200, 200],
}


def _url(name, cast, application, draft):
    return {
        "public_call_list": reverse("market:public_call_list"),
        "public_call_detail": reverse("market:public_call_detail", args=[cast.call.pk]),
        "public_call_detail_draft": reverse("market:public_call_detail", args=[draft.pk]),
        "call_detail": reverse("market:call_detail", args=[cast.call.pk]),
        "call_detail_draft": reverse("market:call_detail", args=[draft.pk]),
        "call_create": reverse("market:call_create", args=[cast.project.pk]),
        "call_edit": reverse("market:call_edit", args=[draft.pk]),
        "call_publish": reverse("market:call_publish", args=[draft.pk]),
        "call_cancel": reverse("market:call_cancel", args=[cast.call.pk]),
        "call_invite_qualified": reverse("market:call_invite_qualified", args=[cast.call.pk]),
        "application_create": reverse("market:application_create", args=[cast.call.pk]),
        "application_create_draft": reverse("market:application_create", args=[draft.pk]),
        "application_detail": reverse("market:application_detail", args=[application.pk]),
        "application_decide": reverse("market:application_decide", args=[application.pk]),
        "application_withdraw": reverse("market:application_withdraw", args=[application.pk]),
        "supplier_home": reverse("market:supplier_home"),
        "call_list": reverse("market:call_list"),
    }[name]


@pytest.mark.parametrize("name", sorted(EXPECTED))
@pytest.mark.parametrize("index", range(len(ACTORS)), ids=ACTORS)
def test_matrix(client, cast, application, draft, name, index):
    who = ACTORS[index]
    response = _get(client, cast, who, _url(name, cast, application, draft))
    assert _status(response) == EXPECTED[name][index], (name, who)


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("market:call_publish", "draft"),
        ("market:call_cancel", "call"),
        ("market:application_invite", "application"),
        ("market:application_decide", "application"),
    ],
)
@pytest.mark.parametrize("who", ["user_b", "outsider", "colleague", "team_member"])
def test_posts_by_the_wrong_people_change_nothing(
    client, cast, application, draft, name, kwargs, who
):
    target = {"draft": draft, "call": cast.call, "application": application}[kwargs]
    client.force_login(getattr(cast, who))
    response = client.post(reverse(name, args=[target.pk]), {"reason": "x", "decision": "qualify"})
    # The answer of the matching page (inviting is deciding): 404 to whom the call or the
    # application does not exist, 403 to whom it does.
    page = {"market:application_invite": "application_decide"}.get(name, name)
    assert response.status_code == EXPECTED[page.removeprefix("market:")][ACTORS.index(who)]
    draft.refresh_from_db()
    cast.call.refresh_from_db()
    application.refresh_from_db()
    assert draft.status == CallStatus.DRAFT
    assert cast.call.status == CallStatus.PUBLISHED
    assert application.status == "submitted"


def test_anonymous_post_is_sent_to_sign_in(client, cast, application):
    response = client.post(reverse("market:application_create", args=[cast.call.pk]), {"text": "x"})
    assert _status(response) == 401
    assert cast.call.applications.count() == 1


def test_predicates(cast):
    call = cast.call
    assert can_view_call(user=cast.colleague, call=call)
    assert not can_view_call(user=cast.outsider, call=call)
    assert not can_view_call(user=cast.user_a, call=call)
    assert can_see_applications(user=cast.team_member, call=call)
    assert not can_see_applications(user=cast.colleague, call=call)
    assert can_manage_call(user=cast.lead, call=call) and can_manage_call(
        user=cast.manager, call=call
    )
    assert not can_manage_call(user=cast.team_member, call=call)
    assert can_decide_applications(user=cast.manager, call=call)
    assert not can_decide_applications(user=cast.team_member, call=call)


def test_access_helpers_raise(cast, application, draft):
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    with pytest.raises(Http404):
        access_public_call(call_id=draft.pk)
    with pytest.raises(Http404):
        access_call(user=cast.user_a, call_id=cast.call.pk)
    with pytest.raises(PermissionDenied):
        access_call(user=cast.colleague, call_id=cast.call.pk, manage=True)
    with pytest.raises(Http404):
        access_application(user=cast.user_b, application_id=application.pk)
    with pytest.raises(PermissionDenied):
        access_application(user=cast.user_a, application_id=application.pk, decide=True)
    with pytest.raises(PermissionDenied):
        access_application(user=cast.manager, application_id=application.pk, withdraw=True)
    assert access_application(user=cast.user_a, application_id=application.pk) == application
