"""Rich text from teachers and pupils, made safe (nh3): what pages may contain, and which embeds.

Allowed: headings, paragraphs, lists, emphasis, quotes, tables, links (http, https, mailto and the
platform's own paths), images from the space's own materials, and iframes whose address is on
SPACE_EMBED_HOSTS. Scripts, styles, event handlers, `javascript:` links and every other iframe are removed.
Embeds are stored as click-to-load placeholders: nothing is fetched from another host until a member
chooses to load it (the platform makes no third-party requests on its own).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import nh3
from django.conf import settings

TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "blockquote",
    "a", "img", "figure", "figcaption", "table", "thead", "tbody", "tr", "th", "td", "div", "button", "span",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"scope"},
    "div": {"class", "data-embed-src"},
    "button": {"type", "class"},
    "span": {"class"},
}
EMBED_CLASSES = {"embed", "embed__load", "embed__host"}
_OWN_MATERIAL = re.compile(r"^/spaces/(?P<space>\d+)/materials/\d+/(file|thumbnail)/$")


def embed_allowed(url: str) -> bool:
    """An https address on one of the allowed hosts."""
    parts = urlsplit(url.strip())
    return parts.scheme == "https" and (parts.hostname or "") in set(settings.SPACE_EMBED_HOSTS)


def embed_placeholder(url: str, title: str = "") -> str:
    """The stored form of an embed: a box naming the host, with a button that loads it (static JS)."""
    host = urlsplit(url).hostname or ""
    safe_url = nh3.clean_text(url)
    label = nh3.clean_text(title or host)
    return (
        f'<div class="embed" data-embed-src="{safe_url}"><span class="embed__host">{label}</span> '
        f'<button type="button" class="embed__load">▶ {nh3.clean_text(host)}</button></div>'
    )


def _iframes_to_placeholders(html: str) -> str:
    def replace(match: re.Match[str]) -> str:
        source = re.search(r'src\s*=\s*["\']([^"\']+)["\']', match.group(0))
        if source and embed_allowed(source.group(1)):
            return embed_placeholder(source.group(1))
        return ""

    return re.sub(r"<iframe\b[^>]*>(?:.*?</iframe\s*>)?", replace, html, flags=re.IGNORECASE | re.DOTALL)


def clean_html(html: str, space_id: int) -> str:
    """Sanitise a page body for the space `space_id` (its own material images may be shown)."""

    def keep(tag: str, attribute: str, value: str) -> str | None:
        if tag == "img" and attribute == "src":
            match = _OWN_MATERIAL.match(value)
            return value if match and int(match.group("space")) == space_id else None
        if tag == "div" and attribute == "data-embed-src":
            return value if embed_allowed(value) else None
        if attribute == "class":
            kept = [name for name in value.split() if name in EMBED_CLASSES]
            return " ".join(kept) or None
        if tag == "button" and attribute == "type":
            return "button"
        return value

    return nh3.clean(
        _iframes_to_placeholders(html),
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        attribute_filter=keep,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
