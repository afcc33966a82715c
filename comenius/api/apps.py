from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "comenius.api"
    label = "api"
    verbose_name = _("API")

    def ready(self) -> None:
        from comenius.api import access, services
        from comenius.core import account_links, lifecycle

        account_links.register(
            account_links.AccountLink("api:tokens", _("Access tokens for the API"), services.may_have_tokens)
        )

        # A member's tokens are credentials: listed (never their secret) in the export, gone with the account,
        # revoked when the account stops or is merged into another.
        lifecycle.register(
            lifecycle.MemberHooks(
                "api",
                export=access.own_data,
                delete=lambda user, deletion: services.forget_tokens(user),
                suspended=services.revoke_all_tokens,
                # The merged account ends: its tokens stop; the kept account keeps its own.
                merge=lambda kept, merged: services.revoke_all_tokens(merged),
            )
        )
