"""What the ambassadors app tells members (registered with `comenius.notifications` from `AmbassadorsConfig.ready`).
A visitor's message to an ambassador (`services.contact_by_visitor`) is an address-only type: an e-mail through
the service with the visitor's address as Reply-To and no in-app item (the visitor's words are not stored)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, register_type

APPOINTMENT = "ambassadors.appointment"
HELP_OFFERED = "ambassadors.help_offered"
VISITOR_CONTACT = "ambassadors.visitor_contact"


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
    register_type(
        NotificationType(
            VISITOR_CONTACT,
            _("Messages from visitors"),
            default=Delivery.EMAIL,
            address_only=True,
            why=_("You get this e-mail because you are an ambassador and a visitor wrote to you through Comenius."),
        )
    )
