"""Permission-matrix rows of national pages, the NSO dashboard and the statistics (merged into
site/tests/test_permission_matrix.py). Jonas writes one published Danish news post (without an image)."""

from __future__ import annotations

from typing import Any

from comenius.ambassadors.tests.matrix import per_group, public

OWN_COUNTRY = per_group(302, 404, 404, 404, 200, ana=404)


def danish_post(cast: Any) -> dict[str, Any]:
    from comenius.core.models import Country
    from comenius.countries import services
    from comenius.countries.models import NewsPost

    post = NewsPost.objects.filter(country_id="DK").first() or services.save_news(
        cast.jonas, Country.objects.get(pk="DK"), services.NewsData("Velkommen", "<p>Nyt fra os</p>", publish=True)
    )
    return {"code": "dk", "pk": post.pk}


def denmark(cast: Any) -> dict[str, Any]:
    return {"code": "dk"}


def no_args(cast: Any) -> dict[str, Any]:
    return {}


ROWS = {
    "countries:index": (no_args, public()),
    "countries:page": (denmark, public()),
    "countries:news": (danish_post, public()),
    "countries:news_image": (danish_post, {**public(404)}),  # the post has no image
    "countries:edit_page": (denmark, OWN_COUNTRY),
    "countries:newsroom": (denmark, OWN_COUNTRY),
    "countries:new_news": (denmark, OWN_COUNTRY),
    "countries:edit_news": (danish_post, OWN_COUNTRY),
    "countries:delete_news": (danish_post, per_group(302, 404, 404, 404, 405)),
    "countries:dashboard": (no_args, per_group(302, 404, 404, 404, 200)),
    "countries:merge_institutions": (no_args, per_group(302, 404, 404, 404, 200)),
    "countries:merge_member_accounts": (no_args, per_group(302, 404, 404, 404, 200)),
    "countries:merge_own_accounts": (no_args, per_group(302, 200, 200, 404, 404)),
    "countries:stats": (no_args, public()),
    "countries:stats_csv": (no_args, public()),
    "countries:stats_json": (no_args, public()),
}
