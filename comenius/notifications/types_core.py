"""The notification types of `core` (which may not import this app, so they are registered here)."""

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from comenius.notifications.registry import Delivery, NotificationType, Target, register_target, register_type


def _own_ready_downloads(user: Any, ids: set[int]) -> set[int]:
    from comenius.core.models import DownloadStatus, PreparedDownload

    return set(
        PreparedDownload.objects.filter(
            pk__in=ids, owner=user, status=DownloadStatus.READY, expires_at__gt=timezone.now()
        ).values_list("pk", flat=True)
    )


def register() -> None:
    register_type(
        NotificationType(
            "core.download_ready",
            _("A file you asked for is ready"),
            default=Delivery.EMAIL,
            description=_("Exports of your data or of a project space."),
        )
    )
    register_target(Target("core.prepareddownload", _own_ready_downloads))
