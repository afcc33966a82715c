"""Writes about groups. Filled in with the group pages."""

from __future__ import annotations

from typing import Any

from django.db.models import F

from comenius.core.lifecycle import Deletion
from comenius.groups.models import (
    Discussion,
    DiscussionReply,
    Group,
    GroupComment,
    GroupMember,
    GroupPost,
    MembershipState,
    Resource,
)


def forget_member(user: Any, deletion: Deletion) -> None:
    """Account deletion: the person leaves every group; their words stay under the former name unless the
    member asked for their contributions to go too (then they are deleted with their files)."""
    active = GroupMember.objects.filter(user=user, state=MembershipState.ACTIVE).values_list("group_id", flat=True)
    Group.objects.filter(pk__in=list(active)).update(member_count=F("member_count") - 1)
    GroupMember.objects.filter(user=user).delete()
    if deletion.delete_contributions:
        for resource in Resource.objects.filter(author=user).exclude(file=""):
            resource.file.delete(save=False)
        for model in (GroupComment, GroupPost, DiscussionReply, Discussion, Resource):
            model.objects.filter(author=user).delete()
    Group.objects.filter(proposed_by=user).update(proposed_by=None)
