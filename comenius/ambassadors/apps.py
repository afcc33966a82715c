from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "comenius.ambassadors"
    verbose_name = _("Ambassadors")

    def ready(self) -> None:
        from comenius.ambassadors import notifying, services
        from comenius.core import lifecycle

        notifying.register()

        lifecycle.register(
            lifecycle.MemberHooks(
                "ambassadors",
                export=services.own_data,
                delete=services.forget_member,
                merge=services.merge_member,
                moved=services.member_moved,
            )
        )
