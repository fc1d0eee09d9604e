"""A person chooses the language of their e-mails and a daily digest on their account page;
the pages follow the language from then on, and every page passes axe-core."""

import pytest

from handslag.accounts.models import User
from tests.e2e.conftest import sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_choose_english_and_a_daily_digest(page, axe, demo_data):
    sign_in(page, "upphandlare")
    page.get_by_role("link", name="Maria").first.click()
    page.wait_for_load_state()
    page.get_by_role("heading", name="Språk och e-post").wait_for()
    axe(page)
    page.get_by_label("Engelska").check()
    page.get_by_label("Ett e-postmeddelande om dagen med allt nytt").check()
    page.get_by_role("button", name="Spara inställningarna").click()
    page.wait_for_load_state()
    page.get_by_role("heading", name="Language and e-mail").wait_for()
    assert page.get_by_text("Your settings were saved.").is_visible()
    axe(page)
    person = User.objects.get(username="upphandlare")
    assert (person.language, person.notification_delivery) == ("en", "digest")
    # The next sign-in opens in English, whatever the browser asks for.
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()
    page.context.clear_cookies()
    sign_in(page, "upphandlare")
    assert page.locator("html").get_attribute("lang") == "en"
