from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "comenius.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from comenius.accounts import access, merge, notifying, services, signals  # noqa: F401 - signals connects the receivers
        from comenius.core import account_links, lifecycle

        notifying.register()
        account_links.register(
            account_links.AccountLink(
                "accounts:change_institution",
                _("Change of institution"),
                lambda user: getattr(user, "role", None) == "member",
            )
        )
        # Accounts owns the user row; its own part of the member's data includes their workplaces
        # (institutions' Membership). It also renames the member in core's audit log.
        lifecycle.register(
            lifecycle.MemberHooks(
                "accounts",
                export=access.own_data,
                delete=services.forget_member,
                merge=merge.merge_own_rows,
                also_covers=("institutions",),
            )
        )
