"""Pagination that stays fast on large tables."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: "more than 1,000 found" is as useful as the exact figure, and
    counting a million matching rows is not. Pages beyond the cap are not offered."""

    @cached_property
    def count(self) -> int:
        return self.object_list[: COUNT_CAP + 1].count()  # type: ignore[attr-defined]

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP
