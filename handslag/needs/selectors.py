"""Reads about challenges and need statements, filtered to what the reader may see."""

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from handslag.accounts.models import User
from handslag.audit.actions import action_current
from handslag.audit.models import AuditEntry
from handslag.audit.services import audit_trail
from handslag.needs import similarity
from handslag.needs.audit_actions import NeedsAction
from handslag.needs.models import (
    Challenge,
    ChallengeAttachment,
    ChallengeComment,
    ChallengeStatus,
    MarketCheck,
    NeedStatement,
    SimilarityKind,
)
from handslag.needs.permissions import EDITOR_ROLES, need_queryset_visible

SORTS = {"newest": "-created_at", "oldest": "created_at", "support": "-support_count"}


# --- Challenges ---------------------------------------------------------------------------


def challenge_list_visible(
    *,
    user: User,
    status: str = "",
    area: str = "",
    unit: str = "",
    min_support: int | str = 0,
    sort: str = "newest",
) -> QuerySet[Challenge]:
    """The challenges of the user's own buyer organisations, filtered and sorted.

    Each carries `support_count` and `comment_count`; "support" sorts the most
    supported first (newest first among equals).
    """
    if not user.is_authenticated:
        return Challenge.objects.none()
    qs = (
        Challenge.objects.select_related("organisation", "submitted_by")
        .filter(organisation_id__in=user.buyer_organisation_ids)
        .annotate(
            support_count=Count("supports", distinct=True),
            comment_count=Count("comments", distinct=True),
        )
    )
    if status:
        qs = qs.filter(status=status)
    if area:
        qs = qs.filter(area__iexact=area)
    if unit:
        qs = qs.filter(unit__iexact=unit)
    try:
        min_support = int(min_support or 0)
    except (TypeError, ValueError):
        min_support = 0
    if min_support > 0:
        qs = qs.filter(support_count__gte=min_support)
    if sort == "support":
        return qs.order_by("-support_count", "-created_at", "-pk")
    return qs.order_by(SORTS.get(sort, SORTS["newest"]), "-pk" if sort != "oldest" else "pk")


def challenge_units(*, user: User) -> list[str]:
    """The organisational units in use among the user's challenges, for the board's filter."""
    if not user.is_authenticated:
        return []
    units = (
        Challenge.objects.filter(organisation_id__in=user.buyer_organisation_ids)
        .exclude(unit="")
        .values_list("unit", flat=True)
        .distinct()
    )
    return sorted(set(units), key=str.casefold)


def challenge_comments(*, challenge: Challenge) -> QuerySet[ChallengeComment]:
    """Comments, oldest first (the caller has checked the reader may see the challenge)."""
    return challenge.comments.select_related("author").order_by("created_at", "pk")


def challenge_attachments(*, challenge: Challenge) -> QuerySet[ChallengeAttachment]:
    """Attachments, oldest first (the caller has checked the reader may see the challenge)."""
    return challenge.attachments.select_related("uploaded_by").order_by("created_at", "pk")


def challenge_support_summary(*, user: User, challenge: Challenge) -> dict[str, Any]:
    supporters = list(
        challenge.supports.select_related("user")
        .order_by("created_at", "pk")
        .values_list("user_id", flat=True)
    )
    return {"count": len(supporters), "mine": user.pk in supporters}


def _exclude_orgs(*, user: User, organisation_id: int) -> set[int]:
    # "Across organisations": never suggest the reader's own organisations' records.
    return {organisation_id} | set(user.buyer_organisation_ids)


def similar_for_need(
    *, user: User, need: NeedStatement, text: str | None = None, limit: int = 5
) -> list[similarity.SimilarItem]:
    """Shared challenges and needs of other buyers most like this need (or the draft text)."""
    if not user.is_authenticated or not user.is_buyer_staff:
        return []
    return similarity.similar_to_text(
        text if text is not None else similarity.need_text(need),
        exclude_organisation_ids=_exclude_orgs(user=user, organisation_id=need.organisation_id),
        exclude=(SimilarityKind.NEED, need.pk),
        limit=limit,
    )


def similar_for_challenge(
    *, user: User, challenge: Challenge, limit: int = 5
) -> list[similarity.SimilarItem]:
    """Shared challenges and needs of other buyers most like this challenge."""
    if not user.is_authenticated or not user.is_buyer_staff:
        return []
    return similarity.similar_to_text(
        similarity.challenge_text(challenge),
        exclude_organisation_ids=_exclude_orgs(
            user=user, organisation_id=challenge.organisation_id
        ),
        exclude=(SimilarityKind.CHALLENGE, challenge.pk),
        limit=limit,
    )


