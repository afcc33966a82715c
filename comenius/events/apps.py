from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "comenius.events"
    verbose_name = _("Events")

    def ready(self) -> None:
        from comenius.certificates import registry as certificates
        from comenius.core import lifecycle
        from comenius.events import access, merging, notifying, reportable, services
        from comenius.events import certificates as event_certificates
        from comenius.groups import panels as group_panels

        reportable.register()
        group_panels.register(group_panels.GroupPanel("events", "events/_group_events.html", access.group_panel))
        notifying.register()
        lifecycle.register(
            lifecycle.MemberHooks(
                "events",
                export=access.own_data,
                delete=services.forget_member,
                suspended=services.suspended,
                merge=merging.merge_member,
            )
        )
        certificates.register(
            certificates.IssuingKind(
                services.ATTENDANCE_KIND,
                label=_("Attendance of an event"),
                may_revoke=event_certificates.may_revoke,
                describe=event_certificates.describe,
                subject_url=event_certificates.subject_url,
            )
        )
