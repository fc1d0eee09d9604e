"""Test-wide defaults: safe settings for tests, fast hashing, tasks run at once."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key")
os.environ.setdefault("TASKS_BACKEND", "immediate")
os.environ.setdefault("SECURE_COOKIES", "0")
os.environ.setdefault("STATIC_MANIFEST", "0")
# A fixed key-encryption key for tests only (32 bytes, urlsafe base64).
os.environ.setdefault("TENDER_KEY_ENCRYPTION_KEY", "dGVzdC1vbmx5LWtleS1lbmNyeXB0aW9uLWtleS0zMmI=")

import pytest  # noqa: E402


@pytest.fixture(autouse=True)
def _fast_hashing(settings):  # noqa: ANN001, ANN202
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.LANGUAGE_CODE = "sv"
