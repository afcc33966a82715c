"""DESIGN.md rule 7 and the performance budget: the feed, the page tree, a page, the forum and a thread take
a fixed number of queries (at most ~12), however much content the space holds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from comenius.accounts.models import User
from comenius.devdata.testing import Cast, client_for
from comenius.spaces.models import Board, Page, Thread
from comenius.spaces.services import content
from comenius.spaces.services.pupils import add_pupils

pytestmark = pytest.mark.django_db

BUDGET = 12


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _grow(cast: Cast, rounds: int, add: Callable[[int, list[User]], None]) -> None:
    added = add_pupils(cast.mette, cast.project.space, ["Ida", "Bo"], consent_confirmed=True)
    pupils = [user for user, _password in added]
    for number in range(rounds):
        add(number, [cast.mette, cast.lucia, cast.pia, *pupils])


def _feed_content(cast: Cast) -> Callable[[int, list[User]], None]:
    def add(number: int, people: list[User]) -> None:
        post = content.create_post(people[number % 2], cast.project.space, f"Post {number}")
        for person in people:
            content.add_comment(person, post, f"Comment by {person.pk}")
            content.toggle_like(person, post)
        if number % 3 == 0:
            content.set_pinned(cast.mette, post, True)

    return add


def _pages(cast: Cast) -> Callable[[int, list[User]], None]:
    def add(number: int, people: list[User]) -> None:
        space = cast.project.space
        parent = content.save_page(cast.mette, space, content.PageData(f"Page {number}", "<p>x</p>", is_draft=False))
        child = content.save_page(cast.lucia, space, content.PageData(f"Sub {number}", "", parent=parent))
        content.save_page(cast.mette, space, content.PageData(f"Subsub {number}", "", parent=child, is_draft=False))

    return add


def _threads(cast: Cast) -> Callable[[int, list[User]], None]:
    def add(number: int, people: list[User]) -> None:
        for board in (Board.FORUM, Board.BULLETIN):
            thread = content.start_thread(cast.lucia, cast.project.space, board, f"Thread {number}", "x")
            for person in people:
                if board == Board.FORUM or not person.is_pupil:
                    content.reply(person, thread, f"Reply by {person.pk}")

    return add


def _first_page(cast: Cast) -> str:
    return reverse("spaces:page", args=[cast.project.space.pk, Page.objects.order_by("pk").first().pk])  # type: ignore[union-attr]


def _first_thread(cast: Cast) -> str:
    thread = Thread.objects.filter(board=Board.FORUM).order_by("pk").first()
    return reverse("spaces:thread", args=[cast.project.space.pk, thread.pk])  # type: ignore[union-attr]


CASES = {
    "feed": (_feed_content, lambda cast: reverse("spaces:home", args=[cast.project.space.pk])),
    "page tree": (_pages, lambda cast: reverse("spaces:pages", args=[cast.project.space.pk])),
    "page": (_pages, _first_page),
    "forum": (_threads, lambda cast: reverse("spaces:forum", args=[cast.project.space.pk])),
    "bulletin": (_threads, lambda cast: reverse("spaces:bulletin", args=[cast.project.space.pk])),
    "thread": (_threads, _first_thread),
}


# Every page for a teacher and a pupil, except the bulletin, which pupils never see.
VIEWERS = {case: ["mette"] if case == "bulletin" else ["mette", "pia"] for case in CASES}


@pytest.mark.parametrize("case", CASES)
def test_queries_do_not_grow_with_content(cast: Cast, case: str):
    """Each viewer of VIEWERS on the same content (building it is most of the cost); each that fails is named."""
    grow, url_for = CASES[case]
    clients = {viewer: client_for(getattr(cast, viewer)) for viewer in VIEWERS[case]}
    _grow(cast, 3, grow(cast))
    few = {viewer: _queries(client, url_for(cast)) for viewer, client in clients.items()}
    _grow(cast, 6, grow(cast))
    many = {viewer: _queries(client, url_for(cast)) for viewer, client in clients.items()}
    failures = [
        f"{case} for {viewer}: {few[viewer]} queries with a little content, {many[viewer]} with more"
        for viewer in clients
        if few[viewer] != many[viewer]
    ]
    failures += [f"{case} for {viewer}: {many[viewer]} queries" for viewer in clients if many[viewer] > BUDGET]
    assert not failures, "\n".join(failures)
