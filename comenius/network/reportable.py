"""What of partner finding can be reported (the moderation registry): a member's profile, an idea, a message."""

from __future__ import annotations

from django.db.models import Model
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from comenius.accounts.models import User
from comenius.moderation.registry import Kind, register_kind
from comenius.network import access, services
from comenius.network.models import Message, Profile, ProjectIdea


def _member_for(viewer: User, user_id: int) -> Model:
    return access.get_profile_for(viewer, user_id).user


def _member(user_id: int) -> Model | None:
    return User.objects.filter(pk=user_id).first()


def _describe_member(user: User) -> str:
    profile = Profile.objects.filter(user=user).first()
    introduction = profile.introduction if profile else ""
    return f"{user.get_full_name()}\n\n{introduction}".strip()


def _idea(pk: int) -> Model | None:
    return ProjectIdea.objects.select_related("author").filter(pk=pk).first()


def _message_for(viewer: User, pk: int) -> Model:
    message = access.get_message_for(viewer, pk)
    if message.sender_id == viewer.pk:
        raise Http404  # one's own message is deleted, not reported
    return message


def _message(pk: int) -> Model | None:
    return Message.objects.select_related("sender").filter(pk=pk).first()


def register() -> None:
    register_kind(
        Kind(
            "member",
            _("Member"),
            fetch_for=_member_for,
            fetch=_member,
            author=lambda user: user,
            describe=_describe_member,
            set_hidden=services.set_profile_hidden,
            delete=services.clear_profile_content,
        )
    )
    register_kind(
        Kind(
            "idea",
            _("Project idea"),
            fetch_for=access.get_idea_for,
            fetch=_idea,
            author=lambda idea: idea.author,
            describe=lambda idea: f"{idea.title}\n\n{idea.description}",
            set_hidden=services.set_hidden,
            delete=services.delete_content,
        )
    )
    register_kind(
        Kind(
            "message",
            _("Message"),
            fetch_for=_message_for,
            fetch=_message,
            author=lambda message: message.sender,
            describe=lambda message: message.body,
            set_hidden=services.set_hidden,
            delete=services.delete_content,
        )
    )
