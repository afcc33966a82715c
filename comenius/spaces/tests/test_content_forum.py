"""The forum (pupils reply; teachers and pupil administrators start threads) and the teachers' bulletin
(the space's teachers only)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast
from comenius.spaces.models import Board, Reply, Thread
from comenius.spaces.services import content
from comenius.spaces.tests.content_people import People, client_for

pytestmark = pytest.mark.django_db


def test_a_thread_and_its_replies(cast: Cast, people: People):
    space = cast.project.space
    sofia = client_for(people["pupil_admin"])
    started = sofia.post(
        reverse("spaces:thread_new", args=[space.pk]), {"title": "Favourite animals", "body": "Mine is the fox."}
    )
    assert started.status_code == 302
    thread = Thread.objects.get(title="Favourite animals")
    assert started["Location"] == reverse("spaces:thread", args=[space.pk, thread.pk])
    pia = client_for(cast.pia)
    answered = pia.post(reverse("spaces:thread_reply", args=[space.pk, thread.pk]), {"body": "Horses!"})
    assert answered.status_code == 302 and "#reply-" in answered["Location"]
    page = pia.get(answered["Location"]).content.decode()
    assert "Horses!" in page and "Mine is the fox." in page and "1 reply" in page
    thread.refresh_from_db()
    assert thread.last_reply_at is not None
    forum = pia.get(reverse("spaces:forum", args=[space.pk])).content.decode()
    assert "Favourite animals" in forum and "Start a thread" not in forum  # Pia replies, she does not start


def test_a_reply_needs_text(cast: Cast):
    thread = content.start_thread(cast.mette, cast.project.space, Board.FORUM, "Q", "Why?")
    response = client_for(cast.pia).post(reverse("spaces:thread_reply", args=[cast.project.space.pk, thread.pk]), {})
    assert response.status_code == 400 and "Please check the form" in response.content.decode()
    assert not Reply.objects.exists()


def test_the_most_recently_active_thread_comes_first(cast: Cast):
    space = cast.project.space
    older = content.start_thread(cast.mette, space, Board.FORUM, "Older thread", "x")
    content.start_thread(cast.mette, space, Board.FORUM, "Newer thread", "x")
    html = client_for(cast.pia).get(reverse("spaces:forum", args=[space.pk])).content.decode()
    assert html.index("Newer thread") < html.index("Older thread")
    content.reply(cast.pia, older, "Bump")
    html = client_for(cast.pia).get(reverse("spaces:forum", args=[space.pk])).content.decode()
    assert html.index("Older thread") < html.index("Newer thread")


def test_long_threads_page_and_the_last_page_is_reachable(cast: Cast):
    thread = content.start_thread(cast.mette, cast.project.space, Board.FORUM, "Long", "x")
    for number in range(55):
        content.reply(cast.pia, thread, f"Reply number {number}")
    url = reverse("spaces:thread", args=[cast.project.space.pk, thread.pk])
    first = client_for(cast.pia).get(url).content.decode()
    assert "Reply number 0<" in first and "Reply number 54<" not in first and "55 replies" in first
    last = client_for(cast.pia).get(url + "?page=last").content.decode()
    assert "Reply number 54<" in last


def test_the_bulletin_is_for_the_space_teachers(cast: Cast, people: People):
    space = cast.project.space
    otto = client_for(people["teacher"])
    assert otto.post(
        reverse("spaces:bulletin_new", args=[space.pk]), {"title": "Parents' evening", "body": "Shall we?"}
    ).status_code == 302  # fmt: skip
    thread = Thread.objects.get(board=Board.BULLETIN)
    for role in ("teacher_admin", "teacher", "expert", "observer"):
        html = client_for(people[role]).get(reverse("spaces:bulletin", args=[space.pk])).content.decode()
        assert "Parents&#x27; evening" in html, role
    observer = client_for(people["observer"])
    thread_page = observer.get(reverse("spaces:bulletin_thread", args=[space.pk, thread.pk])).content.decode()
    assert "Shall we?" in thread_page and "Your reply" not in thread_page
    assert observer.post(
        reverse("spaces:bulletin_reply", args=[space.pk, thread.pk]), {"body": "Yes"}
    ).status_code == 404  # fmt: skip
    for role in ("pupil", "pupil_admin", "outsider", "other_pupil"):
        client = client_for(people[role])
        assert client.get(reverse("spaces:bulletin", args=[space.pk])).status_code == 404
        assert client.get(reverse("spaces:bulletin_thread", args=[space.pk, thread.pk])).status_code == 404
    # Not in the forum's list either.
    forum = client_for(cast.mette).get(reverse("spaces:forum", args=[space.pk])).content.decode()
    assert "Parents&#x27; evening" not in forum
    nav = client_for(cast.pia).get(reverse("spaces:forum", args=[space.pk])).content.decode()
    assert reverse("spaces:bulletin", args=[space.pk]) not in nav


def test_hidden_threads_and_replies_are_gone_for_everyone_but_moderators(cast: Cast, people: People):
    space = cast.project.space
    rude = content.start_thread(cast.lucia, space, Board.FORUM, "A rude thread", "x")
    kept = content.start_thread(cast.lucia, space, Board.FORUM, "A kind thread", "x")
    content.reply(cast.pia, kept, "A kind reply")
    rude_reply = content.reply(cast.pia, kept, "A rude reply")
    content.set_hidden(cast.mette, rude, True)
    content.set_hidden(cast.mette, rude_reply, True)
    for role in ("pupil", "teacher", "observer", "pupil_admin"):
        client = client_for(people[role])
        forum = client.get(reverse("spaces:forum", args=[space.pk])).content.decode()
        assert "A kind thread" in forum and "A rude thread" not in forum and "1 reply" in forum, role
        assert client.get(reverse("spaces:thread", args=[space.pk, rude.pk])).status_code == 404
        thread = client.get(reverse("spaces:thread", args=[space.pk, kept.pk])).content.decode()
        assert "A kind reply" in thread and "A rude reply" not in thread
    assert client_for(cast.pia).post(
        reverse("spaces:thread_reply", args=[space.pk, rude.pk]), {"body": "x"}
    ).status_code == 404  # fmt: skip
    mette = client_for(cast.mette)
    assert "A rude thread" in mette.get(reverse("spaces:forum", args=[space.pk])).content.decode()
    moderator_view = mette.get(reverse("spaces:thread", args=[space.pk, kept.pk])).content.decode()
    assert "A rude reply" in moderator_view and "Hidden by a moderator" in moderator_view
