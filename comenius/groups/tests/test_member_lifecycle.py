"""Groups in the member lifecycle: export, deletion and account merge."""

from __future__ import annotations

import pytest

from comenius.core import lifecycle
from comenius.devdata.testing import Cast
from comenius.groups import access, services
from comenius.groups.models import Group, GroupMember, GroupPost
from comenius.groups.tests.people import approved_group

pytestmark = pytest.mark.django_db


def test_export_delete_and_merge(cast: Cast):
    group = approved_group(cast.mette, cast.carla)
    services.join(cast.otto, group)
    services.join(cast.lucia, group)
    services.create_post(cast.otto, group, "Hello from Otto")
    exported = access.own_data(cast.otto)
    assert exported.data["group_posts"] == [
        {"group__title": "Outdoor maths", "body": "Hello from Otto", "created_at": GroupPost.objects.get().created_at}
    ]
    # Merge Otto into Mette: both were in the group; one membership (her moderator row) stays, counted once.
    services.merge_member(cast.mette, cast.otto)
    assert GroupMember.objects.filter(group=group, user=cast.mette).get().role == "moderator"
    assert not GroupMember.objects.filter(user=cast.otto).exists()
    assert GroupPost.objects.get().author == cast.mette
    assert Group.objects.get().member_count == 2
    # Deletion: Lucía leaves every group.
    services.forget_member(cast.lucia, lifecycle.Deletion("Former member"))
    assert Group.objects.get().member_count == 1
