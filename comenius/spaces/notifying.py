"""What happens in a project space, told to its people (registered with `comenius.notifications` from
`SpacesConfig.ready`).

- `spaces.reply`: someone commented on your post or replied to your thread. Pupils get it too (in-app only).
- `spaces.activity`: a new post or thread in a space of yours — bulk, in the digest by default, fanned out to
  the space's teachers by the task worker; "watching" a space sends it at once, "muted" silences it.
- `spaces.chat_opened`: a pupils' chat room was opened — for the space's pupils, in-app only.

Watch levels (`notify(..., watch=[thread, space, project])`, the most specific level that is not "normal"
wins): a thread (its author watches it from the start), the space (its home page) and the project (the project
page). "Watching" e-mails at once and, for a thread, tells of every reply; "muted" tells nothing.

Items link to the thread, the feed or the room, and vanish once the reader may no longer see them (checked with
`spaces.access.spaces_for` and the content's hidden mark).
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import (
    Delivery,
    NotificationType,
    Target,
    WatchKind,
    register_target,
    register_type,
    register_watch_kind,
)
from comenius.notifications.services import notify, notify_many

REPLY = "spaces.reply"
ACTIVITY = "spaces.activity"
CHAT_OPENED = "spaces.chat_opened"
SPACE = "spaces.space"
THREAD = "spaces.thread"
PROJECT = "projects.project"


def _is_pupil(user: Any) -> bool:
    return getattr(user, "role", None) == "pupil"


def _chain(space: Any, thread: Any = None) -> list[Any]:
    """The objects whose watch levels apply to an item of this space, most specific first: the thread (if
    any), the space, its project."""
    from comenius.projects.models import Project

    project = Project(pk=space.project_id)  # only its kind and id are read
    return [thread, space, project] if thread is not None else [space, project]


def _thread_url(space: Any, thread: Any) -> str:
    return reverse(
        "spaces:bulletin_thread" if thread.board == "bulletin" else "spaces:thread", args=[space.pk, thread.pk]
    )


def _watchers(space: Any, thread: Any) -> list[int]:
    """The space's teachers who chose "watching" for the thread, the space or the project (pupils cannot)."""
    from comenius.notifications.access import watching_ids
    from comenius.projects.models import MemberState, ProjectMember

    ids = {
        *watching_ids(THREAD, thread.pk),
        *watching_ids(SPACE, space.pk),
        *watching_ids(PROJECT, space.project_id),
    }
    if not ids:
        return []
    active = ProjectMember.objects.filter(project_id=space.project_id, state=MemberState.ACTIVE, user_id__in=ids)
    return list(active.values_list("user_id", flat=True))


def thread_started(author: Any, thread: Any) -> None:
    """The author of a thread watches it (they can mute it, or set it back to normal, on the thread's page).
    Pupils have no watch levels: they hear of replies to their threads as authors."""
    from comenius.notifications.models import WatchLevel
    from comenius.notifications.services import set_watch

    if not _is_pupil(author):
        set_watch(author, THREAD, thread.pk, WatchLevel.WATCHING)


def replied(author: Any, content: Any, parent: Any, *, kind: str) -> None:
    """`author` answered `parent` (a post or a thread) with `content`: tell the parent's author and, for a
    thread, the teachers watching it (or its space or project) — each as their watch levels say (a muted
    thread tells them nothing)."""
    recipient = parent.author
    space = parent.space
    name = author.get_short_name() if _is_pupil(author) else author.get_full_name()
    if kind == "thread":
        url = _thread_url(space, parent)
        text = _("%(name)s replied to “%(title)s”")
        params = {"name": name, "title": parent.title}
        chain = _chain(space, parent)
    else:
        url = reverse("spaces:home", args=[space.pk]) + f"#post-{parent.pk}"
        text = _("%(name)s commented on your post")
        params = {"name": name}
        chain = _chain(space)
    if recipient is not None and recipient.pk != author.pk:
        notify(recipient, REPLY, parent, text=text, params=params, url=url, group=space, watch=chain)
    if kind == "thread":
        others = [pk for pk in _watchers(space, parent) if pk not in (author.pk, parent.author_id)]
        if others:
            notify_many(others, REPLY, parent, text=text, params=params, url=url, group=space, watch=chain)


