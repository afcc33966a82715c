"""Watch levels for projects, project spaces, forum threads, groups and group discussions (watching / normal /
muted), per level and per kind: the most specific level that is not "normal" wins, "watching" e-mails at once
(and, for a thread or discussion, tells of every reply), "muted" tells nothing; the author of a thread or a
discussion watches it from the start; a group's members hear of its activity in the digest; pupils never get
e-mail; each page carries the control (a plain form)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for
from comenius.groups import services as groups
from comenius.groups.tests.people import approved_group
from comenius.notifications import services
from comenius.notifications.mail import HEADER
from comenius.notifications.models import Notification, WatchLevel
from comenius.notifications.registry import Delivery
from comenius.projects import services as projects
from comenius.projects.models import ProjectRole
from comenius.projects.tests.helpers import make_contacts
from comenius.spaces.services import content as spaces

pytestmark = pytest.mark.django_db

WATCHING, NORMAL, MUTED = WatchLevel.WATCHING, WatchLevel.NORMAL, WatchLevel.MUTED


def _items(user: Any, type_key: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, type=type_key).order_by("pk"))


def _mails(user: Any, type_key: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [user.email] and m.extra_headers.get(HEADER) == type_key]


def _otto_in_the_project(cast: Cast) -> None:
    make_contacts(cast.otto, cast.mette)
    projects.invite_member(cast.mette, cast.project, cast.otto, ProjectRole.TEACHER)
    projects.answer_invitation(cast.otto, cast.project, accept=True)


# --- the most specific level wins ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("thread", "space", "project", "expected"),
    [
        (NORMAL, NORMAL, NORMAL, Delivery.DIGEST),  # the type's default
        (NORMAL, NORMAL, WATCHING, Delivery.EMAIL),
        (NORMAL, NORMAL, MUTED, None),
        (NORMAL, WATCHING, MUTED, Delivery.EMAIL),  # the space is more specific than its project
        (NORMAL, MUTED, WATCHING, None),
        (MUTED, WATCHING, WATCHING, None),  # a muted thread says nothing, whatever its space
        (WATCHING, MUTED, MUTED, Delivery.EMAIL),
    ],
)
def test_the_most_specific_level_decides(cast: Cast, thread: str, space: str, project: str, expected: str | None):
    space_ = cast.project.space
    topic = spaces.start_thread(cast.lucia, space_, "forum", "Rain gauges", "Who has built one?")
    for kind, pk, level in (
        ("spaces.thread", topic.pk, thread),
        ("spaces.space", space_.pk, space),
        ("projects.project", cast.project.pk, project),
    ):
        services.set_watch(cast.mette, kind, pk, level)
    chain = [topic, space_, cast.project]
    assert services.delivery_for(cast.mette, "spaces.activity", group=space_, watch=chain) == expected
    # A type that is no activity is not changed by watch levels.
    assert services.delivery_for(cast.mette, "projects.project_active", group=space_, watch=chain) == Delivery.EMAIL


# --- forum threads in project spaces ------------------------------------------------------------------------------


def test_the_author_of_a_thread_watches_it_and_hears_of_every_reply(cast: Cast, django_capture_on_commit_callbacks):
    space = cast.project.space
    topic = spaces.start_thread(cast.mette, space, "forum", "Rain gauges", "Who has built one?")
    assert services.watch_level(cast.mette, "spaces.thread", topic.pk) == WATCHING
    page = client_for(cast.mette).get(reverse("spaces:thread", args=[space.pk, topic.pk])).content.decode()
    assert reverse("notifications:watch", args=["spaces.thread", topic.pk]) in page
    assert '<option value="watching" selected>' in page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spaces.reply(cast.lucia, topic, "We made one from a bottle.")
    (item,) = _items(cast.mette, "spaces.reply")
    assert item.delivery == Delivery.EMAIL and len(_mails(cast.mette, "spaces.reply")) == 1


def test_a_muted_thread_sends_nothing(cast: Cast, django_capture_on_commit_callbacks):
    space = cast.project.space
    topic = spaces.start_thread(cast.mette, space, "forum", "Rain gauges", "Who has built one?")
    services.set_watch(cast.lucia, "spaces.space", space.pk, WATCHING)  # watching the space …
    services.set_watch(cast.mette, "spaces.thread", topic.pk, MUTED)
    services.set_watch(cast.lucia, "spaces.thread", topic.pk, MUTED)  # … but not this thread
    pupil_reply_before = Notification.objects.count()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spaces.reply(cast.pia, topic, "I like rain")
        spaces.reply(cast.lucia, topic, "Ours overflowed.")
    assert _items(cast.mette, "spaces.reply") == [] and _items(cast.lucia, "spaces.reply") == []
    assert mail.outbox == [] and Notification.objects.count() == pupil_reply_before


def test_watching_a_thread_tells_a_teacher_who_did_not_write_it(cast: Cast, django_capture_on_commit_callbacks):
    space = cast.project.space
    topic = spaces.start_thread(cast.mette, space, "forum", "Rain gauges", "Who has built one?")
    with django_capture_on_commit_callbacks(execute=True):
        spaces.reply(cast.pia, topic, "I like rain")
    assert _items(cast.lucia, "spaces.reply") == []  # normal: a reply in someone else's thread is not news
    # The control on the thread's page, without JavaScript: a plain POST.
    url = reverse("notifications:watch", args=["spaces.thread", topic.pk])
    assert client_for(cast.lucia).post(url, {"level": "watching", "next": "/"}).status_code == 302
    assert client_for(cast.otto).post(url, {"level": "watching"}).status_code == 404  # not in the project
    assert client_for(cast.pia).post(url, {"level": "muted"}).status_code == 404  # pupils have no watch levels
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spaces.reply(cast.pia, topic, "Me too")
    (item,) = _items(cast.lucia, "spaces.reply")
    assert item.delivery == Delivery.EMAIL and len(_mails(cast.lucia, "spaces.reply")) == 1
    # A watcher who left the project hears nothing more.
    _otto_in_the_project(cast)
    services.set_watch(cast.otto, "spaces.thread", topic.pk, WATCHING)
    projects.leave_project(cast.otto, cast.project)
    with django_capture_on_commit_callbacks(execute=True):
        spaces.reply(cast.mette, topic, "Thanks all")
    assert _items(cast.otto, "spaces.reply") == []


def test_pupils_never_get_email_whatever_is_watched(cast: Cast, django_capture_on_commit_callbacks):
    space = cast.project.space
    topic = spaces.start_thread(cast.mette, space, "forum", "Rain gauges", "Who has built one?")
    with django_capture_on_commit_callbacks(execute=True):
        spaces.reply(cast.pia, topic, "I like rain")
    assert services.watch_level(cast.pia, "spaces.thread", topic.pk) == NORMAL
    # A watch row for a pupil (made by hand: no page lets them) changes nothing: in-app, never e-mail.
    services.set_watch(cast.pia, "spaces.space", space.pk, WATCHING)
    assert services.delivery_for(cast.pia, "spaces.reply", group=space, watch=[topic, space]) == Delivery.IN_APP
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.notify(cast.pia, "spaces.reply", topic, text="Mette replied", group=space, watch=[topic, space])
        services.notify(cast.pia, "spaces.activity", topic, text="New", group=space, watch=[topic, space])
    assert mail.outbox == []
    assert [i.delivery for i in _items(cast.pia, "spaces.reply")] == [Delivery.IN_APP]
    assert _items(cast.pia, "spaces.activity") == []  # not a type for pupils
    html = client_for(cast.pia).get(reverse("spaces:thread", args=[space.pk, topic.pk])).content.decode()
    assert reverse("notifications:watch", args=["spaces.thread", topic.pk]) not in html


# --- projects -------------------------------------------------------------------------------------------------------


def test_a_project_is_watched_or_muted_from_its_page(cast: Cast, django_capture_on_commit_callbacks):
    page = client_for(cast.lucia).get(reverse("projects:detail", args=[cast.project.pk])).content.decode()
    url = reverse("notifications:watch", args=["projects.project", cast.project.pk])
    assert url in page
    assert url not in client_for(cast.otto).get(reverse("projects:detail", args=[cast.project.pk])).content.decode()
    assert client_for(cast.lucia).post(url, {"level": "muted"}).status_code == 302
    assert services.watch_level(cast.lucia, "projects.project", cast.project.pk) == MUTED
    with django_capture_on_commit_callbacks(execute=True):
        spaces.create_post(cast.mette, cast.project.space, "Our first measurements")
        spaces.start_thread(cast.mette, cast.project.space, "forum", "Rain gauges", "Who has built one?")
    assert _items(cast.lucia, "spaces.activity") == []
    services.set_watch(cast.lucia, "projects.project", cast.project.pk, WATCHING)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        spaces.create_post(cast.mette, cast.project.space, "More measurements")
    (item,) = _items(cast.lucia, "spaces.activity")
    assert item.delivery == Delivery.EMAIL and len(_mails(cast.lucia, "spaces.activity")) == 1


# --- groups and their discussions --------------------------------------------------------------------------------


def _group_of_three(cast: Cast) -> Any:
    group = approved_group(cast.mette, cast.carla)
    groups.join(cast.lucia, group)
    groups.join(cast.otto, group)
    return group


def test_group_members_get_its_activity_in_the_digest_by_default(cast: Cast, django_capture_on_commit_callbacks):
    group = _group_of_three(cast)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        groups.create_post(cast.mette, group, "Who measures the playground?")
        groups.start_discussion(cast.mette, group, "Tape measures", "Which ones last?")
        groups.add_link(cast.mette, group, "Maths trails", "", "https://example.org/trails")
    for member in (cast.lucia, cast.otto):
        items = _items(member, "groups.activity")
        assert [i.delivery for i in items] == [Delivery.DIGEST] * 3
        assert {i.group_kind for i in items} == {"groups.group"} and items[0].group_label == group.title
    assert _items(cast.mette, "groups.activity") == []  # not about one's own words
    assert mail.outbox == []
    # Carla (central support) reads every group but is no member: she is not told.
    assert _items(cast.carla, "groups.activity") == []


def test_group_watch_levels_per_level(cast: Cast, django_capture_on_commit_callbacks):
    group = _group_of_three(cast)
    page = client_for(cast.otto).get(reverse("groups:detail", args=[group.pk])).content.decode()
    url = reverse("notifications:watch", args=["groups.group", group.pk])
    assert url in page
    assert client_for(cast.otto).post(url, {"level": "watching"}).status_code == 302
    services.set_watch(cast.lucia, "groups.group", group.pk, MUTED)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        groups.create_post(cast.mette, group, "Who measures the playground?")
    (item,) = _items(cast.otto, "groups.activity")
    assert item.delivery == Delivery.EMAIL and len(_mails(cast.otto, "groups.activity")) == 1
    assert _items(cast.lucia, "groups.activity") == []
    # Bulk mail carries one-click unsubscribe.
    (sent,) = _mails(cast.otto, "groups.activity")
    assert sent.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"


def test_discussion_author_watches_it_and_a_muted_discussion_sends_nothing(
    cast: Cast, django_capture_on_commit_callbacks
):
    group = _group_of_three(cast)
    topic = groups.start_discussion(cast.lucia, group, "Tape measures", "Which ones last?")
    assert services.watch_level(cast.lucia, "groups.discussion", topic.pk) == WATCHING
    page = client_for(cast.lucia).get(reverse("groups:discussion", args=[group.pk, topic.pk])).content.decode()
    assert reverse("notifications:watch", args=["groups.discussion", topic.pk]) in page
    services.set_watch(cast.otto, "groups.group", group.pk, WATCHING)  # Otto watches the whole group
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        groups.reply(cast.mette, topic, "The steel ones.")
    assert [i.delivery for i in _items(cast.lucia, "groups.reply")] == [Delivery.EMAIL]
    assert [i.delivery for i in _items(cast.otto, "groups.reply")] == [Delivery.EMAIL]
    assert _items(cast.mette, "groups.reply") == []  # normal, and her own reply
    # Both mute this discussion (Otto still watches the group): the next reply tells nobody anything.
    url = reverse("notifications:watch", args=["groups.discussion", topic.pk])
    for member in (cast.lucia, cast.otto):
        assert client_for(member).post(url, {"level": "muted"}).status_code == 302
    mail.outbox.clear()
    before = Notification.objects.filter(type="groups.reply").count()
    with django_capture_on_commit_callbacks(execute=True):
        groups.reply(cast.mette, topic, "Or the cloth ones.")
    assert Notification.objects.filter(type="groups.reply").count() == before and mail.outbox == []


def test_a_comment_on_a_group_post_tells_its_author(cast: Cast, django_capture_on_commit_callbacks):
    group = _group_of_three(cast)
    post = groups.create_post(cast.otto, group, "Who measures the playground?")
    with django_capture_on_commit_callbacks(execute=True):
        groups.comment(cast.lucia, post, "We do, every spring.")
    (item,) = _items(cast.otto, "groups.reply")
    assert item.delivery == Delivery.EMAIL and "Lucía" in services.render_text(item)
    services.set_watch(cast.otto, "groups.group", group.pk, MUTED)
    with django_capture_on_commit_callbacks(execute=True):
        groups.comment(cast.mette, post, "So do we.")
    assert len(_items(cast.otto, "groups.reply")) == 1


def test_who_may_watch_a_group_or_discussion(cast: Cast):
    group = _group_of_three(cast)
    topic = groups.start_discussion(cast.lucia, group, "Tape measures", "Which ones last?")
    url = reverse("notifications:watch", args=["groups.discussion", topic.pk])
    assert client_for(cast.nina).post(url, {"level": "watching"}).status_code == 404  # not validated
    assert client_for(cast.pia).post(url, {"level": "watching"}).status_code == 404  # a pupil
    assert client_for(cast.jonas).post(url, {"level": "watching"}).status_code == 404  # not a member
    assert client_for(cast.otto).post(url, {"level": "loud"}).status_code == 302  # an error message, no change
    assert services.watch_level(cast.otto, "groups.discussion", topic.pk) == NORMAL
    groups.moderate(cast.mette, topic, True)  # hidden
    assert client_for(cast.otto).post(url, {"level": "watching"}).status_code == 404
    groups.leave(cast.otto, group)
    url = reverse("notifications:watch", args=["groups.group", group.pk])
    page = client_for(cast.otto).get(reverse("groups:detail", args=[group.pk])).content.decode()
    assert url not in page  # the control is for members


def test_the_preferences_page_lists_what_is_watched_or_muted(cast: Cast):
    group = _group_of_three(cast)
    topic = groups.start_discussion(cast.lucia, group, "Tape measures", "Which ones last?")
    services.set_watch(cast.lucia, "groups.group", group.pk, MUTED)
    services.set_watch(cast.lucia, "spaces.space", cast.project.space.pk, WATCHING)
    client = client_for(cast.lucia)
    page = client.get(reverse("notifications:preferences"))
    html = page.content.decode()
    assert "Tape measures" in html and group.title in html and str(cast.project.space) in html
    assert [w["muted"] for w in page.context["watches"] if w["kind"] == "groups.group"] == [True]
    # Back to normal from the list, without JavaScript.
    url = reverse("notifications:watch", args=["groups.group", group.pk])
    response = client.post(url, {"level": "normal", "next": reverse("notifications:preferences")})
    assert response.status_code == 302 and response["Location"] == reverse("notifications:preferences")
    assert services.watch_level(cast.lucia, "groups.group", group.pk) == NORMAL
    # A discussion hidden by a moderator leaves the list; the list costs the same queries however long it is.
    groups.moderate(cast.mette, topic, True)
    assert "Tape measures" not in client.get(reverse("notifications:preferences")).content.decode()
    from comenius.devdata.testing import count_queries

    first = groups.start_discussion(cast.lucia, group, "Topic", "Text")
    services.set_watch(cast.lucia, "groups.discussion", first.pk, MUTED)
    few = count_queries(client, reverse("notifications:preferences"))
    for n in range(5):
        extra = groups.start_discussion(cast.lucia, group, f"Topic {n}", "Text")
        services.set_watch(cast.lucia, "groups.discussion", extra.pk, MUTED)
    assert count_queries(client, reverse("notifications:preferences")) == few
