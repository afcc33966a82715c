"""Who sees which groups and what is in them. Pupils never see a group; a group outside someone's reach
answers 404."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from comenius.core.lifecycle import ExportPart
from comenius.groups.models import (
    Discussion,
    DiscussionReply,
    Group,
    GroupComment,
    GroupMember,
    GroupPost,
    GroupRole,
    MembershipState,
    Resource,
)


def moderated_group_ids(user: Any) -> set[int]:
    """The groups this person moderates (events let group moderators organise for their group)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        GroupMember.objects.filter(
            user=user, role=GroupRole.MODERATOR, state=MembershipState.ACTIVE, group__state="approved"
        ).values_list("group_id", flat=True)
    )


def is_moderator(user: Any, group: Group) -> bool:
    return group.pk in moderated_group_ids(user)


def own_data(user: Any) -> ExportPart:
    """The member's groups and their own words in them, for the privacy export."""
    memberships = GroupMember.objects.filter(user=user).values("group__title", "role", "state", "joined_at")
    data: dict[str, object] = {
        "groups_proposed": list(Group.objects.filter(proposed_by=user).values("title", "state", "created_at")),
        "group_memberships": list(memberships),
        "group_posts": list(GroupPost.objects.filter(author=user).values("group__title", "body", "created_at")),
        "group_comments": list(GroupComment.objects.filter(author=user).values("group__title", "body", "created_at")),
        "group_discussions": list(
            Discussion.objects.filter(author=user).values("group__title", "title", "body", "created_at")
        ),
        "group_replies": list(DiscussionReply.objects.filter(author=user).values("group__title", "body", "created_at")),
        "group_resources": list(
            Resource.objects.filter(author=user).values("group__title", "title", "filename", "url", "created_at")
        ),
    }
    files = {
        f"groups/{resource.pk}-{resource.filename}": resource.file
        for resource in Resource.objects.filter(author=user).exclude(file="")
    }
    return ExportPart(data, files)


def approved_groups() -> QuerySet[Group]:
    return Group.objects.filter(state="approved", hidden_at__isnull=True)
