"""With DEBUG off, as the demo and production run, every error answer is the site's own
page in Swedish: never Django's technical pages with URL patterns, settings or a
traceback, and never its bare English ones."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.template import loader
from django.test import Client
from django.urls import include, path

from config.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

TECHNICAL = ("URLconf", "Traceback", "SECRET_KEY", "INSTALLED_APPS", "DEBUG = True", "Django")


@login_not_required
def _raises(request):
    raise RuntimeError("something broke")


urlpatterns = [path("broken/", _raises), path("", include(site_urlpatterns))]


@pytest.fixture(autouse=True)
def debug_off(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def _assert_own_page(response, status: int, heading: str) -> str:
    assert response.status_code == status
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert heading in page
    assert 'id="main"' in page and "handslag" in page
    for word in TECHNICAL:
        assert word not in page, word
    return page


def test_a_missing_page_answers_the_own_404(client):
    _assert_own_page(client.get("/no-such-page/"), 404, "Sidan hittades inte")


def test_a_bad_host_answers_the_own_400(client):
    response = client.get("/", HTTP_HOST="evil.example")
    _assert_own_page(response, 400, "Felaktig begäran")


def test_a_failing_view_answers_the_own_500():
    client = Client(raise_request_exception=False)
    response = client.get("/broken/")
    page = _assert_own_page(response, 500, "Något gick fel")
    assert "something broke" not in page


def test_the_500_page_renders_without_any_request_context():
    page = loader.get_template("500.html").render()
    assert "Något gick fel" in page


def test_a_refused_form_without_its_security_token_answers_the_own_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "maria", "password": "x"})
    _assert_own_page(response, 403, "Formuläret kunde inte skickas")
