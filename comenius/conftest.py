from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pytest
from pytest_django.plugin import validate_django_db

from comenius.core import audit
from comenius.devdata.testing import Cast, build_cast, load_cast

# In the suite, an audit entry with an action code no app registered fails the test that writes it.
audit.REQUIRE_REGISTERED = True

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
PLAIN_STATIC_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
T = TypeVar("T")


@dataclass
class _SessionCast:
    """DESIGN.md rule 4: the cast is built once a session, into the test database right after the migrations.
    Each test runs in a transaction rolled back at its end, so every test starts from this pristine state."""

    keys: dict[str, int] = field(default_factory=dict)
    media: Path | None = None  # the files the cast wrote; each test gets a copy in its own MEDIA_ROOT
    blocker: Any = None  # pytest-django's database blocker, to rebuild after a test that flushed the database


_session = _SessionCast()


@contextmanager
def _as_in_a_test() -> Iterator[None]:
    """What `_fast_and_isolated` gives a test, for data built outside one (the cast, module data)."""
    from django.test import override_settings
    from django.utils import translation

    with (
        override_settings(PASSWORD_HASHERS=FAST_HASHERS, MEDIA_ROOT=_session.media, TASKS=IMMEDIATE_TASKS),
        translation.override("en"),
    ):
        yield


def _build_session_cast() -> None:
    from django.db import transaction

    assert _session.media is not None
    shutil.rmtree(_session.media, ignore_errors=True)
    _session.media.mkdir(parents=True)
    with _as_in_a_test(), transaction.atomic():
        cast = build_cast()
    _session.keys = cast.keys()


def _restore_migrated_state() -> None:
    """Empty every table, then put back what the migrations wrote (countries, content types …), as a
    serialized-rollback test does at its start."""
    from django.core.management import call_command
    from django.db import connection

    call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True)
    connection.creation.deserialize_db_from_string(connection._test_serialized_contents)  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, django_db_keepdb, tmp_path_factory):
    """pytest-django's test database, migrated, plus the test cast built once for the whole session."""
    from django.db import connection

    if django_db_keepdb:
        pytest.exit("--reuse-db is not supported: the session builds the test cast into a new test database.", 4)

    _session.blocker = django_db_blocker
    _session.media = tmp_path_factory.mktemp("cast") / "media"
    with django_db_blocker.unblock():
        if not hasattr(connection, "_test_serialized_contents"):
            # What the migrations wrote, to restore after a test that flushes the database (transaction=True)
            # and for `migrated_db`; Django keeps it already when a test asks for serialized_rollback.
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()  # type: ignore[attr-defined]
        _build_session_cast()
    yield


def _flushes_database(item: pytest.Item) -> bool:
    """A transactional test (transaction=True, live_server …) commits and empties every table at its end."""
    marker = item.get_closest_marker("django_db")
    transactional = False
    if marker is not None:
        transaction, reset_sequences, *_rest = validate_django_db(marker)
        transactional = transaction or reset_sequences
    names = set(getattr(item, "fixturenames", ()))
    return transactional or bool(names & {"transactional_db", "live_server", "django_db_reset_sequences"})


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    try:
        return (yield)
    finally:
        # After the flush of a transactional test, the next test finds the pristine database again.
        if nextitem is not None and _session.blocker is not None and _flushes_database(item):
            with _session.blocker.unblock():
                _restore_migrated_state()
                _build_session_cast()


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Hashing is deliberately slow in production; tests need many users. Uploads go to a throwaway folder.
    settings.PASSWORD_HASHERS = FAST_HASHERS
    settings.MEDIA_ROOT = tmp_path / "media"
    # Plain static names: no collectstatic before the tests (a manifest left in var/ by `make run` is not read).
    settings.STORAGES = PLAIN_STATIC_STORAGES
    # Background tasks run at once, in the test's own thread and transaction (a test that needs the real
    # database queue and worker sets TASKS itself: core/tests/test_worker.py).
    settings.TASKS = IMMEDIATE_TASKS
    if _session.media is not None and any(_session.media.iterdir()):
        shutil.copytree(_session.media, settings.MEDIA_ROOT)
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request by a Danish-speaking member leaves Danish active in this thread; every test starts in English.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def cast(db) -> Cast:
    """The test cast, fresh objects read from the database (built once per session, see `django_db_setup`)."""
    return load_cast(_session.keys)


@pytest.fixture
def migrated_db(db) -> None:
    """The database as the migrations leave it, without the cast, for the tests of loading data into an empty
    database. Inside the test's transaction, so the rollback brings the cast back."""
    _restore_migrated_state()


@pytest.fixture(scope="module")
def build_for_module(django_db_setup, django_db_blocker) -> Iterator[Callable[[Callable[[Cast], T]], T]]:
    """For a module-scoped fixture that builds data once for many tests of a module (it would cost more than
    the tests): `build_for_module(make)` calls `make(cast)` in a transaction that stays open until the module's
    last test has run, then is rolled back. Each test runs in a savepoint inside it: it sees the data, and its
    own changes are undone. The module's tests that use such a fixture run after its other tests (see
    `pytest_collection_modifyitems`), so those still start from the pristine cast. Not for transactional tests.
    Store primary keys, and have a function-scoped fixture read fresh objects for each test. It may not write
    files."""
    from django.db import transaction

    atomics: list[Any] = []

    def build(make: Callable[[Cast], T]) -> T:
        with django_db_blocker.unblock():
            if not atomics:
                atomics.append(transaction.atomic())
                atomics[0].__enter__()
            assert _session.media is not None
            files_before = sorted(_session.media.rglob("*"))
            with _as_in_a_test():
                made = make(load_cast(_session.keys))
            # Each test's MEDIA_ROOT starts as a copy of the cast's files; a file written here would outlive
            # the module's rollback there.
            assert sorted(_session.media.rglob("*")) == files_before, "data built for a module wrote files"
            return made

    yield build
    if atomics:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomics[0].__exit__(None, None, None)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked `postgresql` (real concurrency: row locks, racing writers) are deselected on the embedded
    default, never skipped: `make test-postgres` runs them, and a skip would hide a failure in CI.

    Within each module, the tests that see data built once for the module (`build_for_module`) run last.
    pytest-django has already put the transactional tests after all others; a module's tests stay together."""
    from django.db import connection

    if connection.vendor != "postgresql":
        elsewhere = [item for item in items if item.get_closest_marker("postgresql")]
        if elsewhere:
            config.hook.pytest_deselected(items=elsewhere)
            items[:] = [item for item in items if not item.get_closest_marker("postgresql")]
    start = 0
    while start < len(items):
        module = items[start].getparent(pytest.Module)
        end = start
        while end < len(items) and items[end].getparent(pytest.Module) is module:
            end += 1
        run = items[start:end]
        items[start:end] = sorted(run, key=lambda item: "build_for_module" in getattr(item, "fixturenames", ()))
        start = end


@pytest.fixture(autouse=True)
def _commit_after_each_request(monkeypatch, django_capture_on_commit_callbacks):
    """Each test runs inside one transaction, so on-commit work (e-mails) would never run. In production a
    request commits when it ends; emulate exactly that for every request of the test client."""
    from django.test import Client

    original = Client.request

    def request(self, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original(self, **kwargs)

    monkeypatch.setattr(Client, "request", request)
