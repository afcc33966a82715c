"""Permission-matrix rows of the Translate action (merged into site/tests/test_permission_matrix.py).

The matrix runs with machine translation off (the default): the action does not exist for anyone. Who may
translate what with the engine on is `test_who_may_translate.py`, through each owning app's access."""

from __future__ import annotations

from typing import Any

from comenius.devdata.testing import Cast

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]


def mettes_first_message(cast: Cast) -> dict[str, Any]:
    from comenius.network.models import Message

    return {"kind": "message", "pk": Message.objects.filter(sender=cast.mette).order_by("pk").first().pk}  # type: ignore[union-attr]


ROWS = {
    "translation:translate": (mettes_first_message, dict.fromkeys(ROLES, 404)),
}
