"""`{% badges "project" project.pk %}`: the badges higher apps registered for a subject (core/badges.py)."""

from __future__ import annotations

from typing import Any

from django import template

from comenius.core.badges import badges_for

register = template.Library()


@register.inclusion_tag("core/_badges.html")
def badges(subject: str, pk: int | None) -> dict[str, Any]:
    return {"badges": badges_for(subject, pk)}
