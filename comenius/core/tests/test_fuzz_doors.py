"""Hostile input at every door (issue 21): every URL pattern, for every member of the test cast.

For each person of the cast the walk GETs every page of the URL resolver (path parameters filled with the
cast's real objects by the permission matrix's own builders; the admin's pages for central support, and a
seeded sample of them for everyone else, who all meet the same login wall), reads the forms, links and htmx
requests of each page it reaches (`doors.read_page`), and sends each door a few hostile requests
(`doors.plan`): non-URLs, huge, empty and control-character values, invalid UTF-8 and broken escapes, numbers
and dates out of range, repeated parameters, wrong content types, hostile headers and cookies.

The verdict (`doors.judge`): no answer is a server error or a traceback; every refusal says why (a page with
a heading or the form's errors, or a warning on the next page); a refused POST stores nothing (the row
count of every table is the same before and after). Each door's requests run in a savepoint that is rolled
back afterwards, so what one door changes (a project closed, a contact removed) does not close the next.

Seeded and bounded: FUZZ_DOORS_SEED (default 21) picks the requests, FUZZ_DOORS_REQUESTS (default 5) is
the number of hostile requests per door, FUZZ_DOORS_ADMIN_SAMPLE (default 6) the admin pages walked for
people other than central support. A failure prints the person, the request and what was wrong; a fixed
example test in the app concerned keeps it fixed.
"""

from __future__ import annotations

import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse

from comenius.core.tests import doors
from comenius.core.tests.doors import Door, Mutation
from comenius.devdata.testing import Cast
from comenius.site.tests.test_permission_matrix import (  # noqa: F401 - prepared_cast is a fixture
    ADMIN_KWARGS,
    MATRIX,
    ROLES,
    all_url_names,
    prepared_cast,
)

SEED = int(os.environ.get("FUZZ_DOORS_SEED", "21"))
BUDGET = int(os.environ.get("FUZZ_DOORS_REQUESTS", "4"))
ADMIN_SAMPLE = int(os.environ.get("FUZZ_DOORS_ADMIN_SAMPLE", "6"))
CLOSED_SAMPLE = int(os.environ.get("FUZZ_DOORS_CLOSED_SAMPLE", "20"))
# Forms that do two things, where a refusal of the second keeps the first, and say so on the next page.
PARTLY_DONE = {
    # "Save and send": the draft is saved, then sending it is refused ("what it still lacks is shown on its page").
    "projects:new",
}


@dataclass
class Walk:
    role: str
    client: Client
    user: Any
    tables: list[str]
    requests: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    refused_posts: int = 0
    accepted: int = 0  # hostile requests that were not refused (in the current door)

    def fire(self, door: Door, mutation: Mutation | None) -> Any:
        """One request, in its own savepoint (undone when it failed, so the walk goes on), then the verdict.
        A refused POST must leave every table as it was."""
        before = doors.row_counts(self.tables) if door.method == "POST" and mutation is not None else None
        with transaction.atomic():
            response = doors.send(self.client, door, mutation)
            if response.status_code >= 500:
                transaction.set_rollback(True)
        self.requests += 1
        self.statuses[response.status_code] += 1
        problem = doors.judge(response)
        is_refused = doors.refused(response)
        self.accepted += not is_refused
        partly_done = door.name in PARTLY_DONE and response.status_code == 302
        if problem is None and before is not None and is_refused and not partly_done:
            self.refused_posts += 1
            after = doors.row_counts(self.tables)
            changed = {table: (before[table], after[table]) for table in before if before[table] != after[table]}
            if changed:
                problem = f"refused ({response.status_code}) but stored rows: {changed}"
        if problem is not None:
            shown = mutation.describe() if mutation is not None else "(plain request)"
            self.failures.append(f"{self.role:6} {door.method:4} {door.path} {shown}: {problem}")
        if settings.SESSION_COOKIE_NAME in response.cookies:
            self.stay_signed_in()
        return response

    def stay_signed_in(self) -> None:
        """A door may sign the person out (the logout form, a forged session cookie): sign them in again."""
        if self.user is not None and self.client.session.get("_auth_user_id") != str(self.user.pk):
            self.client.force_login(self.user)


