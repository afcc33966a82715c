from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "comenius.certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from comenius.certificates import access, merging, notifying, services
        from comenius.core import lifecycle

        notifying.register()

        lifecycle.register(
            lifecycle.MemberHooks(
                "certificates", export=access.own_data, delete=services.forget_member, merge=merging.merge_member
            )
        )
