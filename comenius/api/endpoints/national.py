"""Public national presence: the ambassador finder, national news and the open statistics — what the public
pages show, from the same access functions (never an ambassador's address; small counts suppressed)."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema

from comenius.ambassadors import access as ambassadors_access
from comenius.api.pagination import by_id
from comenius.api.schemas import ERRORS, AmbassadorList, NewsPage, OpenData
from comenius.countries import access as countries_access

router = Router(tags=["national presence"])
MAX_AMBASSADORS = 200


class FinderFilters(Schema):
    region: str = ""
    postcode: str = ""
    municipality: str = ""
    level: str = ""
    language: str = ""


@router.get("/countries/{code}/ambassadors", response={200: AmbassadorList, **ERRORS}, summary="Find ambassadors")
def ambassadors(request: HttpRequest, code: str, filters: Query[FinderFilters]) -> dict[str, object]:
    country = countries_access.public_country(code[:2])
    criteria = ambassadors_access.Filters(
        region=filters.region[:40],
        postcode=filters.postcode[:20],
        municipality=filters.municipality[:100],
        level=filters.level[:30],
        language=filters.language[:10],
    )
    found, region = ambassadors_access.find(country, criteria)
    cards = ambassadors_access.cards(list(found[:MAX_AMBASSADORS]))
    items = [
        {
            "id": card.pk,
            "name": card.name,
            "kind": card.kind,
            "school": card.school,
            "introduction": card.introduction,
            "regions": card.regions,
            "help_ways": card.help_ways,
            "languages": card.languages,
            "levels": card.levels,
            "contact_url": reverse("ambassadors:contact", args=[card.pk]),
        }
        for card in cards
    ]
    return {"country": country.code, "region": region.code if region else None, "items": items}


@router.get("/countries/{code}/news", response={200: NewsPage, **ERRORS}, summary="National news")
def news(request: HttpRequest, code: str, cursor: str | None = None, limit: int | None = None) -> dict[str, object]:
    country = countries_access.public_country(code[:2])
    posts, next_cursor = by_id(countries_access.published_news(country).order_by(), cursor, limit)
    items = [
        {
            "id": post.pk,
            "country": country.code,
            "title": post.title,
            "html": post.body,  # sanitised when it was written (countries.sanitise)
            "published_at": post.published_at,
            "url": reverse("countries:news", args=[country.code.lower(), post.pk]),
        }
        for post in posts
    ]
    return {"items": items, "next_cursor": next_cursor}


@router.get("/statistics", response={200: OpenData, **ERRORS}, summary="Open data: the public statistics")
def statistics(request: HttpRequest, country: str = "") -> dict[str, object]:
    code = country.upper()[:2] if country.isalpha() else ""
    figures = countries_access.open_data(code)
    return {
        "licence": countries_access.LICENCE,
        "small_counts_below": countries_access.SMALL_COUNT,
        "figures": [
            {"dataset": f.dataset, "country": f.country, "period": f.period, "measure": f.measure, "value": f.value}
            for f in figures
        ],
    }
