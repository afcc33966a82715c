"""What certificates tell their members, through `comenius.notifications` (registered from
`CertificatesConfig.ready`): a new certificate, a revoked one."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, Target, register_target, register_type
from comenius.notifications.services import Mail, notify


def tell(member: Any, template: str, certificate: Any, context: dict[str, Any]) -> None:
    """Call inside the service's transaction."""
    texts = {
        "issued": _("You have a new certificate: “%(title)s”"),
        "revoked": _("Your certificate “%(title)s” was revoked"),
    }
    notify(
        member,
        "certificates.certificate",
        certificate,
        text=texts[template],
        params={"title": certificate.title},
        url=reverse("certificates:mine"),
        mail=Mail(f"certificates/email/{template}", {"name": member.get_short_name(), **context}),
    )


def _own(user: Any) -> Any:
    from comenius.certificates.models import Certificate

    return Certificate.objects.filter(member=user)


def register() -> None:
    register_type(
        NotificationType(
            "certificates.certificate",
            _("Your certificates"),
            default=Delivery.EMAIL,
            description=_("A certificate for an event or a course, or one that was revoked."),
        )
    )
    register_target(Target("certificates.certificate", _own, path=lambda pk: reverse("certificates:mine")))
