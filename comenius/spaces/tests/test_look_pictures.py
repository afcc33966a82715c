"""Pupils' pictures (issue 20, docs/look.md): a pupil chooses one of the pictures we ship — never a photo, never
an upload; a forged value is refused and changes nothing; the picture shows inside the pupil's space, to its
teachers and pupils, and nowhere outside it."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.urls import reverse

from comenius.devdata.testing import Cast
from comenius.spaces.access import Seat
from comenius.spaces.services import content
from comenius.spaces.tests.content_people import client_for

pytestmark = pytest.mark.django_db

FOX = "/static/avatars/fox.svg"


def test_a_pupil_chooses_a_shipped_picture_and_sees_it_in_the_header(cast: Cast):
    pia = client_for(cast.pia)
    page = pia.get(reverse("spaces:pupil_picture"))
    assert page.status_code == 200 and 'value="fox"' in page.content.decode()
    response = pia.post(reverse("spaces:pupil_picture"), {"picture": "fox"})
    assert response.status_code == 302
    cast.pia.refresh_from_db()
    assert cast.pia.picture == "fox"
    assert FOX in pia.get(reverse("spaces:home", args=[cast.project.space.pk])).content.decode()


@pytest.mark.parametrize("forged", ["../../media/photos/1/x.jpg", "https://example.org/me.png", "unicorn", "FOX"])
def test_a_forged_picture_is_refused_and_changes_nothing(cast: Cast, forged: str):
    cast.pia.picture = "owl"
    cast.pia.save(update_fields=["picture"])
    response = client_for(cast.pia).post(reverse("spaces:pupil_picture"), {"picture": forged})
    assert response.status_code == 400
    assert "Choose one of the pictures." in response.content.decode()
    cast.pia.refresh_from_db()
    assert cast.pia.picture == "owl"


def test_only_pupils_have_a_picture_page(cast: Cast):
    assert client_for(cast.mette).post(reverse("spaces:pupil_picture"), {"picture": "fox"}).status_code == 404
    cast.mette.refresh_from_db()
    assert cast.mette.picture == ""


def test_the_picture_shows_inside_the_space_and_not_outside_it(cast: Cast):
    space = cast.project.space
    cast.pia.picture = "fox"
    cast.pia.save(update_fields=["picture"])
    post = content.create_post(cast.mette, space, "Welcome!")
    content.add_comment(cast.pia, post, "Hej from Hjørring!")
    mette = client_for(cast.mette)
    feed = mette.get(reverse("spaces:home", args=[space.pk])).content.decode()
    assert "Hej from Hjørring!" in feed and FOX in feed  # a teacher of the space sees it
    members = mette.get(reverse("spaces:members", args=[space.pk])).content.decode()
    assert FOX in members
    # Outside the space (no seat of its own teachers or pupils, e.g. an evaluator or another app's page): the
    # initials avatar, never the picture.
    outside = Template("{% load look %}{% avatar pupil seat %}")
    assert FOX not in outside.render(Context({"pupil": cast.pia, "user": cast.mette}))
    evaluator = Seat(space=space, user=cast.jonas, role="evaluator")
    html = outside.render(Context({"pupil": cast.pia, "seat": evaluator, "user": cast.jonas}))
    assert FOX not in html and "avatar--initials" in html


def test_live_chat_messages_carry_the_avatar_the_history_shows(cast: Cast):
    from comenius.core.avatars import PALETTE, colour, initials
    from comenius.spaces.services import chat

    space = cast.project.space
    cast.pia.picture = "fox"
    cast.pia.save(update_fields=["picture"])
    room = chat.create_room(cast.mette, space.pk, name="Water club", for_pupils=True, open_now=True)
    pia = chat.message_payload(chat.post_message(cast.pia, space.pk, room.pk, "Hej!"))
    mette = chat.message_payload(chat.post_message(cast.mette, space.pk, room.pk, "Hej Pia!"))
    assert pia["avatar"] == {"initials": "P", "colour": PALETTE.index(colour("Pia")), "picture": "fox"}
    name = cast.mette.get_full_name()
    assert mette["avatar"] == {"initials": initials(name), "colour": PALETTE.index(colour(name)), "picture": ""}
