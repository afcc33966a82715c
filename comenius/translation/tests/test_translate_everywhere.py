"""The Translate action is on each place members' writing is read (engine on), and on none when it is off."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.network.models import ProjectIdea
from comenius.spaces.models import Board, Space
from comenius.spaces.services import content
from comenius.translation.tests.engine_server import EngineServer

pytestmark = pytest.mark.django_db


def places(cast: Cast) -> list[tuple[str, str]]:
    """(page, the id of a Translate box it must hold), as Lucía reads them."""
    space = Space.objects.get(project=cast.project)
    post = content.create_post(cast.mette, space, "Vi har lavet en film om vandet.")
    page = content.save_page(cast.mette, space, content.PageData("Om os", "<p>Vi bor ved havet.</p>", is_draft=False))
    thread = content.start_thread(cast.mette, space, Board.FORUM, "Vand", "Hvor kommer vandet fra?")
    reply = content.reply(cast.mette, thread, "Fra søen.")
    idea = ProjectIdea.objects.get(author=cast.otto) if ProjectIdea.objects.filter(author=cast.otto).exists() else None
    found = [
        (reverse("network:person", args=[cast.mette.pk]), f"translate-introduction-{cast.mette.pk}"),
        (reverse("projects:detail", args=[cast.project.pk]), f"translate-project-{cast.project.pk}"),
        (reverse("spaces:home", args=[space.pk]), f"translate-post-{post.pk}"),
        (reverse("spaces:page", args=[space.pk, page.pk]), f"translate-page-{page.pk}"),
        (reverse("spaces:thread", args=[space.pk, thread.pk]), f"translate-thread-{thread.pk}"),
        (reverse("spaces:thread", args=[space.pk, thread.pk]), f"translate-reply-{reply.pk}"),
    ]
    if idea is not None:
        found.append((reverse("network:idea", args=[idea.pk]), f"translate-idea-{idea.pk}"))
    return found


def test_the_action_is_where_members_read(cast: Cast, engine: EngineServer):
    lucia = client_for(cast.lucia)
    for url, box in places(cast):
        assert f'id="{box}"' in lucia.get(url).content.decode(), url
    # Not on one's own writing: Lucía's own idea has no Translate action for her.
    own = ProjectIdea.objects.get(author=cast.lucia)
    assert f'id="translate-idea-{own.pk}"' not in lucia.get(reverse("network:idea", args=[own.pk])).content.decode()
    assert (
        f'id="translate-idea-{own.pk}"'
        in client_for(cast.mette).get(reverse("network:idea", args=[own.pk])).content.decode()
    )


def test_a_space_page_is_translated_as_html(cast: Cast, engine: EngineServer):
    space = Space.objects.get(project=cast.project)
    page = content.save_page(
        cast.mette,
        space,
        content.PageData("Om os", "<p>Hej, vi bor ved havet.</p><script>x()</script>", is_draft=False),
    )
    body = client_for(cast.lucia).get(reverse("translation:translate", args=["page", page.pk])).content.decode()
    assert engine.requests[0]["format"] == "html"
    assert "<h2>Om os</h2>" in engine.requests[0]["q"]
    assert "<h2>Om os</h2><p>Hola, nosotros bor ved havet.</p>" in body  # the engine's HTML, as HTML
    assert "<script" not in body.split("translate__text")[1].split("</div>")[0]  # sanitised


def test_no_action_anywhere_when_off(cast: Cast, settings):
    settings.TRANSLATION_URL = ""
    lucia = client_for(cast.lucia)
    for url, box in places(cast):
        page = lucia.get(url).content.decode()
        assert f'id="{box}"' not in page and "/translate/" not in page, url


def test_group_discussions_and_chat_messages(cast: Cast, engine: EngineServer):
    from comenius.groups import services as groups
    from comenius.groups.tests.people import approved_group
    from comenius.spaces.services import chat

    group = approved_group(cast.mette, cast.carla)
    groups.join(cast.lucia, group)
    discussion = groups.start_discussion(cast.mette, group, "Udeskole", "Hvordan måler I skolegården?")
    answer = groups.reply(cast.mette, discussion, "Med et målebånd og kridt.")
    space = Space.objects.get(project=cast.project)
    room = chat.create_room(cast.mette, space.pk, name="Klassen", for_pupils=False, open_now=True)
    said = chat.post_message(cast.mette, space.pk, room.pk, "Hej fra Hjørring!")
    lucia = client_for(cast.lucia)
    page = lucia.get(reverse("groups:discussion", args=[group.pk, discussion.pk])).content.decode()
    assert f'id="translate-group_discussion-{discussion.pk}"' in page
    assert f'id="translate-group_reply-{answer.pk}"' in page
    room_page = lucia.get(reverse("spaces:chat_room", args=[space.pk, room.pk])).content.decode()
    assert f'id="translate-chat_message-{said.pk}"' in room_page
    translated = lucia.get(reverse("translation:translate", args=["group_reply", answer.pk])).content.decode()
    assert "[es] Med et målebånd og kridt." in translated
    assert (
        "[es] Hola fra Hjørring!"
        in lucia.get(reverse("translation:translate", args=["chat_message", said.pk])).content.decode()
    )
    # Otto is in neither the group nor the project.
    otto = client_for(cast.otto)
    assert otto.get(reverse("translation:translate", args=["group_reply", answer.pk])).status_code == 404
    assert otto.get(reverse("translation:translate", args=["chat_message", said.pk])).status_code == 404
