"""Absolute links for what is read outside the site: e-mails, receipts, exports."""

from urllib.parse import urljoin

from django.conf import settings
from django.urls import reverse


def absolute_url(path: str) -> str:
    """The full address of a path on this site, from the SITE_URL setting.

    An e-mail is sent by a background worker, outside any request, and read in a mail
    client, so a relative link ("/tendering/…") leads nowhere. A path that is already
    absolute (http/https) is returned as it is.
    """
    if path.startswith(("http://", "https://")):
        return path
    return urljoin(settings.SITE_URL.rstrip("/") + "/", path.lstrip("/"))


def absolute_reverse(viewname: str, **kwargs) -> str:
    """`reverse()` for a link in an e-mail: the named URL as a full address."""
    return absolute_url(reverse(viewname, **kwargs))
