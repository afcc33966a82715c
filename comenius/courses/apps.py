from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "comenius.courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from comenius.certificates import registry as certificates
        from comenius.core import lifecycle
        from comenius.courses import access, notifying, reportable, services

        reportable.register()
        notifying.register()
        certificates.register(
            certificates.IssuingKind(
                "courses.completion",
                _("Completion of a course"),
                may_revoke=lambda actor, certificate: access.leads_course_id(actor, certificate.subject_id),
            )
        )
        lifecycle.register(
            lifecycle.MemberHooks(
                "courses", export=access.own_data, delete=services.forget_member, merge=services.merge_member
            )
        )
