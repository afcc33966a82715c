"""Periodic work of the notifications (imported by core at start-up): the digest run, hourly."""

from datetime import timedelta

from comenius.core.tasks import background, register_periodic


@background(retries=1, backoff=300)
def send_digests() -> int:
    from comenius.notifications import digest

    return digest.send_digests()


register_periodic("notifications.send_digests", send_digests, timedelta(hours=1))
