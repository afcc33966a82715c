"""The read-replica router's rules that need no replica (core/replicas.py); the real streaming replica is
`make replica-drill` (deploy/replica_drill.py), which CI runs."""

from __future__ import annotations

import time

import pytest
from django.test import Client, RequestFactory

from comenius.core import replicas


@pytest.mark.parametrize(
    ("sql", "writes"),
    [
        ('SELECT "x" FROM "y"', False),
        ("  select 1", False),
        ('SELECT "x" FROM "y" WHERE id = 1 FOR UPDATE', True),
        ('INSERT INTO "y" VALUES (1)', True),
        ('UPDATE "y" SET a = 1', True),
        ('DELETE FROM "y"', True),
        ("SAVEPOINT s1", True),
        ("SET TIME ZONE 'UTC'", False),
    ],
)
def test_what_counts_as_a_write(sql, writes):
    assert replicas._is_write(sql) is writes


def test_the_pin_cookie_pins_until_its_time():
    factory = RequestFactory()
    now = time.time()
    for value, pinned in (("", False), ("soon", False), (str(int(now + 3)), True), (str(int(now - 1)), False)):
        request = factory.get("/", HTTP_COOKIE=f"{replicas.PIN_COOKIE}={value}")
        assert replicas._pinned_by_cookie(request) is pinned


@pytest.mark.django_db
def test_without_a_replica_nothing_changes():
    assert not replicas.configured()
    assert replicas.ReplicaRouter().db_for_read(None) == "default"
    response = Client().get("/healthz")
    assert response.status_code == 200 and replicas.PIN_COOKIE not in response.cookies
