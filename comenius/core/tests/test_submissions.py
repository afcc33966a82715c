"""Idempotent writes (issue 17, core.submissions): a message, post, comment, thread or reply sent twice with the
same form — a double click, a phone resending after a lost answer — is stored once, and the second submit is
answered like the first. Through the real pages and the API; the race on PostgreSQL with real connections."""

from __future__ import annotations

import re
import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connections
from django.urls import reverse
from django.utils import timezone

from comenius.api.scopes import Scope
from comenius.api.tests.helpers import api_post, token_for
from comenius.core import submissions
from comenius.core.errors import DomainError
from comenius.core.models import SubmissionKey
from comenius.devdata.testing import Cast
from comenius.groups.models import Discussion, DiscussionReply, GroupComment, GroupPost
from comenius.groups.tests.people import approved_group
from comenius.network import services as network
from comenius.network.models import Message
from comenius.spaces.models import Board, ChatMessage, ChatRoom, Comment, Post, Reply, Thread
from comenius.spaces.services import content
from comenius.spaces.tests.content_people import client_for

pytestmark = pytest.mark.django_db

KEY_INPUT = re.compile(r'<input type="hidden" name="submission" value="([0-9a-f-]{36})"')


@pytest.fixture
def no_cold_limits(settings):
    settings.COLD_MESSAGES_PER_CONVERSATION = 1000
    settings.COLD_CONVERSATIONS_PER_DAY = 1000


def _key_on(html: str) -> str:
    found = KEY_INPUT.findall(html)
    assert found, "the form carries no submission key"
    return found[0]


def test_each_shown_form_has_a_new_key_and_a_form_shown_again_keeps_its_own(cast: Cast):
    mette = client_for(cast.mette)
    url = reverse("network:write_to", args=[cast.lucia.pk])
    first, second = _key_on(mette.get(url).content.decode()), _key_on(mette.get(url).content.decode())
    assert first != second
    # An error (empty message) shows the form again with the key it was sent with: it is the same attempt.
    again = mette.post(url, {"body": " ", "submission": first})
    assert again.status_code == 400 and _key_on(again.content.decode()) == first


def test_a_resent_message_is_stored_once_and_answered_like_the_first(cast: Cast, no_cold_limits):
    before = Message.objects.filter(sender=cast.mette).count()
    mette = client_for(cast.mette)
    key = str(uuid.uuid4())
    url = reverse("network:write_to", args=[cast.lucia.pk])
    first = mette.post(url, {"body": "Shall we start in March?", "submission": key})
    resent = mette.post(url, {"body": "Shall we start in March?", "submission": key})
    assert first.status_code == resent.status_code == 302 and first.url == resent.url
    assert Message.objects.filter(sender=cast.mette, body="Shall we start in March?").count() == 1
    # In the conversation too; a new form (a new key) is a new message.
    conversation_url = first.url
    mette.post(conversation_url, {"body": "And a second one", "submission": key})
    assert Message.objects.filter(sender=cast.mette).count() == before + 1
    mette.post(conversation_url, {"body": "And a second one", "submission": str(uuid.uuid4())})
    assert Message.objects.filter(sender=cast.mette).count() == before + 2


def test_a_resend_after_the_cold_limit_is_still_the_first_message_not_a_refusal(cast: Cast, settings):
    """The first send counted in the limit; its resend must not be refused for the limit it filled itself."""
    settings.COLD_MESSAGES_PER_CONVERSATION = 1
    mette = client_for(cast.mette)  # Otto is not her contact: her messages to him are "cold"
    key = str(uuid.uuid4())
    url = reverse("network:write_to", args=[cast.otto.pk])
    assert mette.post(url, {"body": "Hello from Hjørring", "submission": key}).status_code == 302
    assert mette.post(url, {"body": "Hello from Hjørring", "submission": key}).status_code == 302
    refused = mette.post(url, {"body": "Another one", "submission": str(uuid.uuid4())})
    assert refused.status_code == 400 and "wait for an answer" in refused.content.decode()
    to_otto = network.conversation_between(cast.mette, cast.otto)
    assert list(to_otto.messages.values_list("body", flat=True)) == ["Hello from Hjørring"]