def challenge_areas(*, user: User) -> list[str]:
    """The areas in use among the user's challenges, for the board's filter."""
    if not user.is_authenticated:
        return []
    areas = (
        Challenge.objects.filter(organisation_id__in=user.buyer_organisation_ids)
        .exclude(area="")
        .values_list("area", flat=True)
        .distinct()
    )
    return sorted(set(areas), key=str.casefold)


def idea_bank_list(*, user: User) -> QuerySet[Challenge]:
    """Parked challenges: good ideas outside the current scope, kept for later projects."""
    return challenge_list_visible(user=user, status=ChallengeStatus.PARKED)


def challenge_merge_candidates(*, challenge: Challenge) -> QuerySet[Challenge]:
    """Challenges of the same organisation this one may be merged into."""
    return (
        Challenge.objects.filter(organisation_id=challenge.organisation_id)
        .exclude(pk=challenge.pk)
        .exclude(status__in=(ChallengeStatus.MERGED, ChallengeStatus.DECLINED))
        .order_by("title")
    )


@dataclass(frozen=True)
class HistoryRow:
    """One line of a record's history, ready to show."""

    when: Any
    who: str
    what: str
    reason: str


def _action_labels() -> dict[str, str]:
    return {
        NeedsAction.CHALLENGE_SUBMIT: _("Submitted"),
        NeedsAction.CHALLENGE_REFINED: _("Refined into a need statement"),
        NeedsAction.CHALLENGE_MERGED: _("Merged into another challenge"),
        NeedsAction.CHALLENGE_PARKED: _("Parked in the idea bank"),
        NeedsAction.CHALLENGE_MOVED: _("Moved to another process"),
        NeedsAction.CHALLENGE_DECLINED: _("Declined"),
        NeedsAction.CHALLENGE_PUBLISH: _("Published to the market"),
        NeedsAction.CHALLENGE_UNPUBLISH: _("Unpublished"),
        NeedsAction.CHALLENGE_SUPPORT: _("Supported (me too)"),
        NeedsAction.CHALLENGE_UNSUPPORT: _("Support withdrawn"),
        NeedsAction.CHALLENGE_COMMENT: _("Commented"),
        NeedsAction.CHALLENGE_VISIBILITY: _("Visibility changed"),
        NeedsAction.NEED_JOINT_PROJECT: _("Joint project started"),
        NeedsAction.NEED_CREATE: _("Need statement created"),
        NeedsAction.NEED_UPDATE: _("Need statement edited"),
        NeedsAction.EFFECT_ADD: _("Expected effect added"),
        NeedsAction.EFFECT_UPDATE: _("Expected effect edited"),
        NeedsAction.EFFECT_REMOVE: _("Expected effect removed"),
    }


def _rows(entries: Any) -> list[HistoryRow]:
    labels = _action_labels()
    return [
        HistoryRow(
            when=e.created_at,
            who=e.actor_label,
            # An entry keeps the name it was written with; show it under the action's name now.
            what=labels.get(action_current(e.action), e.action),
            reason=str(e.data.get("reason", "")) if isinstance(e.data, dict) else "",
        )
        for e in entries
    ]


def challenge_history(*, challenge: Challenge) -> list[HistoryRow]:
    """What happened to the challenge, oldest first (submission, triage, publication)."""
    return _rows(audit_trail(target=challenge))


def public_challenge_list() -> QuerySet[Challenge]:
    """Challenges buyers have published to the market, newest publication first."""
    return (
        Challenge.objects.select_related("organisation")
        .filter(is_published=True)
        .order_by("-published_at", "-pk")
    )


# --- Need statements ----------------------------------------------------------------------


def need_list_visible(*, user: User) -> QuerySet[NeedStatement]:
    return (
        need_queryset_visible(user=user)
        .select_related("organisation", "challenge")
        .annotate(effect_count=Count("effects", distinct=True))
        .order_by("-updated_at", "-pk")
    )


@dataclass(frozen=True)
class Completeness:
    """How much of a need statement is written; `missing` names what is left, translated."""

    percent: int
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


def _has_effect_with_indicator(need: NeedStatement) -> bool:
    cache = getattr(need, "_prefetched_objects_cache", {})
    if "effects" in cache:
        return any(e.indicator.strip() for e in need.effects.all())
    return need.effects.exclude(indicator="").exists()


def need_completeness(need: NeedStatement) -> Completeness:
    """The parts DESIGN §4.2 asks of a need statement, and which are still missing."""
    checks = [
        (bool(need.problem.strip()), _("Problem")),
        (bool(need.target_group.strip()), _("Target group")),
        (bool(need.stakeholders.strip()), _("Stakeholders")),
        (_has_effect_with_indicator(need), _("At least one expected effect with an indicator")),
        (bool(need.functional_requirements.strip()), _("Functional requirements")),
        (need.market_check != MarketCheck.UNKNOWN, _("Market check")),
    ]
    done = sum(1 for ok, _label in checks if ok)
    return Completeness(
        percent=round(done * 100 / len(checks)),
        missing=[label for ok, label in checks if not ok],
    )


