"""What groups tell members (registered with `comenius.notifications` from `GroupsConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, Target, register_target, register_type

DECIDED = "groups.decided"
INVITATION = "groups.invitation"
JOIN_REQUEST = "groups.join_request"
REQUEST_ANSWERED = "groups.request_answered"


def _visible_groups(user: Any, ids: set[int]) -> set[int]:
    from comenius.groups.models import Group, GroupState

    found = Group.objects.filter(pk__in=ids, hidden_at__isnull=True).filter(
        Q(state=GroupState.APPROVED) | Q(proposed_by=user)
    )
    return set(found.values_list("pk", flat=True))


def register() -> None:
    register_type(
        NotificationType(
            DECIDED,
            _("Your group proposals"),
            default=Delivery.EMAIL,
            required=True,
            description=_("Central support approved or declined a group you proposed."),
        )
    )
    register_type(
        NotificationType(
            INVITATION, _("Group invitations"), default=Delivery.EMAIL, description=_("A moderator invites you.")
        )
    )
    register_type(
        NotificationType(
            JOIN_REQUEST,
            _("Requests to join your groups"),
            default=Delivery.EMAIL,
            description=_("Someone asks to join a group you moderate."),
        )
    )
    register_type(
        NotificationType(
            REQUEST_ANSWERED,
            _("Answers to your requests to join"),
            default=Delivery.EMAIL,
            description=_("The moderators accepted or declined your request."),
        )
    )
    register_target(Target("groups.group", _visible_groups, path=lambda pk: reverse("groups:detail", args=[pk])))