def test_an_htmx_send_gives_the_form_a_new_key(cast: Cast, no_cold_limits):
    conversation = network.send_message(cast.lucia, cast.mette, "¡Hola!").conversation
    before = set(Message.objects.filter(sender=cast.mette).values_list("pk", flat=True))
    mette = client_for(cast.mette)
    key = str(uuid.uuid4())
    url = reverse("network:conversation", args=[conversation.pk])
    answer = mette.post(url, {"body": "Hej!", "submission": key, "after": 0}, HTTP_HX_REQUEST="true")
    html = answer.content.decode()
    fresh = re.search(r'name="submission" id="id_submission" value="([0-9a-f-]{36})" hx-swap-oob="true"', html)
    assert answer.status_code == 200 and fresh and fresh.group(1) != key
    mette.post(url, {"body": "Hej igen!", "submission": fresh.group(1)}, HTTP_HX_REQUEST="true")
    new = Message.objects.filter(sender=cast.mette).exclude(pk__in=before)
    assert list(new.values_list("body", flat=True).order_by("pk")) == [
        "Hej!",
        "Hej igen!",
    ]


def test_a_malformed_key_does_not_stop_the_message(cast: Cast, no_cold_limits):
    before = Message.objects.filter(sender=cast.mette).count()
    mette = client_for(cast.mette)
    url = reverse("network:write_to", args=[cast.lucia.pk])
    assert mette.post(url, {"body": "One", "submission": "not-a-key'--"}).status_code == 302
    assert mette.post(url, {"body": "Two", "submission": "not-a-key'--"}).status_code == 302
    assert Message.objects.filter(sender=cast.mette).count() == before + 2
    assert not SubmissionKey.objects.exists()


def test_space_posts_comments_threads_and_replies_are_stored_once(cast: Cast):
    space = cast.project.space
    lucia = client_for(cast.lucia)
    post_key, comment_key, thread_key, reply_key = (str(uuid.uuid4()) for _ in range(4))
    for _ in range(2):
        assert (
            lucia.post(
                reverse("spaces:post_new", args=[space.pk]), {"body": "Nest boxes are up!", "submission": post_key}
            ).status_code
            == 302
        )
    post = Post.objects.get(space=space)
    home = lucia.get(reverse("spaces:home", args=[space.pk])).content.decode()
    assert home.count('name="submission"') >= 2  # the post form and the comment form under the post
    comment_url = reverse("spaces:post_comment", args=[space.pk, post.pk])
    for _ in range(2):
        lucia.post(comment_url, {"body": "Photos tomorrow", "submission": comment_key})
    assert Comment.objects.filter(post=post).count() == 1
    new_thread = reverse("spaces:thread_new", args=[space.pk])
    answers = [
        lucia.post(new_thread, {"title": "Bird names", "body": "In both languages", "submission": thread_key})
        for _ in range(2)
    ]
    assert answers[0].url == answers[1].url and Thread.objects.filter(space=space, board=Board.FORUM).count() == 1
    thread = Thread.objects.get(space=space)
    reply_url = reverse("spaces:thread_reply", args=[space.pk, thread.pk])
    replies = [lucia.post(reply_url, {"body": "Gråspurv = sparrow", "submission": reply_key}) for _ in range(2)]
    assert replies[0].url == replies[1].url and Reply.objects.filter(thread=thread).count() == 1


def test_the_plain_chat_form_resent_is_one_message(cast: Cast):
    space_id = cast.project.space.pk
    mette = client_for(cast.mette)
    mette.post(reverse("spaces:chat", args=[space_id]), {"name": "Planning"})
    room = ChatRoom.objects.get(name="Planning")
    url = reverse("spaces:chat_room", args=[space_id, room.pk])
    key = _key_on(mette.get(url).content.decode())
    answers = [mette.post(url, {"body": "Meeting at 10?", "submission": key}) for _ in range(2)]
    assert answers[0].status_code == answers[1].status_code == 302
    assert ChatMessage.objects.filter(room=room).count() == 1


