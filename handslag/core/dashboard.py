"""What the start page shows: each app's own selectors, gathered for one person."""

from typing import Any

from handslag.evaluation.selectors import dashboard_for as evaluation_dashboard
from handslag.market.selectors import call_list_published
from handslag.market.selectors import dashboard_for as market_dashboard
from handslag.needs.selectors import dashboard_for as needs_dashboard
from handslag.needs.selectors import public_challenge_list
from handslag.partnership.selectors import dashboard_for as partnership_dashboard
from handslag.projects.selectors import dashboard_for as projects_dashboard
from handslag.tendering.selectors import dashboard_for as tendering_dashboard


def public_overview() -> dict[str, Any]:
    return {
        "calls": list(call_list_published()[:5]),
        "challenges": list(public_challenge_list()[:5]),
    }


def for_user(user: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for part in (
        needs_dashboard,
        projects_dashboard,
        market_dashboard,
        tendering_dashboard,
        evaluation_dashboard,
        partnership_dashboard,
    ):
        context.update(part(user=user))
    context["has_anything"] = any(bool(value) for value in context.values())
    return context