def addresses(cast: Cast, role: str, rng: random.Random) -> list[tuple[str, str]]:
    """(URL name, address) of every URL pattern, with the cast's real objects as path parameters."""
    admin_values = {**ADMIN_KWARGS, "content_type_id": str(ContentType.objects.first().pk)}  # type: ignore[union-attr]
    pages, admin = [], []
    for name, route, params in all_url_names():
        if route.startswith("admin/"):
            admin.append((name, reverse(name, kwargs={key: admin_values[key] for key in params})))
        elif name in MATRIX:  # a URL without a row fails the permission matrix test
            pages.append((name, reverse(name, kwargs=MATRIX[name][0](cast))))
    if role != "carla":
        admin = rng.sample(admin, min(ADMIN_SAMPLE, len(admin)))
    return pages + admin


def walk_for(role: str, cast: Cast) -> Walk:
    rng = random.Random(f"{SEED}:{role}")  # noqa: S311 - reproducible choices, not secrets
    # A server error is an answer to judge, with its exception kept. Officers have their second factor (TOTP)
    # in the cast, so signing in is enough, as in the permission matrix.
    client = Client(raise_request_exception=False)
    person = None if role == "anon" else getattr(cast, role)
    if person is not None:
        client.force_login(person)
    walk = Walk(role, client, person, doors.counted_tables())

    # 1. Every page, plainly: what it answers, and the doors it shows.
    get_doors: dict[str, Door] = {}
    post_doors: dict[tuple[str, str, tuple[str, ...]], Door] = {}
    reachable: set[str] = set()
    found_gets: list[Door] = []
    for name, address in addresses(cast, role, rng):
        door = Door("GET", address, name, source=address)
        get_doors.setdefault(name, door)
        response = walk.fire(door, None)
        if response.status_code == 405:  # POST only, and this person gets through its checks
            post_doors.setdefault(("POST", name, ()), Door("POST", address, name, source=address))
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        reachable.add(name)
        page = doors.read_page(response.content.decode())
        for kind, found in doors.doors_of_page(page, address):
            if kind == "post":
                post_doors.setdefault(found.key(), found)
            else:
                found_gets.append(found)
    for found in found_gets:
        if found.name in get_doors:
            doors.merge_get_parameters(get_doors[found.name], found.fields)

    for raw in doors.HOSTILE_PATHS:
        walk.fire(Door("GET", raw, ""), None)

    # 2. Hostile requests at each door; a door's changes are undone before the next. Pages this person does
    #    not reach (login wall, 404, pupils' boundary) share a few code paths: a seeded sample of them.
    closed = [name for name in get_doors if name not in reachable]
    sampled = set(rng.sample(closed, min(CLOSED_SAMPLE, len(closed))))
    for name, door in get_doors.items():
        if name in reachable or name in sampled:
            with transaction.atomic():
                for mutation in doors.plan(door, BUDGET if name in reachable else 1, rng):
                    walk.fire(door, mutation)
                transaction.set_rollback(True)
            walk.stay_signed_in()
    for door in post_doors.values():
        with transaction.atomic():
            walk.accepted = 0
            for mutation in doors.plan(door, BUDGET, rng):
                walk.fire(door, mutation)
            if walk.accepted:  # what was stored must show on the page the form came from
                walk.fire(Door("GET", door.source, door.name), None)
            transaction.set_rollback(True)
        walk.stay_signed_in()
    return walk


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_every_door_for_every_member_of_the_cast(prepared_cast: Cast, role: str) -> None:  # noqa: F811
    started = time.monotonic()
    walk = walk_for(role, prepared_cast)
    print(
        f"\nfuzz doors {role}: {walk.requests} requests in {time.monotonic() - started:.1f} s "
        f"(seed {SEED}, {BUDGET} per door), {walk.refused_posts} refused POSTs checked for stored rows, "
        f"statuses {dict(sorted(walk.statuses.items()))}"
    )
    assert not walk.failures, f"{len(walk.failures)} hostile requests went wrong:\n" + "\n".join(walk.failures[:60])
