"""Prepared downloads: one mechanism for every file that is too big to make while a page waits (the export of a
whole project space, a member's own data).

The page calls `request_download(user, kind, subject_id)`; a task (`prepare_download`) builds the file with the
builder the owning app registered for that kind, stores it in private storage and e-mails the owner, in their
language, a link to the page where it waits. The page shows `status_of(...)` (being prepared / ready / failed,
try again) and refreshes it with htmx; the file itself is sent only by `core:download`, to its owner, while the
owning app still agrees (`may_download`). Downloads expire after PREPARED_DOWNLOAD_HOURS
(`delete_expired_downloads`, a periodic task).

Apps register their kinds from `AppConfig.ready()` with `register_kind(DownloadKind(...))`; core never imports
them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy

from comenius.core import notices
from comenius.core.emails import absolute_url
from comenius.core.models import DownloadStatus, PreparedDownload
from comenius.core.tasks import background, enqueue_after_commit

logger = logging.getLogger("comenius.downloads")

# A download still "being prepared" after this long has lost its worker (a crash, a restart mid-task): the page
# says it failed and lets the member try again.
STALE_AFTER = timedelta(hours=3)


@dataclass(frozen=True)
class DownloadKind:
    """What one kind of prepared download needs from the app that owns it.

    - `build(download)` makes the file, in the owner's language (already active), and returns its content (an
      open binary file, closed afterwards, or bytes) and the name it is downloaded under. It may raise: the task
      is retried and finally marked failed.
    - `page_path(download)`: the page that shows its status (linked from the e-mail).
    - `title(download)`: what it is, for the e-mail ("The export of …"), in the active language.
    - `may_download(user, download)`: asked again on every download (the owner may have lost their place).
    """

    name: str
    build: Callable[[PreparedDownload], tuple[IO[bytes] | bytes, str]]
    page_path: Callable[[PreparedDownload], str]
    title: Callable[[PreparedDownload], str]
    may_download: Callable[[Any, PreparedDownload], bool] = lambda user, download: True


KINDS: dict[str, DownloadKind] = {}


def register_kind(kind: DownloadKind) -> None:
    KINDS[kind.name] = kind


def _expired(now: Any) -> Q:
    return Q(expires_at__lte=now)


def latest(user: Any, kind: str, subject_id: str = "") -> PreparedDownload | None:
    """The owner's newest download of this kind and subject that has not expired, or None."""
    return (
        PreparedDownload.objects.filter(owner=user, kind=kind, subject_id=str(subject_id))
        .exclude(_expired(timezone.now()))
        .order_by("-created_at")
        .first()
    )


def status_of(download: PreparedDownload | None) -> str | None:
    """preparing / ready / failed, or None for no download. A preparation that lost its worker is failed."""
    if download is None:
        return None
    if download.status == DownloadStatus.PREPARING and timezone.now() - download.created_at > STALE_AFTER:
        return DownloadStatus.FAILED
    return download.status


def request_download(user: Any, kind: str, subject_id: str = "") -> PreparedDownload:
    """Ask for a new download of `kind` (registered) for `user`; the caller has checked that they may. One being
    prepared already is returned as it is (a double click makes one file). The task is enqueued after commit."""
    if kind not in KINDS:
        raise LookupError(f"No prepared download kind {kind!r} is registered.")
    current = latest(user, kind, subject_id)
    if current is not None and status_of(current) == DownloadStatus.PREPARING:
        return current
    download = PreparedDownload.objects.create(
        owner=user,
        kind=kind,
        subject_id=str(subject_id),
        language=getattr(user, "language", "") or translation.get_language() or settings.LANGUAGE_CODE,
    )
    enqueue_after_commit(prepare_download, str(download.pk))
    return download


def _mark_failed(download_id: str) -> None:
    PreparedDownload.objects.filter(pk=download_id, status=DownloadStatus.PREPARING).update(
        status=DownloadStatus.FAILED, finished_at=timezone.now()
    )


def _store(download: PreparedDownload, content: IO[bytes] | bytes) -> None:
    if isinstance(content, bytes):
        download.file.save("download.zip", ContentFile(content), save=False)
        download.size = len(content)
    else:
        with content:
            download.file.save("download.zip", File(content), save=False)
        download.size = download.file.size


