"""Absolute links for e-mail: a mail client has no page to resolve a relative link against.

The site's address comes from the `SITE_URL` setting (for example
`https://handslag.example.se`), never from a request's Host header, so a mail sent from a
background task links to the same place as one sent from a page.
"""

from django.conf import settings


def absolute_url(path: str) -> str:
    """`path` (as `reverse()` gives it) under the site's address."""
    base = (getattr(settings, "SITE_URL", "") or "").rstrip("/")
    if not path.startswith("/"):
        path = "/" + path
    return f"{base}{path}"
