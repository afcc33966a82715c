"""What courses tell members (registered with `comenius.notifications` from `CoursesConfig.ready`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, register_type

TASK_REVIEWED = "courses.task_reviewed"


def register() -> None:
    register_type(
        NotificationType(
            TASK_REVIEWED,
            _("Reviews of your course tasks"),
            default=Delivery.EMAIL,
            description=_("A course lead accepted a task you sent, or returned it with feedback."),
        )
    )
