from typing import Any

from django import template

from comenius.notifications import access, services

register = template.Library()


@register.simple_tag(takes_context=True)
def watch_level(context: dict[str, Any], kind: str, object_id: int) -> str:
    """The signed-in member's watch level for one object ("watching", "normal", "muted")."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "normal"
    return services.watch_level(user, kind, object_id)


@register.simple_tag(takes_context=True)
def bell_count(context: Any) -> int:
    """The bell's number: from the header's one badge query when the page has it (`header_counts`, validated
    members), else the notifications' own (cached) count."""
    counts = context.get("header_counts")
    if counts is not None:
        try:
            return int(counts["unread_notifications"])
        except (KeyError, TypeError, ValueError):
            pass
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return access.unread_count(user)
