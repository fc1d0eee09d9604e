"""The evaluation models in plain Python: arithmetic, refusals, simulator and robustness."""

from decimal import Decimal as D

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handslag.evaluation.award_models import (
    ADDED_VALUE,
    PRICE,
    QUALITY,
    QUALITY_PRICE_RATIO,
    WEIGHTED_POINTS,
    CriterionSpec,
    ModelConfig,
    ModelError,
    TenderInput,
    evaluate,
    robustness,
    simulate,
)

QUALITY_CRITERIA = (
    CriterionSpec("f", "Feasibility", QUALITY, D(30), D(300_000)),
    CriterionSpec("e", "Effect", QUALITY, D(30), D(300_000)),
    CriterionSpec("b", "Business", QUALITY, D(20), D(200_000)),
)
CRITERIA = (*QUALITY_CRITERIA, CriterionSpec("p", "Price", PRICE, D(20)))


def weighted(**kw) -> ModelConfig:
    return ModelConfig(WEIGHTED_POINTS, CRITERIA, price_ceiling=D(4_000_000), **kw)


def tender(name: str, price: int | D, f: int = 3, e: int = 3, b: int = 3) -> TenderInput:
    return TenderInput(name, D(price), {"f": f, "e": e, "b": b})


def test_weighted_points_absolute_price_scale():
    result = evaluate(weighted(), [tender("A", 1_000_000, 5, 5, 5), tender("B", 4_000_000)])
    a, b = result.results
    assert (a.name, a.quality_points, a.price_points, a.value, a.rank) == (
        "A",
        D("80.00"),
        D("15.00"),
        D("95.00"),
        1,
    )
    assert (b.price_points, b.value) == (D("0.00"), D("48.00"))
    assert [n.code for n in result.notices] == ["above_ceiling"]


def test_price_zero_gets_full_points_and_above_ceiling_none():
    result = evaluate(weighted(), [tender("A", 0), tender("B", 9_000_000)]).by_name()
    assert result["A"].price_points == D("20.00")
    assert result["B"].price_points == D("0.00")


def test_quality_price_ratio_highest_wins():
    config = ModelConfig(QUALITY_PRICE_RATIO, CRITERIA)
    result = evaluate(config, [tender("A", 2_000_000, 5, 5, 5), tender("B", 1_000_000, 2, 2, 2)])
    assert [(r.name, r.value) for r in result.results] == [("A", D("50.00")), ("B", D("40.00"))]


def test_added_value_comparison_price():
    config = ModelConfig(ADDED_VALUE, CRITERIA)
    result = evaluate(config, [tender("A", 2_400_000, 5, 5, 5), tender("B", 2_000_000, 0, 0, 0)])
    a = result.by_name()["A"]
    assert a.deduction == D("800000.00")
    assert a.value == D("1600000.00")
    assert result.results[0].name == "A"


def test_relative_price_needs_flag_and_always_warns():
    config = ModelConfig(WEIGHTED_POINTS, CRITERIA, relative_price=True)
    result = evaluate(config, [tender("A", 1_000_000), tender("B", 2_000_000)])
    assert result.by_name()["B"].price_points == D("10.00")
    assert "relative_price" in [n.code for n in result.notices]
    with pytest.raises(ModelError) as error:
        evaluate(ModelConfig(WEIGHTED_POINTS, CRITERIA), [tender("A", 1)])
    assert error.value.code == "ceiling_required"


@pytest.mark.parametrize("kind", [WEIGHTED_POINTS, QUALITY_PRICE_RATIO, ADDED_VALUE])
def test_price_floor_above_zero_refused(kind):
    config = ModelConfig(kind, CRITERIA, price_ceiling=D(10), price_floor=D(1))
    with pytest.raises(ModelError) as error:
        evaluate(config, [tender("A", 5)])
    assert error.value.code == "price_floor"
    assert "HFD 2022 ref. 41" in str(error.value)


