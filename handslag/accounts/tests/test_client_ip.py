"""The client's address for throttling: REMOTE_ADDR, or behind trusted proxies the
address the nearest proxy saw; never a value the client wrote itself."""

import pytest
from django.test import RequestFactory

from handslag.accounts.forms import client_ip


def _request(remote: str = "10.0.0.9", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_HOPS = 0
    assert client_ip(_request(forwarded="203.0.113.5")) == "10.0.0.9"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "198.51.100.7", "198.51.100.7"),
        # The client wrote the first entry itself; the proxy appended the real address.
        (1, "1.2.3.4, 198.51.100.7", "198.51.100.7"),
        (2, "1.2.3.4, 198.51.100.7, 10.1.1.1", "198.51.100.7"),
        (1, " 198.51.100.7 ", "198.51.100.7"),
        # Shorter than the number of proxies: misconfigured, so the direct peer counts.
        (2, "198.51.100.7", "10.0.0.9"),
        (1, "", "10.0.0.9"),
        (1, None, "10.0.0.9"),
    ],
)
def test_behind_trusted_proxies(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops
    assert client_ip(_request(forwarded=forwarded)) == expected
