"""Browser journeys in Debian's Chromium, driven by Playwright, checked by axe-core.

On a person's machine without Chromium these tests skip with the reason; in CI
(CI set) a missing browser fails the run instead.
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the
# tests make are synchronous and safe there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _missing_browser_reason() -> str | None:
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright for Python is not installed"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _missing_browser_reason()
    if reason:
        if os.environ.get("CI"):
            pytest.fail(f"Browser tests cannot run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


@pytest.fixture(autouse=True)
def _shipped_templates(request):
    """Each browser test empties the database afterwards, shipped procedure templates (a
    data migration) included; put them back first, with the migration's own code."""
    if request.node.get_closest_marker("django_db"):
        from handslag.projects.demo import ensure_shipped_templates

        ensure_shipped_templates()


@pytest.fixture
def demo_data(demo_snapshot, transactional_db):
    """The demo data, committed for the live server; emptied after the test with the rest.

    The shipped templates put back after the last test emptied the database may have other
    ids than the ones the demo's projects refer to; the demo's rows bring them back with
    theirs (no project uses them yet)."""
    from handslag.projects.models import ProcedureTemplate

    ProcedureTemplate.objects.filter(organisation__isnull=True).delete()
    demo_snapshot.restore()


try:
    from playwright.sync_api import Error as PlaywrightError
except ImportError:  # without Playwright the browser tests skip (see browser above)
    PlaywrightError = Exception


class AxeChecker:
    """Runs axe-core on the current page and fails with a readable report."""

    def __init__(self) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.axe = Axe()
        self.pages: list[str] = []

    def __call__(self, page) -> None:
        # A click that follows a link returns before the next page has loaded; checking
        # then would check the page being left, or no document at all.
        page.wait_for_load_state("load")
        try:
            results = self.axe.run(page)
        except PlaywrightError as error:
            if "documentElement" not in str(error) and "context was destroyed" not in str(error):
                raise
            page.wait_for_load_state("load")
            results = self.axe.run(page)
        self.pages.append(page.url)
        assert results.violations_count == 0, (
            f"axe-core found {results.violations_count} violation(s) on {page.url}:\n"
            + results.generate_report()
        )
        csp = [e for e in page.console_errors if "Content Security Policy" in e]
        assert not csp, f"Content-Security-Policy refused something on {page.url}: {csp}"


@pytest.fixture
def axe(browser) -> AxeChecker:
    return AxeChecker()


def sign_in(page, username: str, password: str = "handslag-demo") -> None:  # noqa: S107 - the demo password
    """Sign in through the form, as a person would."""
    page.goto("/accounts/login/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_load_state()


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_load_state()
