"""Who sees which groups and what is in them (DESIGN.md rule 1: every read goes through here).

- Validated members see the directory of approved groups and each approved group's "about" page; its feed,
  discussions, resources and member list are for the group's members. A group waiting for central support
  (or declined) is seen by its proposer only.
- Central support sees every group, every state, and acts as a moderator everywhere.
- A group's moderators may open it to visitors (`open_to_visitors`). Whoever does not reach groups (visitors,
  pending members, NSO officers) then sees it in the public directory and its about page: title, description,
  subjects, languages, annual theme, member count and how to join — no names (member profiles are for
  validated members only, network's rule), no content, no member list. Every other group answers them 404; the
  API's /groups reads the same functions.
- Pupils never see a group (404, also enforced by core's pupil boundary). Everything outside someone's reach
  answers 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from comenius.accounts.models import Role, User
from comenius.core.lifecycle import ExportPart
from comenius.groups.models import (
    AnnualTheme,
    Discussion,
    DiscussionReply,
    Group,
    GroupComment,
    GroupContent,
    GroupMember,
    GroupPost,
    GroupRole,
    GroupState,
    MembershipState,
    Resource,
)

# Reportable and moderatable group content: key → model.
CONTENT_MODELS: dict[str, Any] = {  # key → a GroupContent model
    "group_post": GroupPost,
    "group_comment": GroupComment,
    "group_discussion": Discussion,
    "group_reply": DiscussionReply,
    "group_resource": Resource,
}


def is_central(user: Any) -> bool:
    return getattr(user, "is_authenticated", False) and user.role == Role.CENTRAL


def reaches_groups(user: Any) -> bool:
    """Validated members and central support."""
    return getattr(user, "is_authenticated", False) and (user.is_validated_member or user.role == Role.CENTRAL)


@dataclass
class GroupSeat:
    """Where a person stands in one group."""

    user: User
    group: Group
    membership: GroupMember | None
    central: bool = False
    rights: dict[str, bool] = field(default_factory=dict)

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.state == MembershipState.ACTIVE

    @property
    def is_moderator(self) -> bool:
        """The group's moderators, and central support everywhere."""
        if self.central:
            return True
        return self.is_member and self.membership.role == GroupRole.MODERATOR  # type: ignore[union-attr]

    @property
    def is_proposer(self) -> bool:
        return self.group.proposed_by_id == self.user.pk

    @property
    def approved(self) -> bool:
        return self.group.state == GroupState.APPROVED

    @property
    def reads_content(self) -> bool:
        return self.approved and (self.is_member or self.central)

    @property
    def writes(self) -> bool:
        return self.approved and self.is_member

    @property
    def invited(self) -> bool:
        return self.membership is not None and self.membership.state == MembershipState.INVITED

    @property
    def requested(self) -> bool:
        return self.membership is not None and self.membership.state == MembershipState.REQUESTED


def seat_for(user: Any, group_id: int) -> GroupSeat:
    """The viewer's seat in a group they may see at all, or 404."""
    if not reaches_groups(user):
        raise Http404
    group = Group.objects.select_related("proposed_by").filter(pk=group_id).first()
    if group is None:
        raise Http404
    central = is_central(user)
    if not central:
        if group.state != GroupState.APPROVED and group.proposed_by_id != user.pk:
            raise Http404
        if group.hidden_at is not None:
            raise Http404
    membership = GroupMember.objects.filter(group=group, user=user).first()
    return GroupSeat(user=user, group=group, membership=membership, central=central)


def require(condition: bool) -> None:
    if not condition:
        raise Http404


# --- the directory ------------------------------------------------------------------------------------------------

SIZES = {"small": (0, 9), "medium": (10, 49), "large": (50, None)}
ACTIVITY_DAYS = {"week": 7, "month": 30, "quarter": 90}


@dataclass(frozen=True)
class GroupFilters:
    query: str = ""
    subject: str = ""
    language: str = ""
    age: int | None = None
    size: str = ""
    activity: str = ""


def directory(viewer: User, filters: GroupFilters) -> QuerySet[Group]:
    """Approved, shown groups matching the filters, most recently active first. Bounded: pages of the
    result are read with CappedPaginator; no per-row queries (the viewer's memberships are one query)."""
    groups = Group.objects.filter(state=GroupState.APPROVED, hidden_at__isnull=True)
    return _filtered(groups, filters).order_by(F("active_at").desc(nulls_last=True), "-id")


def _public() -> QuerySet[Group]:
    return Group.objects.filter(open_to_visitors=True, state=GroupState.APPROVED, hidden_at__isnull=True)


def public_directory(filters: GroupFilters | None = None) -> QuerySet[Group]:
    """The groups visitors see (open to visitors, approved, shown), filtered, unordered (callers order: the
    page by activity, the API by id). Read only the public fields of these rows (module docstring)."""
    return _filtered(_public(), filters or GroupFilters()).select_related("annual_theme")


def public_group(pk: int) -> Group:
    """A group as visitors see it, or 404 (members-only, waiting, declined or hidden groups alike)."""
    found = _public().select_related("annual_theme").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def _filtered(groups: QuerySet[Group], filters: GroupFilters) -> QuerySet[Group]:
    for word in filters.query.split()[:8]:
        groups = groups.filter(search_text__icontains=word)
    if filters.subject:
        groups = groups.filter(tags__contains=f" s:{filters.subject} ")
    if filters.language:
        groups = groups.filter(tags__contains=f" l:{filters.language} ")
    if filters.age is not None:
        groups = groups.filter(
            Q(age_min__isnull=True) | Q(age_min__lte=filters.age), Q(age_max__isnull=True) | Q(age_max__gte=filters.age)
        )
    if filters.size in SIZES:
        low, high = SIZES[filters.size]
        groups = groups.filter(member_count__gte=low)
        if high is not None:
            groups = groups.filter(member_count__lte=high)
    if filters.activity in ACTIVITY_DAYS:
        groups = groups.filter(active_at__gte=timezone.now() - timedelta(days=ACTIVITY_DAYS[filters.activity]))
    return groups


def membership_states(viewer: User, group_ids: list[int]) -> dict[int, str]:
    """The viewer's state in each of these groups (for the directory's badges), in one query."""
    rows = GroupMember.objects.filter(user=viewer, group_id__in=group_ids).values_list("group_id", "state")
    return dict(rows)


def my_groups(user: User) -> dict[str, list[Any]]:
    """What "Your groups" shows: groups the person is in, invitations, requests and their proposals."""
    memberships = list(
        GroupMember.objects.filter(user=user, group__state=GroupState.APPROVED, group__hidden_at__isnull=True)
        .select_related("group")
        .order_by(F("group__active_at").desc(nulls_last=True), "group__title")[:200]
    )
    return {
        "active": [m for m in memberships if m.state == MembershipState.ACTIVE],
        "invited": [m for m in memberships if m.state == MembershipState.INVITED],
        "requested": [m for m in memberships if m.state == MembershipState.REQUESTED],
        "proposals": list(Group.objects.filter(proposed_by=user).order_by("-created_at")[:50]),
    }


# --- proposals queue (central support) --------------------------------------------------------------------------


def proposals_for(officer: User, state: str = GroupState.PROPOSED, query: str = "") -> QuerySet[Group]:
    """Central support's queue: proposals in a state, oldest waiting first (decided ones newest first)."""
    if not is_central(officer):
        return Group.objects.none()
    groups = Group.objects.filter(state=state).select_related("proposed_by__country", "decided_by")
    for word in query.split()[:8]:
        groups = groups.filter(search_text__icontains=word)
    return groups.order_by("created_at", "id") if state == GroupState.PROPOSED else groups.order_by("-decided_at")


def get_proposal_for(officer: User, pk: int) -> Group:
    if not is_central(officer):
        raise Http404
    group = Group.objects.select_related("proposed_by__country", "decided_by").filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


# --- content ----------------------------------------------------------------------------------------------------


def _shown(queryset: QuerySet[Any], seat: GroupSeat) -> QuerySet[Any]:
    return queryset if seat.is_moderator else queryset.filter(hidden_at__isnull=True)


def feed(seat: GroupSeat) -> QuerySet[GroupPost]:
    """Pinned first, then newest; comments prefetched (one query for a page), authors joined."""
    require(seat.reads_content)
    comments = _shown(GroupComment.objects.select_related("author"), seat).order_by("created_at")
    return (
        _shown(GroupPost.objects.filter(group=seat.group), seat)
        .select_related("author")
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="shown_comments"))
        .order_by(F("pinned_at").desc(nulls_last=True), "-created_at")
    )


