"""Two people register for the last place at the same moment, on two real database connections: the event's row
lock makes the second wait for the first, so exactly one gets the place and the other the waiting list.

PostgreSQL only (SQLite has one writer and no row locks): `DATABASE_URL=postgres://… pytest …`."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from comenius.events import services
from comenius.events.models import Registration, RegistrationState

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,  # row locks: run by make test-postgres
]


def test_the_last_place_goes_to_exactly_one_of_two_racing_registrations(cast):
    from comenius.devdata.testing import register, validated
    from comenius.events.tests.helpers import danish_event

    event = danish_event(cast, capacity=3)
    services.register(cast.mette, event)
    services.register(cast.otto, event)  # one place left
    racers = [
        validated(register(f"racer{n}@vestbyskolen.dk.example", f"Racer{n}", "Hansen", cast.vestbyskolen), cast.jonas)
        for n in range(4)
    ]
    barrier = threading.Barrier(len(racers))
    results: list[str] = []
    errors: list[BaseException] = []

    def run(person) -> None:
        try:
            barrier.wait(timeout=10)
            results.append(services.register(person, event).state)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(person,)) for person in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    assert sorted(results) == sorted([RegistrationState.CONFIRMED] + [RegistrationState.WAITING] * 3)
    assert Registration.objects.filter(event=event, state=RegistrationState.CONFIRMED).count() == 3
