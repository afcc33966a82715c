from __future__ import annotations

import pytest

from comenius.accounts.models import User
from comenius.devdata.testing import Cast
from comenius.spaces.tests.content_people import People, space_people


@pytest.fixture
def cast(cast: Cast) -> Cast:
    """The space tests read the English wording: every cast member uses English here (Mette and Pia use Danish
    elsewhere; the Danish pages are covered by the translation test and the browser suite)."""
    User.objects.update(language="en")
    for person in cast.everyone().values():
        person.language = "en"
    return cast


@pytest.fixture(scope="module")
def _space_people_keys(build_for_module) -> dict[str, int]:
    """`space_people` is built once for each module that uses it (see `build_for_module`)."""
    people = build_for_module(space_people)
    return {role: user.pk for role, user in people.by_role.items()}


@pytest.fixture
def people(cast: Cast, _space_people_keys: dict[str, int]) -> People:
    """A person in every role of the cast's space (`space_people`), fresh objects for each test."""
    users = User.objects.in_bulk(list(_space_people_keys.values()))
    return People({role: users[pk] for role, pk in _space_people_keys.items()})
