"""What partner finding tells members (registered with `comenius.notifications` from `NetworkConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, Target, register_target, register_type

CONTACT_REQUEST = "network.contact_request"
NEW_MESSAGES = "network.new_messages"


def _visible_requests(user: Any) -> Any:
    from comenius.network.models import ContactRequest, ContactState

    return ContactRequest.objects.filter(state__in=[ContactState.PENDING, ContactState.ACCEPTED]).filter(
        Q(to_user=user) | Q(from_user=user)
    )


def register() -> None:
    register_type(
        NotificationType(
            CONTACT_REQUEST,
            _("Contact requests"),
            default=Delivery.EMAIL,
            description=_("A member asks to become your contact."),
        )
    )
    register_type(
        NotificationType(
            NEW_MESSAGES,
            _("New messages"),
            default=Delivery.EMAIL,
            description=_("Messages you have not read after a few minutes, gathered in one e-mail."),
        )
    )
    register_target(Target("network.contactrequest", _visible_requests, path=lambda pk: reverse("network:contacts")))
