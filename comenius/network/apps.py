from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    name = "comenius.network"
    verbose_name = _("Partner finding")

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from comenius.core import lifecycle
        from comenius.network import access, merging, notifying, reportable, services, translatable

        reportable.register()
        translatable.register_kinds()
        notifying.register()
        lifecycle.register(
            lifecycle.MemberHooks(
                "network",
                export=access.own_data,
                delete=services.forget_member,
                suspended=services.refresh_listing,
                reinstated=services.refresh_listing,
                validated=services.ensure_profile,
                moved=services.refresh_listing,
                merge=merging.merge_member,
            )
        )
        user_logged_in.connect(_note_activity, dispatch_uid="comenius.network.note_activity")


def _note_activity(sender: object, request: object, user: object, **kwargs: object) -> None:
    from comenius.network import services

    services.touch_activity(user)  # type: ignore[arg-type]
