"""What teachers do for pupils after adding them: a new password, pupil administrator and back, removing a pupil.
Teachers of another project reach none of it (404), and a closed project's pupils stay as they are."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from comenius.accounts.models import User
from comenius.core.errors import DomainError
from comenius.devdata.testing import CAST_PASSWORD, Cast, client_for
from comenius.projects import services as projects
from comenius.spaces import access
from comenius.spaces.models import Post, SpacePupil
from comenius.spaces.services import pupils as services
from comenius.spaces.tests.pupils_setup import add_form, can_log_in, other_space, place_of, shown_logins

pytestmark = pytest.mark.django_db


def url(name: str, cast: Cast, place: SpacePupil | None = None) -> str:
    kwargs = {"space_id": cast.project.space.pk}
    if place is not None:
        kwargs["pupil_id"] = place.pk
    return reverse(f"spaces:{name}", kwargs=kwargs)


def pia(cast: Cast) -> SpacePupil:
    return place_of(cast.pia)


# --- a new password ----------------------------------------------------------------------------------------


def test_a_new_password_replaces_the_old_one_and_ends_the_pupils_session(cast: Cast):
    pupil_client = Client()
    assert pupil_client.post(reverse("spaces:pupil_login"), {"username": "pia.vestby", "password": CAST_PASSWORD})
    assert pupil_client.get(url("members", cast)).status_code == 200

    response = client_for(cast.lucia).post(url("pupil_password", cast, pia(cast)))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    [(name, username, password)] = shown_logins(html)
    assert (name, username) == ("Pia", "pia.vestby")
    assert "Print login cards (gives new passwords)" in html
    assert f'name="pupil" value="{pia(cast).pk}"' in html  # the print button sends who, never a password

    assert not can_log_in("pia.vestby", CAST_PASSWORD)
    assert can_log_in("pia.vestby", password)
    assert pupil_client.get(url("members", cast)).status_code == 302  # signed out: sent to log in


# --- pupil administrators ----------------------------------------------------------------------------------


def test_a_pupil_becomes_pupil_administrator_and_back(cast: Cast):
    client = client_for(cast.mette)
    response = client.post(url("pupil_admin", cast, pia(cast)), {"admin": "1"})
    assert response.status_code == 302 and response["Location"].endswith("/members/#pupils")
    assert pia(cast).is_admin
    seat = access.seat_for(cast.pia, cast.project.space.pk)
    assert seat.role == access.SpaceRole.PUPIL_ADMIN and access.can(seat, "write_pages")

    client.post(url("pupil_admin", cast, pia(cast)), {"admin": "0"})
    assert not pia(cast).is_admin
    seat = access.seat_for(cast.pia, cast.project.space.pk)
    assert seat.role == access.SpaceRole.PUPIL and not access.can(seat, "write_pages")


# --- removing ----------------------------------------------------------------------------------------------


def test_removing_a_pupil_with_no_other_space_deletes_the_account_and_keeps_what_they_wrote(cast: Cast):
    post = Post.objects.create(space=cast.project.space, author=cast.pia, body="Our river is cold!")
    client = client_for(cast.mette)
    confirm = client.get(url("pupil_remove", cast, pia(cast)))
    assert confirm.status_code == 200
    assert "is in no other project, so their account is deleted" in confirm.content.decode().replace("\n", " ")

    response = client.post(url("pupil_remove", cast, pia(cast)))
    assert response.status_code == 302
    assert not SpacePupil.objects.filter(user=cast.pia).exists()
    former = User.objects.get(pk=cast.pia.pk)
    assert (former.username, former.first_name, former.email, former.country_id) == (None, "", None, None)
    assert not former.is_active and former.deleted_at is not None and not former.has_usable_password()
    assert not can_log_in("pia.vestby", CAST_PASSWORD)
    post.refresh_from_db()
    assert post.author_id == former.pk  # the post stays, by the anonymous former pupil
    assert "Pia" not in str(former)


def test_removing_a_pupil_who_is_in_another_space_keeps_the_account(cast: Cast):
    other = other_space(cast)
    # A pupil in two projects: Ulla's pupil Ole has a place in the cast's space too.
    SpacePupil.objects.create(space=cast.project.space, user=other.ole, added_by=cast.mette)
    place = place_of(other.ole, cast.project.space)
    client = client_for(cast.mette)
    confirm = client.get(url("pupil_remove", cast, place))
    assert "They are in another project too" in confirm.content.decode().replace("\n", " ")
    client.post(url("pupil_remove", cast, place))
    other.ole.refresh_from_db()
    assert other.ole.is_active and other.ole.first_name == "Ole" and other.ole.deleted_at is None
    assert list(SpacePupil.objects.filter(user=other.ole).values_list("space_id", flat=True)) == [other.space.pk]
    assert can_log_in(other.ole.username or "", other.ole_password)


def test_removing_twice_changes_nothing_more(cast: Cast):
    place = pia(cast)
    assert services.remove_pupil(cast.mette, place) is True
    with pytest.raises(DomainError):
        services.remove_pupil(cast.mette, place)


# --- who may --------------------------------------------------------------------------------------------------


def test_teachers_of_another_project_cannot_manage_these_pupils(cast: Cast):
    other = other_space(cast)
    ulla = client_for(other.ulla)
    place = pia(cast)
    for name in ("members", "pupils_add"):
        assert ulla.get(url(name, cast)).status_code == 404
    for name in ("pupil_password", "pupil_admin", "pupil_remove"):
        assert ulla.post(url(name, cast, place), {"admin": "1"}).status_code == 404
    assert ulla.post(url("pupils_cards", cast), {"pupil": [place.pk]}).status_code == 404
    # Nor through her own space with Pia's place.
    own = {"space_id": other.space.pk, "pupil_id": place.pk}
    assert ulla.post(reverse("spaces:pupil_password", kwargs=own)).status_code == 404
    assert ulla.post(reverse("spaces:pupil_remove", kwargs=own)).status_code == 404
    response = ulla.post(reverse("spaces:pupils_cards", kwargs={"space_id": other.space.pk}), {"pupil": [place.pk]})
    assert response.status_code == 302  # nobody chosen in her space: no PDF
    # And the services refuse her too.
    with pytest.raises(Http404):
        services.reset_passwords(other.ulla, cast.project.space, [place.pk])
    with pytest.raises(Http404):
        services.remove_pupil(other.ulla, place)
    assert not place.is_admin and can_log_in("pia.vestby", CAST_PASSWORD)
    assert SpacePupil.objects.filter(pk=place.pk).exists()


def test_pupils_cannot_manage_pupils_even_as_pupil_administrators(cast: Cast):
    services.set_pupil_admin(cast.mette, pia(cast), True)
    [(bo, _password)] = services.add_pupils(cast.mette, cast.project.space, ["Bo"], consent_confirmed=True)
    client = client_for(cast.pia)
    assert client.get(url("pupils_add", cast)).status_code == 404
    assert client.post(url("pupils_add", cast), add_form("one", "Eve")).status_code == 404
    assert client.post(url("pupil_password", cast, place_of(bo))).status_code == 404
    assert client.post(url("pupil_remove", cast, place_of(bo))).status_code == 404
    assert SpacePupil.objects.filter(space=cast.project.space).count() == 2


def test_a_closed_projects_pupils_stay_as_they_are(cast: Cast):
    projects.close_project(cast.mette, cast.project)
    client = client_for(cast.mette)
    members = client.get(url("members", cast))
    assert members.status_code == 200
    html = members.content.decode()
    assert "Add pupils" not in html and "pupils can no longer be added or changed" in html.replace("\n", " ")
    assert client.get(url("pupils_add", cast)).status_code == 404
    assert client.post(url("pupils_add", cast), add_form("one", "Eve")).status_code == 404
    for name in ("pupil_password", "pupil_admin", "pupil_remove"):
        assert client.post(url(name, cast, pia(cast)), {"admin": "1"}).status_code == 404
    assert client.post(url("pupils_cards", cast), {"all": "1"}).status_code == 404
    with pytest.raises(DomainError, match="closed"):
        services.add_pupils(cast.mette, cast.project.space, ["Eve"], consent_confirmed=True)
    with pytest.raises(DomainError, match="closed"):
        services.remove_pupil(cast.mette, pia(cast))
    assert SpacePupil.objects.filter(space=cast.project.space).count() == 1
    assert can_log_in("pia.vestby", CAST_PASSWORD)  # pupils still read their closed project


def test_the_credentials_page_after_adding_offers_the_cards(cast: Cast):
    response = client_for(cast.lucia).post(url("pupils_add", cast), add_form("class", "Anna\nBo"))
    html = response.content.decode()
    assert "These passwords are shown only now." in html
    assert "Print login cards (gives new passwords)" in html
    assert html.count('name="pupil" value=') == 2
