"""The engine client, the offline detector and the cache's upkeep."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from comenius.translation import engine as engine_module
from comenius.translation import services
from comenius.translation.detect import detect_language
from comenius.translation.models import Translation
from comenius.translation.tests.engine_server import EngineServer


def test_detection_is_offline_and_stable():
    assert detect_language("Vi glæder os til at arbejde sammen med jeres klasse i foråret.") == "da"
    assert detect_language("Tenemos muchas ganas de trabajar con vuestra clase en primavera.") == "es"
    assert detect_language("<p>Wir freuen uns sehr auf die Zusammenarbeit mit eurer Klasse.</p>") == "de"
    assert detect_language("ok") is None  # too short to say
    # Short Danish looks Norwegian to the detector; written in Denmark, it is Danish.
    assert detect_language("Hej Lucía! I morgen viser vi jer skolen.") == "no"
    assert detect_language("Hej Lucía! I morgen viser vi jer skolen.", likely=("da",)) == "da"
    assert detect_language("Tenemos muchas ganas de trabajar con vuestra clase.", likely=("da",)) == "es"


def test_the_client_speaks_libretranslate(engine: EngineServer):
    client = engine_module.get_engine()
    assert client is not None
    assert client.translate("Hej", "da", "es") == "[es] Hola"
    assert [language["code"] for language in client.languages()] == ["da", "en", "es"]


@pytest.mark.django_db
def test_off_by_default_and_nothing_is_sent(settings):
    settings.TRANSLATION_URL = ""
    assert engine_module.get_engine() is None
    with pytest.raises(services.EngineUnavailableError):
        services.translate_text("Hej med jer alle sammen, hvordan går det?", "es")


@pytest.mark.django_db
def test_old_translations_are_pruned(engine: EngineServer, settings):
    settings.TRANSLATION_CACHE_DAYS = 30
    services.translate_text("Hej med jer alle sammen, hvordan går det i skolen?", "es")
    old = services.translate_text("Vi ses i morgen i skolen, og vi glæder os meget.", "es")
    assert not old.cached
    Translation.objects.filter(translated=old.text).update(created_at=timezone.now() - timedelta(days=31))
    assert services.prune_cache() == 1
    assert Translation.objects.count() == 1
