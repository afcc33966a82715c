"""Who may do what on the home feed, pages, forum and teachers' bulletin: every action of this area tried over
HTTP by a person in every role of the space (teacher administrator, teacher, expert, observer, pupil, pupil
administrator), by a teacher outside the project and by a pupil of another project. Refused actions answer
404 and change nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from comenius.accounts.models import User
from comenius.devdata.testing import Cast
from comenius.spaces.models import Board, Like, Page, Post, Reply, Thread
from comenius.spaces.services import content
from comenius.spaces.tests.content_people import ROLES, People, client_for

pytestmark = pytest.mark.django_db

TEACHERS = {"teacher_admin", "teacher", "expert", "observer"}
MEMBERS = TEACHERS | {"pupil", "pupil_admin"}
WRITERS = {"teacher_admin", "teacher", "expert", "pupil_admin"}
ALL_BUT_OBSERVERS = MEMBERS - {"observer"}


@dataclass
class Place:
    space_id: int
    post: Post
    page: Page
    thread: Thread
    bulletin: Thread


@pytest.fixture
def place(cast: Cast) -> Place:
    space = cast.project.space
    return Place(
        space_id=space.pk,
        post=content.create_post(cast.lucia, space, "Hola desde Sevilla"),
        page=content.save_page(cast.lucia, space, content.PageData("Our town", "<p>Sevilla</p>", is_draft=False)),
        thread=content.start_thread(cast.lucia, space, Board.FORUM, "Rivers", "Which river is near you?"),
        bulletin=content.start_thread(cast.lucia, space, Board.BULLETIN, "Planning", "Meeting on Monday?"),
    )


Result = tuple[Any, bool]  # the test client's response, and whether the action took effect
Action = Callable[[Client, User, Place, Cast], Result]


def _post(client: Client, user: User, place: Place, cast: Cast) -> Result:
    response = client.post(reverse("spaces:post_new", args=[place.space_id]), {"body": f"Hello from {user.pk}"})
    return response, Post.objects.filter(author=user).exists()


def _comment(client: Client, user: User, place: Place, cast: Cast) -> Result:
    url = reverse("spaces:post_comment", args=[place.space_id, place.post.pk])
    response = client.post(url, {"body": "Nice!"})
    return response, place.post.comments.filter(author=user).exists()


def _like(client: Client, user: User, place: Place, cast: Cast) -> Result:
    response = client.post(reverse("spaces:post_like", args=[place.space_id, place.post.pk]))
    return response, Like.objects.filter(post=place.post, user=user).exists()


def _pin(client: Client, user: User, place: Place, cast: Cast) -> Result:
    response = client.post(reverse("spaces:post_pin", args=[place.space_id, place.post.pk]), {"pinned": "1"})
    place.post.refresh_from_db()
    done = place.post.pinned_at is not None
    content.set_pinned(cast.mette, place.post, False)
    return response, done


def _write_page(client: Client, user: User, place: Place, cast: Cast) -> Result:
    data = {"title": f"Page by {user.pk}", "body": "<p>Hi</p>", "parent": "", "position": "0"}
    response = client.post(reverse("spaces:page_new", args=[place.space_id]), data)
    return response, Page.objects.filter(author=user).exists()


def _publish(client: Client, user: User, place: Place, cast: Cast) -> Result:
    url = reverse("spaces:page_publish", args=[place.space_id, place.page.pk])
    response = client.post(url, {"shows_no_pupil": "on"})
    place.page.refresh_from_db()
    done = place.page.published_at is not None
    content.unpublish_page(cast.mette, place.page)
    return response, done


def _start_thread(client: Client, user: User, place: Place, cast: Cast) -> Result:
    response = client.post(reverse("spaces:thread_new", args=[place.space_id]), {"title": "Q", "body": "Why?"})
    return response, Thread.objects.filter(author=user, board=Board.FORUM).exists()


def _reply(client: Client, user: User, place: Place, cast: Cast) -> Result:
    response = client.post(reverse("spaces:thread_reply", args=[place.space_id, place.thread.pk]), {"body": "Hi"})
    return response, Reply.objects.filter(thread=place.thread, author=user).exists()


def _write_bulletin(client: Client, user: User, place: Place, cast: Cast) -> Result:
    response = client.post(reverse("spaces:bulletin_new", args=[place.space_id]), {"title": "Q", "body": "Plan"})
    started = Thread.objects.filter(author=user, board=Board.BULLETIN).exists()
    url = reverse("spaces:bulletin_reply", args=[place.space_id, place.bulletin.pk])
    answered = client.post(url, {"body": "Yes"}).status_code == 302
    return response, started and answered


def _moderate(client: Client, user: User, place: Place, cast: Cast) -> Result:
    url = reverse("spaces:content_hide", args=[place.space_id, "post", place.post.pk])
    response = client.post(url, {"hidden": "1"})
    place.post.refresh_from_db()
    done = place.post.hidden_at is not None
    content.set_hidden(cast.mette, place.post, False)
    return response, done


ACTIONS: dict[str, tuple[Action, set[str]]] = {
    "post": (_post, WRITERS),
    "comment": (_comment, ALL_BUT_OBSERVERS),
    "like": (_like, ALL_BUT_OBSERVERS),
    "pin": (_pin, {"teacher_admin", "teacher"}),
    "write_pages": (_write_page, WRITERS),
    "publish_pages": (_publish, {"teacher_admin"}),
    "start_thread": (_start_thread, WRITERS),
    "reply": (_reply, ALL_BUT_OBSERVERS),
    "write_bulletin": (_write_bulletin, {"teacher_admin", "teacher", "expert"}),
    "moderate": (_moderate, {"teacher_admin"}),
}


@pytest.mark.parametrize("action", ACTIONS)
def test_every_role_may_do_exactly_what_its_rights_say(cast: Cast, people: People, place: Place, action: str):
    act, allowed = ACTIONS[action]
    failures = []
    for role in ROLES:
        user = people[role]
        response, done = act(client_for(user), user, place, cast)
        expected = (302, True) if role in allowed else (404, False)
        if (response.status_code, done) != expected:
            failures.append(f"{role}: expected {expected}, got {(response.status_code, done)}")
    assert not failures, "\n".join(failures)


READS: dict[str, tuple[Callable[[Place], str], set[str]]] = {
    "home": (lambda place: reverse("spaces:home", args=[place.space_id]), MEMBERS),
    "pages": (lambda place: reverse("spaces:pages", args=[place.space_id]), MEMBERS),
    "page": (lambda place: reverse("spaces:page", args=[place.space_id, place.page.pk]), MEMBERS),
    "forum": (lambda place: reverse("spaces:forum", args=[place.space_id]), MEMBERS),
    "thread": (lambda place: reverse("spaces:thread", args=[place.space_id, place.thread.pk]), MEMBERS),
    "bulletin": (lambda place: reverse("spaces:bulletin", args=[place.space_id]), TEACHERS),
    "bulletin_thread": (
        lambda place: reverse("spaces:bulletin_thread", args=[place.space_id, place.bulletin.pk]),
        TEACHERS,
    ),
}


@pytest.mark.parametrize("page", READS)
def test_members_read_and_everyone_else_meets_404(people: People, place: Place, page: str):
    """The pupil of another project's space and the teacher outside the project get 404, not 403."""
    url_for, readers = READS[page]
    url = url_for(place)
    got = {role: client_for(people[role]).get(url).status_code for role in ROLES}
    assert got == {role: 200 if role in readers else 404 for role in ROLES}


