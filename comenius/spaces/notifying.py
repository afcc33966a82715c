"""What happens in a project space, told to its people (registered with `comenius.notifications` from
`SpacesConfig.ready`).

- `spaces.reply`: someone commented on your post or replied to your thread. Pupils get it too (in-app only).
- `spaces.activity`: a new post or thread in a space of yours — bulk, in the digest by default, fanned out to
  the space's teachers by the task worker; "watching" a space sends it at once, "muted" silences it.
- `spaces.chat_opened`: a pupils' chat room was opened — for the space's pupils, in-app only.

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


def _is_pupil(user: Any) -> bool:
    return getattr(user, "role", None) == "pupil"


def replied(author: Any, content: Any, parent: Any, *, kind: str) -> None:
    """`author` answered `parent` (a post or a thread) with `content`: tell the parent's author."""
    recipient = parent.author
    if recipient is None or recipient.pk == author.pk:
        return
    space = parent.space
    if kind == "thread":
        url = reverse(
            "spaces:bulletin_thread" if parent.board == "bulletin" else "spaces:thread", args=[space.pk, parent.pk]
        )
        text = _("%(name)s replied to “%(title)s”")
        params = {
            "name": author.get_short_name() if _is_pupil(author) else author.get_full_name(),
            "title": parent.title,
        }
    else:
        url = reverse("spaces:home", args=[space.pk]) + f"#post-{parent.pk}"
        text = _("%(name)s commented on your post")
        params = {"name": author.get_short_name() if _is_pupil(author) else author.get_full_name()}
    notify(recipient, REPLY, parent, text=text, params=params, url=url, group=space)


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
        url = reverse(
            "spaces:bulletin_thread" if content.board == "bulletin" else "spaces:thread", args=[space.pk, content.pk]
        )
        text, params = _("New thread in %(space)s: “%(title)s”"), {"space": str(space), "title": content.title}
    else:
        url = reverse("spaces:home", args=[space.pk])
        text, params = _("New post in %(space)s"), {"space": str(space)}
    notify_many(ids, ACTIVITY, content, text=text, params=params, url=url, group=space)


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


# --- what a reader may still see ------------------------------------------------------------------------


def _space_ids(user: Any) -> Any:
    from comenius.spaces.access import spaces_for

    return spaces_for(user).values("pk")


def _visible_threads(user: Any, ids: set[int]) -> set[int]:
    from comenius.spaces.models import Thread

    threads = Thread.objects.filter(pk__in=ids, space_id__in=_space_ids(user), hidden_at__isnull=True)
    if _is_pupil(user):
        threads = threads.exclude(board="bulletin")
    return set(threads.values_list("pk", flat=True))


def _visible_posts(user: Any, ids: set[int]) -> set[int]:
    from comenius.spaces.models import Post

    posts = Post.objects.filter(pk__in=ids, space_id__in=_space_ids(user), hidden_at__isnull=True)
    return set(posts.values_list("pk", flat=True))


def _visible_rooms(user: Any, ids: set[int]) -> set[int]:
    from comenius.spaces.models import ChatRoom

    rooms = ChatRoom.objects.filter(pk__in=ids, space_id__in=_space_ids(user), hidden_at__isnull=True)
    if _is_pupil(user):
        rooms = rooms.filter(for_pupils=True)
    return set(rooms.values_list("pk", flat=True))


def _visible_spaces(user: Any, ids: set[int]) -> set[int]:
    from comenius.spaces.access import spaces_for

    return set(spaces_for(user).filter(pk__in=ids).values_list("pk", flat=True))


def register() -> None:
    register_type(
        NotificationType(
            REPLY,
            _("Replies to your posts and threads"),
            default=Delivery.EMAIL,
            watchable=True,
            for_pupils=True,
            description=_("Comments on your posts and replies to your threads in project spaces."),
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
    register_watch_kind(WatchKind("spaces.space", _("Project spaces")))
