"""The members page: every member with role and country; pupils by first name only, for the space's members only;
a constant number of queries however many members there are."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.devdata.testing import Cast, client_for, count_queries
from comenius.spaces.services.pupils import add_pupils, set_pupil_admin
from comenius.spaces.tests.pupils_setup import other_space, place_of

pytestmark = pytest.mark.django_db


def members_url(cast: Cast) -> str:
    return reverse("spaces:members", kwargs={"space_id": cast.project.space.pk})


def test_teachers_see_everyone_with_usernames_and_what_they_can_do(cast: Cast):
    [(bo, _password)] = add_pupils(cast.lucia, cast.project.space, ["Bo"], consent_confirmed=True)
    set_pupil_admin(cast.mette, place_of(bo), True)
    response = client_for(cast.lucia).get(members_url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("Mette Sørensen", "Lucía García", "Teacher administrator", "Denmark", "Spain", "Vestbyskolen"):
        assert text in html
    assert "Pia" in html and "pia.vestby" in html and f"<code>{bo.username}</code>" in html
    assert "Pupil administrator" in html
    assert "Confirmed by Lucía García" in html  # the consent record
    assert "Add pupils" in html and "Print login cards for the chosen pupils" in html
    assert html.count('form="cards-form"') >= 4  # two checkboxes and two buttons


def test_pupils_see_first_names_only(cast: Cast):
    [(bo, _password)] = add_pupils(cast.lucia, cast.project.space, ["Bo"], consent_confirmed=True)
    response = client_for(cast.pia).get(members_url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Bo" in html and "Pia" in html and "Mette Sørensen" in html
    assert bo.username and bo.username not in html and "pia.vestby" not in html
    assert "Add pupils" not in html and "cards-form" not in html and "Confirmed by" not in html


def test_the_page_is_for_the_spaces_members_only(cast: Cast):
    other = other_space(cast)
    for outsider in (cast.otto, other.ulla, other.ole, cast.jonas, cast.carla):
        assert client_for(outsider).get(members_url(cast)).status_code == 404


@pytest.mark.parametrize("viewer", ["mette", "pia"])
def test_the_members_page_makes_the_same_queries_for_3_or_40_pupils(cast: Cast, viewer: str):
    client = client_for(getattr(cast, viewer))
    add_pupils(cast.mette, cast.project.space, ["Anna", "Bo"], consent_confirmed=True)
    few = count_queries(client, members_url(cast))
    add_pupils(cast.lucia, cast.project.space, [f"Pupil {n}" for n in range(37)], consent_confirmed=True)
    many = count_queries(client, members_url(cast))
    assert few == many
    assert many <= 12
