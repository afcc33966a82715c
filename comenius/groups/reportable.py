"""What of groups can be reported (the moderation registry). Filled in with the group pages."""

from __future__ import annotations


def register() -> None:
    pass
