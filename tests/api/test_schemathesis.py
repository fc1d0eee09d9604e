"""Every operation of the JSON API, fuzzed from its own OpenAPI document (schemathesis).

A malformed or hostile request must get a 4xx JSON answer and change nothing; a 5xx is a
defect. The requests go in-process through the WSGI application, signed in with API
tokens of real demo personas (a procurement officer at Växjö kommun with projects and
calls, and a supplier), so that they get past 401/404 and reach the code.

The demo is loaded once for the module inside a transaction that is rolled back at the
end, and every example runs in its own savepoint, so examples never see each other's
writes and the run is reproducible (derandomised, bounded examples per operation).

FUZZ_EXAMPLES=200 FUZZ_DEADLINE=... widen the run by hand (see docs/architecture.md).
"""

import collections
import json
import os
import time
import uuid
import zlib

import hypothesis
import pytest
import schemathesis
from django.apps import apps
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, close_old_connections, models, transaction
from hypothesis import HealthCheck
from hypothesis import strategies as st
from schemathesis.checks import content_type_conformance, not_a_server_error

from config.wsgi import application

MAX_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))
# Small integers hit the demo's rows in every table; the rest of the range stays possible.
KNOWN_IDS = st.integers(min_value=1, max_value=40)

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
if os.environ.get("FUZZ_PATHS"):  # a regular expression, to look closer at a few operations
    schema = schema.include(path_regex=os.environ["FUZZ_PATHS"])

_known_uuids: list[str] = []
_tokens: dict[str, str] = {}
# Status codes answered in this run, by operation; FUZZ_REPORT=path writes them out.
_answers: collections.Counter = collections.Counter()


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    """Send ids of objects that exist about as often as the generated ones."""
    if not path_parameters:
        return st.just(path_parameters)
    known = {}
    for name, value in path_parameters.items():
        if isinstance(value, int) and not isinstance(value, bool):
            known[name] = KNOWN_IDS
        elif isinstance(value, str) and _is_uuid(value) and _known_uuids:
            known[name] = st.sampled_from(_known_uuids)
        else:
            known[name] = st.just(value)
    return st.one_of(st.just(path_parameters), st.fixed_dictionaries(known))


# Values a schema allows but a database cannot hold: the generator seldom finds them.
HOSTILE_INTS = st.sampled_from([2**63, -(2**63) - 1, 2**31, 10**30])
HOSTILE_TEXT = st.sampled_from(["\x00", "\x0b", "\x1f"])


def _hostile(value: object) -> st.SearchStrategy:
    if isinstance(value, int) and not isinstance(value, bool):
        return st.one_of(st.just(value), HOSTILE_INTS)
    if isinstance(value, str):
        return st.one_of(st.just(value), HOSTILE_TEXT.map(lambda text: value + text))
    return st.just(value)


@schema.hook
def flatmap_query(context, query):
    if not query:
        return st.just(query)
    return st.one_of(
        st.just(query), st.fixed_dictionaries({k: _hostile(v) for k, v in query.items()})
    )


@schema.hook
def flatmap_body(context, body):
    if not isinstance(body, dict) or not body:
        return st.just(body)
    return st.one_of(
        st.just(body), st.fixed_dictionaries({k: _hostile(v) for k, v in body.items()})
    )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo data and the personas' tokens, for this module only."""
    from handslag.accounts.demo import person
    from handslag.accounts.services import api_token_create

    # As Django's test client does: a request must not close the connection that holds
    # the test's transaction (it would on PostgreSQL).
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        with django_db_blocker.unblock(), transaction.atomic():
            call_command("load_demo", verbosity=0)
            for persona, username in {"buyer": "upphandlare", "supplier": "leverantor"}.items():
                _tokens[persona] = api_token_create(actor=person(username), name="fuzz").raw
            _known_uuids[:] = _uuids_in_database()
            started = time.monotonic()
            yield
            transaction.set_rollback(True)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    if os.environ.get("FUZZ_REPORT"):
        _write_report(os.environ["FUZZ_REPORT"], time.monotonic() - started)
    _tokens.clear()
    _known_uuids.clear()


def _uuids_in_database() -> list[str]:
    found = []
    for model in apps.get_models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.UUIDField):
                values = model._default_manager.values_list(field.attname, flat=True)[:20]
                found += [str(v) for v in values if v]
    return sorted(set(found))


def _write_report(path: str, seconds: float) -> None:
    by_status = collections.Counter()
    for (_operation, status), count in _answers.items():
        by_status[status] += count
    server_errors = sorted({op for (op, status) in _answers if status >= 500})
    report = {
        "operations": len({op for op, _status in _answers}),
        "examples": sum(_answers.values()),
        "seconds": round(seconds, 1),
        "by_status": dict(sorted(by_status.items())),
        "operations_with_5xx": server_errors,
    }
    with open(path, "w") as out:
        json.dump(report, out, indent=2)


def _persona(case: schemathesis.Case) -> str:
    """Buyer or supplier, fixed by the case itself so a replay sends the same token."""
    key = repr((case.method, case.path, case.path_parameters, case.query, case.body))
    return "supplier" if zlib.crc32(key.encode()) % 3 == 0 else "buyer"


def _audit_count() -> int:
    from handslag.audit.models import AuditEntry

    return AuditEntry.objects.count()


@pytest.mark.django_db
@schema.parametrize()
@hypothesis.settings(
    max_examples=MAX_EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
)
def test_api_answers_every_request_without_a_server_error(case, demo):
    # The persona's token replaces the credentials the schema's security schemes generate.
    headers = {"Authorization": f"Bearer {_tokens[_persona(case)]}"}
    case.headers = {**(case.headers or {}), **headers}
    case.cookies = {}
    with transaction.atomic():
        before = _audit_count()
        started = time.monotonic()
        response = case.call(headers=headers)
        elapsed = time.monotonic() - started
        _answers[(case.operation.label, response.status_code)] += 1
        try:
            with transaction.atomic():
                after = _audit_count()
        except DatabaseError:  # pragma: no cover - only when a failed query was swallowed
            after = None
        transaction.set_rollback(True)
    case.validate_response(
        response,
        checks=[not_a_server_error, content_type_conformance],
        headers=headers,
    )
    if 400 <= response.status_code < 500:
        content_type = {k.lower(): v for k, v in response.headers.items()}.get("content-type", [""])
        assert content_type[0].startswith("application/json"), response.status_code
        assert after is not None, "a refused request left the transaction broken"
        assert after == before, "a refused request changed the audit log"
    assert elapsed < 10
