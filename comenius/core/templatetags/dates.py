"""The named date formats for the browser (issue 11: one date format per language).

Times in `<time data-local>` are rewritten by comenius.js into the reader's own time zone; it writes them in the
language's DATETIME_FORMAT (comenius/core/formats), with the month names Django uses, so a time looks the same
whether the server or the browser wrote it. Both come in two <meta> elements of the page's head."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import formats
from django.utils.html import format_html

register = template.Library()

_MONTH_TOKENS = "FMNb"


@register.simple_tag
def local_time_format() -> str:
    """The `comenius-datetime-format` and `comenius-months` meta elements: the pattern and the twelve month names
    as its month token writes them."""
    pattern = str(formats.get_format("DATETIME_FORMAT"))
    token = next((char for i, char in enumerate(pattern) if char in _MONTH_TOKENS and pattern[i - 1 : i] != "\\"), "")
    months = "|".join(formats.date_format(date(2026, month, 1), token) for month in range(1, 13)) if token else ""
    return format_html(
        '<meta name="comenius-datetime-format" content="{}"><meta name="comenius-months" content="{}">', pattern, months
    )
