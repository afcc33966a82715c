"""What the ambassadors app tells members (registered with `comenius.notifications` from `AmbassadorsConfig.ready`).
A visitor's message to an ambassador is not a notification: it is an e-mail with the visitor's address as
Reply-To (`services.contact_by_visitor`), which the notification mail does not carry."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, register_type

APPOINTMENT = "ambassadors.appointment"
HELP_OFFERED = "ambassadors.help_offered"


def register() -> None:
    register_type(
        NotificationType(
            APPOINTMENT,
            _("Your appointment as ambassador"),
            default=Delivery.EMAIL,
            required=True,
            description=_("Your national team appoints you, renews or ends your term."),
        )
    )
    register_type(
        NotificationType(
            HELP_OFFERED,
            _("Help from an ambassador"),
            default=Delivery.EMAIL,
            description=_("An ambassador of your region offers to help you start."),
        )
    )
