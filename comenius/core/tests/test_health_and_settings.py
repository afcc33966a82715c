"""/healthz, and production settings that refuse to start unsafe."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_healthz_reports_the_database(client):
    response = client.get(reverse("core:healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_reports_a_broken_redis(client, settings):
    from comenius.settings import redis_cache

    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    settings.CACHES = {"default": redis_cache(settings.REDIS_URL)}
    response = client.get(reverse("core:healthz"))
    # Pages still work without Redis (core/cache.py): degraded, not down — a load balancer keeps the server.
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "redis": "unavailable", "status": "degraded"}


def start_with(**env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        key: value for key, value in os.environ.items() if key not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    environment.update(env)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='comenius.settings'; django.setup()",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


GOOD_KEY = "k" * 20 + "-production-secret-key-of-enough-length-1234567890"


@pytest.mark.parametrize(
    ("env", "complaint"),
    [
        ({"DEBUG": "true", "SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org"}, "DEBUG is on"),
        ({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS is empty"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "example.org", "DEBUG": "maybe"}, "DEBUG must be true or false"),
    ],
)
def test_production_refuses_unsafe_settings(env, complaint):
    result = start_with(COMENIUS_MODE="production", **env)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_with_safe_settings():
    result = start_with(COMENIUS_MODE="production", SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("url", "worker", "expected"),
    [
        ("redis://127.0.0.1:6379/1", "gw0", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/1", "gw3", "redis://127.0.0.1:6379/4"),
        ("redis://127.0.0.1:6379", "gw1", "redis://127.0.0.1:6379/1"),
        ("redis://127.0.0.1:6379/1", "", "redis://127.0.0.1:6379/1"),
        ("", "gw1", ""),
    ],
)
def test_parallel_test_workers_get_their_own_redis_database(url, worker, expected):
    from comenius.settings import _redis_url_for_test_worker

    assert _redis_url_for_test_worker(url, worker) == expected
