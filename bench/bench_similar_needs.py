"""Benchmark: similar-needs lookup against a plain keyword (icontains) query.

Builds a temporary SQLite database with 100 000 challenges and need statements (half of
them shared with other buyers, spread over 20 buyer organisations), written in a Zipf-
distributed mix of real Swedish and English procurement words and synthetic words. It
indexes the shared ones with the same code the services use, then measures, in the same
run and over the same query texts:

- similar needs: ``handslag.needs.similarity.similar_to_text`` (stemmed terms, TF-IDF
  cosine over the inverted index, visibility re-checked on the records);
- baseline: a plain keyword query — the query's three rarest words, each matched with
  ``icontains`` on title or text, over the shared challenges of other organisations,
  newest five.

It prints build and index times, index size, and p50/p95/max latency of both, with
their ratio.

Usage, from the repository root::

    .venv/bin/python bench/bench_similar_needs.py [--records N] [--queries Q] [--keep]
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = 20_250_301

REAL_WORDS = """
sopkärl tömning fyllnadsgrad transporter avfall renhållning sensor sensorer mätning
bevattning grönytor parker vatten markfukt snöröjning halka plogning väglag vinter
värme uppvärmning energi fastighet klimat golv förskola städning fukt matbeställning
omsorg måltid äldreomsorg hemtjänst digital tjänst invånare service ärende delning
utlåning verktyg cyklar hemmonitorering patient vård region sjukhus larm trygghet
waste container fill level sensors collection route irrigation parks snow clearing
heating energy building floors cleaning meals ordering care home service residents
sharing library tools monitoring patients hospital alarm safety schedule planning
""".split()  # noqa: SIM905 - a word list reads best as text


def _setup(db_path: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    os.environ.setdefault("DEBUG", "1")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _vocabulary(rng: random.Random, size: int = 4000) -> list[str]:
    syllables = ["ka", "la", "mo", "ri", "st", "en", "or", "ut", "vä", "ny", "be", "dr", "sk"]
    words = list(REAL_WORDS)
    while len(words) < size:
        words.append("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return words


def _text(rng: random.Random, words: list[str], weights: list[float], n: int) -> str:
    return " ".join(rng.choices(words, cum_weights=weights, k=n))


def build(records: int, rng: random.Random) -> tuple[list[str], float, float, int]:
    from django.db import connection, transaction
    from django.utils import timezone

    from handslag.accounts.models import Organisation, User
    from handslag.needs import similarity
    from handslag.needs.models import Challenge, NeedStatement, SimilarityTerm, Visibility

    words = _vocabulary(rng)
    weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(words))))
    orgs = [
        Organisation.objects.create(
            name=f"Kommun {i}", kind="buyer", org_number=f"2120{i:06d}"[:10]
        )
        for i in range(20)
    ]
    user = User.objects.create(username="bench")
    started = time.perf_counter()
    half = records // 2
    texts: list[str] = []
    now = timezone.now()
    challenge_rows, need_rows = [], []
    for i in range(half):
        shared = Visibility.BUYERS if i % 2 == 0 else Visibility.ORGANISATION
        org = orgs[i % len(orgs)].pk
        title = _text(rng, words, weights, 5)
        body = _text(rng, words, weights, rng.randint(20, 50))
        texts.append(title + " " + body)
        challenge_rows.append(
            (
                now,
                now,
                org,
                title[:200],
                body,
                "",
                "",
                "",
                "",
                "",
                shared,
                user.pk,
                "submitted",
                "",
                False,
            )
        )
        title = _text(rng, words, weights, 5)
        body = _text(rng, words, weights, rng.randint(30, 60))
        need_rows.append(
            (now, now, org, title[:200], body, "", "", "", "", "", "unknown", "", shared, user.pk)
        )
    # Raw inserts: the ORM's per-object overhead would dominate a 100 000-record build,
    # and what is measured here is the lookup, not the build.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {Challenge._meta.db_table} (created_at, updated_at, organisation_id, "
            "title, description, affected, frequency, cost_today, area, unit, visibility, "
            "submitted_by_id, status, triage_reason, is_published) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            challenge_rows,
        )
        cursor.executemany(
            f"INSERT INTO {NeedStatement._meta.db_table} (created_at, updated_at, organisation_id, "
            "title, problem, target_group, stakeholders, functional_requirements, constraints, "
            "strategy_links, market_check, market_check_notes, visibility, created_by_id) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            need_rows,
        )
    built = time.perf_counter() - started

    # Index with the same term weighting index_object() uses, in bulk.
    started = time.perf_counter()
    sources = (
        (
            "challenge",
            Challenge.objects.filter(visibility=Visibility.BUYERS),
            similarity.challenge_text,
        ),
        ("need", NeedStatement.objects.filter(visibility=Visibility.BUYERS), similarity.need_text),
    )
    term_rows: list[tuple] = []
    for kind, queryset, text_of in sources:
        for obj in queryset.only(
            "pk",
            "organisation_id",
            "title",
            *(
                ("description", "affected")
                if kind == "challenge"
                else ("problem", "target_group", "functional_requirements")
            ),
        ).iterator(chunk_size=5000):
            weights_ = similarity._normalise(similarity._log_tf(similarity.terms(text_of(obj))))
            term_rows.extend((kind, obj.pk, obj.organisation_id, t, w) for t, w in weights_.items())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {SimilarityTerm._meta.db_table} (kind, object_id, organisation_id, term, weight) "
            "VALUES (%s, %s, %s, %s, %s)",
            term_rows,
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    indexed = time.perf_counter() - started
    return texts, built, indexed, SimilarityTerm.objects.count()


def keyword_baseline(text: str, exclude_org: int, word_freq: dict[str, int]) -> list:
    """The plain way: the query's three rarest words, each as icontains on title or text."""
    from django.db.models import Q

    from handslag.needs.models import Challenge, Visibility

    candidates = sorted({w for w in text.split() if len(w) > 3}, key=lambda w: word_freq.get(w, 0))
    query = Q()
    for word in candidates[:3]:
        query |= Q(title__icontains=word) | Q(description__icontains=word)
    return list(
        Challenge.objects.filter(query, visibility=Visibility.BUYERS)
        .exclude(organisation_id=exclude_org)
        .order_by("-created_at")[:5]
    )


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]
    return statistics.median(ordered), p95, ordered[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--keep", action="store_true", help="keep the temporary database")
    args = parser.parse_args()
    rng = random.Random(SEED)
    tmp = tempfile.mkdtemp(prefix="hs_bench_similar_")
    db_path = os.path.join(tmp, "bench.sqlite3")
    try:
        _setup(db_path)
        from handslag.needs import similarity

        texts, built, indexed, rows = build(args.records, rng)
        word_freq: dict[str, int] = {}
        for t in texts[:5000]:
            for w in t.split():
                word_freq[w] = word_freq.get(w, 0) + 1
        queries = [rng.choice(texts) for _ in range(args.queries)]
        exclude_org = 1
        # Warm both paths (SQLite page cache, stem cache) before measuring.
        similarity.similar_to_text(queries[0], exclude_organisation_ids={exclude_org})
        keyword_baseline(queries[0], exclude_org, word_freq)
        sim_times, kw_times, hits = [], [], 0
        for text in queries:
            t0 = time.perf_counter()
            found = similarity.similar_to_text(text, exclude_organisation_ids={exclude_org})
            sim_times.append((time.perf_counter() - t0) * 1000)
            hits += bool(found)
            t0 = time.perf_counter()
            keyword_baseline(text, exclude_org, word_freq)
            kw_times.append((time.perf_counter() - t0) * 1000)
        s50, s95, smax = _percentiles(sim_times)
        k50, k95, kmax = _percentiles(kw_times)
        print(
            f"records: {args.records} (challenges and needs, half shared), queries: {args.queries}"
        )
        print(f"build: {built:.1f} s, index: {indexed:.1f} s, index rows: {rows}")
        print(
            f"similar needs (TF-IDF cosine): p50 {s50:.1f} ms, p95 {s95:.1f} ms, max {smax:.1f} ms; "
            f"queries with a hit: {hits}/{len(queries)}"
        )
        print(
            f"keyword icontains baseline:    p50 {k50:.1f} ms, p95 {k95:.1f} ms, max {kmax:.1f} ms"
        )
        print(f"ratio similar/keyword: p50 {s50 / k50:.2f}×, p95 {s95 / k95:.2f}×")
    finally:
        if args.keep:
            print(f"database kept at {db_path}")
        else:
            for name in os.listdir(tmp):
                os.remove(os.path.join(tmp, name))
            os.rmdir(tmp)


if __name__ == "__main__":
    main()
