from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionConfig(AppConfig):
    name = "comenius.recognition"
    verbose_name = _("Recognition")

    def ready(self) -> None:
        from comenius.core import lifecycle
        from comenius.recognition import access
        from comenius.recognition.services import nql, privacy
        from comenius.spaces import access as spaces_access

        lifecycle.register(lifecycle.MemberHooks("recognition", export=access.own_data, delete=privacy.forget_member))
        # Assessors and prize jurors read the project's space, read-only, while they assess; every look audited.
        spaces_access.register_reader_provider(
            spaces_access.ReaderProvider("recognition", allows=access.reads_space, looked=nql.record_look)
        )
