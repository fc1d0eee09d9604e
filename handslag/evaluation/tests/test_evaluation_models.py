"""The stored evaluation model: setting it, its lock, and the ranking and matrix it drives."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from openpyxl import load_workbook

from handslag.audit.models import AuditEntry
from handslag.evaluation import results, selectors, services
from handslag.evaluation.audit_actions import EvaluationAction
from handslag.evaluation.models import EvaluationModel
from handslag.evaluation.tests.factories import Scenario

pytestmark = pytest.mark.django_db

DEDUCTIONS = {"Feasibility": "300000", "Effect": "300000", "Business viability": "200000"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def s():
    return Scenario()


def weighted(s, **kw):
    return services.evaluation_model_set(
        actor=s.lead, call=s.call, kind="weighted_points", price_ceiling="4000000", **kw
    )


def test_set_weighted_points_is_audited(s):
    model = weighted(s)
    assert (model.kind, model.price_ceiling) == ("weighted_points", Decimal("4000000"))
    entry = AuditEntry.objects.get(action=EvaluationAction.TENDER_EVALUATION_MODEL_SET)
    assert entry.data["price_ceiling"] == "4000000.00"


def test_set_again_replaces(s):
    weighted(s)
    services.evaluation_model_set(
        actor=s.officer, call=s.call, kind="added_value", max_deductions=DEDUCTIONS
    )
    model = EvaluationModel.objects.get(call=s.call)
    assert model.kind == "added_value"
    assert model.price_ceiling is None
    assert model.max_deductions["Effect"] == "300000"


@pytest.mark.parametrize("who", ["evaluator", "team", "official", "supplier_a", "outsider_staff"])
def test_only_criteria_managers_may_set(s, who):
    with pytest.raises(PermissionDenied):
        services.evaluation_model_set(
            actor=getattr(s, who), call=s.call, kind="weighted_points", price_ceiling="1"
        )
    assert not EvaluationModel.objects.exists()


def test_locked_with_the_criteria(s):
    with pytest.raises(ValidationError, match="locked"):
        services.evaluation_model_set(
            actor=s.lead,
            call=s.call,
            kind="weighted_points",
            price_ceiling="1000",
            now=s.after_deadline(),
        )
    assert not EvaluationModel.objects.exists()


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"kind": "weighted_points"}, "price ceiling"),
        ({"kind": "weighted_points", "price_ceiling": "-5"}, "above zero"),
        ({"kind": "weighted_points", "price_ceiling": "abc"}, "number"),
        ({"kind": "weighted_points", "price_ceiling": "9", "price_floor": "1"}, "HFD 2022 ref. 41"),
        ({"kind": "added_value"}, "maximum deduction"),
        ({"kind": "added_value", "max_deductions": {"Nope": "1"}}, "Nope"),
        ({"kind": "quality_price_ratio", "relative_price": True}, "Relative"),
        ({"kind": "lottery"}, "Choose"),
    ],
)
def test_bad_input_refused_and_changes_nothing(s, kw, message):
    weighted(s)
    with pytest.raises(ValidationError, match=message):
        services.evaluation_model_set(actor=s.lead, call=s.call, **kw)
    model = EvaluationModel.objects.get(call=s.call)
    assert (model.kind, model.price_ceiling) == ("weighted_points", Decimal("4000000"))
    assert (
        AuditEntry.objects.filter(action=EvaluationAction.TENDER_EVALUATION_MODEL_SET).count() == 1
    )


def _opened_with_scores(s, model=weighted):
    model(s)
    cheap = s.submit(s.supplier_a, price="1000000")
    dear = s.submit(s.supplier_b, price="3000000")
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    s.consensus_all({cheap.pk: 3, dear.pk: 4})
    return cheap, dear


def test_price_criterion_not_scored_by_hand_under_a_model(s):
    weighted(s)
    assert [c.name for c in results.scored_criteria_of(call=s.call)] == [
        "Feasibility",
        "Effect",
        "Business viability",
    ]


def test_ranking_uses_the_unsealed_prices(s):
    cheap, dear = _opened_with_scores(s)
    rows = {r.tender.pk: r for r in results.ranking_of(call=s.call)}
    # cheap: quality 80 × 3/5 = 48, price 20 × 3/4 = 15; dear: 64 + 5.
    assert rows[cheap.pk].points == Decimal("63.00")
    assert rows[dear.pk].points == Decimal("69.00")
    assert rows[dear.pk].rank == 1 and rows[cheap.pk].rank == 2
    assert rows[cheap.pk].price == Decimal("1000000")
    assert results.consensus_complete(call=s.call)


def test_added_value_ranking(s):
    def added(s):
        return services.evaluation_model_set(
            actor=s.lead, call=s.call, kind="added_value", max_deductions=DEDUCTIONS
        )

    cheap, dear = _opened_with_scores(s, added)
    rows = {r.tender.pk: r for r in results.ranking_of(call=s.call)}
    assert rows[cheap.pk].points == Decimal("520000.00")  # 1 000 000 − 3/5 × 800 000
    assert rows[dear.pk].points == Decimal("2360000.00")
    assert rows[cheap.pk].rank == 1


def test_without_a_model_points_are_by_hand_scored_price(s):
    tender = s.submit(s.supplier_a)
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    s.consensus_all({tender.pk: 5})
    (row,) = results.ranking_of(call=s.call)
    assert row.points == Decimal("100.00") and row.price is None


def test_robustness_after_scoring(s):
    _opened_with_scores(s)
    result = selectors.robustness_for(user=s.team, call=s.call)
    by_name = {m["criterion"]: m for m in result["margins"]}
    assert set(by_name) == {"Feasibility", "Effect", "Business viability", "Price"}
    assert by_name["Price"]["upper"] == Decimal("28.57")
    # Without feasibility the two tie exactly: the winner changes at 0 %, shown as 0.00.
    assert str(by_name["Feasibility"]["lower"]) == "0.00"
    assert by_name["Feasibility"]["margin"] == Decimal("30.00")


def test_robustness_refused_to_undeclared_evaluator(s):
    from handslag.tendering.tests.factories import team_member

    _opened_with_scores(s)
    undeclared = team_member(s.project, "evaluator")
    with pytest.raises(PermissionDenied):
        selectors.robustness_for(user=undeclared, call=s.call)


def test_matrix_export(s):
    cheap, dear = _opened_with_scores(s)
    data = services.evaluation_matrix_export(actor=s.team, call=s.call)
    sheet = load_workbook(io.BytesIO(data)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0][:3] == ["Criterion", "Kind", "Weight (%)"]
    assert values[-1][0] == "Rank"
    assert values[-1][3:] == [1, 2]
    assert (
        AuditEntry.objects.filter(action=EvaluationAction.TENDER_EVALUATION_MATRIX_EXPORT).count()
        == 1
    )


def test_matrix_export_refused_before_opening(s):
    weighted(s)
    s.submit(s.supplier_a)
    with pytest.raises(PermissionDenied):
        services.evaluation_matrix_export(actor=s.team, call=s.call)
    assert not AuditEntry.objects.filter(
        action=EvaluationAction.TENDER_EVALUATION_MATRIX_EXPORT
    ).exists()


def test_simulation(s):
    result = selectors.simulation_run(
        call=s.call,
        kind="weighted_points",
        price_ceiling="1000",
        tenders=[
            {"name": "A", "price": "100", "scores": {"Feasibility": 5, "Effect": 5}},
            {"name": "B", "price": "2000", "scores": {}},
        ],
    )
    assert [r.name for r in result["rows"]] == ["A", "B"]
    assert any("ceiling" in w for w in result["warnings"])


@pytest.mark.parametrize(
    ("tenders", "message"),
    [
        ([], "at least one"),
        ([{"name": "", "price": "1"}], "name"),
        ([{"name": "A", "price": "1"}, {"name": "a", "price": "2"}], "same name"),
        ([{"name": "A"}], "price"),
    ],
)
def test_simulation_refusals(s, tenders, message):
    with pytest.raises(ValidationError, match=message):
        selectors.simulation_run(
            call=s.call, kind="weighted_points", price_ceiling="1000", tenders=tenders
        )


def test_matrix_without_a_model_uses_hand_scored_price(s):
    a = s.submit(s.supplier_a)
    s.open()
    s.score_all(s.evaluator)
    s.score_all(s.evaluator2)
    s.consensus_all({a.pk: 4})
    sheet = load_workbook(
        io.BytesIO(services.evaluation_matrix_export(actor=s.lead, call=s.call))
    ).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [v[0] for v in values[1:5]] == [c.name for c in s.criteria]
    assert [v[3] for v in values[1:5]] == [4, 4, 4, 4]
    assert values[-2][3] == 80


def test_award_document_names_the_model_measure(s):
    from handslag.evaluation.documents import award_document

    services.evaluation_model_set(
        actor=s.lead, call=s.call, kind="added_value", max_deductions=DEDUCTIONS
    )
    cheap, _dear = _opened_with_scores(s, lambda s: None)
    services.award_decide(
        actor=s.lead,
        call=s.call,
        tender=cheap,
        justification="Lowest comparison price.",
        notice_sent_on=timezone.localdate(s.after_deadline()) + dt.timedelta(days=1),
        now=s.after_deadline(),
    )
    text = str(award_document(call=s.call).blocks)
    assert "Comparison price (SEK)" in text
