"""Registration: capacity, the waiting list (offer, expiry, pass-on), cancelling, removing, capacity changes,
application with selection, and who may register where."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, client_for, register, validated
from comenius.events import access, services
from comenius.events.models import Registration, RegistrationState
from comenius.events.tests.helpers import danish_event, event_data

pytestmark = pytest.mark.django_db


def danish_member(cast: Cast, first: str) -> User:
    return validated(
        register(f"{first.lower()}@vestbyskolen.dk.example", first, "Jensen", cast.vestbyskolen), cast.jonas
    )


def state(event, user) -> str:
    return Registration.objects.get(event=event, user=user).state


def test_first_come_first_served_then_the_waiting_list(cast: Cast):
    event = danish_event(cast)  # two places
    extra = danish_member(cast, "Karen")
    assert services.register(cast.mette, event).state == RegistrationState.CONFIRMED
    assert services.register(cast.otto, event).state == RegistrationState.CONFIRMED
    waiting = services.register(extra, event)
    assert waiting.state == RegistrationState.WAITING
    assert access.places_left(event) == 0
    assert access.waiting_position(waiting) == 1
    # Registering twice changes nothing.
    assert services.register(cast.mette, event).state == RegistrationState.CONFIRMED
    assert Registration.objects.filter(event=event).count() == 3


def test_a_freed_place_is_offered_for_a_day_then_passes_on(cast: Cast, django_capture_on_commit_callbacks):
    event = danish_event(cast)
    karen, lars = danish_member(cast, "Karen"), danish_member(cast, "Lars")
    for person in (cast.mette, cast.otto, karen, lars):
        services.register(person, event)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_registration(cast.otto, event)
    offer = Registration.objects.get(event=event, user=karen)
    assert offer.state == RegistrationState.OFFERED
    assert offer.offer_expires_at is not None
    hours = (offer.offer_expires_at - timezone.now()).total_seconds() / 3600
    assert 23.9 < hours <= 24
    assert state(event, lars) == RegistrationState.WAITING
    assert [m.to for m in mail.outbox] == [["karen@vestbyskolen.dk.example"]]
    # The offer holds the place: nobody new gets in ahead of the waiting list.
    nina = danish_member(cast, "Nanna")
    assert services.register(nina, event).state == RegistrationState.WAITING
    # Nothing expires early; after the day, the place passes to Lars.
    assert services.expire_offers() == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert services.expire_offers(now=timezone.now() + timedelta(hours=25)) == 1
    assert state(event, karen) == RegistrationState.EXPIRED
    assert state(event, lars) == RegistrationState.OFFERED
    assert "lars@vestbyskolen.dk.example" in [m.to[0] for m in mail.outbox]
    # Karen is too late; Lars takes the place.
    with pytest.raises(DomainError):
        services.answer_offer(karen, event, accept=True)
    assert services.answer_offer(lars, event, accept=True).state == RegistrationState.CONFIRMED
    assert access.places_taken(event) == 2


def test_an_expired_offer_answered_before_the_task_runs_passes_on_at_once(cast: Cast):
    event = danish_event(cast)
    karen, lars = danish_member(cast, "Karen"), danish_member(cast, "Lars")
    for person in (cast.mette, cast.otto, karen, lars):
        services.register(person, event)
    services.cancel_registration(cast.otto, event)
    Registration.objects.filter(event=event, user=karen).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    with pytest.raises(DomainError):
        services.answer_offer(karen, event, accept=True)
    assert state(event, karen) == RegistrationState.EXPIRED
    assert state(event, lars) == RegistrationState.OFFERED


def test_declining_an_offer_passes_it_on(cast: Cast):
    event = danish_event(cast)
    karen, lars = danish_member(cast, "Karen"), danish_member(cast, "Lars")
    for person in (cast.mette, cast.otto, karen, lars):
        services.register(person, event)
    services.cancel_registration(cast.mette, event)
    services.answer_offer(karen, event, accept=False)
    assert state(event, karen) == RegistrationState.CANCELLED
    assert state(event, lars) == RegistrationState.OFFERED


def test_an_offer_never_outlasts_the_start(cast: Cast):
    from comenius.events.tests.helpers import soon

    event = danish_event(cast, starts_at=soon(days=0, hour=23) + timedelta(days=1))
    karen = danish_member(cast, "Karen")
    for person in (cast.mette, cast.otto, karen):
        services.register(person, event)
    services.cancel_registration(cast.otto, event)
    offer = Registration.objects.get(event=event, user=karen)
    assert offer.offer_expires_at is not None and offer.offer_expires_at <= event.starts_at


def test_more_places_go_to_the_waiting_list_and_fewer_than_taken_is_refused(cast: Cast):
    event = danish_event(cast)
    karen, lars = danish_member(cast, "Karen"), danish_member(cast, "Lars")
    for person in (cast.mette, cast.otto, karen, lars):
        services.register(person, event)
    with pytest.raises(DomainError):
        services.update_event(cast.jonas, event, event_data(starts_at=event.starts_at, capacity=1))
    services.update_event(cast.jonas, event, event_data(starts_at=event.starts_at, capacity=3))
    assert state(event, karen) == RegistrationState.OFFERED
    assert state(event, lars) == RegistrationState.WAITING
    services.update_event(cast.jonas, event, event_data(starts_at=event.starts_at, capacity=None))
    assert state(event, lars) == RegistrationState.OFFERED


def test_the_organiser_removes_someone_and_the_place_moves_on(cast: Cast):
    event = danish_event(cast)
    karen = danish_member(cast, "Karen")
    for person in (cast.mette, cast.otto, karen):
        services.register(person, event)
    otto = Registration.objects.get(event=event, user=cast.otto)
    with pytest.raises(DomainError):
        services.remove_registration(cast.ana, otto)  # another country's team
    services.remove_registration(cast.jonas, otto)
    assert state(event, cast.otto) == RegistrationState.REMOVED
    assert state(event, karen) == RegistrationState.OFFERED
    # Otto may register again: he joins the end of the list.
    assert services.register(cast.otto, event).state == RegistrationState.WAITING


def test_application_with_selection_and_a_deadline(cast: Cast, django_capture_on_commit_callbacks):
    from comenius.events.tests.helpers import soon

    starts = soon(days=20)
    event = danish_event(
        cast, mode="application", capacity=1, starts_at=starts, application_deadline=starts - timedelta(days=5)
    )
    with pytest.raises(DomainError):
        services.register(cast.mette, event)  # an application says why
    mette = services.register(cast.mette, event, "I am new to eTwinning.")
    otto = services.register(cast.otto, event, "I want to start a project with Germany.")
    assert mette.state == otto.state == RegistrationState.APPLIED
    assert access.places_left(event) == 1  # applications hold no place
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(cast.jonas, mette, select=True)  # contact seminars favour newcomers
    assert state(event, cast.mette) == RegistrationState.CONFIRMED
    with pytest.raises(DomainError):
        services.decide_application(cast.jonas, otto, select=True)  # the one place is taken
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_application(cast.jonas, otto, select=False)
    assert state(event, cast.otto) == RegistrationState.NOT_SELECTED
    assert sorted(m.to[0] for m in mail.outbox) == ["mette@vestbyskolen.dk.example", "otto@vestbyskolen.dk.example"]
    with pytest.raises(DomainError):
        services.decide_application(cast.ana, otto, select=True)
    # After the deadline nobody applies any more.
    karen = danish_member(cast, "Karen")
    from comenius.events.models import Event

    Event.objects.filter(pk=event.pk).update(application_deadline=timezone.now() - timedelta(minutes=1))
    event.refresh_from_db()
    with pytest.raises(DomainError):
        services.register(karen, event, "Please")


def test_who_may_register(cast: Cast):
    event = danish_event(cast)
    with pytest.raises(DomainError):
        services.register(cast.lucia, event)  # a national event: members in Denmark only
    with pytest.raises(DomainError):
        services.register(cast.nina, event)  # not validated yet
    with pytest.raises(DomainError):
        services.register(cast.jonas, event)  # officers organise
    # Lucía still sees the public event, and the page says why she cannot register.
    page = client_for(cast.lucia).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "This event is for members in Denmark." in page
    # A members-only national event is not even visible to her.
    hidden = danish_event(cast, is_public=False, title="Only for Danes")
    assert client_for(cast.lucia).get(reverse("events:detail", args=[hidden.pk])).status_code == 404
    assert client_for(None).get(reverse("events:detail", args=[hidden.pk])).status_code == 404
    assert client_for(cast.otto).get(reverse("events:detail", args=[hidden.pk])).status_code == 200
    assert client_for(cast.ana).get(reverse("events:detail", args=[hidden.pk])).status_code == 404


def test_registering_through_the_page(cast: Cast, django_capture_on_commit_callbacks):
    event = danish_event(cast)
    client = client_for(cast.mette)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:register", args=[event.pk]))
    assert response.status_code == 302
    page = client.get(reverse("events:detail", args=[event.pk])).content.decode()
    assert "https://meet.jit.si/comenius-beginners" in page  # the link, for participants only
    assert "meet.jit.si" not in client_for(cast.otto).get(reverse("events:detail", args=[event.pk])).content.decode()
    assert [m.subject for m in mail.outbox if m.to == ["mette@vestbyskolen.dk.example"]], [
        m.subject for m in mail.outbox
    ]
    assert any("eTwinning for beginners" in m.subject for m in mail.outbox)
    client.post(reverse("events:cancel_registration", args=[event.pk]))
    assert state(event, cast.mette) == RegistrationState.CANCELLED


def test_cancelling_an_event_tells_everyone(cast: Cast, django_capture_on_commit_callbacks):
    event = danish_event(cast)
    services.register(cast.mette, event)
    mail.outbox.clear()
    with pytest.raises(DomainError):
        services.cancel_event(cast.jonas, event, " ")
    with django_capture_on_commit_callbacks(execute=True):
        services.cancel_event(cast.jonas, event, "The speaker is ill.")
    assert "The speaker is ill." in mail.outbox[0].body
    with pytest.raises(DomainError):
        services.register(cast.otto, event)


def test_every_event_mail_comes_from_the_notification_service(cast: Cast, django_capture_on_commit_callbacks):
    """Issue 15: each e-mail carries the service's header naming a registered type, and an in-app item exists."""
    from comenius.notifications.mail import HEADER
    from comenius.notifications.models import Notification

    event = danish_event(cast, capacity=1)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.register(cast.mette, event)
        services.register(cast.otto, event)
        services.cancel_registration(cast.mette, event)  # Otto is offered the place
        services.send_reminders(now=event.starts_at - timedelta(hours=20))
        services.cancel_event(cast.jonas, event, "Speaker ill")
    types = {m.extra_headers.get(HEADER) for m in mail.outbox}
    assert types == {"events.registration", "events.offer", "events.change"}
    assert Notification.objects.filter(recipient=cast.otto, type="events.offer").exists()
