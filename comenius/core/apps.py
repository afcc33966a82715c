from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "comenius.core"
    verbose_name = _("Platform")

    def ready(self) -> None:
        # Background work: each app of the project keeps its tasks in its own `tasks` module, which registers its
        # periodic tasks and prepared-download kinds with core when imported. Core finds those modules the way
        # the admin finds `admin.py`: without naming (or depending on) any app above it.
        from comenius.core import downloads, lifecycle, submissions, tasks

        # The audit log's action codes come the same way, from each app's `audit` module (core/audit.py).
        for app_config in apps.get_app_configs():
            if not app_config.name.startswith("comenius."):
                continue
            for module in ("tasks", "audit"):
                if module_has_submodule(app_config.module, module):
                    import_module(f"{app_config.name}.{module}")
        tasks.register_core_tasks()
        from django.conf import settings

        from comenius.core import observability

        observability.init_error_reporting(settings.SENTRY_DSN, settings.SENTRY_ENVIRONMENT, settings.COMENIUS_RELEASE)

        # A member's prepared downloads hold their data: they go at once when the account stops or is deleted.
        # Their forms' submission keys (core.submissions) go with the account too.
        def forget(user: object, deletion: object) -> None:
            downloads.forget_owner(user.pk)  # type: ignore[attr-defined]
            submissions.forget_user(user.pk)  # type: ignore[attr-defined]

        lifecycle.register(
            lifecycle.MemberHooks(
                "core",
                export=lambda user: lifecycle.ExportPart({}, {}),
                delete=forget,
                suspended=lambda user: downloads.forget_owner(user.pk),
                # An account merge: the other account's prepared files go (the kept account asks for a new one,
                # which then holds everything), and so do its submission keys (its sessions end, so no form of it
                # can be resent); the audit log keeps who did what, under the account that did it.
                merge=lambda kept, merged: forget(merged, None),
            )
        )
