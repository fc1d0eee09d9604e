"""The procedure advisor: a pure function, and the page that asks and links to project creation."""

import pytest
from django.urls import reverse

from handslag.accounts.roles import OrganisationRole
from handslag.accounts.tests.factories import member, supplier
from handslag.projects import advisor
from handslag.projects.advisor import Answers, recommend
from handslag.projects.tests.factories import need_statement, shipped


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


class TestRecommend:
    def test_rnd_and_purchase_gives_innovation_partnership(self) -> None:
        advice = recommend(answers())
        assert advice.key == advisor.INNOVATION_PARTNERSHIP
        assert set(advice.ruled_out) == set(advisor.ALL_KEYS) - {advice.key}
        assert all(advice.ruled_out.values())
        assert advice.above_threshold
        assert len(advice.reasons) == 2

    def test_rnd_without_purchase_gives_pre_commercial(self) -> None:
        for purchase in ("no", "unsure"):
            advice = recommend(answers(will_purchase=purchase))
            assert advice.key == advisor.PRE_COMMERCIAL
            assert "innovation_partnership" in advice.ruled_out

    def test_existing_solution_gives_open_procedure(self) -> None:
        advice = recommend(answers(market_solution="yes", rnd_needed="no"))
        assert advice.key == advisor.OPEN_FUNCTIONAL
        assert advisor.OPEN_FUNCTIONAL not in advice.ruled_out

    def test_partly_existing_gives_negotiated(self) -> None:
        advice = recommend(answers(market_solution="partly", rnd_needed="no"))
        assert advice.key == advisor.NEGOTIATED

    def test_unknown_market_without_rnd_gives_dialogue(self) -> None:
        advice = recommend(answers(market_solution="unsure", rnd_needed="no"))
        assert advice.key == advisor.COMPETITIVE_DIALOGUE

    def test_unsure_rnd_with_nothing_on_market_counts_as_rnd(self) -> None:
        assert recommend(answers(rnd_needed="unsure")).key == advisor.INNOVATION_PARTNERSHIP

    def test_threshold(self) -> None:
        below = recommend(answers(estimated_value=1_000_000))
        assert not below.above_threshold
        assert any("EU" in n for n in below.notes)
        central = recommend(answers(estimated_value=2_000_000, buyer_kind="central"))
        assert central.above_threshold
        local = recommend(answers(estimated_value=2_000_000, buyer_kind="sub_central"))
        assert not local.above_threshold
        works = recommend(answers(estimated_value=40_000_000, contract_kind="works"))
        assert not works.above_threshold

    def test_short_time_and_several_buyers_noted(self) -> None:
        advice = recommend(answers(months_available=12, several_buyers=True))
        assert advice.key == advisor.INNOVATION_PARTNERSHIP
        assert len(advice.notes) == 2
        assert not recommend(answers(months_available=30)).notes


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
