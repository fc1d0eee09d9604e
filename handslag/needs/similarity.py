"""Similar needs across organisations: a portable inverted index of stemmed terms.

Why a table of our own rather than PostgreSQL full-text search: buyers write in Swedish
and English, often mixed in one need ("IoT-sensorer för smart waste collection"); one
tsvector configuration stems only one language, and ts_rank is not a similarity between
two documents. A term table gives the same scores on SQLite (tests, small installs) and
PostgreSQL (production), with one code path to test for privacy. The scoring is TF-IDF
cosine in the SMART "lnc.ltc" scheme: documents carry log-scaled, cosine-normalised term
weights (stable when other documents change); the query carries log tf × idf, so
inverse document frequency is always current without re-indexing anything.

Only records their owners marked "shared with other buyers" are in the index, and the
query filters by visibility again, so nothing private can be found by another buyer.
"""

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import snowballstemmer
from django.db.models import Case, Count, F, FloatField, Sum, Value, When

from handslag.needs.models import (
    Challenge,
    ChallengeStatus,
    NeedStatement,
    SimilarityKind,
    SimilarityTerm,
    Visibility,
)

# Query pruning: the most informative (rarest) terms decide the ranking; terms found in
# more than a fifth of the shared records add little score but most of the work.
MAX_QUERY_TERMS = 12
COMMON_TERM_SHARE = 0.2
MIN_SCORE = 0.05

_SV = snowballstemmer.stemmer("swedish")
_EN = snowballstemmer.stemmer("english")
_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)

SWEDISH_STOP = frozenset(
    [
        "och",
        "att",
        "det",
        "som",
        "en",
        "på",
        "är",
        "av",
        "för",
        "med",
        "till",
        "den",
        "har",
        "de",
        "inte",
        "om",
        "ett",
        "han",
        "men",
        "var",
        "jag",
        "sig",
        "från",
        "vi",
        "så",
        "kan",
        "man",
        "när",
        "år",
        "säger",
        "hon",
        "under",
        "också",
        "efter",
        "eller",
        "nu",
        "sin",
        "där",
        "vid",
        "mot",
        "ska",
        "skulle",
        "kommer",
        "ut",
        "får",
        "finns",
        "vara",
        "hade",
        "alla",
        "andra",
        "mycket",
        "än",
        "här",
        "då",
        "sedan",
        "över",
        "bara",
        "in",
        "blir",
        "upp",
        "även",
        "vad",
        "få",
        "två",
        "vill",
        "ha",
        "många",
        "hur",
        "mer",
        "går",
        "sitt",
        "du",
        "dem",
        "fick",
        "vilka",
        "utan",
        "samt",
        "detta",
        "dessa",
        "denna",
        "vår",
        "våra",
        "vårt",
        "deras",
        "dess",
        "oss",
        "eftersom",
        "genom",
        "inom",
        "idag",
        "dag",
        "behöver",
        "behov",
        "både",
        "hela",
        "mellan",
        "enligt",
        "bland",
        "varje",
        "ofta",
    ]
)
ENGLISH_STOP = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "by",
        "at",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "as",
        "not",
        "no",
        "but",
        "if",
        "than",
        "then",
        "so",
        "such",
        "can",
        "could",
        "should",
        "would",
        "will",
        "we",
        "our",
        "us",
        "you",
        "your",
        "they",
        "their",
        "them",
        "he",
        "she",
        "his",
        "her",
        "who",
        "whom",
        "which",
        "what",
        "when",
        "where",
        "how",
        "all",
        "any",
        "each",
        "more",
        "most",
        "other",
        "some",
        "into",
        "over",
        "under",
        "about",
        "also",
        "only",
        "very",
        "just",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "there",
        "here",
        "need",
        "needs",
        "today",
    ]
)
STOP_WORDS = SWEDISH_STOP | ENGLISH_STOP


def _fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold())


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """One stem per word for both languages.

    A word with å, ä or ö is Swedish; otherwise both stemmers run and the shorter stem
    wins, so "sensorer" (sv) and "sensors" (en) both become "sensor".
    """
    if any(ch in word for ch in "åäö"):
        return _SV.stemWord(word)
    sv, en = _SV.stemWord(word), _EN.stemWord(word)
    return sv if len(sv) <= len(en) else en


def terms(text: str) -> Counter[str]:
    """Stemmed terms of a text with their counts, stop words removed."""
    counts: Counter[str] = Counter()
    for raw in _WORD.findall(text or ""):
        word = _fold(raw)
        if word in STOP_WORDS:
            continue
        stemmed = stem(word)[:60]
        if len(stemmed) >= 2 and stemmed not in STOP_WORDS:
            counts[stemmed] += 1
    return counts


def _log_tf(counts: Counter[str]) -> dict[str, float]:
    return {t: 1.0 + math.log(c) for t, c in counts.items()}