def new_activity(author: Any, content: Any, *, kind: str) -> None:
    """A new post or thread: tell the space's other teachers (in the worker, in batches)."""
    from comenius.projects.models import MemberState, ProjectMember

    space = content.space
    teachers = ProjectMember.objects.filter(project_id=space.project_id, state=MemberState.ACTIVE).exclude(
        user_id=author.pk
    )
    ids = list(teachers.values_list("user_id", flat=True))
    if not ids:
        return
    if kind == "thread":
        url = _thread_url(space, content)
        text, params = _("New thread in %(space)s: “%(title)s”"), {"space": str(space), "title": content.title}
    else:
        url = reverse("spaces:home", args=[space.pk])
        text, params = _("New post in %(space)s"), {"space": str(space)}
    notify_many(ids, ACTIVITY, content, text=text, params=params, url=url, group=space, watch=_chain(space))


def chat_opened(room: Any) -> None:
    """A pupils' room is open: tell the space's pupils (in-app)."""
    from comenius.spaces.models import SpacePupil

    ids = list(SpacePupil.objects.filter(space_id=room.space_id).values_list("user_id", flat=True))
    if ids:
        notify_many(
            ids,
            CHAT_OPENED,
            room,
            text=_("The chat room “%(name)s” is open"),
            params={"name": room.name},
            url=reverse("spaces:chat_room", args=[room.space_id, room.pk]),
            group=room.space,
        )


# --- what a reader may still see (querysets: the centre and the bell filter items with them in SQL) ----------


def _space_ids(user: Any) -> Any:
    from comenius.spaces.access import spaces_for

    return spaces_for(user).order_by().values("pk")


def _visible_threads(user: Any) -> Any:
    from comenius.spaces.models import Thread

    threads = Thread.objects.filter(space_id__in=_space_ids(user), hidden_at__isnull=True)
    if _is_pupil(user):
        threads = threads.exclude(board="bulletin")
    return threads


def _visible_posts(user: Any) -> Any:
    from comenius.spaces.models import Post

    return Post.objects.filter(space_id__in=_space_ids(user), hidden_at__isnull=True)


def _visible_rooms(user: Any) -> Any:
    from comenius.spaces.models import ChatRoom

    rooms = ChatRoom.objects.filter(space_id__in=_space_ids(user), hidden_at__isnull=True)
    if _is_pupil(user):
        rooms = rooms.filter(for_pupils=True)
    return rooms


def _visible_spaces(user: Any) -> Any:
    from comenius.spaces.access import spaces_for

    return spaces_for(user)


def _space_titles(ids: set[int]) -> dict[int, str]:
    from comenius.spaces.models import Space

    return {space.pk: str(space) for space in Space.objects.filter(pk__in=ids).select_related("project")}


def _thread_titles(ids: set[int]) -> dict[int, str]:
    from comenius.spaces.models import Thread

    return dict(Thread.objects.filter(pk__in=ids).values_list("pk", "title"))


def register() -> None:
    register_type(
        NotificationType(
            REPLY,
            _("Replies to your posts and threads"),
            default=Delivery.EMAIL,
            watchable=True,
            for_pupils=True,
            description=_(
                "Comments on your posts, replies to your threads and to threads you watch in project spaces."
            ),
        )
    )
    register_type(
        NotificationType(
            ACTIVITY,
            _("Activity in your project spaces"),
            default=Delivery.DIGEST,
            bulk=True,
            watchable=True,
            description=_("New posts and threads. Watch a space to hear of them at once, or mute it."),
        )
    )
    register_type(
        NotificationType(CHAT_OPENED, _("A chat room opened"), default=Delivery.IN_APP, required=True, for_pupils=True)
    )
    register_target(Target("spaces.thread", _visible_threads))
    register_target(Target("spaces.post", _visible_posts))
    register_target(Target("spaces.chatroom", _visible_rooms))
    register_target(Target("spaces.space", _visible_spaces, path=lambda pk: reverse("spaces:home", args=[pk])))
    register_watch_kind(WatchKind(SPACE, _("Project spaces"), label_of=_space_titles))
    register_watch_kind(WatchKind(THREAD, _("Forum threads"), label_of=_thread_titles))
