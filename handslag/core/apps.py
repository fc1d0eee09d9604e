import contextlib

from django.apps import AppConfig
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "handslag.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from handslag.core.uploads import upload_spool_dir

        # FILE_UPLOAD_TEMP_DIR is the spool directory, and Django's system check
        # (files.E001) refuses every management command while it does not exist. Made here
        # leniently; the server's start (config/wsgi.py, asgi.py) insists on it.
        with contextlib.suppress(OSError, ImproperlyConfigured):
            upload_spool_dir()
