"""What of groups can be reported (the moderation registry), and who handles it: reports about a group's
content go to that group's moderators and central support (a `KindScope`: the group is found from the
reported content), never to the author's NSO. A report about a group itself goes to central support and the
NSO of its proposer's country, like any member's content."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model, Q
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comenius.groups import access, services
from comenius.groups.models import Group
from comenius.moderation.registry import Kind, KindScope, register_kind, register_kind_scope

CONTENT_KINDS: list[tuple[str, Promise, Callable[[Any], str]]] = [
    ("group_post", _("Group post"), lambda post: post.body),
    ("group_comment", _("Group comment"), lambda comment: comment.body),
    ("group_discussion", _("Group discussion"), lambda discussion: f"{discussion.title}\n\n{discussion.body}"),
    ("group_reply", _("Reply in a group discussion"), lambda reply: reply.body),
    ("group_resource", _("Group resource"), lambda resource: f"{resource.title}\n{resource.filename or resource.url}"),
]


def _content_for(viewer: Any, key: str, pk: int) -> Model:
    """As the reporter sees it: content of a group they read (hidden content is not reported again)."""
    model = access.CONTENT_MODELS[key]
    group_id = model.objects.filter(pk=pk).values_list("group_id", flat=True).first()
    if group_id is None:
        raise Http404
    seat = access.seat_for(viewer, group_id)
    found = access.content_for(seat, key, pk)
    if found.hidden_at is not None:
        raise Http404
    return found


def _content_kind(key: str, label: Promise, text: Callable[[Any], str]) -> Kind:
    model = access.CONTENT_MODELS[key]
    return Kind(
        key,
        label,
        fetch_for=lambda viewer, pk: _content_for(viewer, key, pk),
        fetch=lambda pk: model.objects.filter(pk=pk).first(),
        author=lambda content: content.author,
        describe=text,
        set_hidden=services.set_hidden,
        delete=services.delete_content,
    )


def _group_for(viewer: Any, pk: int) -> Group:
    seat = access.seat_for(viewer, pk)
    if not seat.approved:
        raise Http404
    return seat.group


def _reports_moderated_by(user: Any) -> Q:
    """Reports of content in the groups this person moderates (subqueries: no list of ids in Python)."""
    moderated = list(access.moderated_group_ids(user))
    if not moderated:
        return Q()
    found = Q()
    for key, model in access.CONTENT_MODELS.items():
        ids = model.objects.filter(group_id__in=moderated).values("pk")
        found |= Q(kind=key, object_id__in=ids)
    return found


def _moderates(user: Any, report: Any) -> bool:
    model = access.CONTENT_MODELS.get(report.kind)
    if model is None:
        return False
    group_id = model.objects.filter(pk=report.object_id).values_list("group_id", flat=True).first()
    return group_id is not None and group_id in access.moderated_group_ids(user)


def register() -> None:
    for key, label, text in CONTENT_KINDS:
        register_kind(_content_kind(key, label, text))
    register_kind(
        Kind(
            "group",
            _("Group"),
            fetch_for=_group_for,
            fetch=lambda pk: Group.objects.filter(pk=pk).first(),
            author=lambda group: group.proposed_by,
            describe=lambda group: f"{group.title}\n\n{group.description}",
            set_hidden=services.set_hidden,
            delete=services.delete_content,
        )
    )
    register_kind_scope(
        KindScope(frozenset(access.CONTENT_MODELS), reports=_reports_moderated_by, moderates=_moderates)
    )