@pytest.mark.parametrize(
    ("config", "tenders", "code"),
    [
        (ModelConfig("lottery", CRITERIA), [], "unknown_kind"),
        (ModelConfig(QUALITY_PRICE_RATIO, CRITERIA, relative_price=True), [], "relative_not_here"),
        (ModelConfig(QUALITY_PRICE_RATIO, CRITERIA), [tender("A", 0)], "zero_price_ratio"),
        (
            ModelConfig(ADDED_VALUE, (CriterionSpec("x", "X", QUALITY, D(100)),)),
            [],
            "deduction_required",
        ),
        (weighted(), [tender("A", -1)], "negative_price"),
        (weighted(), [tender("A", 1, f=6)], "score_out_of_range"),
    ],
)
def test_refusals(config, tenders, code):
    with pytest.raises(ModelError) as error:
        evaluate(config, tenders)
    assert error.value.code == code


def test_simulator_finds_reversal_only_under_relative_scoring():
    # B beats C while A (very cheap) sets the lowest price; without A, C's cheapness wins.
    tenders = [
        tender("A", 100_000, 0, 0, 0),
        tender("B", 1_000_000, 5, 5, 5),
        tender("C", 200_000, 4, 4, 4),
    ]
    relative = ModelConfig(
        WEIGHTED_POINTS,
        (
            CriterionSpec("f", "F", QUALITY, D(10)),
            *QUALITY_CRITERIA[1:2],
            CriterionSpec("p", "P", PRICE, D(60)),
        ),
        relative_price=True,
    )
    codes = [n.code for n in simulate(relative, tenders).notices]
    assert "relative_price" in codes
    assert "rank_reversal_removed" in codes or "rank_reversal_added" in codes
    absolute = simulate(weighted(), tenders)
    assert not [n for n in absolute.notices if n.code.startswith("rank_reversal")]


def test_robustness_weighted_points():
    tenders = [tender("A", 2_000_000, 4, 4, 4), tender("B", 1_000_000, 3, 3, 3)]
    margins = {m.key: m for m in robustness(weighted(), tenders)}
    assert margins["p"].share == D("20.00")
    # A wins on quality; enough weight on price lets B win.
    assert margins["p"].upper is not None and margins["p"].upper > D(20)
    assert margins["p"].lower is None


def test_robustness_matches_a_recomputation():
    tenders = [tender("A", 2_000_000, 4, 4, 4), tender("B", 1_000_000, 3, 3, 3)]
    upper = {m.key: m for m in robustness(weighted(), tenders)}["p"].upper
    share = upper / 100

    def ranked_first(price_share: D) -> str:
        scale = (1 - price_share) / D("0.8")
        crit = tuple(
            CriterionSpec(c.key, c.name, c.kind, c.weight * scale) for c in QUALITY_CRITERIA
        ) + (CriterionSpec("p", "P", PRICE, price_share * 100),)
        return (
            evaluate(ModelConfig(WEIGHTED_POINTS, crit, price_ceiling=D(4_000_000)), tenders)
            .results[0]
            .name
        )

    assert ranked_first(share - D("0.01")) == "A"
    assert ranked_first(share + D("0.01")) == "B"


def test_robustness_added_value_and_never():
    config = ModelConfig(ADDED_VALUE, CRITERIA)
    tenders = [tender("A", 1_000_000, 5, 5, 5), tender("B", 2_000_000, 0, 0, 0)]
    margins = robustness(config, tenders)
    assert len(margins) == 3
    assert all(m.margin is None for m in margins)  # A is cheaper and better: never changes


# --- properties ---------------------------------------------------------------------------

prices = st.decimals(min_value=1, max_value=10_000_000, places=2)
scores = st.fixed_dictionaries({k: st.integers(0, 5) for k in "feb"})
kinds = st.sampled_from([WEIGHTED_POINTS, QUALITY_PRICE_RATIO, ADDED_VALUE])


def absolute(kind: str) -> ModelConfig:
    return ModelConfig(kind, CRITERIA, price_ceiling=D(5_000_000))


