"""The notification types of `core` (which may not import this app, so they are registered here)."""

from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, register_type


def register() -> None:
    register_type(
        NotificationType(
            "core.download_ready",
            _("A file you asked for is ready"),
            default=Delivery.EMAIL,
            description=_("Exports of your data or of a project space."),
        )
    )