def test_a_bulletin_thread_is_not_reachable_through_the_forum(people: People, place: Place):
    forum_url = reverse("spaces:thread", args=[place.space_id, place.bulletin.pk])
    assert client_for(people["pupil"]).get(forum_url).status_code == 404
    assert client_for(people["teacher_admin"]).get(forum_url).status_code == 404
    reply_url = reverse("spaces:thread_reply", args=[place.space_id, place.bulletin.pk])
    assert client_for(people["pupil"]).post(reply_url, {"body": "Hi"}).status_code == 404
    assert not Reply.objects.filter(thread=place.bulletin).exists()


def test_content_of_another_space_is_404_inside_this_one(cast: Cast, people: People, place: Place):
    """Objects are looked up inside the space of the URL: another space's post id answers 404."""
    other_space = people["outsider"].project_memberships.get().project.space
    foreign = content.create_post(people["outsider"], other_space, "Birds!")
    url = reverse("spaces:post_like", args=[place.space_id, foreign.pk])
    assert client_for(cast.mette).post(url).status_code == 404
    assert not Like.objects.exists()


def test_visitors_are_sent_to_log_in(place: Place):
    anonymous = Client()
    response = anonymous.get(reverse("spaces:home", args=[place.space_id]))
    assert response.status_code == 302 and "login" in response["Location"]
    assert anonymous.post(reverse("spaces:post_new", args=[place.space_id]), {"body": "x"}).status_code == 302
    assert not Post.objects.filter(body="x").exists()


def test_the_services_refuse_with_a_message_and_change_nothing(cast: Cast, people: People):
    from comenius.core.errors import DomainError

    with pytest.raises(DomainError, match="pupil administrators"):
        content.create_post(people["pupil"], cast.project.space, "Hej")
    with pytest.raises(DomainError, match="not a member"):
        content.create_post(people["outsider"], cast.project.space, "Hej")
    with pytest.raises(DomainError, match="Write something"):
        content.create_post(cast.mette, cast.project.space, "   ")
    assert not Post.objects.exists()
