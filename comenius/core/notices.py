"""How core tells a member something (a prepared download is ready) without importing the notification system,
which sits above it: `comenius.notifications` registers its `notify` here from its `AppConfig.ready()`.

    notices.notify(owner, "core.download_ready", download, text=_("…"), params={…}, url="/…",
                   mail=("core/email/download_ready", {…}))

Without a registered notifier (core used alone) the call is logged and nothing is sent.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

logger = logging.getLogger("comenius.notices")

_notifier: Callable[..., Any] | None = None


def register_notifier(function: Callable[..., Any]) -> None:
    global _notifier
    _notifier = function


def notify(recipient: Any, type_key: str, obj: Any = None, **kwargs: Any) -> Any:
    if _notifier is None:
        logger.warning("No notifier registered; %s for %s not sent", type_key, getattr(recipient, "pk", recipient))
        return None
    return _notifier(recipient, type_key, obj, **kwargs)
