"""What can be reported: each kind says how a reporter reaches the object (404 if they cannot see it), who
its author is, what moderators see of it, and which actions fit it. The writes themselves (hide, restore,
delete) are the owning app's services, so each app stays the only writer of its own tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model
from django.http import Http404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import User


@dataclass(frozen=True)
class Kind:
    key: str
    label: Promise
    fetch_for: Callable[[User, int], Model]  # as the reporter sees it; raises Http404 otherwise
    fetch: Callable[[int], Model | None]  # for moderators: no visibility filter
    author: Callable[[Any], User | None]
    describe: Callable[[Any], str]
    set_hidden: Callable[[Any, bool], None] | None = None
    delete: Callable[[Any], None] | None = None
    # Space content: the space whose teacher administrators moderate it.
    space_of: Callable[[Any], Any] | None = None


def _member_for(viewer: User, user_id: int) -> Model:
    from comenius.network import access

    return access.get_profile_for(viewer, user_id).user


def _member(user_id: int) -> Model | None:
    return User.objects.filter(pk=user_id).first()


def _describe_member(user: User) -> str:
    from comenius.network.models import Profile

    profile = Profile.objects.filter(user=user).first()
    introduction = profile.introduction if profile else ""
    return f"{user.get_full_name()}\n\n{introduction}".strip()


def _hide_member(user: User, hidden: bool) -> None:
    from comenius.network import services

    services.set_profile_hidden(user, hidden)


def _delete_member_content(user: User) -> None:
    from comenius.network import services

    services.clear_profile_content(user)


def _idea_for(viewer: User, pk: int) -> Model:
    from comenius.network import access

    return access.get_idea_for(viewer, pk)


def _idea(pk: int) -> Model | None:
    from comenius.network.models import ProjectIdea

    return ProjectIdea.objects.select_related("author").filter(pk=pk).first()


def _message_for(viewer: User, pk: int) -> Model:
    from comenius.network import access

    message = access.get_message_for(viewer, pk)
    if message.sender_id == viewer.pk:
        raise Http404  # one's own message is deleted, not reported
    return message


def _message(pk: int) -> Model | None:
    from comenius.network.models import Message

    return Message.objects.select_related("sender").filter(pk=pk).first()


def _set_hidden(obj: Any, hidden: bool) -> None:
    from comenius.network import services

    services.set_hidden(obj, hidden)


def _delete(obj: Any) -> None:
    from comenius.network import services

    services.delete_content(obj)


def _project_for(viewer: User, pk: int) -> Model:
    from comenius.projects import access

    return access.get_project_for(viewer, pk)


def _project(pk: int) -> Model | None:
    from comenius.projects.models import Project

    return Project.objects.select_related("founder").filter(pk=pk).first()


def _hide_project(project: Any, hidden: bool) -> None:
    from comenius.projects import services

    services.set_hidden(project, hidden)


def _space_kind(key: str, label: Promise, text: Callable[[Any], str]) -> Kind:
    """A kind of project-space content: reachable by the space's members (pupils included)."""
    from django.apps import apps

    from comenius.spaces import access as spaces_access
    from comenius.spaces.services import moderation as spaces_moderation

    model_name, _space_path = spaces_access.REPORTABLE[key]

    def fetch(pk: int) -> Model | None:
        return apps.get_model("spaces", model_name).objects.filter(pk=pk).first()

    return Kind(
        key,
        label,
        fetch_for=lambda viewer, pk: spaces_access.reportable_for(viewer, key, pk),  # type: ignore[arg-type,return-value]
        fetch=fetch,
        author=lambda content: content.author,
        describe=text,
        set_hidden=spaces_moderation.set_hidden,
        delete=spaces_moderation.delete_content,
        space_of=lambda content: spaces_access.space_of_content(key, content),
    )


SPACE_KINDS = [
    ("post", _("Post"), lambda post: post.body),
    ("comment", _("Comment"), lambda comment: comment.body),
    ("page", _("Page"), lambda page: f"{page.title}\n\n{page.body}"),
    ("material", _("Material"), lambda material: f"{material.title}\n{material.filename or material.url}"),
    ("thread", _("Forum thread"), lambda thread: f"{thread.title}\n\n{thread.body}"),
    ("reply", _("Reply"), lambda reply: reply.body),
    ("chat_message", _("Chat message"), lambda message: message.body),
]


KINDS: dict[str, Kind] = {
    kind.key: kind
    for kind in [
        Kind(
            "member",
            _("Member"),
            fetch_for=_member_for,
            fetch=_member,
            author=lambda user: user,
            describe=_describe_member,
            set_hidden=_hide_member,
            delete=_delete_member_content,
        ),
        Kind(
            "idea",
            _("Project idea"),
            fetch_for=_idea_for,
            fetch=_idea,
            author=lambda idea: idea.author,
            describe=lambda idea: f"{idea.title}\n\n{idea.description}",
            set_hidden=_set_hidden,
            delete=_delete,
        ),
        Kind(
            "message",
            _("Message"),
            fetch_for=_message_for,
            fetch=_message,
            author=lambda message: message.sender,
            describe=lambda message: message.body,
            set_hidden=_set_hidden,
            delete=_delete,
        ),
        Kind(
            "project",
            _("Project"),
            fetch_for=_project_for,
            fetch=_project,
            author=lambda project: project.founder,
            describe=lambda project: f"{project.title}\n\n{project.summary}\n\n{project.description}".strip(),
            set_hidden=_hide_project,
        ),
    ]
}
KINDS.update({key: _space_kind(key, label, text) for key, label, text in SPACE_KINDS})


def kind_of(key: str) -> Kind:
    kind = KINDS.get(key)
    if kind is None:
        raise Http404
    return kind
