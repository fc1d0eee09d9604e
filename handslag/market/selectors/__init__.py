"""Reads about calls and applications, filtered to what the person may see.

Other apps use these: tendering asks `call_invited_suppliers()` who may tender, the start
page asks `dashboard_for()`. One module per context, re-exported here.
"""

from handslag.market.selectors.calls import (
    PUBLIC_STATUSES,
    application_for_supplier,
    application_list_for_call,
    application_list_for_supplier,
    application_status_counts,
    call_criteria,
    call_invited_suppliers,
    call_list_for_user,
    call_list_open,
    call_list_published,
    call_needs,
    calls_open_for_supplier,
    dashboard_for,
    invitations_open,
)
from handslag.market.selectors.dialogue import (
    RfiSummaryQuestion,
    event_list_for_supplier,
    event_list_for_user,
    projects_managed_by,
    rfi_list_for_user,
    rfi_list_published,
    rfi_response_for_supplier,
    rfi_responses_for_supplier,
    rfi_summary,
)
from handslag.market.selectors.plan import PlanNotice, call_plan_warnings
from handslag.market.selectors.publication import (
    breach_message,
    call_deadline_breaches,
    call_earliest_deadlines,
    call_publication_missing,
)
from handslag.market.selectors.questions import (
    QuestionDays,
    call_interested_emails,
    call_question_days,
    question_list_for_call,
    question_list_for_supplier,
    question_list_public,
    questions_open,
)
from handslag.market.selectors.registry import (
    call_follows_for_supplier,
    calls_in_followed_areas,
    followed_areas,
    is_following,
    supplier_list,
    supplier_organisations_for,
    supplier_profile_for,
)
from handslag.market.selectors.versions import ChangeRow, call_version_list, version_changes

__all__ = [
    "breach_message",
    "call_deadline_breaches",
    "call_earliest_deadlines",
    "call_publication_missing",
    "ChangeRow",
    "PUBLIC_STATUSES",
    "PlanNotice",
    "QuestionDays",
    "RfiSummaryQuestion",
    "application_for_supplier",
    "application_list_for_call",
    "application_list_for_supplier",
    "application_status_counts",
    "call_criteria",
    "call_follows_for_supplier",
    "call_interested_emails",
    "call_invited_suppliers",
    "call_list_for_user",
    "call_list_open",
    "call_list_published",
    "call_needs",
    "call_plan_warnings",
    "call_question_days",
    "call_version_list",
    "calls_in_followed_areas",
    "calls_open_for_supplier",
    "dashboard_for",
    "event_list_for_supplier",
    "event_list_for_user",
    "followed_areas",
    "invitations_open",
    "is_following",
    "projects_managed_by",
    "question_list_for_call",
    "question_list_for_supplier",
    "question_list_public",
    "questions_open",
    "rfi_list_for_user",
    "rfi_list_published",
    "rfi_response_for_supplier",
    "rfi_responses_for_supplier",
    "rfi_summary",
    "supplier_list",
    "supplier_organisations_for",
    "supplier_profile_for",
    "version_changes",
]