def _normalise(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def challenge_text(challenge: Challenge) -> str:
    parts = [challenge.title, challenge.title, challenge.description, challenge.affected]
    return "\n".join(p for p in parts if p)


def need_text(need: NeedStatement) -> str:
    parts = [
        need.title,
        need.title,
        need.problem,
        need.target_group,
        need.functional_requirements,
    ]
    return "\n".join(p for p in parts if p)


# Challenges that ended (merged, declined) are not offered as similar needs.
INDEXED_CHALLENGE_STATUSES = (
    ChallengeStatus.SUBMITTED,
    ChallengeStatus.REFINED,
    ChallengeStatus.PARKED,
    ChallengeStatus.MOVED,
)


def _should_index(kind: str, obj: Any) -> bool:
    if obj.visibility != Visibility.BUYERS:
        return False
    if kind == SimilarityKind.CHALLENGE:
        return obj.status in INDEXED_CHALLENGE_STATUSES
    return True


def index_object(kind: str, obj: Challenge | NeedStatement) -> int:
    """(Re)build the index rows of one record; removes them when it is not shared. Returns rows."""
    SimilarityTerm.objects.filter(kind=kind, object_id=obj.pk).delete()
    if not _should_index(kind, obj):
        return 0
    text = challenge_text(obj) if kind == SimilarityKind.CHALLENGE else need_text(obj)
    weights = _normalise(_log_tf(terms(text)))
    SimilarityTerm.objects.bulk_create(
        SimilarityTerm(
            kind=kind, object_id=obj.pk, organisation_id=obj.organisation_id, term=t, weight=w
        )
        for t, w in weights.items()
    )
    return len(weights)


def index_challenge(challenge: Challenge) -> int:
    return index_object(SimilarityKind.CHALLENGE, challenge)


def index_need(need: NeedStatement) -> int:
    return index_object(SimilarityKind.NEED, need)


@dataclass(frozen=True)
class SimilarItem:
    """A shared challenge or need of another organisation, with its similarity score (0–1)."""

    kind: str
    object: Challenge | NeedStatement
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)

    @property
    def organisation(self) -> Any:
        return self.object.organisation

    @property
    def excerpt(self) -> str:
        text = (
            self.object.description
            if self.kind == SimilarityKind.CHALLENGE
            else self.object.problem
        )
        return text if len(text) <= 300 else text[:297].rstrip() + "…"

    @property
    def kind_label(self) -> str:
        return str(SimilarityKind(self.kind).label)


def _query_weights(text: str) -> dict[str, float]:
    counts = terms(text)
    if not counts:
        return {}
    # Keep the rarest terms of a long text: they carry the meaning and keep the query small.
    found = dict(
        SimilarityTerm.objects.filter(term__in=list(counts))
        .values("term")
        .annotate(df=Count("id"))
        .values_list("term", "df")
    )
    if not found:
        return {}
    total = (
        Challenge.objects.filter(
            visibility=Visibility.BUYERS, status__in=INDEXED_CHALLENGE_STATUSES
        ).count()
        + NeedStatement.objects.filter(visibility=Visibility.BUYERS).count()
    )
    rare = {t: df for t, df in found.items() if df <= COMMON_TERM_SHARE * total}
    found = rare or found
    weights = {
        t: (1.0 + math.log(counts[t])) * math.log(1.0 + total / df) for t, df in found.items()
    }
    top = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_QUERY_TERMS]
    return _normalise(dict(top))


def similar_to_text(
    text: str,
    *,
    exclude_organisation_ids: set[int] | frozenset[int],
    exclude: tuple[str, int] | None = None,
    limit: int = 5,
) -> list[SimilarItem]:
    """The shared records of other organisations most similar to the text, best first."""
    weights = _query_weights(text)
    if not weights:
        return []
    rows = (
        SimilarityTerm.objects.filter(term__in=list(weights))
        .exclude(organisation_id__in=exclude_organisation_ids)
        .values("kind", "object_id")
        .annotate(
            score=Sum(
                F("weight")
                * Case(
                    *(When(term=t, then=Value(w)) for t, w in weights.items()),
                    default=Value(0.0),
                    output_field=FloatField(),
                ),
                output_field=FloatField(),
            )
        )
        .filter(score__gte=MIN_SCORE)
        .order_by("-score", "kind", "object_id")
    )
    if exclude:
        rows = rows.exclude(kind=exclude[0], object_id=exclude[1])
    hits = list(rows[: limit * 2])
    challenge_ids = [h["object_id"] for h in hits if h["kind"] == SimilarityKind.CHALLENGE]
    need_ids = [h["object_id"] for h in hits if h["kind"] == SimilarityKind.NEED]
    # Check visibility again on the records themselves: the index is never the only guard.
    challenges = Challenge.objects.select_related("organisation").in_bulk(challenge_ids)
    needs = NeedStatement.objects.select_related("organisation").in_bulk(need_ids)
    items: list[SimilarItem] = []
    for hit in hits:
        source = challenges if hit["kind"] == SimilarityKind.CHALLENGE else needs
        obj = source.get(hit["object_id"])
        if obj is None or not _should_index(hit["kind"], obj):
            continue
        if obj.organisation_id in exclude_organisation_ids:
            continue
        items.append(SimilarItem(kind=hit["kind"], object=obj, score=min(hit["score"], 1.0)))
        if len(items) >= limit:
            break
    return items
