"""Members enrol in the last place of a course at the same moment, on real database connections: the course's
row lock makes them wait for each other, so exactly one gets the place and the others are told it is full.

PostgreSQL only (SQLite has one writer and no row locks): `DATABASE_URL=postgres://… pytest …`."""

from __future__ import annotations

import threading

import pytest
from django.db import connections

from comenius.core.errors import DomainError
from comenius.courses import services
from comenius.courses.models import Course, Enrolment

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgresql,  # row locks: run by make test-postgres
]


def test_the_last_place_goes_to_exactly_one_of_the_racing_members(cast):
    from comenius.courses.tests.people import make_course
    from comenius.devdata.testing import register, validated

    course = make_course(cast.carla, cast.mette, capacity=2)
    services.enrol(cast.lucia, course)  # one place left
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
            services.enrol(person, course)
            results.append("enrolled")
        except DomainError:
            results.append("full")
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
    assert sorted(results) == ["enrolled", "full", "full", "full"]
    assert Enrolment.objects.filter(course=course).count() == 2
    assert Course.objects.get(pk=course.pk).enrolled_count == 2
