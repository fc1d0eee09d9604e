"""A call's stage: one answer, computed from its dates and the facts the apps above market
register, and the same word on every list; the public market's filters and search."""

import datetime as dt

import pytest
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.urls import reverse
from django.utils import timezone

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import buyer, member
from handslag.market import extensions, selectors, services
from handslag.market.models import Area, Call, CallStatus
from handslag.market.tests.factories import ApplicationFactory, CallFactory
from handslag.testing.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SV = {"HTTP_ACCEPT_LANGUAGE": "sv"}


def _days(n: float) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=n)


@pytest.fixture
def facts(monkeypatch):
    """Which calls are opened or awarded, as tendering and evaluation would tell market."""
    told: dict[str, set[int]] = {"opened": set(), "awarded": set()}

    def fact(name):
        return lambda: ExpressionWrapper(
            Q(pk__in=sorted(told[name]) or [0]), output_field=BooleanField()
        )

    monkeypatch.setattr(
        extensions, "_status_facts", {"opened": fact("opened"), "awarded": fact("awarded")}
    )
    return told


def test_the_stage_follows_the_dates_and_the_records(db, facts):
    draft = CallFactory(status=CallStatus.DRAFT, published_at=None)
    open_call = CallFactory()
    closed_apps = CallFactory(tendering=True)
    closed_tenders = CallFactory(application_deadline=_days(-20), tender_deadline=_days(-1))
    opened = CallFactory(application_deadline=_days(-20), tender_deadline=_days(-1))
    awarded = CallFactory(application_deadline=_days(-20), tender_deadline=_days(-1))
    cancelled = CallFactory(status=CallStatus.CANCELLED, cancelled_at=_days(-1))
    facts["opened"] |= {opened.pk, awarded.pk}
    facts["awarded"].add(awarded.pk)
    expected = {
        draft: "draft",
        open_call: "published",
        closed_apps: "closed_for_applications",
        closed_tenders: "closed_for_tenders",
        opened: "opened",
        awarded: "awarded",
        cancelled: "cancelled",
    }
    for call, stage in expected.items():
        assert Call.objects.get(pk=call.pk).stage == stage, call
    listed = {c.pk: c.stage_value for c in Call.objects.with_stage()}
    assert listed == {c.pk: stage for c, stage in expected.items()}


def test_the_deadline_is_compared_by_time_not_date(db):
    call = CallFactory(application_deadline=timezone.now() + dt.timedelta(minutes=1))
    assert call.stage == "published"
    later = timezone.now() + dt.timedelta(minutes=2)
    assert Call.objects.with_stage(now=later).get(pk=call.pk).stage_value == (
        "closed_for_applications"
    )


def test_an_awarded_call_says_awarded_on_every_list(client, cast, facts):
    call = cast.call
    Call.objects.filter(pk=call.pk).update(
        application_deadline=_days(-30), tender_deadline=_days(-10)
    )
    facts["opened"].add(call.pk)
    facts["awarded"].add(call.pk)
    ApplicationFactory(call=call, supplier=cast.supplier_a, submitted_by=cast.user_a)
    pages = {
        cast.manager: [
            reverse("market:call_list"),
            reverse("market:call_detail", args=[call.pk]),
            reverse("projects:project_detail", args=[cast.project.pk]),
            "/",  # the start page's panels
        ],
        cast.user_a: [reverse("market:supplier_home")],
        None: [
            reverse("market:public_call_list"),
            reverse("market:public_call_detail", args=[call.pk]),
        ],
    }
    for person, urls in pages.items():
        client.logout()
        if person:
            client.force_login(person)
        for url in urls:
            text = client.get(url, **SV).text
            assert "Tilldelad" in text, (person, url)
            assert "Publicerad</span>" not in text
            assert "Öppen för ansökningar</span>" not in text


# --- the public market ------------------------------------------------------------------


@pytest.fixture
def market(db):
    north, south = buyer(name="Norrstad kommun"), buyer(name="Söderby kommun")
    return {
        "old": CallFactory(
            project=ProjectFactory(organisation=north),
            title="Snöröjning med sensorer",
            area=Area.TRANSPORT,
            published_at=_days(-2000),
            application_deadline=_days(-1900),
            tender_deadline=_days(-1800),
        ),
        "soon": CallFactory(
            project=ProjectFactory(organisation=south),
            title="Smarta vattenmätare",
            area=Area.ENVIRONMENT,
            application_deadline=_days(3),
        ),
        "later": CallFactory(
            project=ProjectFactory(organisation=north),
            title="Digitala matsedlar",
            area=Area.FOOD,
            published_at=_days(-1),
            application_deadline=_days(40),
        ),
        "cancelled": CallFactory(
            project=ProjectFactory(organisation=south),
            title="Avbruten tvätt",
            status=CallStatus.CANCELLED,
            cancelled_at=_days(-1),
        ),
        "draft": CallFactory(status=CallStatus.DRAFT, published_at=None, title="Hemligt utkast"),
        "north": north,
        "south": south,
    }


def _titles(client, **params) -> list[str]:
    response = client.get(reverse("market:public_call_list"), params, **SV)
    assert response.status_code == 200, response.content
    return [c.title for c in response.context["calls"]]


