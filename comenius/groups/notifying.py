"""What groups tell members (registered with `comenius.notifications` from `GroupsConfig.ready`).

- Proposals decided, invitations, requests to join and their answers: one person's business, e-mailed at once.
- `groups.activity`: a new post, discussion or resource — bulk, in the digest by default, to every other active
  member (fanned out by the task worker in batches).
- `groups.reply`: a comment on your post, a reply to your discussion or to one you (or the whole group) watch.

Watch levels: a group (on its page) and a discussion (on its page; its author watches it from the start).
`notify(..., watch=[discussion, group])`: the most specific level that is not "normal" wins; "watching" e-mails
at once, "muted" tells nothing. Items vanish once the reader has left the group or the content is hidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q
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

DECIDED = "groups.decided"
INVITATION = "groups.invitation"
JOIN_REQUEST = "groups.join_request"
REQUEST_ANSWERED = "groups.request_answered"
ACTIVITY = "groups.activity"
REPLY = "groups.reply"
GROUP = "groups.group"
DISCUSSION = "groups.discussion"


def _is_central(user: Any) -> bool:
    return getattr(user, "role", None) == "central"


def _member_groups(user: Any) -> Any:
    """The approved, shown groups whose content this person reads (active members; central support: all)."""
    from comenius.groups.models import Group, GroupMember, GroupState, MembershipState

    groups = Group.objects.filter(state=GroupState.APPROVED, hidden_at__isnull=True)
    if _is_central(user):
        return groups.values("pk")
    mine = GroupMember.objects.filter(user=user, state=MembershipState.ACTIVE).values("group_id")
    return groups.filter(pk__in=mine).values("pk")


def _visible_groups(user: Any) -> Any:
    from comenius.groups.models import Group, GroupState

    return Group.objects.filter(hidden_at__isnull=True).filter(Q(state=GroupState.APPROVED) | Q(proposed_by=user))


def _visible_content(model_name: str) -> Any:
    def visible(user: Any) -> Any:
        from comenius.groups import models

        model = getattr(models, model_name)
        return model.objects.filter(group_id__in=_member_groups(user), hidden_at__isnull=True)

    return visible


def _discussion_titles(ids: set[int]) -> dict[int, str]:
    from comenius.groups.models import Discussion

    return dict(Discussion.objects.filter(pk__in=ids).values_list("pk", "title"))


def _group_titles(ids: set[int]) -> dict[int, str]:
    from comenius.groups.models import Group

    return dict(Group.objects.filter(pk__in=ids).values_list("pk", "title"))


def _active_members(group: Any, ids: Iterable[int] | None = None) -> list[int]:
    from comenius.groups.models import GroupMember, MembershipState

    found = GroupMember.objects.filter(group=group, state=MembershipState.ACTIVE)
    if ids is not None:
        found = found.filter(user_id__in=list(ids))
    return list(found.values_list("user_id", flat=True))


def discussion_started(author: Any, discussion: Any) -> None:
    """The author of a discussion watches it (every reply reaches them at once; they can mute it)."""
    from comenius.notifications.models import WatchLevel
    from comenius.notifications.services import set_watch

    set_watch(author, DISCUSSION, discussion.pk, WatchLevel.WATCHING)


def new_activity(author: Any, content: Any, *, kind: str) -> None:
    """A new post, discussion or resource: every other active member hears of it (in the digest by default; a
    watched group e-mails at once, a muted one says nothing), fanned out in the worker in batches."""
    group = content.group
    ids = [pk for pk in _active_members(group) if pk != author.pk]
    if not ids:
        return
    name = author.get_full_name()
    if kind == "discussion":
        url = reverse("groups:discussion", args=[group.pk, content.pk])
        text = _("%(name)s started the discussion “%(title)s” in %(group)s")
        params = {"name": name, "title": content.title, "group": group.title}
    elif kind == "resource":
        url = reverse("groups:resources", args=[group.pk])
        text = _("%(name)s shared “%(title)s” in %(group)s")
        params = {"name": name, "title": content.title, "group": group.title}
    else:
        url = reverse("groups:detail", args=[group.pk]) + f"#post-{content.pk}"
        text = _("%(name)s posted in %(group)s")
        params = {"name": name, "group": group.title}
    notify_many(ids, ACTIVITY, content, text=text, params=params, url=url, group=group, watch=[group])


def replied(author: Any, content: Any, parent: Any, *, kind: str) -> None:
    """`author` commented on a post or replied to a discussion: its author hears of it, and for a discussion
    every member watching it or the group — each as their watch levels say (a muted discussion says nothing)."""
    group = parent.group
    name = author.get_full_name()
    if kind == "discussion":
        url = reverse("groups:discussion", args=[group.pk, parent.pk]) + f"#reply-{content.pk}"
        text = _("%(name)s replied to “%(title)s” in %(group)s")
        params = {"name": name, "title": parent.title, "group": group.title}
        chain = [parent, group]
    else:
        url = reverse("groups:detail", args=[group.pk]) + f"#post-{parent.pk}"
        text = _("%(name)s commented on your post in %(group)s")
        params = {"name": name, "group": group.title}
        chain = [group]
    recipient = parent.author
    if recipient is not None and recipient.pk != author.pk:
        notify(recipient, REPLY, parent, text=text, params=params, url=url, group=group, watch=chain)
    if kind == "discussion":
        from comenius.notifications.access import watching_ids

        watching = {*watching_ids(DISCUSSION, parent.pk), *watching_ids(GROUP, group.pk)}
        watching -= {author.pk, parent.author_id}
        others = _active_members(group, watching) if watching else []
        if others:
            notify_many(others, REPLY, parent, text=text, params=params, url=url, group=group, watch=chain)


def register() -> None:
    register_type(
        NotificationType(
            DECIDED,
            _("Your group proposals"),
            default=Delivery.EMAIL,
            required=True,
            description=_("Central support approved or declined a group you proposed."),
        )
    )
    register_type(
        NotificationType(
            INVITATION, _("Group invitations"), default=Delivery.EMAIL, description=_("A moderator invites you.")
        )
    )
    register_type(
        NotificationType(
            JOIN_REQUEST,
            _("Requests to join your groups"),
            default=Delivery.EMAIL,
            description=_("Someone asks to join a group you moderate."),
        )
    )
    register_type(
        NotificationType(
            REQUEST_ANSWERED,
            _("Answers to your requests to join"),
            default=Delivery.EMAIL,
            description=_("The moderators accepted or declined your request."),
        )
    )
    register_type(
        NotificationType(
            ACTIVITY,
            _("Activity in your groups"),
            default=Delivery.DIGEST,
            bulk=True,
            watchable=True,
            description=_("New posts, discussions and resources. Watch a group to hear of them at once, or mute it."),
        )
    )
    register_type(
        NotificationType(
            REPLY,
            _("Replies in your groups"),
            default=Delivery.EMAIL,
            watchable=True,
            description=_("Comments on your posts, replies to your discussions and to discussions you watch."),
        )
    )
    register_target(Target(GROUP, _visible_groups, path=lambda pk: reverse("groups:detail", args=[pk])))
    register_target(Target(DISCUSSION, _visible_content("Discussion")))
    register_target(Target("groups.grouppost", _visible_content("GroupPost")))
    register_target(Target("groups.resource", _visible_content("Resource")))
    register_watch_kind(WatchKind(GROUP, _("Groups"), label_of=_group_titles))
    register_watch_kind(WatchKind(DISCUSSION, _("Group discussions"), label_of=_discussion_titles))
