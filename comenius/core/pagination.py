"""Pagination that stays fast on large tables."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

COUNT_CAP = 200


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: "more than 200 found" is as useful as the exact figure (nobody
    pages further; they add a filter), and counting a million matching rows is not."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        # Without ORDER BY the database may count from whichever index finds matches fastest.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()  # type: ignore[attr-defined]

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP
