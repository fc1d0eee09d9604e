"""The API's generic input rules and error answers (handslag.core.api, config/api.py):
a malformed request gets a 4xx JSON answer in Swedish and changes nothing; an
unexpected error a JSON 500 without the traceback."""

import json

import pytest
from django.test import RequestFactory

from config.api import api
from handslag.accounts.roles import OrganisationRole as R
from handslag.accounts.services import api_token_create
from handslag.accounts.tests.factories import buyer, member
from handslag.core.api import refuse_unstorable
from handslag.core.render import Document, Paragraph, Table, to_docx, to_xlsx
from handslag.needs.models import Challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer():
    return member(buyer(name="Växjö kommun"), R.PROCUREMENT_OFFICER)


def _auth(user) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {api_token_create(actor=user, name='t').raw}"}


def _json_error(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize(
    "query",
    ["offset=99999999999999999999", "limit=99999999999999999999", "limit=501", "offset=-1"],
)
def test_page_numbers_out_of_range_are_refused(client, officer, query) -> None:
    response = client.get(f"/api/v1/needs/challenges?{query}", **_auth(officer))
    body = _json_error(response, 422)
    assert body["errors"]
    assert body["detail"] in {"Värdet är för stort.", "Värdet är för litet."}


def test_a_large_page_within_the_bounds_is_served(client, officer) -> None:
    response = client.get("/api/v1/needs/challenges?limit=500&offset=2147483647", **_auth(officer))
    assert response.status_code == 200
    assert response.json()["items"] == []


def test_schema_errors_are_in_swedish(client, officer) -> None:
    body = _json_error(
        client.post(
            "/api/v1/needs/challenges", "{}", content_type="application/json", **_auth(officer)
        ),
        422,
    )
    assert body["detail"] == "Fältet måste fyllas i."
    assert all(where.startswith("body.") for where in body["errors"])


@pytest.mark.parametrize("text", ["Trasig\x00text", "Klocka\x07", "\ud800"])
def test_control_characters_in_a_body_are_refused(client, officer, text) -> None:
    payload = json.dumps({"title": text, "description": "Beskrivning", "area": "Avfall"})
    response = client.post(
        "/api/v1/needs/challenges", payload, content_type="application/json", **_auth(officer)
    )
    body = _json_error(response, 400)
    assert body["detail"] == "Texten innehåller ett styrtecken som inte kan sparas."
    assert list(body["errors"]) == ["body.title"]
    assert not Challenge.objects.exists()


def test_control_characters_in_a_query_are_refused(client, officer) -> None:
    body = _json_error(client.get("/api/v1/needs/challenges?area=%00", **_auth(officer)), 400)
    assert list(body["errors"]) == ["query.area"]


@pytest.mark.parametrize("body", ["{", '{"title": NaN}', '{"n": 1e400}', "[" * 5000])
def test_bodies_that_are_not_json_are_refused(client, officer, body) -> None:
    response = client.post(
        "/api/v1/needs/challenges", body, content_type="application/json", **_auth(officer)
    )
    assert _json_error(response, 400)["detail"]


def test_multipart_without_boundary_is_400(client, officer) -> None:
    response = client.generic(
        "POST",
        "/api/v1/needs/challenges/1/attachments",
        b"--x\r\n",
        content_type="multipart/form-data",
        **_auth(officer),
    )
    assert _json_error(response, 400)["detail"] == "Formulärdata kunde inte läsas."


def test_unknown_path_and_wrong_method_answer_json(client, officer) -> None:
    assert _json_error(client.get("/api/v1/no-such-thing", **_auth(officer)), 404)["detail"] == (
        "Finns inte, eller så har du inte åtkomst till det."
    )
    response = client.put("/api/v1/me", **_auth(officer))
    _json_error(response, 405)
    assert "GET" in response["Allow"]


def test_an_unexpected_error_is_a_json_500_without_traceback(settings, caplog) -> None:
    settings.DEBUG = False
    request = RequestFactory().get("/api/v1/me")
    response = api.on_exception(request, RuntimeError("secret internals"))
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    assert b"secret internals" not in response.content
    assert b"Traceback" not in response.content
    assert json.loads(response.content)["detail"] == "Något gick fel hos oss. Försök igen senare."
    assert "secret internals" in caplog.text  # logged for us, not shown to them


def test_a_file_missing_from_storage_is_a_404(caplog) -> None:
    request = RequestFactory().get("/api/v1/documents/generated/1/download")
    response = api.on_exception(request, FileNotFoundError("media/documents/x.docx"))
    assert response.status_code == 404
    assert json.loads(response.content)["detail"].startswith("Finns inte")
    assert "x.docx" not in response.content.decode()
    assert "x.docx" in caplog.text


def test_values_the_database_cannot_hold_are_named() -> None:
    from django.core.exceptions import ValidationError

    for value in ({"a": [1, "x\x00"]}, {"n": 2**64}, {"f": float("inf")}):
        with pytest.raises(ValidationError):
            refuse_unstorable(value, location="body")
    refuse_unstorable({"ok": ["tab\tline\nfeed\r", 2**63 - 1, 1.5, None, True]}, location="body")


def test_exports_carry_control_characters_as_replacement_marks() -> None:
    content = to_xlsx([("Risker", ["Rubrik\x01"], [["Tr\x00asig", "=1+1", 3]])])
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(content)).active
    assert sheet["A1"].value == "Rubrik\ufffd"
    assert [c.value for c in sheet[2]] == ["Tr\ufffdasig", "'=1+1", 3]
    document = Document(title="Plan\x0b").add(
        Paragraph("Rad\x00ett"), Table(header=["A\x1f"], rows=[["b\x02"]])
    )
    assert to_docx(document).startswith(b"PK")