@settings(max_examples=60, deadline=None)
@given(
    kind=kinds,
    others=st.lists(st.tuples(prices, scores), max_size=4),
    mine=st.tuples(prices, prices, scores),
)
def test_lower_price_same_quality_never_ranks_worse(kind, others, mine):
    high, low = max(mine[0], mine[1]), min(mine[0], mine[1])
    rest = [TenderInput(f"o{i}", p, s) for i, (p, s) in enumerate(others)]
    rank_high = evaluate(absolute(kind), [*rest, TenderInput("me", high, mine[2])]).by_name()["me"]
    rank_low = evaluate(absolute(kind), [*rest, TenderInput("me", low, mine[2])]).by_name()["me"]
    assert rank_low.rank <= rank_high.rank
    if kind == ADDED_VALUE:
        assert rank_low.value <= rank_high.value
    else:
        assert rank_low.value >= rank_high.value


@settings(max_examples=60, deadline=None)
@given(
    kind=kinds,
    tenders=st.lists(st.tuples(prices, scores), min_size=2, max_size=5),
    extra=st.tuples(prices, scores),
)
def test_adding_a_tender_never_reorders_two_others(kind, tenders, extra):
    inputs = [TenderInput(f"t{i}", p, s) for i, (p, s) in enumerate(tenders)]
    before = evaluate(absolute(kind), inputs).by_name()
    after = evaluate(absolute(kind), [*inputs, TenderInput("new", *extra)]).by_name()
    for a in before:
        for b in before:
            assert (before[a].value > before[b].value) == (after[a].value > after[b].value)
    assert not [
        n for n in simulate(absolute(kind), inputs).notices if n.code.startswith("rank_reversal")
    ]


@settings(max_examples=60, deadline=None)
@given(price=st.decimals(min_value=0, max_value=10_000_000, places=2), s=scores)
def test_weighted_total_at_most_100(price, s):
    result = evaluate(absolute(WEIGHTED_POINTS), [TenderInput("x", price, s)]).results[0]
    assert D(0) <= result.value <= D(100)


def _first_with_deductions(tenders: list[TenderInput], share_f: D, total: D) -> str:
    others = total * (1 - share_f) / D(500_000)  # e and b hold 300k:200k
    crit = (
        CriterionSpec("f", "F", QUALITY, D(30), total * share_f),
        CriterionSpec("e", "E", QUALITY, D(30), others * D(300_000)),
        CriterionSpec("b", "B", QUALITY, D(20), others * D(200_000)),
        CriterionSpec("p", "P", PRICE, D(20)),
    )
    return evaluate(ModelConfig(ADDED_VALUE, crit), tenders).results[0].name


def test_robustness_added_value_crossover_matches_recomputation():
    # A wins on feasibility; B is cheaper and better on the others.
    tenders = [tender("A", 2_000_000, 5, 2, 2), tender("B", 1_900_000, 1, 3, 3)]
    config = ModelConfig(ADDED_VALUE, CRITERIA)
    assert evaluate(config, tenders).results[0].name == "A"
    f = {m.key: m for m in robustness(config, tenders)}["f"]
    assert f.share == D("37.50")
    assert f.lower is not None and f.upper is None
    total = D(800_000)
    below, above = (f.lower - D("0.1")) / 100, (f.lower + D("0.1")) / 100
    assert _first_with_deductions(tenders, below, total) == "B"
    assert _first_with_deductions(tenders, above, total) == "A"


def test_robustness_ratio_has_a_margin_per_quality_criterion():
    config = ModelConfig(QUALITY_PRICE_RATIO, CRITERIA)
    tenders = [tender("A", 1_000_000, 5, 1, 1), tender("B", 1_000_000, 1, 4, 4)]
    margins = {m.key: m for m in robustness(config, tenders)}
    assert set(margins) == {"f", "e", "b"}
    assert margins["f"].margin is not None


def test_robustness_tie_has_zero_margin():
    margins = robustness(weighted(), [tender("A", 1_000_000), tender("B", 1_000_000)])
    assert all(m.margin == 0 for m in margins)
