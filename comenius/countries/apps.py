from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CountriesConfig(AppConfig):
    """National pages, the NSO dashboard and the public statistics."""

    name = "comenius.countries"
    verbose_name = _("National pages and statistics")

    def ready(self) -> None:
        from comenius.core import lifecycle
        from comenius.countries import services

        lifecycle.register(
            lifecycle.MemberHooks(
                "countries",
                export=services.own_data,
                delete=services.forget_member,
                merge=services.merge_member,
            )
        )
