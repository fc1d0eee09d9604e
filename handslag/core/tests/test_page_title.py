"""Every page's title names the page, then the site (WCAG 2.4.2, page titled)."""

import re

import pytest
from django.urls import reverse


@pytest.mark.django_db
@pytest.mark.parametrize("path", [reverse("accounts:login"), "/finns-inte/"])
def test_the_title_separates_the_page_from_the_site(client, path):
    body = client.get(path).content.decode()
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    page, _, site = title.rpartition(" – ")
    assert site == "handslag"
    assert page.strip()
