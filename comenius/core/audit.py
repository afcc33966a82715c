"""The audit log's vocabulary: every action code an app writes with `record_audit`, and its label.

Each app keeps its codes in its own `audit` module, which registers them when imported; core imports those
modules at start-up (as it does with `tasks`), so the audit log's filter and its table can name every decision
without core knowing the apps above it. Writing a code nobody registered is a programming error: the test
suite turns it into a failure (`REQUIRE_REGISTERED`), production logs it and still records the decision.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

_labels: dict[str, Promise | str] = {}

# Set by the test suite: an unregistered code then raises instead of being logged.
REQUIRE_REGISTERED = False


class UnregisteredAuditActionError(LookupError):
    pass


def register(labels: Mapping[str, Promise | str]) -> None:
    """Called at import of an app's `audit` module: code → translatable label ("member.suspended" → …)."""
    for code, label in labels.items():
        if code in _labels and _labels[code] != label:
            raise ValueError(f"The audit action {code!r} is registered twice with different labels.")
        _labels[code] = label


def check_registered(code: str) -> None:
    if code in _labels:
        return
    message = f"The audit action {code!r} is not registered: add it to the `audit` module of the app that writes it."
    if REQUIRE_REGISTERED:
        raise UnregisteredAuditActionError(message)
    logger.error(message)


def label(code: str) -> str:
    """The reader's words for a code; the code itself for one that is no longer registered (old entries)."""
    return str(_labels.get(code, code))


def choices() -> list[tuple[str, str]]:
    """Every registered code with its label, in the reader's alphabetical order of the labels."""
    return sorted(((code, str(text)) for code, text in _labels.items()), key=lambda item: item[1].casefold())


# The platform's own decisions (the country table is edited in the admin).
register({"country.added": _("Country added"), "country.changed": _("Country changed")})
