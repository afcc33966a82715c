"""Writes about groups (DESIGN.md rule 2). Each function checks who acts again (views are not trusted), runs in
one transaction, locks the rows whose state it changes (`select_for_update`) so a double click or two
moderators cannot act twice, writes the audit log for central support's and moderators' decisions, and e-mails
after commit in the recipient's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from comenius.accounts.models import Role, User
from comenius.core.emails import absolute_url
from comenius.core.errors import DomainError
from comenius.core.lifecycle import Deletion
from comenius.core.services import record_audit
from comenius.core.uploads import CheckedFile
from comenius.core.vocabulary import Language, Subject
from comenius.groups import access, notifying
from comenius.groups.access import GroupSeat
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
    JoinPolicy,
    MembershipState,
    Resource,
)
from comenius.notifications.services import Mail, notify


@dataclass(frozen=True)
class GroupData:
    title: str
    description: str
    aims: str
    languages: list[str]
    subjects: list[str]
    age_min: int | None
    age_max: int | None
    join_policy: str
    # Visitors see the group's about page (name, description, subjects, languages, size); never its content.
    open_to_visitors: bool = False


@dataclass(frozen=True)
class ThemeData:
    title: str
    description: str
    starts_on: Any
    ends_on: Any
    campaign_starts_on: Any
    campaign_ends_on: Any


def _tell(user: User | None, type_key: str, group: Group, text: Any, template: str, context: dict[str, Any]) -> None:
    """In-app and by e-mail (the notifications service; e-mail in the recipient's language, after commit)."""
    if user is None:
        return
    url = reverse("groups:detail", args=[group.pk]) if type_key != notifying.JOIN_REQUEST else _members_path(group)
    params = {"title": group.title, **{k: str(v) for k, v in context.items() if k == "name"}}
    mail = Mail(f"groups/email/{template}", {"group": group, **context})
    notify(user, type_key, group, text=text, params=params, url=url, group=group, mail=mail)


def _group_url(group: Group) -> str:
    return absolute_url(reverse("groups:detail", args=[group.pk]))


def _check_data(data: GroupData) -> None:
    if not data.title.strip() or not data.description.strip():
        raise DomainError(_("A group needs a title and a description."))
    if data.join_policy not in JoinPolicy.values:
        raise DomainError(_("Choose who may join."))
    if any(code not in Subject.values for code in data.subjects) or any(
        code not in Language.values for code in data.languages
    ):
        raise DomainError(_("Choose subjects and languages from the lists."))
    if data.age_min is not None and data.age_max is not None and data.age_min > data.age_max:
        raise DomainError(_("The oldest age cannot be below the youngest."))


def refresh_directory(group: Group) -> None:
    """The directory's filter tags and search words, from the group's fields."""
    group.tags = " " + " ".join([*(f"s:{s}" for s in group.subjects), *(f"l:{code}" for code in group.languages)]) + " "
    labels = [*group.subject_labels(), *group.language_labels()]
    group.search_text = " ".join([group.title, group.description, group.aims, *labels]).lower()[:10000]


def _active(group_id: int) -> None:
    Group.objects.filter(pk=group_id).update(active_at=timezone.now())


# --- proposal and decision --------------------------------------------------------------------------------------


def propose_group(member: User, data: GroupData, creation_key: str = "") -> Group:
    """A validated member proposes a group; it waits for central support. The proposer becomes its first
    moderator. The same creation key twice (a double click) returns the first group."""
    if not member.is_validated_member:
        raise DomainError(_("Only validated members can propose a group."))
    _check_data(data)
    if creation_key:
        existing = Group.objects.filter(proposed_by=member, creation_key=creation_key).first()
        if existing is not None:
            return existing
    group = Group(proposed_by=member, creation_key=creation_key[:40], member_count=1, **data.__dict__)
    refresh_directory(group)
    try:
        with transaction.atomic():
            group.save()
            GroupMember.objects.create(
                group=group,
                user=member,
                role=GroupRole.MODERATOR,
                state=MembershipState.ACTIVE,
                joined_at=timezone.now(),
            )
    except IntegrityError:  # the other click of a double click
        return Group.objects.get(proposed_by=member, creation_key=creation_key)
    return group


def update_group(actor: User, group: Group, data: GroupData) -> Group:
    """The group's moderators (or central support) change its description, aims, lists, join policy or whether
    visitors see its about page. Locks the group; opening it to visitors or closing it again is audited."""
    seat = access.seat_for(actor, group.pk)
    if not seat.is_moderator:
        raise DomainError(_("Only the group's moderators can change it."))
    _check_data(data)
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        was_open = locked.open_to_visitors
        for name, value in data.__dict__.items():
            setattr(locked, name, value)
        refresh_directory(locked)
        locked.save()
        if locked.open_to_visitors != was_open:
            record_audit(
                actor, "group.opened_to_visitors" if locked.open_to_visitors else "group.closed_to_visitors", locked
            )
    return locked


def decide_group(officer: User, group: Group, approve: bool, reason: str = "") -> Group:
    """Central support approves or declines a proposal (declining needs a reason, which the proposer reads).
    Locks the group; a proposal is decided once. Audited; the proposer is e-mailed."""
    if officer.role != Role.CENTRAL:
        raise DomainError(_("Only central support decides about groups."))
    reason = reason.strip()
    if not approve and not reason:
        raise DomainError(_("Please give a reason; the proposer will read it."))
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        if locked.state != GroupState.PROPOSED:
            raise DomainError(_("This proposal has already been decided."))
        locked.state = GroupState.APPROVED if approve else GroupState.DECLINED
        locked.decided_by, locked.decided_at, locked.decision_reason = officer, timezone.now(), reason[:1000]
        if approve:
            locked.active_at = locked.decided_at
        locked.save(update_fields=["state", "decided_by", "decided_at", "decision_reason", "active_at"])
        record_audit(officer, "group.approved" if approve else "group.declined", locked, reason=reason)
        text = (
            gettext_lazy("Your group %(title)s is approved")
            if approve
            else gettext_lazy("Your group proposal %(title)s was declined")
        )
        _tell(
            locked.proposed_by,
            notifying.DECIDED,
            locked,
            text,
            "decided",
            {"approved": approve, "reason": reason, "url": _group_url(locked)},
        )
    return locked


# --- membership -------------------------------------------------------------------------------------------------


def _approved_seat(user: User, group: Group) -> GroupSeat:
    seat = access.seat_for(user, group.pk)
    if not seat.approved:
        raise DomainError(_("This group is not open yet."))
    return seat


def _count_members(group_id: int, change: int) -> None:
    Group.objects.filter(pk=group_id).update(member_count=F("member_count") + change)


def join(member: User, group: Group, message: str = "") -> GroupMember:
    """Open groups: the member joins at once. On request: a request waits for the moderators. By invitation:
    refused (an invitation is answered with `answer_invitation`). Locks the group row (member count)."""
    if not member.is_validated_member:
        raise DomainError(_("Only validated members can join groups."))
    _approved_seat(member, group)
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        existing = GroupMember.objects.filter(group=locked, user=member).first()
        if existing is not None:
            if existing.state == MembershipState.INVITED:
                return answer_invitation(member, locked, accept=True)
            return existing
        if locked.join_policy == JoinPolicy.INVITATION:
            raise DomainError(_("This group takes members by invitation only."))
        if locked.join_policy == JoinPolicy.OPEN:
            joined = GroupMember.objects.create(
                group=locked, user=member, state=MembershipState.ACTIVE, joined_at=timezone.now()
            )
            _count_members(locked.pk, 1)
            return joined
        requested = GroupMember.objects.create(
            group=locked, user=member, state=MembershipState.REQUESTED, message=message.strip()[:500]
        )
        text = gettext_lazy("%(name)s asks to join %(title)s")
        context = {"member": member, "name": member.get_full_name(), "url": _members_url(locked)}
        for moderator in access.moderators_of(locked):
            _tell(moderator, notifying.JOIN_REQUEST, locked, text, "join_request", context)
        return requested


def _members_path(group: Group) -> str:
    return reverse("groups:members", args=[group.pk])


def _members_url(group: Group) -> str:
    return absolute_url(_members_path(group))


def leave(member: User, group: Group) -> None:
    """A member leaves (or withdraws a request, or declines an invitation). The last moderator cannot leave
    while others remain: they make someone else moderator first."""
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        membership = GroupMember.objects.filter(group=locked, user=member).first()
        if membership is None:
            return
        if membership.state == MembershipState.ACTIVE:
            if membership.role == GroupRole.MODERATOR:
                others = GroupMember.objects.filter(group=locked, state=MembershipState.ACTIVE).exclude(
                    pk=membership.pk
                )
                moderators = others.filter(role=GroupRole.MODERATOR)
                if others.exists() and not moderators.exists():
                    raise DomainError(_("Make another member moderator before you leave the group."))
            _count_members(locked.pk, -1)
        membership.delete()


def invite(actor: User, group: Group, email: str) -> GroupMember:
    """A moderator invites a validated member by their e-mail address (in any group policy). Invitee e-mailed."""
    seat = _approved_seat(actor, group)
    if not seat.is_moderator:
        raise DomainError(_("Only the group's moderators can invite members."))
    invitee = User.objects.filter(email__iexact=email.strip(), role=Role.MEMBER).first()
    if invitee is None or not invitee.is_validated_member:
        raise DomainError(_("No validated member has this e-mail address. Check it, or ask them to join first."))
    with transaction.atomic():
        locked = Group.objects.select_for_update().get(pk=group.pk)
        existing = GroupMember.objects.filter(group=locked, user=invitee).first()
        if existing is not None and existing.state == MembershipState.ACTIVE:
            raise DomainError(_("This member is already in the group."))
        if existing is not None and existing.state == MembershipState.REQUESTED:
            return decide_request(actor, existing, accept=True)
        if existing is not None:
            return existing
        invitation = GroupMember.objects.create(
            group=locked, user=invitee, state=MembershipState.INVITED, invited_by=actor
        )
        context = {"inviter": actor, "name": actor.get_full_name(), "url": _group_url(locked)}
        text = gettext_lazy("%(name)s invites you to the group %(title)s")
        _tell(invitee, notifying.INVITATION, locked, text, "invitation", context)
    return invitation


def answer_invitation(member: User, group: Group, accept: bool) -> GroupMember:
    """The invitee accepts (becomes a member) or declines (the invitation goes)."""
    with transaction.atomic():
        membership = (
            GroupMember.objects.select_for_update()
            .filter(group=group, user=member, state=MembershipState.INVITED)
            .first()
        )
        if membership is None:
            raise DomainError(_("There is no invitation to answer."))
        if not accept:
            membership.delete()
            return membership
        membership.state, membership.joined_at = MembershipState.ACTIVE, timezone.now()
        membership.save(update_fields=["state", "joined_at"])
        _count_members(group.pk, 1)
    return membership


def decide_request(actor: User, membership: GroupMember, accept: bool) -> GroupMember:
    """A moderator accepts or declines a request to join. Locks the request; the member is e-mailed."""
    seat = _approved_seat(actor, membership.group)
    if not seat.is_moderator:
        raise DomainError(_("Only the group's moderators can answer requests."))
    with transaction.atomic():
        locked = GroupMember.objects.select_for_update().filter(pk=membership.pk).first()
        if locked is None or locked.state != MembershipState.REQUESTED:
            raise DomainError(_("This request has already been answered."))
        group = membership.group
        if accept:
            locked.state, locked.joined_at = MembershipState.ACTIVE, timezone.now()
            locked.save(update_fields=["state", "joined_at"])
            _count_members(group.pk, 1)
        else:
            locked.delete()
        record_audit(actor, "group.request_accepted" if accept else "group.request_declined", group)
        text = (
            gettext_lazy("You are now a member of %(title)s")
            if accept
            else gettext_lazy("Your request to join %(title)s was declined")
        )
        context = {"accepted": accept, "url": _group_url(group)}
        _tell(locked.user, notifying.REQUEST_ANSWERED, group, text, "request_answered", context)
    return locked


def remove_member(actor: User, membership: GroupMember) -> None:
    """A moderator removes a member (not themselves; moderators are removed by central support)."""
    seat = _approved_seat(actor, membership.group)
    if not seat.is_moderator:
        raise DomainError(_("Only the group's moderators can remove members."))
    if membership.user_id == actor.pk:
        raise DomainError(_("To leave the group, use “Leave the group”."))
    if membership.role == GroupRole.MODERATOR and not seat.central:
        raise DomainError(_("Moderators can only be removed by central support."))
    with transaction.atomic():
        locked = GroupMember.objects.select_for_update().filter(pk=membership.pk).first()
        if locked is None:
            return
        if locked.state == MembershipState.ACTIVE:
            _count_members(locked.group_id, -1)
        locked.delete()
        record_audit(actor, "group.member_removed", membership.group, reason=str(membership.user))


def set_role(actor: User, membership: GroupMember, role: str) -> GroupMember:
    """A moderator makes a member moderator, or (central support, or a moderator for themselves) back."""
    seat = _approved_seat(actor, membership.group)
    if not seat.is_moderator or role not in GroupRole.values:
        raise DomainError(_("Only the group's moderators can change roles."))
    if role == GroupRole.MEMBER and membership.user_id != actor.pk and not seat.central:
        raise DomainError(_("Moderators can only be removed by central support."))
    with transaction.atomic():
        locked = GroupMember.objects.select_for_update().get(pk=membership.pk)
        if locked.state != MembershipState.ACTIVE:
            raise DomainError(_("Only members of the group can be moderators."))
        if role == GroupRole.MEMBER:
            others = GroupMember.objects.filter(
                group_id=locked.group_id, role=GroupRole.MODERATOR, state=MembershipState.ACTIVE
            ).exclude(pk=locked.pk)
            if not others.exists():
                raise DomainError(_("A group keeps at least one moderator."))
        locked.role = role
        locked.save(update_fields=["role"])
        record_audit(
            actor,
            "group.moderator_added" if role == GroupRole.MODERATOR else "group.moderator_removed",
            membership.group,
            reason=str(membership.user),
        )
    return locked


# --- content ----------------------------------------------------------------------------------------------------


def _writer(author: User, group: Group) -> GroupSeat:
    seat = access.seat_for(author, group.pk)
    if not seat.writes:
        raise DomainError(_("Join the group to take part."))
    return seat


def create_post(author: User, group: Group, body: str) -> GroupPost:
    _writer(author, group)
    if not body.strip():
        raise DomainError(_("Write something first."))
    with transaction.atomic():
        post = GroupPost.objects.create(group=group, author=author, body=body.strip()[:5000])
        _active(group.pk)
        notifying.new_activity(author, post, kind="post")
    return post


def comment(author: User, post: GroupPost, body: str) -> GroupComment:
    _writer(author, post.group)
    if post.hidden_at is not None:
        raise DomainError(_("This post is hidden."))
    if not body.strip():
        raise DomainError(_("Write something first."))
    with transaction.atomic():
        made = GroupComment.objects.create(group=post.group, post=post, author=author, body=body.strip()[:2000])
        _active(post.group_id)
        notifying.replied(author, made, post, kind="post")
    return made


def start_discussion(author: User, group: Group, title: str, body: str) -> Discussion:
    _writer(author, group)
    if not title.strip() or not body.strip():
        raise DomainError(_("A discussion needs a title and a text."))
    with transaction.atomic():
        discussion = Discussion.objects.create(
            group=group, author=author, title=title.strip()[:150], body=body.strip()[:5000]
        )
        _active(group.pk)
        notifying.discussion_started(author, discussion)
        notifying.new_activity(author, discussion, kind="discussion")
    return discussion


def reply(author: User, discussion: Discussion, body: str) -> DiscussionReply:
    _writer(author, discussion.group)
    if discussion.hidden_at is not None:
        raise DomainError(_("This discussion is hidden."))
    if not body.strip():
        raise DomainError(_("Write something first."))
    with transaction.atomic():
        made = DiscussionReply.objects.create(
            group=discussion.group, discussion=discussion, author=author, body=body.strip()[:5000]
        )
        Discussion.objects.filter(pk=discussion.pk).update(last_reply_at=made.created_at)
        _active(discussion.group_id)
        notifying.replied(author, made, discussion, kind="discussion")
    return made


def add_file(author: User, group: Group, title: str, description: str, checked: CheckedFile) -> Resource:
    """A file already checked under core.uploads.SPACE_MATERIAL (the form does it: a refusal reaches the
    uploader); the stored name is random, the checked name kept for downloads."""
    _writer(author, group)
    resource = Resource(
        group=group,
        author=author,
        title=title.strip()[:150] or checked.filename,
        description=description.strip()[:500],
        filename=checked.filename,
        content_type=checked.content_type,
        size=checked.size,
    )
    resource.file.save("upload", checked.as_file(), save=False)
    with transaction.atomic():
        resource.save()
        _active(group.pk)
        notifying.new_activity(author, resource, kind="resource")
    return resource


def add_link(author: User, group: Group, title: str, description: str, url: str) -> Resource:
    _writer(author, group)
    if not url.startswith(("https://", "http://")):
        raise DomainError(_("Give an address starting with https://."))
    resource = Resource.objects.create(
        group=group,
        author=author,
        title=title.strip()[:150] or url[:150],
        description=description.strip()[:500],
        url=url,
    )
    _active(group.pk)
    notifying.new_activity(author, resource, kind="resource")
    return resource


def set_pinned(actor: User, content: GroupPost | Discussion, pinned: bool) -> None:
    """Moderators pin a post or a discussion to the top (or unpin it)."""
    seat = access.seat_for(actor, content.group_id)
    if not seat.is_moderator or not seat.approved:
        raise DomainError(_("Only the group's moderators can pin."))
    type(content).objects.filter(pk=content.pk).update(pinned_at=timezone.now() if pinned else None)


def moderate(actor: User, content: GroupContent, hidden: bool) -> None:
    """Moderators hide a piece of content (or show it again) directly, without a report. Audited."""
    seat = access.seat_for(actor, content.group_id)
    if not seat.is_moderator:
        raise DomainError(_("Only the group's moderators can hide content."))
    set_hidden(content, hidden)
    record_audit(actor, "group.content_hidden" if hidden else "group.content_restored", content)


# Called by moderation.services.decide (the registry) inside its transaction, after its own checks.
def set_hidden(content: Any, hidden: bool) -> None:
    if isinstance(content, Group):
        Group.objects.filter(pk=content.pk).update(hidden_at=timezone.now() if hidden else None)
        return
    type(content).objects.filter(pk=content.pk).update(hidden_at=timezone.now() if hidden else None)


def delete_content(content: Any) -> None:
    if isinstance(content, Resource) and content.file:
        content.file.delete(save=False)
    if isinstance(content, Group):
        set_hidden(content, True)  # a group with its members' words is hidden, never deleted by a report
        return
    content.delete()


# --- annual theme -----------------------------------------------------------------------------------------------


def create_theme(officer: User, data: ThemeData, group_data: GroupData | None = None) -> AnnualTheme:
    """Central support sets the year's theme; its group is created approved (central support moderates it
    until it makes members moderators). Audited."""
    if officer.role != Role.CENTRAL:
        raise DomainError(_("Only central support sets the annual theme."))
    if not data.title.strip() or not data.description.strip():
        raise DomainError(_("A theme needs a title and a description."))
    if data.ends_on < data.starts_on or data.campaign_ends_on < data.campaign_starts_on:
        raise DomainError(_("The end cannot be before the start."))
    group_data = group_data or GroupData(
        title=data.title, description=data.description, aims="", languages=[], subjects=[],
        age_min=None, age_max=None, join_policy=JoinPolicy.OPEN,
    )  # fmt: skip
    _check_data(group_data)
    now = timezone.now()
    with transaction.atomic():
        group = Group(
            proposed_by=officer, state=GroupState.APPROVED, decided_by=officer, decided_at=now, active_at=now,
            **group_data.__dict__,
        )  # fmt: skip
        refresh_directory(group)
        group.save()
        theme = AnnualTheme.objects.create(group=group, created_by=officer, **data.__dict__)
        record_audit(officer, "group.annual_theme_set", theme)
    return theme


# --- account deletion -------------------------------------------------------------------------------------------


def forget_member(user: Any, deletion: Deletion) -> None:
    """Account deletion: the person leaves every group; their words stay under the former name unless the
    member asked for their contributions to go too (then they are deleted with their files)."""
    active = list(
        GroupMember.objects.filter(user=user, state=MembershipState.ACTIVE).values_list("group_id", flat=True)
    )
    Group.objects.filter(pk__in=active).update(member_count=F("member_count") - 1)
    GroupMember.objects.filter(user=user).delete()
    if deletion.delete_contributions:
        for resource in Resource.objects.filter(author=user).exclude(file=""):
            resource.file.delete(save=False)
        for model in (GroupComment, GroupPost, DiscussionReply, Discussion, Resource):
            model.objects.filter(author=user).delete()
    Group.objects.filter(proposed_by=user).update(proposed_by=None)


def merge_member(kept: Any, merged: Any) -> None:
    """Account merge (one account per person): the merged account's proposals, memberships and words move to the
    kept account. Where both were in one group, one membership stays — the stronger (active before invited or
    requested, moderator before member) — and the member count loses the double."""
    Group.objects.filter(proposed_by=merged).update(proposed_by=kept)
    Group.objects.filter(decided_by=merged).update(decided_by=kept)
    GroupMember.objects.filter(invited_by=merged).update(invited_by=kept)
    for theirs in GroupMember.objects.filter(user=merged):
        ours = GroupMember.objects.filter(group_id=theirs.group_id, user=kept).first()
        if ours is None:
            theirs.user = kept
            theirs.save(update_fields=["user"])
            continue
        if theirs.state == MembershipState.ACTIVE and ours.state == MembershipState.ACTIVE:
            _count_members(theirs.group_id, -1)
        if _strength(theirs) > _strength(ours):
            ours.delete()
            theirs.user = kept
            theirs.save(update_fields=["user"])
        else:
            theirs.delete()
    for model in (GroupPost, GroupComment, Discussion, DiscussionReply, Resource):
        model.objects.filter(author=merged).update(author=kept)
    AnnualTheme.objects.filter(created_by=merged).update(created_by=kept)


def _strength(membership: GroupMember) -> tuple[bool, bool]:
    return (membership.state == MembershipState.ACTIVE, membership.role == GroupRole.MODERATOR)