@background(retries=2, backoff=60, on_failure=_mark_failed)
def prepare_download(download_id: str) -> str:
    """Build, store and announce one prepared download. Retried twice; then marked failed."""
    download = PreparedDownload.objects.select_related("owner").filter(pk=download_id).first()
    if download is None or download.status != DownloadStatus.PREPARING:
        return "nothing to do"
    kind = KINDS[download.kind]
    with translation.override(download.language):
        content, filename = kind.build(download)
        title = str(kind.title(download))
    _store(download, content)
    now = timezone.now()
    download.status = DownloadStatus.READY
    download.filename = filename[:150]
    download.finished_at = now
    download.expires_at = now + timedelta(hours=settings.PREPARED_DOWNLOAD_HOURS)
    try:
        download.save(update_fields=["status", "file", "filename", "size", "finished_at", "expires_at"])
    except BaseException:
        download.file.storage.delete(download.file.name)
        raise
    _delete_older(download)
    owner = download.owner
    # Through the notification system (registered in core.notices from above): in-app, and e-mail in the
    # owner's language as their preferences say.
    notices.notify(
        owner,
        "core.download_ready",
        None,  # the item links to the download's page, which says itself whether the file is still there
        text=gettext_lazy("Your download is ready: %(title)s"),
        params={"title": title},
        url=kind.page_path(download),
        mail=(
            "core/email/download_ready",
            {
                "member": owner,
                "title": title,
                "url": absolute_url(kind.page_path(download)),
                "hours": settings.PREPARED_DOWNLOAD_HOURS,
            },
        ),
    )
    return "ready"


def _delete(downloads: Any) -> int:
    """Delete these downloads and their files (the files once the rows are gone)."""
    rows = list(downloads)
    names = [download.file.name for download in rows if download.file]
    PreparedDownload.objects.filter(pk__in=[download.pk for download in rows]).delete()
    if rows:
        storage = rows[0].file.storage

        def remove() -> None:
            for name in names:
                storage.delete(name)

        transaction.on_commit(remove)
    return len(rows)


def _delete_older(download: PreparedDownload) -> None:
    """A new file replaces the owner's earlier ones of the same kind and subject."""
    _delete(
        PreparedDownload.objects.filter(
            owner_id=download.owner_id, kind=download.kind, subject_id=download.subject_id
        ).filter(created_at__lt=download.created_at)
    )


@background(retries=1, backoff=300)
def delete_expired_downloads() -> int:
    """Periodic: delete downloads past their expiry, and failed or abandoned ones older than the same time."""
    now = timezone.now()
    keep = timedelta(hours=settings.PREPARED_DOWNLOAD_HOURS)
    expired = PreparedDownload.objects.filter(
        _expired(now) | Q(status__in=[DownloadStatus.FAILED, DownloadStatus.PREPARING], created_at__lt=now - keep)
    )
    return _delete(expired)


def downloadable(user: Any, download_id: Any) -> PreparedDownload | None:
    """The download if `user` may fetch it now: theirs, ready, not expired, and the owning app still agrees."""
    download = (
        PreparedDownload.objects.filter(pk=download_id, owner=user, status=DownloadStatus.READY)
        .exclude(_expired(timezone.now()))
        .first()
    )
    if download is None or not download.file:
        return None
    kind = KINDS.get(download.kind)
    if kind is None or not kind.may_download(user, download):
        return None
    return download


def owned(user: Any, download_id: Any) -> PreparedDownload | None:
    """The owner's download (any status), for its status fragment."""
    return PreparedDownload.objects.filter(pk=download_id, owner=user).first()


def status_context(download: PreparedDownload | None) -> dict[str, Any]:
    """What `core/_download_status.html` shows: the download, its status and the page it belongs to."""
    if download is None:
        return {"download": None, "status": None, "page_url": ""}
    kind = KINDS.get(download.kind)
    return {
        "download": download,
        "status": status_of(download),
        "page_url": kind.page_path(download) if kind else "",
    }


def forget_owner(user_id: int) -> int:
    """Delete every prepared download of this person (their files hold their data)."""
    return _delete(PreparedDownload.objects.filter(owner_id=user_id))
