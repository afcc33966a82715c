from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "comenius.projects"
    verbose_name = _("Projects")

    def ready(self) -> None:
        from comenius.core import lifecycle
        from comenius.projects import access, merging, notifying, reportable, services, translatable

        reportable.register()
        translatable.register_kinds()
        notifying.register()
        lifecycle.register(
            lifecycle.MemberHooks(
                "projects", export=access.own_data, delete=services.forget_member, merge=merging.merge_member
            )
        )
