"""Permission-matrix rows for every notifications URL (merged into site/tests/test_permission_matrix.py).

The centre is for every signed-in account, pupils included (in-app only); the preferences for everyone but
pupils; an item opens only for its recipient (Mette's, here); read marks and watch levels are POST-only; the
unsubscribe page needs no login (a mail client's one-click POST has no session), pupils never reach it."""

from __future__ import annotations

from typing import Any

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]


def NO_ARGS(cast: Any) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, default), **overrides}


def mettes_item(cast: Any) -> dict[str, Any]:
    from comenius.notifications.models import Notification
    from comenius.notifications.services import notify

    item = Notification.objects.filter(recipient=cast.mette, type="core.download_ready").first()
    if item is None:
        item = notify(cast.mette, "core.download_ready", text="Your download is ready", url="/notifications/")
    assert item is not None
    return {"pk": item.pk}


def the_space(cast: Any) -> dict[str, Any]:
    return {"kind": "spaces.space", "object_id": cast.project.space.pk}


def a_token(cast: Any) -> dict[str, Any]:
    from comenius.notifications.services import unsubscribe_token

    return {"token": unsubscribe_token(cast.mette.pk, "network.contact_request")}


ROWS: dict[str, tuple[Any, dict[str, int]]] = {
    "notifications:centre": (NO_ARGS, statuses(200, anon=302)),
    "notifications:open": (mettes_item, statuses(404, anon=302, mette=302)),
    "notifications:read": (mettes_item, statuses(405)),
    "notifications:read_all": (NO_ARGS, statuses(405)),
    "notifications:preferences": (NO_ARGS, statuses(200, anon=302, pia=404)),
    "notifications:watch": (the_space, statuses(405, pia=404)),
    "notifications:unsubscribe": (a_token, statuses(200, pia=404)),
}
