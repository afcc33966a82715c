from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "comenius.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        from comenius.core import lifecycle
        from comenius.moderation import access, merging, services

        services.register_notification_types()
        lifecycle.register(
            lifecycle.MemberHooks(
                "moderation", export=access.own_data, delete=services.forget_member, merge=merging.merge_member
            )
        )
