"""Machine translation in a real browser (issue 19): Lucía translates Mette's Danish message in place with htmx,
hides the translation again, and reads it once more from the cache — with axe-core on the page. The way without
JavaScript (a page of its own) is tested in comenius/translation/tests/test_translate_action.py."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from browser_tests.conftest import assert_accessible, assert_reflows
from browser_tests.test_partner_finding import logged_in
from comenius.devdata.testing import Cast
from comenius.network import services as network
from comenius.translation.tests.engine_server import EngineServer

DANISH = "Hej Lucía! I morgen viser vi jer skolen, og eleverne har lavet en lille film."


@pytest.fixture
def engine(site: str, settings: Any) -> Iterator[EngineServer]:
    server = EngineServer().start()
    settings.TRANSLATION_URL = server.url
    yield server
    server.stop()


def test_lucia_reads_mettes_danish_message_in_spanish(browser: Browser, site: str, cast: Cast, engine: EngineServer):
    message = network.send_message(cast.mette, cast.lucia, DANISH)
    lucia = logged_in(browser, site, cast.lucia.email or "")
    lucia.goto(f"/messages/{message.conversation_id}/")
    box = lucia.locator(f"#translate-message-{message.pk}")
    box.get_by_role("link", name="Translate").click()
    expect(box).to_contain_text("[es] Hola Lucía!")
    expect(box).to_contain_text("Machine translation from Danish into Spanish")
    expect(lucia.locator(f"#message-{message.pk}")).to_contain_text(
        "I morgen viser vi jer skolen, og eleverne"
    )  # the original
    assert lucia.url.endswith(f"/messages/{message.conversation_id}/")  # in place, no new page
    assert_accessible(lucia)
    assert_reflows(lucia)
    box.get_by_role("link", name="Hide the translation").click()
    expect(box.get_by_role("link", name="Translate")).to_be_visible()
    expect(box).not_to_contain_text("[es]")
    assert len(engine.requests) == 1
    box.get_by_role("link", name="Translate").click()
    expect(box).to_contain_text("[es] Hola")
    assert len(engine.requests) == 1  # the second read came from the cache


@pytest.fixture
def engine_for_the_asgi_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[EngineServer]:
    """The engine for the daphne server of `asgi_site`, which reads its settings from the environment (so this
    fixture comes before it)."""
    server = EngineServer().start()
    monkeypatch.setenv("TRANSLATION_URL", server.url)
    yield server
    server.stop()


def test_a_chat_message_that_arrives_live_can_be_translated(
    browser: Browser, engine_for_the_asgi_server: EngineServer, asgi_site: str, asgi_cast: Cast
):
    """Mette writes in the teachers' room; Lucía, already in it, gets the message live — with the Translate action
    the messages on the page have — and reads it in Spanish in place."""
    from browser_tests.test_spaces import expect_live
    from comenius.spaces.services import chat

    cast, site = asgi_cast, asgi_site
    space = cast.project.space
    room = chat.create_room(cast.mette, space.pk, name="Lærerværelset", for_pupils=False, open_now=True)
    lucia = logged_in(browser, site, cast.lucia.email or "")
    mette = logged_in(browser, site, cast.mette.email or "")
    for page in (lucia, mette):
        page.goto(f"/spaces/{space.pk}/chat/{room.pk}/")
        expect_live(page)
    mette.fill("#chat-form [name=body]", DANISH)
    mette.locator("#chat-form button[type=submit]").click()
    expect(mette.locator("#chat-log .message--own")).to_contain_text("I morgen viser vi jer skolen")
    expect(mette.locator("#chat-log .message--own .translate")).to_have_count(0)  # not for one's own message
    arrived = lucia.locator("#chat-log .message").filter(has_text="I morgen viser vi jer skolen")
    expect(arrived).to_have_count(1)
    arrived.get_by_role("link", name="Translate").click()
    expect(arrived.locator(".translate")).to_contain_text("[es] Hola Lucía!")
    assert lucia.url.endswith(f"/chat/{room.pk}/")  # in place, on the same page
    assert len(engine_for_the_asgi_server.requests) == 1
    assert_accessible(lucia)