def test_group_posts_comments_discussions_and_replies_are_stored_once(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    mette = client_for(cast.mette)
    keys = [str(uuid.uuid4()) for _ in range(4)]
    for _ in range(2):
        mette.post(reverse("groups:post_new", args=[group.pk]), {"body": "Welcome!", "submission": keys[0]})
    post = GroupPost.objects.get(group=group)
    for _ in range(2):
        mette.post(reverse("groups:comment", args=[group.pk, post.pk]), {"body": "Say hello", "submission": keys[1]})
    assert GroupComment.objects.filter(post=post).count() == 1
    for _ in range(2):
        mette.post(
            reverse("groups:discussions", args=[group.pk]),
            {"title": "Rulers?", "body": "Or tape?", "submission": keys[2]},
        )
    discussion = Discussion.objects.get(group=group)
    for _ in range(2):
        mette.post(
            reverse("groups:discussion", args=[group.pk, discussion.pk]), {"body": "Tape", "submission": keys[3]}
        )
    assert DiscussionReply.objects.filter(discussion=discussion).count() == 1


def test_the_api_takes_an_idempotency_key(cast: Cast, no_cold_limits):
    token = token_for(cast.mette, Scope.MESSAGES_WRITE)
    before = Message.objects.filter(sender=cast.mette).count()
    key = str(uuid.uuid4())
    message = {"to": cast.lucia.pk, "body": "Sent from our school app"}
    first = api_post("/me/messages", message, token, HTTP_IDEMPOTENCY_KEY=key)
    retry = api_post("/me/messages", message, token, HTTP_IDEMPOTENCY_KEY=key)
    assert first.status_code == retry.status_code == 201 and first.json()["id"] == retry.json()["id"]
    other = api_post("/me/messages", message, token, HTTP_IDEMPOTENCY_KEY=str(uuid.uuid4()))
    assert other.json()["id"] != first.json()["id"]
    assert Message.objects.filter(sender=cast.mette).count() == before + 2
    # Another member's identical key is theirs alone.
    lucias = api_post(
        "/me/messages",
        {"to": cast.mette.pk, "body": "Recibido"},
        token_for(cast.lucia, Scope.MESSAGES_WRITE),
        HTTP_IDEMPOTENCY_KEY=key,
    )
    assert lucias.status_code == 201 and lucias.json()["id"] not in (first.json()["id"], other.json()["id"])


def test_a_key_used_for_another_kind_of_write_is_refused_and_stores_nothing(cast: Cast):
    key = uuid.uuid4()
    submissions.once(
        cast.lucia.pk, key, "spaces.post", Post, lambda: content.create_post(cast.lucia, cast.project.space, "One")
    )
    with pytest.raises(DomainError):
        submissions.once(
            cast.lucia.pk, key, "network.message", Message, lambda: network.send_message(cast.lucia, cast.mette, "x")
        )
    assert not Message.objects.filter(sender=cast.lucia).exists()


def test_a_refused_write_leaves_its_key_free_for_the_corrected_form(cast: Cast):
    key = uuid.uuid4()
    with pytest.raises(DomainError):
        submissions.once(
            cast.lucia.pk, key, "spaces.post", Post, lambda: content.create_post(cast.lucia, cast.project.space, " ")
        )
    assert not SubmissionKey.objects.exists()
    post = submissions.once(
        cast.lucia.pk, key, "spaces.post", Post, lambda: content.create_post(cast.lucia, cast.project.space, "Fixed")
    )
    assert post.body == "Fixed"


def test_a_resend_of_something_removed_since_says_so(cast: Cast):
    key = uuid.uuid4()
    post = submissions.once(
        cast.lucia.pk, key, "spaces.post", Post, lambda: content.create_post(cast.lucia, cast.project.space, "Gone")
    )
    Post.objects.filter(pk=post.pk).delete()
    with pytest.raises(DomainError, match="removed"):
        submissions.once(
            cast.lucia.pk, key, "spaces.post", Post, lambda: content.create_post(cast.lucia, cast.project.space, "Gone")
        )
    assert not Post.objects.exists()


def test_keys_are_kept_for_a_day(cast: Cast):
    submissions.once(
        cast.lucia.pk,
        uuid.uuid4(),
        "spaces.post",
        Post,
        lambda: content.create_post(cast.lucia, cast.project.space, "Old"),
    )
    submissions.once(
        cast.lucia.pk,
        uuid.uuid4(),
        "spaces.post",
        Post,
        lambda: content.create_post(cast.lucia, cast.project.space, "New"),
    )
    SubmissionKey.objects.filter(object_id=Post.objects.get(body="Old").pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    assert submissions.prune_submission_keys.call() == 1
    assert SubmissionKey.objects.count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgresql  # real concurrent connections: run by make test-postgres
def test_two_racing_submits_with_one_key_store_one_message(cast: Cast, no_cold_limits):
    key = uuid.uuid4()
    barrier = threading.Barrier(4)
    stored: list[int] = []
    errors: list[BaseException] = []

    def submit() -> None:
        try:
            barrier.wait(timeout=10)
            message = submissions.once(
                cast.mette.pk,
                key,
                "network.message",
                Message,
                lambda: network.send_message(cast.mette, cast.lucia, "Once"),
            )
            stored.append(message.pk)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=submit) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not errors, errors
    assert len(stored) == 4 and len(set(stored)) == 1
    assert Message.objects.filter(sender=cast.mette, body="Once").count() == 1
