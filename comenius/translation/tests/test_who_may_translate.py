"""Who may translate what, with the engine on: exactly who may read it, through the owning app's access (this
app adds no permission rule), and pupils' content only for members of their space."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, SignedInClients
from comenius.network.models import Message, ProjectIdea
from comenius.spaces import access as spaces_access
from comenius.spaces.models import Board, Space
from comenius.spaces.services import content
from comenius.translation import registry
from comenius.translation.tests.engine_server import EngineServer

pytestmark = pytest.mark.django_db

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]


def table(default: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, default), **overrides}


def test_every_content_kind_of_the_issue_is_registered():
    assert {
        "message", "idea", "introduction", "project", "post", "page", "thread", "reply", "chat_message",
        "group_discussion", "group_reply", "group_post", "group_comment", "comment",
    } <= registry.KINDS.keys()  # fmt: skip


def test_who_may_translate(cast: Cast, engine: EngineServer):
    space = Space.objects.get(project=cast.project)
    thread = content.start_thread(cast.mette, space, Board.FORUM, "Vand", "Hvor kommer vandet fra i jeres by?")
    rows = {
        # A message: the two people of the conversation.
        ("message", Message.objects.filter(sender=cast.mette).first().pk): table(  # type: ignore[union-attr]
            404, anon=302, mette=200, lucia=200
        ),
        # An open idea: validated members.
        ("idea", ProjectIdea.objects.get(author=cast.lucia).pk): table(404, anon=302, mette=200, lucia=200, otto=200),
        # An introduction: whoever may see the profile and its introduction.
        ("introduction", cast.mette.pk): table(404, anon=302, mette=200, lucia=200, otto=200),
        # An active project: validated members and the officers.
        ("project", cast.project.pk): table(200, anon=302, nina=404, pia=404),
        # Space content: the space's members (Pia only in the space's own pages, not here).
        ("post", content.create_post(cast.lucia, space, "Hola a todos").pk): table(404, anon=302, mette=200, lucia=200),
        ("thread", thread.pk): table(404, anon=302, mette=200, lucia=200),
        (
            "page",
            content.save_page(
                cast.mette, space, content.PageData("Om os", "<p>Vi bor ved havet.</p>", is_draft=False)
            ).pk,
        ): table(404, anon=302, mette=200, lucia=200),
        # Unknown kinds and objects that do not exist: 404.
        ("nothing", 1): table(404, anon=302),
        ("message", 10**9): table(404, anon=302),
    }
    failures = []
    visitors = SignedInClients()
    for (kind, pk), expected in rows.items():
        url = reverse("translation:translate", args=[kind, pk])
        for role in ROLES:
            status = visitors.get(None if role == "anon" else getattr(cast, role), url).status_code
            if status != expected[role]:
                failures.append(f"{kind:14} {role:6} expected {expected[role]}, got {status}")
    assert not failures, "\n".join(failures)


def test_pupils_content_only_for_members_of_their_space(cast: Cast, engine: EngineServer):
    space = Space.objects.get(project=cast.project)
    thread = content.start_thread(cast.mette, space, Board.FORUM, "Vand", "Hvor kommer vandet fra?")
    pupils_reply = content.reply(cast.pia, thread, "Fra søen bag skolen.")
    teachers_reply = content.reply(cast.mette, thread, "Godt set, Pia!")
    # Otto reads the space from outside the project for a while (as an assessor of a label would).
    spaces_access.register_reader_provider(
        spaces_access.ReaderProvider(
            "test-evaluator", allows=lambda user, s: user.pk == cast.otto.pk, looked=lambda user, s, path: None
        )
    )
    try:
        otto = SignedInClients()
        assert (
            otto.get(cast.otto, reverse("translation:translate", args=["reply", teachers_reply.pk])).status_code == 200
        )
        assert otto.get(cast.otto, reverse("translation:translate", args=["reply", pupils_reply.pk])).status_code == 404
        assert (
            otto.get(cast.lucia, reverse("translation:translate", args=["reply", pupils_reply.pk])).status_code == 200
        )
    finally:
        spaces_access._reader_providers.pop("test-evaluator")
