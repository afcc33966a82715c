"""The look's template tags (docs/look.md): `{% icon "name" %}` and `{% avatar person %}`.

`{% icon "name" %}` draws one icon of the sprite (core/icons.py); it is decoration (`aria-hidden`), so the
button or link around it carries the words (visible, or `visually-hidden` with a tooltip). An unknown name
raises, so a typo fails the page's test.
"""

from __future__ import annotations

from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import SafeString

from comenius.core.icons import ICONS, SPRITE

register = template.Library()


@register.simple_tag
def icon(name: str, extra: str = "") -> SafeString:
    if name not in ICONS:
        raise template.TemplateSyntaxError(f"No icon {name!r} in core/icons.py.")
    css = f"icon {extra}".strip()
    return format_html(
        '<svg class="{}" aria-hidden="true" focusable="false"><use href="{}#{}"></use></svg>',
        css,
        static(SPRITE),
        name,
    )
