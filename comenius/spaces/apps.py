from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_out
from django.utils.translation import gettext_lazy as _


class SpacesConfig(AppConfig):
    name = "comenius.spaces"
    verbose_name = _("Project spaces")

    def ready(self) -> None:
        from comenius.accounts import events as account_events
        from comenius.core import lifecycle
        from comenius.projects import signals as project_signals
        from comenius.spaces import access, notifying, reportable, translatable
        from comenius.spaces.services import chat, merging, privacy

        reportable.register()
        translatable.register_kinds()
        notifying.register()
        project_signals.project_activated.connect(_open_space, dispatch_uid="comenius.spaces.open_space")
        project_signals.member_left.connect(_end_live_connections, dispatch_uid="comenius.spaces.member_left")
        # Logging out ends the person's open chat connections at once (their pages may reconnect only with a
        # session that is still valid, i.e. on another device where they are still logged in).
        user_logged_out.connect(_logged_out, dispatch_uid="comenius.spaces.logged_out")
        # So do a changed password and a changed role (accounts.services.end_sessions).
        account_events.sessions_ended.connect(_sessions_ended, dispatch_uid="comenius.spaces.sessions_ended")
        lifecycle.register(
            lifecycle.MemberHooks(
                "spaces",
                export=access.own_data,
                delete=privacy.forget_member,
                # A suspended, banned or deleted person's open chat connections end at once.
                suspended=lambda user: chat.revoke_user(user.pk),
                merge=merging.merge_member,
            )
        )


def _open_space(sender: object, project: object, **kwargs: object) -> None:
    from comenius.spaces.models import Space

    Space.objects.get_or_create(project=project)


def _end_live_connections(sender: object, user_id: int, **kwargs: object) -> None:
    from comenius.spaces.services.chat import revoke_user

    revoke_user(user_id)  # sent once the transaction commits


def _logged_out(sender: object, user: object = None, **kwargs: object) -> None:
    from comenius.spaces.services.chat import revoke_user

    user_id = getattr(user, "pk", None)
    if user_id is not None:
        revoke_user(user_id)


def _sessions_ended(sender: object, user_id: int, **kwargs: object) -> None:
    from comenius.spaces.services.chat import revoke_user

    revoke_user(user_id)
