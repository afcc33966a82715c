"""Prizes: categories by age band, entries from the year's NQL applications, one category per project, the jury
scores the shortlist with read access while judging, winners and runners-up published."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, active_project, client_for
from comenius.recognition.models import PrizeResult
from comenius.recognition.services import prizes
from comenius.recognition.tests.helpers import submitted

pytestmark = pytest.mark.django_db


def test_a_round_from_entry_to_published_results(cast: Cast):
    round = prizes.open_round(cast.carla, "Comenius Prizes", ["Citizenship"])
    bands = [category.age_band for category in round.categories.all()]
    assert bands == ["up_to_6", "7_11", "12_15", "16_19", "ivet", ""]
    seven_eleven = round.categories.get(age_band="7_11")
    with pytest.raises(DomainError, match="quality label application"):
        prizes.enter(cast.mette, round, cast.project, seven_eleven)
    submitted(cast.mette, cast.project)
    second = active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], "Songs of the sea")
    submitted(cast.mette, second)
    entry = prizes.enter(cast.mette, round, cast.project, seven_eleven)
    with pytest.raises(DomainError, match="one category per project"):
        prizes.enter(cast.lucia, round, cast.project, round.categories.get(name="Citizenship"))
    other = prizes.enter(cast.mette, round, second, seven_eleven)
    prizes.shortlist(cast.carla, entry)
    prizes.shortlist(cast.carla, other)
    prizes.add_juror(cast.carla, round, cast.otto)
    space_url = reverse("spaces:home", args=[cast.project.space.pk])
    otto = client_for(cast.otto)
    assert otto.get(space_url).status_code == 404  # not yet judging
    with pytest.raises(DomainError, match="only while the round is being judged"):
        prizes.score(cast.otto, entry, 8)
    prizes.start_judging(cast.carla, round)
    assert otto.get(space_url).status_code == 200  # the jury reads the shortlist's spaces
    assert otto.get(reverse("recognition:prize_jury", args=[round.pk])).status_code == 200
    with pytest.raises(DomainError, match="Only the jury"):
        prizes.score(cast.lucia, entry, 8)
    with pytest.raises(DomainError, match="from 0 to 10"):
        prizes.score(cast.otto, entry, 11)
    prizes.score(cast.otto, entry, 9)
    prizes.score(cast.otto, other, 6)
    assert client_for(None).get(reverse("recognition:prize_round", args=[round.pk])).status_code == 404
    prizes.publish(cast.carla, round)
    entry.refresh_from_db()
    other.refresh_from_db()
    assert (entry.result, other.result) == (PrizeResult.WINNER, PrizeResult.RUNNER_UP)
    assert otto.get(space_url).status_code == 404  # access ends with the results
    public = client_for(None).get(reverse("recognition:prize_round", args=[round.pk]))
    assert public.status_code == 200 and cast.project.title in public.content.decode()
