"""The digest: one e-mail per member and period (daily or weekly, the member's choice) with what waits for it,
grouped by project / group, in the member's language and time zone; nothing when nothing is new.

`send_digests()` runs as a periodic task (hourly, `notifications.send_digests`). A member is due once their
local time has passed `DIGEST_HOUR` (daily: each day; weekly: from Monday). The claim is a `DigestClaim` row per
member and period, inserted in batches with `ignore_conflicts` and tagged with the run's token: a second run in
the same period (or a parallel worker) inserts nothing for those members, so nobody gets two digests for one
period. The claimed items are marked `digested_at` in the same transaction, and one mail task per batch
(`deliver_digests`; a member whose digest fails is retried in a task of their own) is enqueued after commit.

It reads only members with waiting digest items (the partial index `notif_digest_waiting`), in batches of
`BATCH`; see docs/performance.md for its time at scale.
"""

from __future__ import annotations

import logging
import uuid
from collections import OrderedDict
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format

from comenius.core.emails import MAIL_BACKOFF, MAIL_RETRIES, absolute_url
from comenius.core.tasks import background
from comenius.notifications import access, registry
from comenius.notifications.models import DigestClaim, DigestFrequency, Notification, NotificationSettings
from comenius.notifications.registry import Delivery
from comenius.notifications.services import DIGEST, is_suppressed, render_text

logger = logging.getLogger("comenius.notifications")

DIGEST_HOUR = 7  # local time
BATCH = 1000


def _zone(name: str | None) -> ZoneInfo:
    try:
        return ZoneInfo(name or settings.TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def period_of(frequency: str, local: datetime) -> str | None:
    """The period a member is due for at local time `local`, or None (not yet, or never)."""
    if frequency == DigestFrequency.NEVER or local.hour < DIGEST_HOUR:
        return None
    if frequency == DigestFrequency.WEEKLY:
        year, week, _weekday = local.isocalendar()
        return f"w{year}-{week:02d}"
    return f"d{local.date().isoformat()}"


def send_digests(now: datetime | None = None) -> int:
    """Claim and enqueue the due digests. Returns how many members were claimed in this run."""
    now = now or timezone.now()
    run = uuid.uuid4().hex
    waiting = (
        Notification.objects.filter(delivery=Delivery.DIGEST, digested_at__isnull=True, created_at__lte=now)
        .values_list("recipient_id", flat=True)
        .distinct()
        .order_by("recipient_id")
    )
    claimed = 0
    last = 0
    while True:
        ids = list(waiting.filter(recipient_id__gt=last)[:BATCH])
        if not ids:
            break
        last = ids[-1]
        claimed += _claim_batch(ids, now, run)
    return claimed


def _claim_batch(ids: list[int], now: datetime, run: str) -> int:
    chosen = {
        row["user_id"]: row
        for row in NotificationSettings.objects.filter(user_id__in=ids).values(
            "user_id", "digest_frequency", "time_zone"
        )
    }
    due: dict[int, str] = {}
    for user_id in ids:
        row: dict[str, Any] = dict(chosen.get(user_id, {}))
        frequency = row.get("digest_frequency", DigestFrequency.DAILY)
        period = period_of(frequency, now.astimezone(_zone(row.get("time_zone"))))
        if period is not None:
            due[user_id] = period
    if not due:
        return 0
    with transaction.atomic():
        DigestClaim.objects.bulk_create(
            [DigestClaim(user_id=user_id, period=period, run=run, claimed_at=now) for user_id, period in due.items()],
            ignore_conflicts=True,
        )
        won = list(DigestClaim.objects.filter(run=run, user_id__in=list(due)).values_list("user_id", flat=True))
        if won:
            Notification.objects.filter(
                recipient_id__in=won, delivery=Delivery.DIGEST, digested_at__isnull=True, created_at__lte=now
            ).update(digested_at=now)
            stamp = now.isoformat()
            transaction.on_commit(lambda: deliver_digests.enqueue(won, stamp))
    return len(won)


def sections(user: Any, items: list[Notification]) -> list[tuple[str, list[dict[str, str]]]]:
    """The digest's items under their project / group headings (the others last, under "Other news")."""
    grouped: OrderedDict[str, list[dict[str, str]]] = OrderedDict()
    other: list[dict[str, str]] = []
    for item in access._visible(user, items):
        entry = {
            "text": render_text(item),
            "when": date_format(timezone.localtime(item.created_at), "DATETIME_FORMAT"),
            "url": absolute_url(reverse("notifications:open", args=[item.pk])),
        }
        (grouped.setdefault(item.group_label, []) if item.group_label else other).append(entry)
    result = list(grouped.items())
    if other:
        result.append((str(translation.gettext("Other news")), other))
    return result


@background(retries=0)
def deliver_digests(user_ids: list[int], stamp: str) -> int:
    """One claimed batch: each member's digest in turn. A member whose digest fails gets a task of their own
    (`deliver_digest`, retried with backoff), so one bad address neither stops the batch nor sends twice to the
    others. Returns the number sent."""
    sent = 0
    for user_id in user_ids:
        try:
            sent += bool(deliver_digest.func(user_id, stamp))
        except Exception:
            logger.warning("Digest for member %s failed; retrying on its own", user_id, exc_info=True)
            deliver_digest.enqueue(user_id, stamp)
    return sent


@background(retries=MAIL_RETRIES, backoff=MAIL_BACKOFF)
def deliver_digest(user_id: int, stamp: str) -> bool:
    """E-mail one member's digest: the items claimed at `stamp`, in their language and time zone."""
    from comenius.notifications.mail import compose, why_text

    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    when = parse_datetime(stamp)
    if user is None or when is None or not user.email or registry.is_pupil(user) or is_suppressed(user.email):
        return False
    items = list(
        Notification.objects.filter(recipient=user, delivery=Delivery.DIGEST, digested_at=when).order_by("created_at")
    )
    row: dict[str, Any] = dict(
        NotificationSettings.objects.filter(user=user).values("time_zone", "digest_frequency").first() or {}
    )
    language = getattr(user, "language", None) or settings.LANGUAGE_CODE
    with translation.override(language), timezone.override(_zone(row.get("time_zone"))):
        grouped = sections(user, items)
        if not grouped:
            return False
        values = {
            "member": user,
            "sections": grouped,
            "count": sum(len(entries) for _heading, entries in grouped),
            "weekly": row.get("digest_frequency") == DigestFrequency.WEEKLY,
            "url": absolute_url(reverse("notifications:centre")),
        }
        message = compose(
            to=user.email, language=language, template="notifications/email/digest", values=values,
            type_key=DIGEST, why=why_text(DIGEST), unsubscribe_user_id=user.pk,
        )  # fmt: skip
    message.send()
    return True
