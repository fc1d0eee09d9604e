"""Test-wide defaults: fast hashing, Swedish as the language under test, an audit log
that the test database can still be emptied around, and the demo data built once per test
process (`demo_data`).

Environment defaults for tests (secret key, immediate tasks, test key-encryption key)
are set in config/settings.py when pytest runs, because pytest-django loads the
settings before this file.
"""

import pytest
from django.db import transaction
from django.test import override_settings

from handslag.testing.demo import DemoSnapshot


def _test_settings(tmp_path_factory: pytest.TempPathFactory) -> dict:
    spool = tmp_path_factory.getbasetemp() / "upload-spool"
    return {
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "LANGUAGE_CODE": "sv",
        # Files the tests store go to a temporary folder, never the repository's media/.
        "MEDIA_ROOT": str(tmp_path_factory.getbasetemp() / "media"),
        "UPLOAD_SPOOL_DIR": spool,
        "FILE_UPLOAD_TEMP_DIR": str(spool),
    }


@pytest.fixture(autouse=True)
def _fast_hashing(settings, tmp_path_factory):
    for name, value in _test_settings(tmp_path_factory).items():
        setattr(settings, name, value)


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory) -> DemoSnapshot:
    """The demo, loaded once per test process (each xdist worker has its own) with the
    settings every test runs with, and rolled back at once: only its rows are kept."""
    with (
        django_db_blocker.unblock(),
        override_settings(**_test_settings(tmp_path_factory)),
        transaction.atomic(),
    ):
        snapshot = DemoSnapshot.build()
        transaction.set_rollback(True)
    return snapshot


@pytest.fixture
def demo_data(demo_snapshot, db) -> None:
    """The demo data, written into this test's transaction and rolled back with it."""
    demo_snapshot.restore()


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Nothing cached may leak from one test into the next. (The sign-in and sign-up
    throttles count in the database, which each test gets fresh.)"""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def _is_transactional(request: pytest.FixtureRequest) -> bool:
    return _item_is_transactional(request.node)


def _item_is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        (marker and marker.kwargs.get("transaction"))
        or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """A transactional test empties the database when it ends, the shipped procedure
    templates (a data migration) included. Put them back once it is emptied, so the next
    test in this process finds the database as migrating left it, whatever ran before."""
    result = yield
    # A transactional test with serialized_rollback loads its own copy of that data when
    # it starts: putting it back before such a test would store it twice.
    # After the last test the test database is already gone.
    following = nextitem.get_closest_marker("django_db") if nextitem else None
    if (
        nextitem is not None
        and _item_is_transactional(item)
        and not (following and following.kwargs.get("serialized_rollback"))
    ):
        from pytest_django.plugin import blocking_manager_key

        from handslag.projects.demo import ensure_shipped_templates

        with item.config.stash[blocking_manager_key].unblock():
            ensure_shipped_templates()
    return result


@pytest.fixture(autouse=True)
def _audit_guards_around_flush(request):
    """Transactional tests empty the database afterwards with DELETE, which the audit
    log's append-only triggers refuse. Lift the triggers just for that flush and put
    them back before the next test that uses the database."""
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if uses_db:
        from django.db import connection

        from handslag.audit.guards import install_guards

        request.getfixturevalue("django_db_blocker")
        install_guards(connection)
    yield
    if uses_db and _is_transactional(request):
        from django.db import connection

        from handslag.audit.guards import remove_guards

        remove_guards(connection)
