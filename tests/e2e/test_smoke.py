"""The public pages and sign-in, in a real browser, accessible and in Swedish."""

import pytest

from tests.e2e.conftest import SCREENSHOTS, sign_in, sign_out

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_landing_sign_in_and_accessibility_statement(page, axe, demo_data, settings):
    settings.DEMO_MODE = True
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "sv"
    axe(page)
    page.get_by_role("link", name="Logga in").first.click()
    assert page.get_by_role("heading", name="Demokonton").is_visible()
    axe(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "sign-in.png"), full_page=True)
    page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
    axe(page)
    # An empty barrier report is refused with an error summary, in Swedish.
    page.get_by_role("button", name="Skicka rapport").click()
    assert page.get_by_role("alert").is_visible()
    axe(page)


def test_skip_link_moves_focus_to_the_content(page, demo_data):
    page.goto("/accounts/login/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hoppa till innehållet")
    assert skip.evaluate("el => el === document.activeElement")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_sign_in_switch_language_and_sign_out(page, axe, demo_data):
    sign_in(page, "upphandlare")
    assert page.get_by_role("heading", name="Välkommen, Maria").is_visible()
    axe(page)
    page.get_by_role("button", name="In English").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name="Welcome, Maria").is_visible()
    page.get_by_role("button", name="På svenska").click()
    page.wait_for_load_state()
    sign_out(page)
    assert page.get_by_role("link", name="Logga in").first.is_visible()
