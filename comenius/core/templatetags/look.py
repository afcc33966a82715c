"""The look's template tags (docs/look.md): `{% icon "name" %}` and `{% avatar person %}`.

`{% icon "name" %}` draws one icon of the sprite (core/icons.py); it is decoration (`aria-hidden`), so the
button or link around it carries the words (visible, or `visually-hidden` with a tooltip). An unknown name
raises, so a typo fails the page's test.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from comenius.core.avatars import PALETTE, PICTURES, colour, initials, picture_path
from comenius.core.icons import ICONS, SPRITE

register = template.Library()


# Icons that point along the line of text: right-to-left pages (Arabic) show them mirrored (comenius.css).
DIRECTIONAL = {"log-in", "log-out", "send", "arrow-left", "arrow-right", "chevron-left", "chevron-right"}


@register.simple_tag
def icon(name: str, extra: str = "") -> SafeString:
    if name not in ICONS:
        raise template.TemplateSyntaxError(f"No icon {name!r} in core/icons.py.")
    css = f"icon {'icon--directional ' if name in DIRECTIONAL else ''}{extra}".strip()
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        css,
        static(SPRITE),
        name,
    )


_AVATAR_CLASSES = {"xs": "avatar avatar--xs", "sm": "avatar avatar--sm", "md": "avatar", "lg": "avatar avatar--large"}
_AVATAR_PIXELS = {"xs": 24, "sm": 32, "md": 56, "lg": 96}


@register.simple_tag(takes_context=True)
def avatar(
    context: template.Context, person: Any, seat: Any = None, size: str = "sm", photo_url: str | None = None
) -> SafeString:
    """`{% avatar person seat size="sm" photo_url=card.photo_url %}`: the person's face, decoration only (the
    name stands next to it). A pupil's chosen picture only with a `seat` of a space's own teachers or pupils
    (`Seat.sees_pictures`), or to the pupil themself; a photo only when the page passes its URL (from the
    access layer)."""
    css = _AVATAR_CLASSES.get(size, "avatar avatar--sm")
    pixels = _AVATAR_PIXELS.get(size, 32)
    if person is None:
        return format_html('<span class="{} avatar--initials avatar--former" aria-hidden="true">?</span>', css)
    picture = getattr(person, "picture", "")
    viewer = context.get("user")
    own = viewer is not None and getattr(viewer, "pk", None) is not None and viewer.pk == getattr(person, "pk", 0)
    sees = own or getattr(seat, "sees_pictures", False)
    if getattr(person, "is_pupil", False) and picture in PICTURES and sees:
        return format_html(
            '<img class="{} avatar--picture" src="{}" alt="" width="{}" height="{}">',
            css,
            static(picture_path(picture)),
            pixels,
            pixels,
        )
    if photo_url:
        return format_html('<img class="{}" src="{}" alt="" width="{}" height="{}">', css, photo_url, pixels, pixels)
    name = person.get_full_name() if hasattr(person, "get_full_name") else str(person)
    return format_html(
        '<span class="{} avatar--initials avatar--c{}" aria-hidden="true">{}</span>',
        css,
        PALETTE.index(colour(name)),
        initials(name),
    )
