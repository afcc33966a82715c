"""Issue 19, translating what members write: a Danish message shown in Spanish to Lucía with the original one
click away, a cache hit on the second read, the engine down or slow, the engine off (no Translate action)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.network import services as network
from comenius.translation.models import Translation
from comenius.translation.tests.engine_server import EngineServer

pytestmark = pytest.mark.django_db

DANISH = "Hej Lucía! I morgen viser vi jer skolen, og eleverne har lavet en lille film om vandet i Hjørring."


@pytest.fixture
def message(cast: Cast):
    return network.send_message(cast.mette, cast.lucia, DANISH)


def translate_url(message) -> str:
    return reverse("translation:translate", args=["message", message.pk])


def test_the_conversation_offers_translate_and_lucia_reads_it_in_spanish(cast: Cast, message, engine: EngineServer):
    lucia = client_for(cast.lucia)
    page = lucia.get(reverse("network:conversation", args=[message.conversation_id])).content.decode()
    assert f'id="translate-message-{message.pk}"' in page
    assert f'href="{translate_url(message)}?next=' in page  # a plain link: works without JavaScript

    response = lucia.get(translate_url(message))
    body = response.content.decode()
    assert response.status_code == 200
    assert "[es] Hola Lucía!" in body  # Spanish: the language of her country, whatever interface she uses
    assert "Machine translation from Danish into Spanish" in body
    assert 'lang="es"' in body
    assert engine.requests == [
        {"q": DANISH, "source": "da", "target": "es", "format": "text", "api_key": "test-key"}
    ]  # the source language detected offline, the operator's key sent

    # The original is one click away.
    original_link = f"{translate_url(message)}?show=original"
    assert f'href="{original_link}"' in body
    original = lucia.get(original_link).content.decode()
    assert DANISH.replace("'", "&#x27;") in original
    assert "[es]" not in original


def test_with_htmx_the_translation_appears_in_place(cast: Cast, message, engine: EngineServer):
    lucia = client_for(cast.lucia)
    fragment = lucia.get(translate_url(message), headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in fragment
    assert "[es] Hola" in fragment and "Machine translation from Danish into Spanish" in fragment
    assert f'hx-get="{translate_url(message)}?show=original"' in fragment
    closed = lucia.get(f"{translate_url(message)}?show=original", headers={"HX-Request": "true"}).content.decode()
    assert "[es]" not in closed and f'hx-get="{translate_url(message)}"' in closed


def test_a_second_read_comes_from_the_cache(cast: Cast, message, engine: EngineServer):
    lucia = client_for(cast.lucia)
    assert "[es] Hola" in lucia.get(translate_url(message)).content.decode()
    assert "[es] Hola" in lucia.get(translate_url(message)).content.decode()
    assert len(engine.requests) == 1
    cached = Translation.objects.get()
    assert (cached.target_language, cached.source_language) == ("es", "da")
    assert DANISH not in cached.text_hash  # the key is a hash, never the text


def test_reading_another_language_is_another_translation(cast: Cast, message, engine: EngineServer):
    lucia = client_for(cast.lucia)
    assert "[en] " in lucia.get(translate_url(message), {"to": "en"}).content.decode()
    assert "[es] " in lucia.get(translate_url(message), {"to": "xx"}).content.decode()  # unknown: her default
    assert [request["target"] for request in engine.requests] == ["en", "es"]


def test_text_already_in_the_readers_language_is_not_sent(cast: Cast, message, engine: EngineServer):
    # Mette reads Danish (Denmark): her own language, so the engine is not asked.
    body = client_for(cast.mette).get(translate_url(message)).content.decode()
    assert "Teksten er allerede på" in body  # Mette reads the platform in Danish
    assert "Hjørring" in body
    assert engine.requests == []


def test_engine_down_shows_the_original_calmly(cast: Cast, message, engine: EngineServer):
    engine.stop()  # nothing listens there any more
    response = client_for(cast.lucia).get(translate_url(message))
    body = response.content.decode()
    assert response.status_code == 200  # no error page
    assert "The translation service is not answering just now" in body
    assert "Hjørring" in body  # the original is shown
    assert not Translation.objects.exists()  # nothing cached: the next read tries again


def test_engine_error_or_slowness_shows_the_original(cast: Cast, message, engine: EngineServer, settings):
    engine.status = 500
    lucia = client_for(cast.lucia)
    assert "not answering just now" in lucia.get(translate_url(message)).content.decode()
    engine.status = 200
    engine.delay = 1.0
    settings.TRANSLATION_TIMEOUT = 0.2
    response = lucia.get(translate_url(message), headers={"HX-Request": "true"})
    assert response.status_code == 200 and "not answering just now" in response.content.decode()


def test_engine_off_no_translate_action_anywhere(cast: Cast, message, settings):
    settings.TRANSLATION_URL = ""
    lucia = client_for(cast.lucia)
    page = lucia.get(reverse("network:conversation", args=[message.conversation_id])).content.decode()
    assert "translate-message" not in page and "/translate/" not in page
    assert lucia.get(translate_url(message)).status_code == 404
    privacy = client_for(None).get(reverse("core:privacy")).content.decode()
    assert "Machine translation is switched off on this platform" in privacy


def test_privacy_page_says_what_is_sent_when_on(engine: EngineServer):
    privacy = client_for(None).get(reverse("core:privacy")).content.decode()
    assert "is sent to the translation service the operators of this platform run" in privacy


def test_translations_are_rate_limited_per_member(cast: Cast, message, engine: EngineServer, settings):
    settings.TRANSLATIONS_PER_HOUR = 2
    lucia = client_for(cast.lucia)
    for _ in range(2):
        assert lucia.get(translate_url(message)).status_code == 200
    refused = lucia.get(translate_url(message))
    assert refused.status_code == 429
    assert "You have asked for many translations in the last hour" in refused.content.decode()
    assert "Hjørring" in refused.content.decode()  # still the original
    # Another member has their own allowance.
    other = network.send_message(cast.lucia, cast.mette, "Gracias, hasta mañana.")
    assert client_for(cast.mette).get(translate_url(other)).status_code == 200
