"""Account merge in partner finding (issue 12): the lifecycle's `merge` hook for network.

Called by `accounts.merge.merge_accounts` only, inside its transaction, with both user rows locked. Everything of
the merged account moves to the kept one; where the two accounts each have a row that may exist only once, one
stays and the other is settled, and a note says so (the merge writes the notes into the audit log):

- profile: the kept account's profile stays; what it lacks (introduction, photo, subjects, languages, age range)
  comes from the other profile, which then goes;
- contacts: a contact request between the two accounts goes (one cannot be one's own contact); where both
  accounts have a live request with the same person, the stronger stays (accepted before pending) and the other
  is kept as history ("removed" or "withdrawn");
- blocks: the same block twice becomes one; a block between the two accounts goes;
- conversations: where both accounts talk with the same person, the messages join the kept conversation (the
  older read marks win, so nothing unread looks read); the conversation between the two accounts goes, counted
  in the notes;
- ideas and messages move.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from comenius.network.models import (
    Block,
    ContactRequest,
    ContactState,
    Conversation,
    Message,
    Profile,
    ProfileLanguage,
    ProfileSubject,
    ProjectIdea,
)
from comenius.network.services import refresh_search

LIVE = (ContactState.PENDING, ContactState.ACCEPTED)


def merge_member(kept: Any, merged: Any) -> list[str]:
    notes: list[str] = []
    _merge_profile(kept, merged, notes)
    _merge_contacts(kept, merged, notes)
    _merge_blocks(kept, merged, notes)
    _merge_conversations(kept, merged, notes)
    ProjectIdea.objects.filter(author=merged).update(author=kept)
    profile = Profile.objects.filter(user=kept).first()
    if profile is not None:
        refresh_search(profile)
    return notes


def _merge_profile(kept: Any, merged: Any, notes: list[str]) -> None:
    theirs = Profile.objects.filter(user=merged).first()
    if theirs is None:
        return
    ours = Profile.objects.filter(user=kept).first()
    if ours is None:
        Profile.objects.filter(pk=theirs.pk).update(user=kept)
        return
    changed = []
    if not ours.introduction and theirs.introduction:
        ours.introduction = theirs.introduction
        changed.append("introduction")
    if not ours.photo and theirs.photo:
        ours.photo = theirs.photo.name  # the file stays where it is; only the row that names it changes
        theirs.photo = None
        Profile.objects.filter(pk=theirs.pk).update(photo="")
        changed.append("photo")
    if ours.age_min is None and ours.age_max is None and (theirs.age_min is not None or theirs.age_max is not None):
        ours.age_min, ours.age_max = theirs.age_min, theirs.age_max
        changed += ["age_min", "age_max"]
    if theirs.last_active_at and (ours.last_active_at is None or ours.last_active_at < theirs.last_active_at):
        ours.last_active_at = theirs.last_active_at
        changed.append("last_active_at")
    if changed:
        ours.save(update_fields=changed)
    have_subjects = set(ours.subjects.values_list("subject", flat=True))
    ProfileSubject.objects.filter(profile=theirs).exclude(subject__in=have_subjects).update(profile=ours)
    have_languages = set(ours.languages.values_list("language", flat=True))
    ProfileLanguage.objects.filter(profile=theirs).exclude(language__in=have_languages).update(profile=ours)
    if theirs.hidden_at is not None and ours.hidden_at is None:
        notes.append("the other account's profile was hidden by a moderator; the kept profile stays shown")
    if theirs.photo:
        theirs.photo.delete(save=False)  # the kept profile has its own photo
        notes.append("the other account's photo was replaced by the kept account's")
    theirs.delete()


def _merge_contacts(kept: Any, merged: Any, notes: list[str]) -> None:
    between = ContactRequest.objects.filter(
        Q(from_user=kept, to_user=merged) | Q(from_user=merged, to_user=kept)
    ).delete()[0]
    if between:
        notes.append(f"{between} contact request(s) between the two accounts removed")
    for theirs in ContactRequest.objects.filter(Q(from_user=merged) | Q(to_user=merged), state__in=LIVE):
        other = theirs.to_user_id if theirs.from_user_id == merged.pk else theirs.from_user_id
        ours = ContactRequest.objects.filter(
            Q(from_user=kept, to_user_id=other) | Q(from_user_id=other, to_user=kept), state__in=LIVE
        ).first()
        if ours is None:
            continue
        weaker = theirs if _strength(theirs) <= _strength(ours) else ours
        settled = ContactState.REMOVED if weaker.state == ContactState.ACCEPTED else ContactState.WITHDRAWN
        ContactRequest.objects.filter(pk=weaker.pk).update(state=settled)
        notes.append(f"contact request #{weaker.pk} with member #{other} was a duplicate: {settled}")
    ContactRequest.objects.filter(from_user=merged).update(from_user=kept)
    ContactRequest.objects.filter(to_user=merged).update(to_user=kept)


def _strength(request: ContactRequest) -> tuple[bool, Any]:
    return (request.state == ContactState.ACCEPTED, request.created_at)


def _merge_blocks(kept: Any, merged: Any, notes: list[str]) -> None:
    Block.objects.filter(Q(blocker=kept, blocked=merged) | Q(blocker=merged, blocked=kept)).delete()
    for field, other_field in (("blocker", "blocked"), ("blocked", "blocker")):
        have = Block.objects.filter(**{field: kept}).values(other_field)
        Block.objects.filter(**{field: merged, f"{other_field}__in": have}).delete()
        Block.objects.filter(**{field: merged}).update(**{field: kept})


def _merge_conversations(kept: Any, merged: Any, notes: list[str]) -> None:
    first, second = sorted([kept.pk, merged.pk])
    own = Conversation.objects.filter(first_id=first, second_id=second).first()
    if own is not None:
        count = own.messages.count()
        own.delete()
        notes.append(f"the conversation between the two accounts removed ({count} message(s))")
    for theirs in Conversation.objects.filter(Q(first=merged) | Q(second=merged)):
        other = theirs.other(merged.pk)
        merged_read = theirs.first_read_at if theirs.first_id == merged.pk else theirs.second_read_at
        other_read = theirs.second_read_at if theirs.first_id == merged.pk else theirs.first_read_at
        low, high = sorted([kept.pk, other])
        ours = Conversation.objects.filter(first_id=low, second_id=high).first()
        if ours is None:
            kept_read, peer_read = merged_read, other_read
            Conversation.objects.filter(pk=theirs.pk).update(
                first_id=low,
                second_id=high,
                first_read_at=kept_read if low == kept.pk else peer_read,
                second_read_at=peer_read if low == kept.pk else kept_read,
            )
            continue
        Message.objects.filter(conversation=theirs).update(conversation=ours)
        ours_kept_read = ours.first_read_at if ours.first_id == kept.pk else ours.second_read_at
        ours_peer_read = ours.second_read_at if ours.first_id == kept.pk else ours.first_read_at
        kept_read, peer_read = _older(ours_kept_read, merged_read), _older(ours_peer_read, other_read)
        ours.first_read_at = kept_read if ours.first_id == kept.pk else peer_read
        ours.second_read_at = peer_read if ours.first_id == kept.pk else kept_read
        if theirs.last_message_at and (ours.last_message_at is None or ours.last_message_at < theirs.last_message_at):
            ours.last_message_at = theirs.last_message_at
        if theirs.created_at < ours.created_at:
            ours.created_at = theirs.created_at
        ours.save(update_fields=["first_read_at", "second_read_at", "last_message_at", "created_at"])
        theirs.delete()
        notes.append(f"the conversations with member #{other} became one")
    Message.objects.filter(sender=merged).update(sender=kept)


def _older(a: Any, b: Any) -> Any:
    """The older of two read marks; never read (None) is the oldest."""
    if a is None or b is None:
        return None
    return min(a, b)
