from __future__ import annotations

import pytest

from comenius.devdata.testing import Cast, build_cast


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    # Hashing is deliberately slow in production; tests need many users. Uploads go to a throwaway folder.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    # Background tasks run at once, in the test's own thread and transaction (a test that needs the real
    # database queue and worker sets TASKS itself: core/tests/test_worker.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    from django.core.cache import cache
    from django.utils import translation

    cache.clear()
    # A request by a Danish-speaking member leaves Danish active in this thread; every test starts in English.
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()


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
