"""Words for short waits (issue 11): "0 minutes" reads "just now"."""

from __future__ import annotations

from datetime import datetime, timedelta

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def just_now(moment: datetime | None) -> bool:
    """True for a moment less than a minute ago, where `timesince` would say "0 minutes"."""
    return moment is not None and timezone.now() - moment < timedelta(minutes=1)
