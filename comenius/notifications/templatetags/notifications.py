from typing import Any

from django import template

from comenius.notifications import services

register = template.Library()


@register.simple_tag(takes_context=True)
def watch_level(context: dict[str, Any], kind: str, object_id: int) -> str:
    """The signed-in member's watch level for one object ("watching", "normal", "muted")."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "normal"
    return services.watch_level(user, kind, object_id)
