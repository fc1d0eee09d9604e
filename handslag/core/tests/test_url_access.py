"""Every URL requires sign-in unless it is deliberately public (CONVENTIONS §4).

The walk finds every view in the URL configuration. A view reachable without signing in
must be on the list below — so a new public page is a decision someone wrote down, never
an accident.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

# Pages for anonymous visitors: published material, sign-in, the language switch,
# the accessibility statement, the health check. The API authenticates itself (401).
PUBLIC_VIEWS = {
    "core:home",
    "core:accessibility",
    "core:healthz",
    "accounts:login",
    "set_language",
    "needs:public_challenge_list",
    "needs:public_challenge_detail",
    "market:public_call_list",
    "market:public_call_detail",
    "market:supplier_register",
    "market:public_rfi_list",
    "market:public_rfi_detail",
    # A requester's released documents, behind an unguessable link token (404 otherwise).
    "disclosure:requester",
    "disclosure:requester_pdf",
    "disclosure:requester_file",
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}{pattern.namespace}:"
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            yield (
                prefix + str(pattern.pattern),
                f"{namespace}{pattern.name or ''}",
                pattern.callback,
            )


def _views():
    return [
        (route, name, callback)
        for route, name, callback in _walk(get_resolver().url_patterns)
        if not name.startswith(("admin:", "api-1.0.0:")) and not route.startswith("admin/")
    ]


def test_only_listed_views_are_public():
    public = {
        name for _, name, callback in _views() if not getattr(callback, "login_required", True)
    }
    assert public <= PUBLIC_VIEWS, f"Public without being listed: {sorted(public - PUBLIC_VIEWS)}"


SAMPLE_UUID = "00000000-0000-4000-8000-000000000001"


def _sample_path(route: str) -> str:
    path = re.sub(r"<uuid:[^>]+>", SAMPLE_UUID, route)
    path = re.sub(r"<(?:int:)?[^>]+>", "1", path)
    path = path.replace("^", "").replace("$", "")
    return "/" + path


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in_everywhere_else(client):
    checked = 0
    for route, name, callback in _views():
        if not getattr(callback, "login_required", True):
            continue
        response = client.get(_sample_path(route))
        assert response.status_code in (302, 405), (
            f"{name} ({route}) answered {response.status_code}"
        )
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name
        checked += 1
    assert checked > 5


@pytest.mark.django_db
def test_api_operations_answer_401_without_credentials(client):
    """Every operation the OpenAPI document marks as secured refuses an anonymous caller."""
    schema = client.get("/api/v1/openapi.json").json()
    checked = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if not operation.get("security"):
                continue  # deliberately public (published calls and challenges)
            uuids = {
                p["name"]
                for p in operation.get("parameters", [])
                if p.get("schema", {}).get("format") == "uuid"
            }
            url = re.sub(
                r"\{([^}]+)\}",
                lambda m, uuids=uuids: SAMPLE_UUID if m.group(1) in uuids else "1",
                path,
            )
            response = getattr(client, method)(url, content_type="application/json")
            assert response.status_code == 401, f"{method.upper()} {url} → {response.status_code}"
            checked += 1
    assert checked > 50
