"""The digest run at scale (issue 15): how long the periodic task takes to claim and enqueue one digest per member
with something new, and how long the worker takes to render and send one digest, measured on the current
database and extrapolated to the reference scale.

    DATABASE_URL=postgres://…/comenius_bench manage.py bench_digest [--members 100000] [--write docs/performance.md]

It uses the database's members (the scale data's, or synthetic ones it makes and removes again), gives each three
waiting digest items in three projects, spreads them over time zones and daily/weekly digests, runs
`notifications.digest.send_digests` once (with the configured task backend: on the database backend every digest
is an enqueued task row, as in production) and a second time (which must claim nothing), renders and sends a sample
of digests into memory, and removes everything it made.
"""

from __future__ import annotations

import os
import platform
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand
from django.db import connection, transaction
from django.test import override_settings
from django.utils import timezone

from comenius.notifications import digest
from comenius.notifications.models import DigestClaim, Notification, NotificationSettings
from comenius.notifications.registry import Delivery

REFERENCE_MEMBERS = 1_200_000
ZONES = ["Europe/Copenhagen", "Europe/Madrid", "Europe/Istanbul", "Europe/Lisbon", "Europe/Helsinki", "Asia/Amman"]
MARK_START, MARK_END = "<!-- digest-bench -->", "<!-- /digest-bench -->"
BATCH = 5000