def need_is_ready(need: NeedStatement) -> bool:
    """Every part of the need statement is written, so a project can be built on it.

    A market check that found an existing solution still counts as answered: the
    editor advises a normal procurement, and the project's procedure choice decides.
    """
    return need_completeness(need).complete


# The brand heuristic. Functional requirements say what the solution must achieve; a
# trade mark sign, "or equivalent" (the phrase that betrays a product in mind) or a
# well-known brand name suggests a product specification instead. Modest on purpose:
# it warns, never blocks, and the list holds only names common in municipal buying.
BRAND_SIGNS = ("®", "™")
EQUIVALENT_PHRASES = ("or equivalent", "eller likvärdig", "eller motsvarande")
BRAND_NAMES = (
    "Apple",
    "iPad",
    "iPhone",
    "Samsung",
    "Microsoft",
    "Windows",
    "Excel",
    "Google",
    "Android",
    "Cisco",
    "Siemens",
    "Bosch",
    "Philips",
    "Volvo",
    "Scania",
    "Husqvarna",
    "Electrolux",
    "Kärcher",
    "Nilfisk",
    "Gardena",
    "Ericsson",
    "Telia",
    "Tele2",
    "Bluetooth",
    "LoRaWAN",
    "Sigfox",
)
_BRAND_RE = re.compile(r"\b(" + "|".join(re.escape(b) for b in BRAND_NAMES) + r")\b")


def requirement_wording_warnings(text: str) -> list[str]:
    """Warnings when functional requirements name a product or brand instead of a function."""
    warnings: list[str] = []
    if not text:
        return warnings
    lowered = text.casefold()
    if any(sign in text for sign in BRAND_SIGNS):
        warnings.append(
            _("The requirements contain a trade mark sign (® or ™). Describe the function instead.")
        )
    for phrase in EQUIVALENT_PHRASES:
        if phrase in lowered:
            warnings.append(
                _(
                    "“%(phrase)s” suggests a product in mind. Describe what the solution must achieve."
                )
                % {"phrase": phrase}
            )
    brands = sorted(set(_BRAND_RE.findall(text)))
    if brands:
        warnings.append(
            _("The requirements name %(brands)s. Describe the function, not a product or brand.")
            % {"brands": ", ".join(brands)}
        )
    return warnings


def market_check_advice(need: NeedStatement) -> str:
    if need.market_check == MarketCheck.SOLUTION_EXISTS:
        return _(
            "A solution already exists on the market. A normal procurement is advised "
            "instead of an innovation procurement."
        )
    return ""


# --- Start page ---------------------------------------------------------------------------


def dashboard_for(*, user: User, limit: int = 5) -> dict[str, Any]:
    """Small lists for the start page: my challenges, what waits for triage, needs in progress."""
    if not user.is_authenticated or not user.is_buyer_staff:
        return {"my_challenges": [], "awaiting_triage": [], "needs_in_progress": []}
    my_challenges = list(
        Challenge.objects.select_related("organisation")
        .filter(submitted_by=user, organisation_id__in=user.buyer_organisation_ids)
        .order_by("-created_at", "-pk")[:limit]
    )
    triage_org_ids = [m.organisation_id for m in user.active_memberships if m.role in EDITOR_ROLES]
    awaiting = []
    if triage_org_ids:
        awaiting = list(
            Challenge.objects.select_related("organisation")
            .filter(organisation_id__in=triage_org_ids, status=ChallengeStatus.SUBMITTED)
            .order_by("created_at", "pk")[:limit]
        )
    in_progress = []
    candidates = (
        NeedStatement.objects.filter(organisation_id__in=user.buyer_organisation_ids)
        .filter(Q(projects__isnull=True))
        .prefetch_related("effects")
        .order_by("-updated_at", "-pk")[:50]
    )
    for need in candidates:
        completeness = need_completeness(need)
        if not completeness.complete:
            in_progress.append({"need": need, "completeness": completeness})
        if len(in_progress) >= limit:
            break
    return {
        "my_challenges": my_challenges,
        "awaiting_triage": awaiting,
        "needs_in_progress": in_progress,
    }


def need_history(*, need: NeedStatement) -> list[HistoryRow]:
    """The need statement's own history and that of its expected effects, oldest first."""
    own = Q(target_type=need._meta.label_lower, target_id=str(need.pk))
    effects = Q(target_type="needs.expectedeffect", data__need_id=need.pk)
    return _rows(AuditEntry.objects.filter(own | effects).order_by("id"))
