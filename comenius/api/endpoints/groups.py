"""Groups open to visitors: what the public directory and about pages show (groups.access.public_directory),
never a name, a post or a member list. A members-only group answers 404 here as on the site."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from ninja.params import Path

from comenius.api.pagination import by_id
from comenius.api.schemas import ERRORS, PublicGroupOut, PublicGroupPage
from comenius.groups import access as groups_access
from comenius.groups.models import Group

router = Router(tags=["groups"])
ID = Path(..., ge=1, le=2**63 - 1)


class GroupQuery(Schema):
    query: str = ""
    subject: str = ""
    language: str = ""
    cursor: str | None = None
    limit: int | None = None


def _group(group: Group) -> dict[str, object]:
    theme = getattr(group, "annual_theme", None)  # a reverse one-to-one: absent raises AttributeError's subclass
    return {
        "id": group.pk,
        "title": group.title,
        "description": group.description,
        "subjects": list(group.subjects or []),
        "languages": list(group.languages or []),
        "annual_theme": theme.title if theme is not None else None,
        "member_count": group.member_count,
        "join_policy": group.join_policy,
        "url": reverse("groups:detail", args=[group.pk]),
    }


@router.get("/groups", response={200: PublicGroupPage, **ERRORS}, summary="Groups open to visitors")
def groups(request: HttpRequest, query: Query[GroupQuery]) -> dict[str, object]:
    filters = groups_access.GroupFilters(
        query=query.query[:100], subject=query.subject[:40], language=query.language[:10]
    )
    found, cursor = by_id(groups_access.public_directory(filters), query.cursor, query.limit)
    return {"items": [_group(group) for group in found], "next_cursor": cursor}


@router.get("/groups/{group_id}", response={200: PublicGroupOut, **ERRORS}, summary="A group open to visitors")
def group(request: HttpRequest, group_id: int = ID) -> dict[str, object]:
    return _group(groups_access.public_group(group_id))
