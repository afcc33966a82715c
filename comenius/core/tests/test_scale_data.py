"""generate_scale_data on a small scale: it runs on PostgreSQL and refuses SQLite with a clear message."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from comenius.network.access import PeopleFilters, search_people
from comenius.network.models import Profile, ProfileSubject, ProjectIdea


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_generate_scale_data_small(cast):
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="needs PostgreSQL"):
            call_command("generate_scale_data", members=50)
        return
    call_command("generate_scale_data", members=400, institutions=40, ideas=20, conversations=30, seed=1)
    scale = Profile.objects.filter(user__email__endswith="@scale.example")
    assert scale.count() == 400
    assert ProfileSubject.objects.filter(profile__in=scale).count() >= 400
    assert ProjectIdea.objects.filter(fingerprint__startswith="scale").count() == 20
    assert not scale.filter(search_vector__isnull=True).exists()
    # The generated members are found like any other member.
    name = scale.filter(listed=True).first().display_name  # type: ignore[union-attr]
    found = search_people(cast.otto, PeopleFilters(query=name.split()[-1]))
    assert found.filter(display_name=name).exists()
