from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "comenius.notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from comenius.core import lifecycle, notices
        from comenius.notifications import services, types_core

        types_core.register()
        notices.register_notifier(services.notify_from_core)
        lifecycle.register(
            lifecycle.MemberHooks(
                "notifications", export=services.own_data, delete=services.forget_member, merge=services.merge_member
            )
        )
        user_logged_in.connect(_warn_undeliverable, dispatch_uid="comenius.notifications.undeliverable")


def _warn_undeliverable(sender: object, request: object, user: object, **kwargs: object) -> None:
    """Tell the member once per login that their address bounced: nothing reaches them by e-mail until they
    change it (or it is cleared)."""
    from django.contrib import messages

    from comenius.notifications import services

    email = getattr(user, "email", None)
    if email and services.is_suppressed(email) and hasattr(request, "_messages"):
        messages.warning(
            request,  # type: ignore[arg-type]
            _(
                "E-mails to %(email)s could not be delivered, so we have stopped sending them. Check the address "
                "in your profile; until then you see everything here, under Notifications."
            )
            % {"email": email},
        )
