"""What recognition tells people (registered with `comenius.notifications` from `RecognitionConfig.ready`)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, Target, register_target, register_type

ASSESSMENT = "recognition.assessment"
DECIDED = "recognition.decided"
SCHOOL_CALL = "recognition.school_call"
SCHOOL_HEAD = "recognition.school_head"


def _visible_applications(user: Any) -> Any:
    from comenius.recognition.models import NQLApplication

    return NQLApplication.objects.filter(Q(applicant=user) | Q(assessments__assessor=user))


def register() -> None:
    register_type(
        NotificationType(
            ASSESSMENT,
            _("Quality label applications to assess"),
            default=Delivery.EMAIL,
            description=_("Your national team asks you to assess an application."),
        )
    )
    register_type(
        NotificationType(
            DECIDED,
            _("Decisions on your quality label applications"),
            default=Delivery.EMAIL,
            required=True,
            description=_("Your national team awarded or refused a label you applied for."),
        )
    )
    register_type(
        NotificationType(
            SCHOOL_CALL,
            _("School label calls"),
            default=Delivery.EMAIL,
            bulk=True,
            description=_("Your institution can apply for the school label."),
        )
    )
    register_type(NotificationType(SCHOOL_HEAD, _("School label declarations"), address_only=True))
    register_target(Target("recognition.nqlapplication", _visible_applications))
