"""The rules are tested as plain Python: ``pytest -p no:django handslag/rules`` works.

The project-wide autouse fixtures tune Django settings, the cache and the audit log;
none of that exists for these modules, so they are replaced here by no-ops.
"""

import pytest


@pytest.fixture(autouse=True)
def _fast_hashing():
    """No Django settings to tune."""


@pytest.fixture(autouse=True)
def _fresh_cache():
    """No Django cache to clear."""


@pytest.fixture(autouse=True)
def _audit_guards_around_flush():
    """No audit log to guard."""
