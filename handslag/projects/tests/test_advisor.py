"""The procedure advisor: a pure function, and the page that asks and links to project creation."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member, supplier
from handslag.projects import advisor
from handslag.projects.advisor import Answers, recommend
from handslag.projects.tests.factories import need_statement, shipped
from handslag.rules.thresholds import Category, Comparison, Threshold


def answers(**fields) -> Answers:
    values = {
        "market_solution": "no",
        "rnd_needed": "yes",
        "will_purchase": "yes",
        "estimated_value": 10_000_000,
        "several_buyers": False,
        "months_available": 36,
    } | fields
    return Answers(**values)


def _row(category, start, end, sek, eur=None) -> Threshold:
    return Threshold(
        category=category,
        valid_from=date.fromisoformat(start),
        valid_to=date.fromisoformat(end),
        sek=sek,
        eur=eur,
        source_title="Upphandlingsmyndigheten",
        source_url="https://www.upphandlingsmyndigheten.se/",
    )


C = Category
TABLE = [
    _row(C.CENTRAL_SUPPLIES_SERVICES, "2024-01-01", "2025-12-31", 1_546_202, 143_000),
    _row(C.OTHER_SUPPLIES_SERVICES, "2024-01-01", "2025-12-31", 2_389_585, 221_000),
    _row(C.WORKS, "2024-01-01", "2025-12-31", 59_880_179, 5_538_000),
    _row(C.SOCIAL_SERVICES, "2024-01-01", "2025-12-31", 8_109_450, 750_000),
    _row(C.DIRECT_AWARD, "2024-01-01", "2025-12-31", 700_000),
    _row(C.OTHER_SUPPLIES_SERVICES, "2026-01-01", "2027-12-31", None, 216_000),
    _row(C.DIRECT_AWARD, "2026-01-01", "2027-12-31", 700_000),
]
IN_2025 = date(2025, 6, 1)


def advise(on: date = IN_2025, **fields):
    return recommend(answers(**fields), table=TABLE, on=on)


@pytest.fixture
def english():
    with translation.override("en"):
        yield


@pytest.mark.usefixtures("english")
class TestRecommend:
    def test_rnd_and_purchase_gives_innovation_partnership(self) -> None:
        advice = advise()
        assert advice.key == advisor.INNOVATION_PARTNERSHIP
        assert set(advice.ruled_out) == set(advisor.ALL_KEYS) - {advice.key}
        assert all(advice.ruled_out.values())
        assert advice.above_threshold
        assert len(advice.reasons) == 2

    def test_rnd_without_purchase_gives_pre_commercial(self) -> None:
        for purchase in ("no", "unsure"):
            advice = advise(will_purchase=purchase)
            assert advice.key == advisor.PRE_COMMERCIAL
            assert "innovation_partnership" in advice.ruled_out

    def test_existing_solution_gives_open_procedure(self) -> None:
        advice = advise(market_solution="yes", rnd_needed="no")
        assert advice.key == advisor.OPEN_FUNCTIONAL
        assert advisor.OPEN_FUNCTIONAL not in advice.ruled_out

    def test_partly_existing_gives_negotiated(self) -> None:
        assert advise(market_solution="partly", rnd_needed="no").key == advisor.NEGOTIATED

    def test_unknown_market_without_rnd_gives_dialogue(self) -> None:
        advice = advise(market_solution="unsure", rnd_needed="no")
        assert advice.key == advisor.COMPETITIVE_DIALOGUE

    def test_unsure_rnd_with_nothing_on_market_counts_as_rnd(self) -> None:
        assert advise(rnd_needed="unsure").key == advisor.INNOVATION_PARTNERSHIP

    def test_threshold_by_buyer_and_contract(self) -> None:
        below = advise(estimated_value=1_000_000)
        assert not below.above_threshold
        assert any("EU" in n for n in below.notes)
        central = advise(estimated_value=2_000_000, buyer_kind="central")
        assert central.above_threshold
        assert central.threshold.category == C.CENTRAL_SUPPLIES_SERVICES
        local = advise(estimated_value=2_000_000, buyer_kind="sub_central")
        assert not local.above_threshold
        works = advise(estimated_value=40_000_000, contract_kind="works")
        assert not works.above_threshold
        assert works.threshold.sek == 59_880_179

    def test_value_equal_to_the_threshold_follows_the_eu_rules(self) -> None:
        advice = advise(estimated_value=2_389_585, market_solution="yes", rnd_needed="no")
        assert advice.above_threshold
        assert advice.key == advisor.OPEN_FUNCTIONAL
        just_below = advise(estimated_value=2_389_584, market_solution="yes", rnd_needed="no")
        assert just_below.key == advisor.SIMPLIFIED

    def test_period_in_force_on_the_advice_date_is_used_and_named(self) -> None:
        advice = advise(on=date(2025, 12, 31), estimated_value=1_000_000)
        assert advice.threshold.valid_from == date(2024, 1, 1)
        assert advice.on == date(2025, 12, 31)
        new_year = advise(on=date(2026, 1, 1), estimated_value=1_000_000)
        assert new_year.threshold.valid_from == date(2026, 1, 1)

    def test_threshold_without_kronor_applies_the_eu_rules_and_says_so(self) -> None:
        """The 2026 row has only its euro value: a value cannot be shown to be below it."""
        advice = advise(
            on=date(2026, 3, 1), estimated_value=1_000_000, market_solution="yes", rnd_needed="no"
        )
        assert advice.comparison == Comparison.UNKNOWN
        assert advice.above_threshold
        assert advice.key == advisor.OPEN_FUNCTIONAL
        assert any("216" in n and "not recorded" in n for n in advice.notes)
        assert "Only below the EU threshold" in advice.ruled_out[advisor.SIMPLIFIED]

    def test_no_row_for_the_date_applies_the_eu_rules(self) -> None:
        advice = advise(on=date(2030, 1, 1), estimated_value=10, rnd_needed="no")
        assert advice.threshold is None
        assert advice.above_threshold
        assert advice.key not in advisor.BELOW_THRESHOLD_KEYS

    def test_short_time_and_several_buyers_noted(self) -> None:
        advice = advise(months_available=12, several_buyers=True)
        assert advice.key == advisor.INNOVATION_PARTNERSHIP
        assert len(advice.notes) == 2
        assert not advise(months_available=30).notes


@pytest.mark.usefixtures("english")
class TestBelowThreshold:
    """LOU 19 kap.: no prescribed procedure below the threshold; 19 a kap.: direct award."""

    def test_existing_solution_below_threshold_gives_simplified(self) -> None:
        advice = advise(estimated_value=1_500_000, market_solution="yes", rnd_needed="no")
        assert advice.key == advisor.SIMPLIFIED
        assert any("below the EU threshold" in r for r in advice.reasons)
        assert any("reasonable time" in n for n in advice.notes)
        assert "allowed but not required" in advice.ruled_out[advisor.OPEN_FUNCTIONAL]
        assert "700" in advice.ruled_out[advisor.DIRECT_AWARD]
        assert set(advice.ruled_out) == set(advisor.ALL_KEYS) - {advice.key}

    def test_adapting_or_unknown_below_threshold_gives_selective(self) -> None:
        for market in ("partly", "unsure"):
            advice = advise(estimated_value=1_500_000, market_solution=market, rnd_needed="no")
            assert advice.key == advisor.SELECTIVE

    def test_below_direct_award_limit_gives_direct_award_with_documentation(self) -> None:
        advice = advise(estimated_value=699_999, market_solution="yes", rnd_needed="no")
        assert advice.key == advisor.DIRECT_AWARD
        assert advice.direct_award_allowed
        assert advice.direct_award_limit.sek == 700_000
        assert any("must be documented" in r for r in advice.reasons)
        assert all(advice.ruled_out.values())

    def test_direct_award_limit_is_700_000_not_28_per_cent(self) -> None:
        """Since 1 February 2022 the limit is fixed; 28 % of 2 389 585 kr would be 669 084."""
        advice = advise(estimated_value=690_000, market_solution="yes", rnd_needed="no")
        assert advice.key == advisor.DIRECT_AWARD
        at_limit = advise(estimated_value=700_000, market_solution="yes", rnd_needed="no")
        assert at_limit.key == advisor.SIMPLIFIED

    def test_small_direct_award_needs_no_documentation(self) -> None:
        advice = advise(estimated_value=99_999, market_solution="yes", rnd_needed="no")
        assert advice.key == advisor.DIRECT_AWARD
        assert not any("must be documented" in r for r in advice.reasons)
        assert any("no documentation" in n for n in advice.notes)

    def test_social_services_direct_award_up_to_their_threshold(self) -> None:
        advice = advise(
            estimated_value=5_000_000,
            contract_kind="social_services",
            market_solution="yes",
            rnd_needed="no",
        )
        assert advice.threshold.category == C.SOCIAL_SERVICES
        assert advice.key == advisor.DIRECT_AWARD
        above = advise(
            estimated_value=8_109_450,
            contract_kind="social_services",
            market_solution="yes",
            rnd_needed="no",
        )
        assert above.above_threshold
        assert above.key == advisor.OPEN_FUNCTIONAL

    def test_rnd_keeps_its_procedures_below_the_threshold(self) -> None:
        advice = advise(estimated_value=500_000)
        assert advice.key == advisor.INNOVATION_PARTNERSHIP
        assert "competition" in advice.ruled_out[advisor.DIRECT_AWARD]
        assert advise(estimated_value=500_000, will_purchase="no").key == advisor.PRE_COMMERCIAL

    def test_above_threshold_rules_out_the_national_procedures(self) -> None:
        advice = advise(estimated_value=3_000_000, market_solution="yes", rnd_needed="no")
        for key in (advisor.SIMPLIFIED, advisor.SELECTIVE):
            assert "reaches the threshold" in advice.ruled_out[key]
        assert "only allowed below" in advice.ruled_out[advisor.DIRECT_AWARD]


def test_reasons_in_swedish() -> None:
    with translation.override("sv"):
        advice = advise(estimated_value=300_000, market_solution="yes", rnd_needed="no")
    assert advice.key == advisor.DIRECT_AWARD
    assert any("19 a kap. 11 § LOU" in r for r in advice.reasons)
    assert any("300\xa0000 kr" in r for r in advice.reasons + advice.notes) or any(
        "300 000" in r for r in advice.reasons + advice.notes
    )


@pytest.mark.django_db
class TestPage:
    URL = "/projects/advisor/"
    QUERY = {
        "market_solution": "no",
        "rnd_needed": "yes",
        "will_purchase": "yes",
        "estimated_value": "5000000",
        "buyer_kind": "sub_central",
        "contract_kind": "supplies_services",
        "several_buyers": "no",
        "months_available": "30",
    }

    def test_questions_then_advice_with_link_to_start(self, client, lead, org) -> None:
        need = need_statement(org)
        client.force_login(lead)
        response = client.get(reverse("projects:procedure_advisor"), {"need": need.pk})
        assert response.status_code == 200
        assert "advice" not in response.context
        response = client.get(self.URL, {**self.QUERY, "need": need.pk})
        assert response.status_code == 200
        template = shipped("innovation_partnership")
        assert response.context["template"] == template
        link = f"{reverse('projects:project_create')}?template={template.pk}&amp;need={need.pk}"
        assert link in response.content.decode()

    def test_create_page_preselects_template_and_need(self, client, lead, org) -> None:
        need = need_statement(org)
        template = shipped("pre_commercial")
        client.force_login(lead)
        response = client.get(
            reverse("projects:project_create"), {"template": template.pk, "need": need.pk}
        )
        form = response.context["form"]
        assert form["template"].value() == template.pk
        assert form["needs"].value() == [need.pk]
        assert reverse("projects:procedure_advisor") in response.content.decode()

    def test_bad_answers_400(self, client, lead) -> None:
        client.force_login(lead)
        response = client.get(self.URL, {**self.QUERY, "estimated_value": "-5"})
        assert response.status_code == 400
        assert "advice" not in response.context

    def test_supplier_gets_advice_without_start_link(self, client) -> None:
        user = member(supplier(), OrganisationRole.ADMIN)
        client.force_login(user)
        response = client.get(self.URL, self.QUERY)
        assert response.status_code == 200
        assert reverse("projects:project_create") not in response.content.decode()

    def test_anonymous_redirected(self, client) -> None:
        assert client.get(self.URL).status_code == 302

    def test_organisation_copy_preferred(self, client, lead, org) -> None:
        from handslag.projects.services import template_copy

        admin = member(org, OrganisationRole.ADMIN)
        copy = template_copy(actor=admin, template=shipped(), organisation=org)
        client.force_login(lead)
        response = client.get(self.URL, self.QUERY)
        assert response.context["template"] == copy
