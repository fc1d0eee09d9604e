"""Test-wide defaults: fast hashing and Swedish as the language under test.

Environment defaults for tests (secret key, immediate tasks, test key-encryption key)
are set in config/settings.py when pytest runs, because pytest-django loads the
settings before this file.
"""

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing(settings):  # noqa: ANN001, ANN202
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "sv"
