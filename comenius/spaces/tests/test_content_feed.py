"""The home feed: posts, comments, likes (one each, a toggle), pinning; content hidden by a moderator; and a
closed project's space, which stays readable but takes nothing new."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.core.models import AuditEvent
from comenius.devdata.testing import Cast
from comenius.projects import services as projects
from comenius.spaces.models import Board, Comment, Like, Post
from comenius.spaces.services import content
from comenius.spaces.tests.content_people import People, client_for

pytestmark = pytest.mark.django_db


def _home(client: Client, cast: Cast) -> str:
    response = client.get(reverse("spaces:home", args=[cast.project.space.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_teachers_and_pupil_administrators_post_and_everyone_reads(cast: Cast, people: People):
    space = cast.project.space
    sofia = client_for(people["pupil_admin"])
    assert 'name="body"' in _home(sofia, cast) and "Write a post" in _home(sofia, cast)
    response = sofia.post(reverse("spaces:post_new", args=[space.pk]), {"body": "We made a water filter!"})
    assert response.status_code == 302
    pia_home = _home(client_for(cast.pia), cast)
    assert "We made a water filter!" in pia_home and "Sofia" in pia_home
    assert "Write a post" not in pia_home  # pupils comment, they do not post


def test_an_empty_post_is_refused_with_the_form_again(cast: Cast):
    response = client_for(cast.mette).post(reverse("spaces:post_new", args=[cast.project.space.pk]), {"body": " "})
    assert response.status_code == 400
    assert "Please check the form" in response.content.decode()
    assert not Post.objects.exists()


def test_comments_and_likes(cast: Cast, people: People):
    post = content.create_post(cast.lucia, cast.project.space, "Our river is the Guadalquivir")
    pia = client_for(cast.pia)
    comment_url = reverse("spaces:post_comment", args=[cast.project.space.pk, post.pk])
    assert pia.post(comment_url, {"body": "Ours is small!"}).status_code == 302
    assert pia.post(comment_url, {"body": ""}, follow=True).status_code == 200
    assert Comment.objects.filter(post=post).count() == 1
    like_url = reverse("spaces:post_like", args=[cast.project.space.pk, post.pk])
    assert pia.post(like_url).status_code == 302
    assert pia.post(like_url).status_code == 302  # a toggle: the second click takes the like back
    assert not Like.objects.exists()
    pia.post(like_url)
    client_for(people["teacher"]).post(like_url)
    assert Like.objects.filter(post=post).count() == 2
    html = _home(pia, cast)
    assert "Ours is small!" in html and "2 likes" in html and 'aria-pressed="true"' in html
    observer = _home(client_for(people["observer"]), cast)
    assert "Ours is small!" in observer and 'id="comment-body-' not in observer and "aria-pressed" not in observer


def test_one_like_per_person_even_on_a_double_click(cast: Cast):
    post = content.create_post(cast.lucia, cast.project.space, "Hola")
    assert content.toggle_like(cast.pia, post) is True
    assert content.toggle_like(cast.pia, post) is False
    assert content.toggle_like(cast.pia, post) is True
    assert Like.objects.filter(post=post, user=cast.pia).count() == 1


def test_pinned_posts_come_first(cast: Cast, people: People):
    space = cast.project.space
    old = content.create_post(cast.mette, space, "Read this first: our timetable")
    content.create_post(cast.lucia, space, "A newer post")
    assert _home(client_for(cast.pia), cast).index("A newer post") < _home(client_for(cast.pia), cast).index(
        "our timetable"
    )
    otto = client_for(people["teacher"])
    assert otto.post(reverse("spaces:post_pin", args=[space.pk, old.pk]), {"pinned": "1"}).status_code == 302
    html = _home(client_for(cast.pia), cast)
    assert html.index("our timetable") < html.index("A newer post") and "Pinned" in html
    assert "Pin to the top" not in html  # pupils cannot pin
    otto.post(reverse("spaces:post_pin", args=[space.pk, old.pk]), {"pinned": "0"})
    html = _home(client_for(cast.pia), cast)
    assert html.index("A newer post") < html.index("our timetable")


def test_the_feed_shows_what_is_new_elsewhere(cast: Cast):
    space = cast.project.space
    content.save_page(cast.mette, space, content.PageData("Our class", "", is_draft=False))
    content.save_page(cast.mette, space, content.PageData("Unfinished", "", is_draft=True))
    content.start_thread(cast.lucia, space, Board.FORUM, "What do you eat for lunch?", "Tell us")
    content.start_thread(cast.lucia, space, Board.BULLETIN, "Teachers only: grading", "Hmm")
    html = _home(client_for(cast.pia), cast)
    assert "Our class" in html and "What do you eat for lunch?" in html
    assert "Unfinished" not in html and "grading" not in html


# --- hidden content ---------------------------------------------------------------------------------------


def test_hidden_posts_and_comments_are_gone_for_everyone_but_moderators(cast: Cast, people: People):
    space = cast.project.space
    post = content.create_post(cast.lucia, space, "A rude post")
    kept = content.create_post(cast.lucia, space, "A kind post")
    comment = content.add_comment(cast.pia, kept, "A rude comment")
    mette = client_for(cast.mette)
    for kind, item in (("post", post), ("comment", comment)):
        url = reverse("spaces:content_hide", args=[space.pk, kind, item.pk])
        assert mette.post(url, {"hidden": "1", "next": f"/spaces/{space.pk}/"}).status_code == 302
    assert AuditEvent.objects.filter(action="space.content_hidden").count() == 2
    for role in ("pupil", "teacher", "expert", "observer", "pupil_admin"):
        html = _home(client_for(people[role]), cast)
        assert "A kind post" in html and "A rude post" not in html and "A rude comment" not in html, role
    moderator = _home(mette, cast)
    assert "A rude post" in moderator and "A rude comment" in moderator and "Hidden by a moderator" in moderator
    assert "Show again" in moderator
    # Gone means gone: no likes or comments on it either.
    pia = client_for(cast.pia)
    assert pia.post(reverse("spaces:post_like", args=[space.pk, post.pk])).status_code == 404
    assert pia.post(reverse("spaces:post_comment", args=[space.pk, post.pk]), {"body": "x"}).status_code == 404
    # Restored, it is back.
    mette.post(reverse("spaces:content_hide", args=[space.pk, "post", post.pk]), {"hidden": "0"})
    assert "A rude post" in _home(pia, cast)


def test_only_the_space_moderators_hide(cast: Cast, people: People):
    post = content.create_post(cast.lucia, cast.project.space, "Hello")
    with pytest.raises(DomainError):
        content.set_hidden(people["teacher"], post, True)
    url = reverse("spaces:content_hide", args=[cast.project.space.pk, "post", post.pk])
    assert client_for(people["teacher"]).post(url, {"hidden": "1"}).status_code == 404
    assert client_for(cast.mette).post(reverse(
        "spaces:content_hide", args=[cast.project.space.pk, "nonsense", post.pk]), {"hidden": "1"}
    ).status_code == 404  # fmt: skip
    post.refresh_from_db()
    assert post.hidden_at is None


def test_the_next_address_stays_inside_the_space(cast: Cast):
    post = content.create_post(cast.lucia, cast.project.space, "Hola")
    url = reverse("spaces:post_like", args=[cast.project.space.pk, post.pk])
    response = client_for(cast.pia).post(url, {"next": "https://evil.example/"})
    assert response["Location"].startswith(f"/spaces/{cast.project.space.pk}/")


# --- a closed project ------------------------------------------------------------------------------------


def test_a_closed_project_is_read_only(cast: Cast, people: People):
    space = cast.project.space
    post = content.create_post(cast.lucia, space, "Our last post")
    draft = content.save_page(cast.mette, space, content.PageData("Draft notes", "", is_draft=True))
    thread = content.start_thread(cast.lucia, space, Board.FORUM, "Goodbye", "It was fun")
    projects.close_project(cast.mette, cast.project)

    mette = client_for(cast.mette)
    html = _home(mette, cast)
    assert "Our last post" in html and "This project is closed" in html
    assert "Write a post" not in html and 'id="comment-body-' not in html and "aria-pressed" not in html
    pages = mette.get(reverse("spaces:pages", args=[space.pk])).content.decode()
    assert "Draft notes" in pages and "Write a new page" not in pages  # drafts stay readable for writers
    forum = mette.get(reverse("spaces:forum", args=[space.pk])).content.decode()
    assert "Goodbye" in forum and "Start a thread" not in forum
    assert mette.get(reverse("spaces:bulletin", args=[space.pk])).status_code == 200

    refused = [
        mette.post(reverse("spaces:post_new", args=[space.pk]), {"body": "x"}),
        client_for(cast.pia).post(reverse("spaces:post_comment", args=[space.pk, post.pk]), {"body": "x"}),
        client_for(cast.pia).post(reverse("spaces:post_like", args=[space.pk, post.pk])),
        mette.get(reverse("spaces:page_new", args=[space.pk])),
        mette.get(reverse("spaces:page_edit", args=[space.pk, draft.pk])),
        client_for(cast.pia).post(reverse("spaces:thread_reply", args=[space.pk, thread.pk]), {"body": "x"}),
        mette.post(reverse("spaces:bulletin_new", args=[space.pk]), {"title": "x", "body": "x"}),
    ]
    assert [response.status_code for response in refused] == [404] * len(refused)
    with pytest.raises(DomainError, match="closed"):
        content.create_post(cast.mette, space, "Still here?")
    with pytest.raises(DomainError, match="closed"):
        content.reply(cast.pia, thread, "Still here?")
    assert Post.objects.count() == 1 and not Comment.objects.exists() and not Like.objects.exists()
