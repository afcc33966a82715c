"""National news and page texts, made safe with nh3 (like the project spaces' pages): headings, paragraphs,
lists, emphasis, quotes, tables and links. No images inside the text (a post's one image goes through the
upload policy), no iframes, scripts, styles or event handlers."""

from __future__ import annotations

import nh3

TAGS = {
    "h2", "h3", "h4", "p", "br", "hr", "ul", "ol", "li", "strong", "em", "b", "i", "u", "s", "blockquote",
    "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style"},
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
