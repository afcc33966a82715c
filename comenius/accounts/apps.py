from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "comenius.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from comenius.accounts import signals  # noqa: F401 - connects the allauth signal receivers
