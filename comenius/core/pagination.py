"""Pagination that stays fast on large tables, and says honestly what it cannot show."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.utils.functional import cached_property

COUNT_CAP = 200


class HonestPaginator(Paginator):
    """Never a different page than the one asked for (issue 16): a page past the last one is an empty page
    marked `out_of_range` (and `beyond_cap` when the count stopped at a cap, so results may exist there that
    cannot be reached); core/_pagination.html says so, with a link to the last page, instead of quietly showing
    the last page under the number asked for. Anything that is not a page number gives the first page."""

    cap: int | None = None

    @property
    def capped(self) -> bool:
        return False

    def get_page(self, number: object) -> Page:
        try:
            asked = int(str(number))
        except (TypeError, ValueError):
            asked = 1
        if asked < 1:
            asked = 1
        if asked <= self.num_pages:
            return self.page(asked)
        empty = self.object_list.none() if hasattr(self.object_list, "none") else []
        page = Page(empty, asked, self)
        page.out_of_range = True  # type: ignore[attr-defined]
        page.beyond_cap = self.capped  # type: ignore[attr-defined]
        return page


class CappedPaginator(HonestPaginator):
    """Counts at most COUNT_CAP + 1 rows: "more than 200 found" is as useful as the exact figure (nobody
    pages further; they add a filter), and counting a million matching rows is not. The last page and any
    page past it say that there are more results than can be shown, and how to narrow them."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        # Without ORDER BY the database may count from whichever index finds matches fastest.
        return self.object_list.order_by()[: COUNT_CAP + 1].count()  # type: ignore[attr-defined]

    @property
    def capped(self) -> bool:
        return self.count > COUNT_CAP
