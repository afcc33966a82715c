"""Permission-matrix rows for every group URL (merged into site/tests/test_permission_matrix.py).

The cast's group: "Outdoor maths", proposed by Mette (its moderator), approved by Carla, open to all; Lucía is a
member, Otto is not; it is not open to visitors. Validated members see the directory and the group's about page;
content is for members and central support; moderation for Mette and Carla. NSO officers, pending members and
visitors see the public directory (groups open to visitors) and get 404 for this members-only group; the rest
of the group's pages send visitors to log in. Pupils: 404 everywhere."""

from __future__ import annotations

from typing import Any

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]


def NO_ARGS(cast: Any) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    """As in the matrix: visitors, the validated members, Nina (pending), Pia (pupil), the officers."""
    table = {"anon": anon, "nina": nina, "pia": pia, **dict.fromkeys(MEMBERS, members)}
    return {**table, **dict.fromkeys(OFFICERS, officers), **overrides}


def the_group(cast: Any) -> Any:
    from comenius.groups import services
    from comenius.groups.models import Group

    group = Group.objects.filter(title="Outdoor maths").first()
    if group is None:
        group = services.propose_group(
            cast.mette,
            services.GroupData(
                title="Outdoor maths", description="Measuring, counting and mapping outside the classroom.",
                aims="Share outdoor lessons.", languages=["en", "da"], subjects=["mathematics"], age_min=6,
                age_max=12, join_policy="open",
            ),
        )  # fmt: skip
        services.decide_group(cast.carla, group, True)
        services.join(cast.lucia, group)
    return group


def group_args(cast: Any) -> dict[str, Any]:
    return {"group_id": the_group(cast).pk}


def waiting_proposal(cast: Any) -> dict[str, Any]:
    from comenius.groups import services
    from comenius.groups.models import Group

    group = Group.objects.filter(title="Reading corners").first() or services.propose_group(
        cast.lucia,
        services.GroupData(
            title="Reading corners", description="Reading for pleasure.", aims="", languages=["es"],
            subjects=["mother_tongue"], age_min=None, age_max=None, join_policy="request",
        ),
    )  # fmt: skip
    return {"pk": group.pk}


def lucias_post(cast: Any) -> Any:
    from comenius.groups import services
    from comenius.groups.models import GroupPost

    group = the_group(cast)
    return GroupPost.objects.filter(group=group, author=cast.lucia).first() or services.create_post(
        cast.lucia, group, "We measured the playground today."
    )


def post_args(cast: Any) -> dict[str, Any]:
    post = lucias_post(cast)
    return {"group_id": post.group_id, "post_id": post.pk}


def content_args(cast: Any) -> dict[str, Any]:
    post = lucias_post(cast)
    return {"group_id": post.group_id, "kind": "group_post", "object_id": post.pk}


def lucias_membership(cast: Any) -> dict[str, Any]:
    from comenius.groups.models import GroupMember

    group = the_group(cast)
    return {"group_id": group.pk, "pk": GroupMember.objects.get(group=group, user=cast.lucia).pk}


def a_discussion(cast: Any) -> dict[str, Any]:
    from comenius.groups import services
    from comenius.groups.models import Discussion

    group = the_group(cast)
    found = Discussion.objects.filter(group=group).first() or services.start_discussion(
        cast.mette, group, "Rainy days", "What do you do outside when it rains?"
    )
    return {"group_id": group.pk, "pk": found.pk}


def a_file(cast: Any) -> dict[str, Any]:
    from comenius.core.uploads import CheckedFile
    from comenius.groups import services
    from comenius.groups.models import Resource

    group = the_group(cast)
    found = Resource.objects.filter(group=group).exclude(file="").first() or services.add_file(
        cast.lucia, group, "Lesson plan", "", CheckedFile(b"%PDF-1.4\n%%EOF\n", "application/pdf", "plan.pdf")
    )
    return {"group_id": group.pk, "pk": found.pk}


def a_report(cast: Any) -> dict[str, Any]:
    from comenius.moderation import services as moderation

    post = lucias_post(cast)
    report = moderation.report(cast.mette, "group_post", post.pk, "spam")
    return {"group_id": post.group_id, "pk": report.pk}


MEMBERS_AND_CENTRAL = per_group(302, 200, 302, 404, 404, carla=200)
CENTRAL_ONLY = per_group(302, 404, 404, 404, 404, carla=200)
CONTENT = per_group(302, 200, 302, 404, 404, otto=404, carla=200)
MODERATORS = per_group(302, 404, 302, 404, 404, mette=200, carla=200)
POST_ONLY = per_group(302, 405, 302, 404, 404, carla=405)

ROWS = {
    "groups:directory": (NO_ARGS, per_group(200, 200, 200, 404, 200)),
    "groups:mine": (NO_ARGS, MEMBERS_AND_CENTRAL),
    "groups:propose": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "groups:proposals": (NO_ARGS, CENTRAL_ONLY),
    "groups:proposal": (waiting_proposal, CENTRAL_ONLY),
    "groups:themes": (NO_ARGS, CENTRAL_ONLY),
    "groups:detail": (group_args, per_group(404, 200, 404, 404, 404, carla=200)),
    "groups:edit": (group_args, MODERATORS),
    "groups:post_new": (group_args, POST_ONLY),
    "groups:comment": (post_args, POST_ONLY),
    "groups:pin": (content_args, POST_ONLY),
    "groups:hide": (content_args, POST_ONLY),
    "groups:join": (group_args, POST_ONLY),
    "groups:leave": (group_args, POST_ONLY),
    "groups:answer_invitation": (group_args, POST_ONLY),
    "groups:members": (group_args, CONTENT),
    "groups:invite": (group_args, POST_ONLY),
    "groups:decide_request": (lucias_membership, POST_ONLY),
    "groups:remove_member": (lucias_membership, POST_ONLY),
    "groups:set_role": (lucias_membership, POST_ONLY),
    "groups:discussions": (group_args, CONTENT),
    "groups:discussion": (a_discussion, CONTENT),
    "groups:resources": (group_args, CONTENT),
    "groups:add_resource": (group_args, POST_ONLY),
    "groups:resource_file": (a_file, CONTENT),
    "groups:reports": (group_args, MODERATORS),
    "groups:report_case": (a_report, MODERATORS),
}