class Command(BaseCommand):
    help = "Measure the digest run (claim + enqueue, and one digest's rendering) and extrapolate to 1.2 M members."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--members", type=int, default=100_000)
        parser.add_argument("--sample", type=int, default=300, help="Digests rendered and sent (to memory).")
        parser.add_argument("--write", default="")

    def handle(self, *args: Any, **options: Any) -> None:
        user_model = get_user_model()
        wanted = options["members"]
        made_users = self._ensure_members(user_model, wanted)
        ids = list(
            user_model.objects.filter(role="member", is_active=True, email__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)[:wanted]
        )
        self.stdout.write(f"{len(ids):,} members, three waiting items each")
        started = time.perf_counter()
        self._waiting_items(ids)
        setup = time.perf_counter() - started
        now = datetime(2026, 12, 7, 12, 0, tzinfo=ZoneInfo("UTC"))  # a Monday, past 07:00 in every zone used
        claim_started = time.perf_counter()
        claimed = digest.send_digests(now)
        claim_seconds = time.perf_counter() - claim_started
        self.stdout.write(f"claimed {claimed:,} in {claim_seconds:.1f} s")
        again_started = time.perf_counter()
        claimed_again = digest.send_digests(now + timedelta(minutes=30))
        again_seconds = time.perf_counter() - again_started
        sample = ids[: options["sample"]]
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            render_started = time.perf_counter()
            sent = sum(1 for user_id in sample if digest.deliver_digest.func(user_id, now.isoformat()))
            per_mail = (time.perf_counter() - render_started) / max(sent, 1)
        self._clean_up(ids, made_users)
        scale = REFERENCE_MEMBERS / max(len(ids), 1)
        result = {
            "members": len(ids),
            "setup": setup,
            "claimed": claimed,
            "claim_seconds": claim_seconds,
            "claimed_again": claimed_again,
            "again_seconds": again_seconds,
            "sent": sent,
            "per_mail_ms": per_mail * 1000,
            "claim_reference_minutes": claim_seconds * scale / 60,
            "mail_reference_hours_per_worker": per_mail * REFERENCE_MEMBERS / 3600,
        }
        text = self._section(result)
        self.stdout.write(text)
        if options["write"]:
            self._write(Path(options["write"]), text)

    def _ensure_members(self, user_model: Any, wanted: int) -> list[int]:
        have = user_model.objects.filter(role="member", is_active=True, email__isnull=False).count()
        missing = max(0, wanted - have)
        made: list[int] = []
        unusable = make_password(None)  # nobody logs in as these
        for start in range(0, missing, BATCH):
            rows = [
                user_model(
                    email=f"digest-bench-{start + n}@bench.example",
                    first_name="Bench",
                    last_name=str(start + n),
                    role="member",
                    status="validated",
                    language="da" if n % 2 else "en",
                    password=unusable,
                )
                for n in range(min(BATCH, missing - start))
            ]
            made += [user.pk for user in user_model.objects.bulk_create(rows)]
        return made

    def _waiting_items(self, ids: list[int]) -> None:
        created = timezone.now() - timedelta(hours=5)
        if connection.vendor == "postgresql":
            self._waiting_items_in_the_database(ids, created)
            return
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            with transaction.atomic():
                NotificationSettings.objects.bulk_create(
                    [
                        NotificationSettings(
                            user_id=user_id,
                            digest_frequency="weekly" if user_id % 5 == 0 else "daily",
                            time_zone=ZONES[user_id % len(ZONES)],
                        )
                        for user_id in chunk
                    ],
                    ignore_conflicts=True,
                )
                Notification.objects.bulk_create(
                    [
                        Notification(
                            recipient_id=user_id,
                            type="spaces.activity",
                            message={"text": "New post in %(space)s", "params": {"space": f"Project {n}"}},
                            url="/notifications/",
                            group_kind="spaces.space",
                            group_id=n,
                            group_label=f"Project {n}",
                            delivery=Delivery.DIGEST,
                            created_at=created,
                        )
                        for user_id in chunk
                        for n in range(3)
                    ]
                )

    def _waiting_items_in_the_database(self, ids: list[int], created: datetime) -> None:
        """The same rows as the ORM path, made by PostgreSQL itself (INSERT … SELECT over the ids): at 1.2 M
        members the ORM's batches took about 40 minutes on the shared machine, longer than the run they prepare."""
        settings_sql = """
            INSERT INTO notifications_notificationsettings (user_id, digest_frequency, time_zone)
            SELECT u.id, CASE WHEN u.id %% 5 = 0 THEN 'weekly' ELSE 'daily' END, (%s::text[])[u.id %% %s + 1]
            FROM unnest(%s::bigint[]) AS u(id)
            ON CONFLICT (user_id) DO NOTHING"""
        items_sql = """
            INSERT INTO notifications_notification (type, message, url, target_kind, group_kind, group_id,
                group_label, delivery, created_at, recipient_id)
            SELECT 'spaces.activity',
                jsonb_build_object(
                    'text', 'New post in %%(space)s', 'params', jsonb_build_object('space', 'Project ' || n)
                ),
                '/notifications/', '', 'spaces.space', n, 'Project ' || n, %s, %s, u.id
            FROM unnest(%s::bigint[]) AS u(id), generate_series(0, 2) AS n"""
        step = BATCH * 10
        for start in range(0, len(ids), step):
            chunk = ids[start : start + step]
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(settings_sql, [ZONES, len(ZONES), chunk])
                cursor.execute(items_sql, [Delivery.DIGEST.value, created, chunk])

    def _clean_up(self, ids: list[int], made_users: list[int]) -> None:
        for start in range(0, len(ids), BATCH):
            chunk = ids[start : start + BATCH]
            Notification.objects.filter(
                recipient_id__in=chunk, type="spaces.activity", group_label__startswith="Project "
            ).delete()
            DigestClaim.objects.filter(user_id__in=chunk).delete()
        if "django_tasks_db" in settings.INSTALLED_APPS:
            from django_tasks_db.models import DBTaskResult

            DBTaskResult.objects.filter(task_path__contains="deliver_digest").delete()
        for start in range(0, len(made_users), BATCH):
            get_user_model().objects.filter(pk__in=made_users[start : start + BATCH]).delete()

    def _section(self, r: dict[str, Any]) -> str:
        engine = f"{connection.vendor} {getattr(connection, 'pg_version', '')}".strip()
        claim = f"| claim and enqueue ({r['claimed']:,} digests: claim rows, items marked, one task per batch)"
        claim += f" | {r['claim_seconds']:.1f} s | {r['claim_reference_minutes']:.1f} min |"
        again = f"| the same run again in the period (claims {r['claimed_again']})"
        again += f" | {r['again_seconds']:.2f} s | — |"
        mail = f"| render and send one digest (HTML + text; {r['sent']} sent to memory)"
        mail += f" | {r['per_mail_ms']:.1f} ms | {r['mail_reference_hours_per_worker']:.1f} h of one worker |"
        full = r["members"] >= REFERENCE_MEMBERS
        column = "at 1.2 M members" if full else "at 1.2 M members (extrapolated, linear)"
        scaled = (
            "The claim was measured at the reference scale itself; the rendering total is the measured time of one"
            " digest times 1.2 M"
            if full
            else "The figures at\n1.2 M members are the measured ones scaled linearly (measured on fewer members)"
        )
        return f"""{MARK_START}
## The digest run (issue 15)

Measured by `manage.py bench_digest` (part of `make bench`) on {timezone.now():%Y-%m-%d %H:%M} UTC: {r["members"]:,}
members with three waiting items each (three projects), time zones from Lisbon to Amman, one in five on weekly
digests; {engine}; Python {platform.python_version()}; {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}.

| step | measured | {column} |
|---|---:|---:|
{claim}
{again}
{mail}

The claim pass reads only members with waiting items (partial index `notif_digest_waiting`) in batches of
{digest.BATCH}: per batch one read of their settings, one insert of claim rows (`ignore_conflicts`, tagged with the
run's token, so a second or parallel run claims nothing), one update of the items and one task for the batch. It is
linear in the members with something new and independent of everything else. Rendering is the worker's job and
spreads over as many workers as run (`manage.py run_worker`); the SMTP relay is then the limit. {scaled}.
{MARK_END}
"""

    def _write(self, path: Path, text: str) -> None:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if MARK_START in current and MARK_END in current:
            before, rest = current.split(MARK_START, 1)
            after = rest.split(MARK_END, 1)[1]
            current = before + text.rstrip("\n") + after
        else:
            current = current.rstrip("\n") + "\n\n" + text
        path.write_text(current, encoding="utf-8")
        self.stdout.write(f"Written to {path}")
