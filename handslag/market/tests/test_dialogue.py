"""RFIs and dialogue events: services and the rules around them."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from handslag.accounts.tests.factories import buyer, member, supplier
from handslag.audit.models import AuditEntry
from handslag.market import selectors, services
from handslag.market.audit_actions import MarketAction
from handslag.market.models import DialogueEvent, Rfi, RfiResponse, RfiStatus

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


def _rfi(cast, **changes) -> Rfi:
    data = {
        "title": "Hur mäter ni vatten?",
        "introduction": "Vi vill förstå marknaden för bevattningsstyrning.",
        "deadline": timezone.now() + dt.timedelta(days=20),
        "questions": ["Vilka sensorer finns?", "", "Vad kostar drift per år?"],
    }
    data.update(changes)
    return services.rfi_create(actor=cast.manager, project=cast.project, **data)


def test_rfi_life_cycle_and_summary(cast):
    rfi = _rfi(cast)
    assert [q.text for q in rfi.questions.all()] == [
        "Vilka sensorer finns?",
        "Vad kostar drift per år?",
    ]
    assert rfi.status == RfiStatus.DRAFT
    assert list(selectors.rfi_list_published()) == []
    services.rfi_publish(actor=cast.manager, rfi=rfi)
    assert list(selectors.rfi_list_published()) == [rfi]
    q1, q2 = rfi.questions.all()
    services.rfi_respond(
        actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={q1.pk: "Jordfukt", q2.pk: ""}
    )
    services.rfi_respond(
        actor=cast.user_b,
        rfi=rfi,
        supplier=cast.supplier_b,
        answers={q1.pk: "Flöde", q2.pk: "1 kr"},
    )
    summary = selectors.rfi_summary(user=cast.team_member, rfi=rfi)
    assert summary["responses"] == 2 and summary["sme"] == 2
    first, second = summary["questions"]
    assert first.answered == 2 and second.answered == 1
    assert {a.supplier.name for a in first.answers} == {"Sensor A AB", "Sensor B AB"}
    # Outside the team the summary is empty.
    assert selectors.rfi_summary(user=cast.colleague, rfi=rfi)["responses"] == 0
    assert selectors.rfi_summary(user=cast.user_a, rfi=rfi)["questions"] == []
    services.rfi_close(actor=cast.lead, rfi=rfi)
    with pytest.raises(ValidationError, match="not open"):
        services.rfi_respond(
            actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={q1.pk: "Igen"}
        )
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        MarketAction.RFI_CREATE,
        MarketAction.RFI_PUBLISH,
        MarketAction.RFI_RESPOND,
        MarketAction.RFI_CLOSE,
    } <= actions


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"title": " "}, "title"),
        ({"introduction": ""}, "introduction"),
        ({"questions": ["", "  "]}, "questions"),
        ({"questions": ["x"] * 31}, "questions"),
        ({"deadline": timezone.now() - dt.timedelta(hours=1)}, "deadline"),
        ({"area": "moon"}, "area"),
    ],
)
def test_rfi_create_refuses_bad_input(cast, changes, field):
    with pytest.raises(ValidationError) as error:
        _rfi(cast, **changes)
    assert field in error.value.message_dict
    assert not Rfi.objects.exists()


def test_rfi_refused_for_wrong_people(cast):
    for actor in (cast.team_member, cast.colleague, cast.outsider, cast.user_a):
        with pytest.raises(PermissionDenied):
            services.rfi_create(
                actor=actor,
                project=cast.project,
                title="x",
                introduction="y",
                deadline=timezone.now() + dt.timedelta(days=3),
                questions=["z"],
            )
    rfi = _rfi(cast)
    with pytest.raises(PermissionDenied):
        services.rfi_publish(actor=cast.team_member, rfi=rfi)
    with pytest.raises(ValidationError):
        services.rfi_close(actor=cast.manager, rfi=rfi)  # a draft cannot be closed


def test_rfi_response_rules(cast):
    rfi = _rfi(cast)
    q1, q2 = rfi.questions.all()
    with pytest.raises(ValidationError, match="not open"):  # a draft
        services.rfi_respond(actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={})
    services.rfi_publish(actor=cast.manager, rfi=rfi)
    with pytest.raises(PermissionDenied):
        services.rfi_respond(
            actor=cast.user_b, rfi=rfi, supplier=cast.supplier_a, answers={q1.pk: "x"}
        )
    with pytest.raises(ValidationError, match="at least one"):
        services.rfi_respond(
            actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={q1.pk: " "}
        )
    with pytest.raises(ValidationError, match="do not match"):
        services.rfi_respond(
            actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={999999: "x"}
        )
    services.rfi_respond(actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={q2.pk: "y"})
    with pytest.raises(ValidationError, match="already answered"):
        services.rfi_respond(
            actor=cast.user_a, rfi=rfi, supplier=cast.supplier_a, answers={q1.pk: "x"}
        )
    with pytest.raises(ValidationError, match="not open"):
        services.rfi_respond(
            actor=cast.user_b,
            rfi=rfi,
            supplier=cast.supplier_b,
            answers={q1.pk: "x"},
            now=rfi.deadline + dt.timedelta(seconds=1),
        )
    assert RfiResponse.objects.count() == 1


def test_dialogue_event_with_invited_suppliers(cast):
    event = services.dialogue_event_create(
        actor=cast.manager,
        project=cast.project,
        kind="sprint",
        title="Innovationssprint 1",
        starts_at=timezone.now() + dt.timedelta(days=10),
        description="Två dagar i Ystad.",
        invited=[cast.supplier_a],
    )
    assert list(selectors.event_list_for_supplier(user=cast.user_a)) == [event]
    assert list(selectors.event_list_for_supplier(user=cast.user_b)) == []
    assert list(selectors.event_list_for_user(user=cast.team_member)) == [event]
    services.dialogue_event_update(
        actor=cast.lead, event=event, notes="Sex företag valdes.", invited=[cast.supplier_b]
    )
    event.refresh_from_db()
    assert event.notes == "Sex företag valdes."
    assert list(event.invited.all()) == [cast.supplier_b]
    assert AuditEntry.objects.filter(action__startswith="dialogue_event.").count() == 2


def test_dialogue_event_refusals(cast):
    starts = timezone.now() + dt.timedelta(days=1)
    with pytest.raises(PermissionDenied):
        services.dialogue_event_create(
            actor=cast.team_member, project=cast.project, title="x", starts_at=starts
        )
    with pytest.raises(ValidationError) as error:
        services.dialogue_event_create(
            actor=cast.manager,
            project=cast.project,
            title=" ",
            kind="party",
            starts_at=starts,
            invited=[buyer()],
        )
    assert {"title", "kind", "invited"} <= set(error.value.message_dict)
    assert not DialogueEvent.objects.exists()
    event = services.dialogue_event_create(
        actor=cast.manager, project=cast.project, title="Möte", starts_at=starts
    )
    with pytest.raises(PermissionDenied):
        services.dialogue_event_update(actor=cast.user_a, event=event, notes="x")
    with pytest.raises(ValidationError):
        services.dialogue_event_update(actor=cast.manager, event=event, invited=[buyer()])


def test_supplier_list_only_for_buyer_staff(cast):
    other = supplier(name="Tredje AB")
    assert other in selectors.supplier_list(user=cast.colleague)
    assert list(selectors.supplier_list(user=cast.user_a)) == []
    assert list(selectors.supplier_list(user=member(supplier()))) == []
