"""What account deletion does in project spaces."""

from __future__ import annotations

from typing import Any

from comenius.core.lifecycle import Deletion
from comenius.spaces.services.moderation import delete_content


def forget_member(user: Any, deletion: Deletion) -> None:
    """Account deletion (accounts.services.delete_account): what the member wrote in project spaces stays
    under "Former member" — unless they asked to delete their contributions, then it goes (files too)."""
    if not deletion.delete_contributions:
        return
    from comenius.spaces.models import ChatMessage, Comment, Material, Page, Post, Reply, Thread

    for material in Material.objects.filter(author=user):
        delete_content(material)
    for model in (Comment, Reply, Post, Thread):
        model.objects.filter(author=user).delete()
    ChatMessage.objects.filter(author=user).delete()
    # Pages may carry others' sub-pages: the text goes, the place in the tree stays.
    Page.objects.filter(author=user).update(title="—", body="", updated_by=None)
