"""What events tell people, through `comenius.notifications` (registered from `EventsConfig.ready`): in-app, and by
e-mail as each member's preferences say. Each e-mail template of `events/email/` belongs to one notification type:

- `events.registration`: registered, on the waiting list, applied, selected or not, removed, an offer passed on;
- `events.offer`: a place is offered for a day (required: a missed offer loses the place);
- `events.change`: a new time, a cancellation;
- `events.reminder`: the day-before and hour-before reminders (sent to many at once: one-click unsubscribe).

The offer also shows on the event page and on "Your events" with its deadline and the buttons to answer it.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from comenius.core.emails import absolute_url
from comenius.notifications.registry import Delivery, NotificationType, Target, register_target, register_type
from comenius.notifications.services import Mail, notify

# template → (type, the in-app sentence)
TEMPLATES: dict[str, tuple[str, Any]] = {
    "registered": ("events.registration", _("You are registered for “%(event)s”")),
    "waiting": ("events.registration", _("You are on the waiting list for “%(event)s”")),
    "applied": ("events.registration", _("Your application for “%(event)s” is with the organiser")),
    "selected": ("events.registration", _("You are selected for “%(event)s”")),
    "not_selected": ("events.registration", _("You were not selected for “%(event)s”")),
    "removed": ("events.registration", _("The organiser removed you from “%(event)s”")),
    "offer_expired": ("events.registration", _("The place offered to you at “%(event)s” passed on")),
    "offered": ("events.offer", _("A place is free for you at “%(event)s”: take it within a day")),
    "moved": ("events.change", _("“%(event)s” has a new time")),
    "cancelled": ("events.change", _("“%(event)s” is cancelled")),
    "reminder_day": ("events.reminder", _("Tomorrow: “%(event)s”")),
    "reminder_hour": ("events.reminder", _("In an hour: “%(event)s”")),
}


def tell(user: Any, template: str, context: dict[str, Any]) -> None:
    """Tell `user` about an event (`context["event"]`); call inside the service's transaction (the item is
    stored in it; the e-mail goes after commit)."""
    type_key, text = TEMPLATES[template]
    event = context["event"]
    notify(
        user,
        type_key,
        event,
        text=text,
        params={"event": event.title},
        url=reverse("events:detail", kwargs={"pk": event.pk}),
        mail=Mail(f"events/email/{template}", {"name": user.get_short_name(), **context}),
    )


def event_url(event: Any) -> str:
    return absolute_url(reverse("events:detail", kwargs={"pk": event.pk}))


def _visible_events(user: Any) -> Any:
    from comenius.events.access import events_visible_to

    return events_visible_to(user)


def register() -> None:
    register_type(
        NotificationType(
            "events.registration",
            _("Your event registrations"),
            default=Delivery.EMAIL,
            description=_("Registered, on the waiting list, applications and their answers."),
        )
    )
    register_type(
        NotificationType(
            "events.offer",
            _("A place offered from a waiting list"),
            default=Delivery.EMAIL,
            required=True,
            description=_("You have a day to take it, so it always comes by e-mail."),
        )
    )
    register_type(
        NotificationType(
            "events.change",
            _("Changes to your events"),
            default=Delivery.EMAIL,
            description=_("A new time or a cancellation."),
        )
    )
    register_type(
        NotificationType(
            "events.reminder",
            _("Event reminders"),
            default=Delivery.EMAIL,
            bulk=True,
            description=_("A day and an hour before an event you are registered for."),
        )
    )
    register_target(
        Target("events.event", _visible_events, path=lambda pk: reverse("events:detail", kwargs={"pk": pk}))
    )
