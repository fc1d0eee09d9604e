"""ASGI entry point."""

import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if settings.SECRET_KEY_MISSING:
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
django.setup(set_prefix=False)

# Django's handler, except that a large request body waits encrypted, not in /tmp.
from handslag.core.uploads import SpoolingASGIHandler, upload_spool_prepare  # noqa: E402

application = SpoolingASGIHandler()
# A worker killed mid-upload may have left a spooled file; sweep before taking requests.
upload_spool_prepare()
