"""What of events can be reported (the moderation registry): an event, with its public description. Reports go
to central support and, for a national event, to the NSO of the event's country, which organises it — not to
the country of whoever typed it in (`Kind.country_of`). Events of central support or of a group reach central
support only: a group's moderators organise its events, so they are not the ones to judge reports of them."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.utils.translation import gettext_lazy as _

from comenius.events import access, services
from comenius.events.models import Event, Organiser
from comenius.moderation.registry import Kind, register_kind


def _event_for(viewer: Any, pk: int) -> Event:
    """As the reporter sees it: an event they may see, not already hidden."""
    event = access.get_event_for(viewer, pk)
    if event.hidden_at is not None:
        raise Http404
    return event


def _country_of(event: Event) -> str | None:
    return event.country_id if event.organiser == Organiser.NSO else None


def register() -> None:
    register_kind(
        Kind(
            "event",
            _("Event"),
            fetch_for=_event_for,
            fetch=lambda pk: Event.objects.filter(pk=pk).first(),
            author=lambda event: event.created_by,
            describe=lambda event: f"{event.title}\n\n{event.description}",
            set_hidden=services.set_hidden,
            delete=services.delete_by_moderator,
            country_of=_country_of,
        )
    )
