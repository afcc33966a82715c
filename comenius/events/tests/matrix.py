"""Permission-matrix rows of the events pages (merged into site/tests/test_permission_matrix.py).

The cast's event: the Danish national team's public workshop (Jonas organises; central support manages every
event), Mette registered. Visitors see public events and the public calendar; registering is for validated
members (Lucía is refused by the service, not the door: the national rule is a message on the page); organisers'
pages answer 404 to everyone else. The group "Outdoor maths" (groups' matrix) makes Mette a group moderator, so
she may organise events (for her group)."""

from __future__ import annotations

from typing import Any

from comenius.devdata.testing import Cast

ROLES = ["anon", "mette", "lucia", "otto", "nina", "pia", "jonas", "ana", "carla"]
MEMBERS = ["mette", "lucia", "otto"]
OFFICERS = ["jonas", "ana", "carla"]


def NO_ARGS(cast: Cast) -> dict[str, Any]:  # noqa: N802 - the matrix's name for it
    return {}


def statuses(default: int, **overrides: int) -> dict[str, int]:
    return {**dict.fromkeys(ROLES, default), **overrides}


def per_group(anon: int, members: int, nina: int, pia: int, officers: int, **overrides: int) -> dict[str, int]:
    """As in the matrix: visitors, the validated members, Nina (pending), Pia (pupil), the officers."""
    table = {"anon": anon, "nina": nina, "pia": pia, **dict.fromkeys(MEMBERS, members)}
    return {**table, **dict.fromkeys(OFFICERS, officers), **overrides}


def the_event(cast: Cast) -> Any:
    from comenius.events import services
    from comenius.events.models import Event
    from comenius.events.tests.helpers import danish_event

    event = Event.objects.filter(title="Matrix workshop").first()
    if event is None:
        event = danish_event(cast, title="Matrix workshop", capacity=10)
        services.register(cast.mette, event)
    return event


def event_args(cast: Cast) -> dict[str, Any]:
    return {"pk": the_event(cast).pk}


def mettes_registration(cast: Cast) -> dict[str, Any]:
    from comenius.events.models import Registration

    event = the_event(cast)
    return {"pk": event.pk, "registration_id": Registration.objects.get(event=event, user=cast.mette).pk,
            "action": "remove"}  # fmt: skip


def offer_answer(cast: Cast) -> dict[str, Any]:
    return {"pk": the_event(cast).pk, "answer": "accept"}


def mettes_feed(cast: Cast) -> dict[str, Any]:
    from comenius.events import services

    return {"token": services.ensure_feed(cast.mette).token}


def with_mettes_group(cast: Cast) -> dict[str, Any]:
    """Mette moderates the approved group "Outdoor maths" (as in the groups matrix)."""
    from comenius.groups.tests.matrix import the_group

    the_group(cast)
    return {}


ORGANISERS = per_group(302, 404, 404, 404, 404, jonas=200, carla=200)
ORGANISERS_POST = per_group(302, 404, 404, 404, 404, jonas=405, carla=405)

ROWS = {
    # The calendar, event pages and calendar files: public events for everyone; pupils stay in their spaces.
    "events:list": (NO_ARGS, statuses(200, pia=404)),
    "events:detail": (event_args, statuses(200, pia=404)),
    "events:ics": (event_args, statuses(200, pia=404)),
    "events:public_feed": (NO_ARGS, statuses(200, pia=404)),
    # The personal feed: the secret address is the key (calendar apps cannot log in).
    "events:feed": (mettes_feed, statuses(200, pia=404)),
    # A member's own registrations and calendar address; registering is for validated members.
    "events:mine": (NO_ARGS, per_group(302, 200, 302, 404, 404)),
    "events:reset_feed": (NO_ARGS, per_group(302, 405, 302, 404, 404)),
    "events:register": (event_args, per_group(302, 405, 302, 404, 404)),
    "events:cancel_registration": (event_args, per_group(302, 405, 302, 404, 404)),
    "events:answer_offer": (offer_answer, per_group(302, 405, 302, 404, 404)),
    # Organising: central support, NSO officers (their country), group moderators (Mette).
    "events:new": (with_mettes_group, per_group(302, 404, 404, 404, 200, mette=200)),
    "events:organised": (with_mettes_group, per_group(302, 404, 404, 404, 200, mette=200)),
    # The Danish workshop's organisers: Jonas and central support.
    "events:edit": (event_args, ORGANISERS),
    "events:cancel_event": (event_args, ORGANISERS),
    "events:manage": (event_args, ORGANISERS),
    "events:attendees_csv": (event_args, ORGANISERS),
    "events:act": (mettes_registration, ORGANISERS_POST),
}
