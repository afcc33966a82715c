from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "comenius.groups"
    verbose_name = _("Groups")

    def ready(self) -> None:
        from comenius.core import lifecycle
        from comenius.groups import access, notifying, reportable, services, translatable

        reportable.register()
        translatable.register_kinds()
        notifying.register()
        lifecycle.register(
            lifecycle.MemberHooks(
                "groups", export=access.own_data, delete=services.forget_member, merge=services.merge_member
            )
        )
