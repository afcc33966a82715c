"""Background work of accounts. Core imports this module at start-up (`core.apps`), which registers the member's
own data export as a prepared download (`core.downloads`): the request enqueues, a task calls
`data_export.build_export`, the member downloads the file from their data page when it is ready."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from comenius.core import downloads
from comenius.core.models import PreparedDownload

DATA_EXPORT = "my-data"


def _build(download: PreparedDownload) -> tuple[bytes, str]:
    from comenius.accounts.data_export import build_export

    return build_export(download.owner), f"comenius-my-data-{timezone.localdate().isoformat()}.zip"


def _may_download(user: object, download: PreparedDownload) -> bool:
    return getattr(user, "deleted_at", None) is None


downloads.register_kind(
    downloads.DownloadKind(
        name=DATA_EXPORT,
        build=_build,
        page_path=lambda download: reverse("accounts:privacy_settings"),
        title=lambda download: _("A copy of your data"),
        may_download=_may_download,
    )
)