def test_open_calls_come_first_nearest_deadline_first_and_no_drafts(client, market):
    titles = _titles(client)
    assert titles[:2] == ["Smarta vattenmätare", "Digitala matsedlar"]
    assert set(titles[2:]) == {"Snöröjning med sensorer", "Avbruten tvätt"}
    assert "Hemligt utkast" not in titles


def test_the_market_filters_by_status_area_buyer_and_deadline(client, market):
    assert _titles(client, status="cancelled") == ["Avbruten tvätt"]
    assert _titles(client, status="closed_for_tenders") == ["Snöröjning med sensorer"]
    assert _titles(client, area="food") == ["Digitala matsedlar"]
    assert _titles(client, buyer=market["north"].pk) == [
        "Digitala matsedlar",
        "Snöröjning med sensorer",
    ]
    week = timezone.localdate() + dt.timedelta(days=7)
    assert _titles(client, deadline_to=week.isoformat(), status="published") == [
        "Smarta vattenmätare"
    ]
    assert _titles(client, deadline_from=week.isoformat()) == [
        "Digitala matsedlar",
        "Avbruten tvätt",
    ]


def test_the_search_matches_title_summary_reference_and_buyer(client, market):
    assert _titles(client, q="vattenMÄTARE") == ["Smarta vattenmätare"]
    assert set(_titles(client, q="Söderby")) == {"Smarta vattenmätare", "Avbruten tvätt"}
    assert _titles(client, q=market["later"].reference) == ["Digitala matsedlar"]
    assert _titles(client, q="Hemligt") == []


def test_an_empty_result_says_what_to_do_and_bad_input_is_refused(client, market):
    response = client.get(reverse("market:public_call_list"), {"q": "zzzz"}, **SV)
    assert "Inga annonser matchar filtren" in response.text
    assert "Visa alla annonser" in response.text
    for params in ({"deadline_from": "2026-13-45"}, {"status": "bogus"}, {"area": "moon"}):
        bad = client.get(reverse("market:public_call_list"), params, **SV)
        assert bad.status_code == 400
        assert "There is a problem" not in bad.text and "Det finns ett problem" in bad.text
    backwards = client.get(
        reverse("market:public_call_list"),
        {"deadline_from": "2026-05-02", "deadline_to": "2026-05-01"},
        **SV,
    )
    assert backwards.status_code == 400
    assert "Slutdatumet får inte komma före startdatumet." in backwards.text


def test_the_pages_keep_the_filters(client, db):
    for n in range(27):
        CallFactory(title=f"Sensorer {n}", area=Area.WASTE)
    CallFactory(title="Annat", area=Area.FOOD)
    first = client.get(reverse("market:public_call_list"), {"area": "waste"})
    assert len(first.context["calls"]) == 25
    assert "area=waste&amp;page=2" in first.text
    second = client.get(reverse("market:public_call_list"), {"area": "waste", "page": 2})
    assert len(second.context["calls"]) == 2


def test_the_api_gives_the_stage_and_filters_the_list(client, market):
    response = client.get("/api/v1/market/calls")
    assert response.status_code == 200
    items = response.json()["items"]
    assert [i["title"] for i in items][:2] == ["Smarta vattenmätare", "Digitala matsedlar"]
    first = items[0]
    assert first["status"] == "published" and first["stage"] == "published"
    assert first["stage_label"] and first["buyer_id"] == market["south"].pk
    cancelled = client.get("/api/v1/market/calls", {"status": "cancelled"}).json()["items"]
    assert [i["title"] for i in cancelled] == ["Avbruten tvätt"]
    assert cancelled[0]["cancel_ground"] == ""
    north = client.get(
        "/api/v1/market/calls", {"buyer_id": market["north"].pk, "area": "food"}
    ).json()
    assert [i["title"] for i in north["items"]] == ["Digitala matsedlar"]
    assert [
        i["title"] for i in client.get("/api/v1/market/calls", {"q": "snö"}).json()["items"]
    ] == ["Snöröjning med sensorer"]
    for params in ({"status": "bogus"}, {"area": "moon"}, {"deadline_from": "igår"}):
        assert client.get("/api/v1/market/calls", params).status_code == 422


def test_the_buyers_api_list_filters_by_stage(client, cast):
    from handslag.testing.api import bearer

    CallFactory(project=cast.project, status=CallStatus.DRAFT, published_at=None)
    headers = bearer(cast.manager)
    drafts = client.get("/api/v1/market/buyer/calls", {"status": "draft"}, **headers).json()
    assert [i["stage"] for i in drafts["items"]] == ["draft"]
    outsider = member(buyer(), OrganisationRole.PROCUREMENT_OFFICER)
    none = client.get("/api/v1/market/buyer/calls", {"status": "draft"}, **bearer(outsider))
    assert none.json()["items"] == []


def test_cancelling_moves_the_call_to_the_end_of_the_market(client, cast):
    other = CallFactory(application_deadline=_days(60), title="Kvar")
    services.call_cancel(actor=cast.manager, call=cast.call, reason="Budgeten drogs in.")
    titles = _titles(client)
    assert titles == ["Kvar", cast.call.title]
    assert selectors.call_list_market(stage="cancelled").get() == Call.objects.get(pk=cast.call.pk)
    assert other.stage == "published"
