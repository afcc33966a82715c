from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache

from comenius.translation.tests.engine_server import EngineServer


@pytest.fixture
def engine(settings: Any) -> Iterator[EngineServer]:
    """A running LibreTranslate-compatible server, configured as the platform's engine."""
    server = EngineServer().start()
    settings.TRANSLATION_URL = server.url
    settings.TRANSLATION_API_KEY = "test-key"
    settings.TRANSLATION_TIMEOUT = 2.0
    cache.clear()  # the per-member rate limit starts afresh
    yield server
    server.stop()
