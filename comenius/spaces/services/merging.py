"""Account merge in project spaces (issue 12): the lifecycle's `merge` hook for spaces.

Called by `accounts.merge.merge_accounts` only, inside its transaction, with both user rows locked. What the
merged account wrote, edited, published, added or confirmed moves to the kept account. A post both accounts
liked keeps one like (the other would count the person twice). Who may enter a space follows the project's
places, which the projects hook has already moved.
"""

from __future__ import annotations

from typing import Any


def merge_member(kept: Any, merged: Any) -> list[str]:
    from comenius.spaces.models import (
        ChatMessage,
        ChatRoom,
        Comment,
        Folder,
        Like,
        Material,
        Meeting,
        Page,
        Post,
        Reply,
        SpacePupil,
        Thread,
    )

    notes: list[str] = []
    doubled = Like.objects.filter(user=merged, post__in=Like.objects.filter(user=kept).values("post"))
    count = doubled.delete()[0]
    if count:
        notes.append(f"{count} like(s) of posts both accounts liked counted once")
    Like.objects.filter(user=merged).update(user=kept)
    places = SpacePupil.objects.filter(user=merged, space__in=SpacePupil.objects.filter(user=kept).values("space"))
    if places.exists():  # a pupil account is never merged; kept for completeness
        notes.append(f"{places.count()} pupil place(s) in spaces of both accounts kept on the other account")
    SpacePupil.objects.filter(user=merged).exclude(pk__in=places.values("pk")).update(user=kept)
    SpacePupil.objects.filter(added_by=merged).update(added_by=kept)
    SpacePupil.objects.filter(consent_confirmed_by=merged).update(consent_confirmed_by=kept)
    for model in (Post, Comment, Page, Folder, Material, Thread, Reply, ChatRoom, ChatMessage, Meeting):
        model.objects.filter(author=merged).update(author=kept)
    Page.objects.filter(updated_by=merged).update(updated_by=kept)
    Page.objects.filter(published_by=merged).update(published_by=kept)
    ChatMessage.objects.filter(deleted_by=merged).update(deleted_by=kept)
    return notes