def discussions(seat: GroupSeat) -> QuerySet[Discussion]:
    require(seat.reads_content)
    return (
        _shown(Discussion.objects.filter(group=seat.group), seat)
        .select_related("author")
        .order_by(F("pinned_at").desc(nulls_last=True), "-created_at")
    )


def discussion_for(seat: GroupSeat, pk: int) -> Discussion:
    found = discussions(seat).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def replies(seat: GroupSeat, discussion: Discussion) -> QuerySet[DiscussionReply]:
    return _shown(discussion.replies.select_related("author"), seat).order_by("created_at")


def resources(seat: GroupSeat) -> QuerySet[Resource]:
    require(seat.reads_content)
    return _shown(Resource.objects.filter(group=seat.group), seat).select_related("author").order_by("-created_at")


def resource_for(seat: GroupSeat, pk: int) -> Resource:
    found = resources(seat).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def content_for(seat: GroupSeat, kind: str, pk: int) -> GroupContent:
    """One piece of this group's content as the seat sees it (moderators: hidden ones too), or 404."""
    model = CONTENT_MODELS.get(kind)
    require(model is not None and seat.reads_content)
    found = _shown(model.objects.filter(group=seat.group), seat).filter(pk=pk).first()  # type: ignore[union-attr]
    if found is None:
        raise Http404
    return found


def members(seat: GroupSeat) -> dict[str, list[GroupMember]]:
    """Moderators and members for members (and central support); requests and invitations for moderators."""
    require(seat.reads_content)
    rows = list(
        GroupMember.objects.filter(group=seat.group)
        .select_related("user__country")
        .order_by("role", "user__first_name", "user__last_name")[:500]
    )
    active = [m for m in rows if m.state == MembershipState.ACTIVE]
    return {
        "moderators": [m for m in active if m.role == GroupRole.MODERATOR],
        "members": [m for m in active if m.role == GroupRole.MEMBER],
        "requests": [m for m in rows if m.state == MembershipState.REQUESTED] if seat.is_moderator else [],
        "invitations": [m for m in rows if m.state == MembershipState.INVITED] if seat.is_moderator else [],
    }


def moderators_of(group: Group) -> list[User]:
    return [
        m.user
        for m in GroupMember.objects.filter(
            group=group, role=GroupRole.MODERATOR, state=MembershipState.ACTIVE
        ).select_related("user")
    ]


# --- for other apps ---------------------------------------------------------------------------------------------


def moderated_groups(user: Any) -> QuerySet[Any]:
    """The approved groups this person moderates, as a subquery of `group_id`s (no query of its own)."""
    if not getattr(user, "is_authenticated", False):
        return GroupMember.objects.none().values("group_id")
    return GroupMember.objects.filter(
        user=user, role=GroupRole.MODERATOR, state=MembershipState.ACTIVE, group__state=GroupState.APPROVED
    ).values("group_id")


def moderated_group_ids(user: Any) -> set[int]:
    """The approved groups this person moderates (events lets group moderators organise for their group)."""
    return {row["group_id"] for row in moderated_groups(user)}


def is_moderator(user: Any, group: Group) -> bool:
    return group.pk in moderated_group_ids(user)


def member_ids(group: Group) -> Any:
    """The active members' user ids (e.g. to tell a group about its event)."""
    return GroupMember.objects.filter(group=group, state=MembershipState.ACTIVE).values_list("user_id", flat=True)


def featured_theme(today: date | None = None) -> AnnualTheme | None:
    """The annual theme whose campaign weeks include today (front page, member home), if any."""
    today = today or timezone.localdate()
    return (
        AnnualTheme.objects.filter(campaign_starts_on__lte=today, campaign_ends_on__gte=today, group__hidden_at=None)
        .select_related("group")
        .order_by("-starts_on")
        .first()
    )


def themes() -> QuerySet[AnnualTheme]:
    return AnnualTheme.objects.select_related("group").order_by("-starts_on")


# --- the member's own data --------------------------------------------------------------------------------------


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
