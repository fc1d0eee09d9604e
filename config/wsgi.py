"""WSGI entry point (gunicorn config.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

if settings.SECRET_KEY_MISSING:
    raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
application = get_wsgi_application()

# A worker killed mid-upload may have left a spooled file; sweep before taking requests.
from handslag.core.uploads import upload_spool_prepare  # noqa: E402

upload_spool_prepare()
