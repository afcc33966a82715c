"""The API against its own OpenAPI document (schemathesis, in process): no 5xx, every answer as documented,
anonymously and with a member's token of every scope. Runs on SQLite and on PostgreSQL in CI."""

from __future__ import annotations

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from comenius.api.scopes import MEMBER_SCOPES
from comenius.api.tests.helpers import token_for
from comenius.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
# Every check but two. "A schema-valid request is accepted": cursors are opaque and signed, so a string the
# schema allows is still refused (400 `invalid_cursor`) unless the API gave it out, as it must be. "A
# schema-violating request is refused": unknown query parameters are ignored, as HTTP APIs do (a cache-buster
# must not break a call); hostile values of known parameters are still sent, and must not give a 5xx.
SKIPPED = [positive_data_acceptance, negative_data_rejection]
FUZZ = hypothesis_settings(
    max_examples=10, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck), database=None
)


@pytest.fixture(autouse=True)
def _connections_stay_open():
    """Calling the WSGI application directly sends Django's request signals, whose handler would close the
    test's database connection after each call (on PostgreSQL, in the middle of the test's transaction);
    Django's own test client disconnects it the same way."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def roomy_limits(settings):
    # The fuzzer sends far more than a person would; the limits have their own test.
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 1_000_000
    settings.API_REQUESTS_PER_MINUTE_PER_TOKEN = 1_000_000


@pytest.fixture
def members_token(cast) -> str:
    return token_for(cast.mette, *MEMBER_SCOPES)


@schema.parametrize()
@FUZZ
@pytest.mark.django_db
def test_the_api_as_a_visitor(case, roomy_limits):
    case.call_and_validate(excluded_checks=SKIPPED)


@schema.parametrize()
@FUZZ
@pytest.mark.django_db
def test_the_api_with_a_members_token(case, roomy_limits, members_token):
    case.call_and_validate(headers={"Authorization": f"Bearer {members_token}"}, excluded_checks=SKIPPED)
