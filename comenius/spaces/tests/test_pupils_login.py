"""Pupils log in on their own simple page and see their project spaces and nothing else of the platform."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from comenius.devdata.testing import CAST_PASSWORD, Cast
from comenius.spaces.models import SpacePupil
from comenius.spaces.tests.pupils_setup import other_space, pupil_login

pytestmark = pytest.mark.django_db

SPACE_PAGES = ["home", "pages", "forum", "materials", "chat", "meetings", "members"]


def test_the_login_page_is_simple_and_fills_in_the_username_from_the_card():
    response = Client().get(reverse("spaces:pupil_login"), {"username": "pia.vestby"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="pia.vestby"' in html
    assert 'autocomplete="current-password"' in html and "autofocus" in html.split('name="password"')[1][:200]
    form = html.split('class="form panel stack pupil-login"')[1].split("</form>")[0]
    assert form.count("<input") == 3  # the CSRF token, username, password: nothing else to choose


def test_pia_logs_in_and_lands_in_her_space(cast: Cast):
    client = Client()
    response = pupil_login(client, "pia.vestby", CAST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("spaces:pupil_home")
    response = client.get(response["Location"])
    assert response.status_code == 302
    assert response["Location"] == reverse("spaces:home", kwargs={"space_id": cast.project.space.pk})
    for name in SPACE_PAGES:
        assert client.get(reverse(f"spaces:{name}", kwargs={"space_id": cast.project.space.pk})).status_code == 200


def test_a_wrong_password_is_refused_in_plain_words(cast: Cast):
    response = pupil_login(Client(), "pia.vestby", "wrong")
    assert response.status_code == 400
    assert "Check your card, or ask your teacher." in response.content.decode()


def test_members_cannot_log_in_here_nor_pupils_on_the_members_page(cast: Cast):
    client = Client()
    assert pupil_login(client, "mette@vestbyskolen.dk.example", CAST_PASSWORD).status_code == 400
    assert "_auth_user_id" not in client.session
    assert not Client().login(email="pia.vestby", password=CAST_PASSWORD)


def test_a_pupil_of_another_project_gets_404_in_the_casts_space(cast: Cast):
    other = other_space(cast)
    client = Client()
    assert pupil_login(client, other.ole.username or "", other.ole_password).status_code == 302
    for name in SPACE_PAGES:
        assert client.get(reverse(f"spaces:{name}", kwargs={"space_id": cast.project.space.pk})).status_code == 404
        assert client.get(reverse(f"spaces:{name}", kwargs={"space_id": other.space.pk})).status_code == 200
    pia_place = SpacePupil.objects.get(user=cast.pia).pk
    remove = reverse("spaces:pupil_remove", kwargs={"space_id": cast.project.space.pk, "pupil_id": pia_place})
    assert client.get(remove).status_code == 404


def test_pupils_get_404_on_every_page_outside_the_spaces(cast: Cast):
    client = Client()
    pupil_login(client, "pia.vestby", CAST_PASSWORD)
    for url in ["/people/", "/projects/", "/projects/search/", f"/projects/{cast.project.pk}/", "/ideas/", "/admin/"]:
        assert client.get(url).status_code == 404, url
    # The front page is for teachers: a pupil is sent to their own start page (issue 11: no dead ends).
    assert client.get(reverse("site:front"))["Location"] == reverse("spaces:pupil_home")


def test_a_pupil_in_two_spaces_chooses_between_them_and_sees_no_other(cast: Cast):
    other = other_space(cast)
    SpacePupil.objects.create(space=other.space, user=cast.pia, added_by=other.ulla)
    third = other_space(cast)  # a third project Pia is not in
    client = Client()
    pupil_login(client, "pia.vestby", CAST_PASSWORD)
    response = client.get(reverse("spaces:pupil_home"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Water in our cities" in html and "Birds of our towns" in html
    assert html.count('class="card"') == 2
    assert client.get(reverse("spaces:home", kwargs={"space_id": third.space.pk})).status_code == 404


def test_a_whole_class_logs_in_from_one_school_address(cast: Cast):
    from comenius.spaces.services.pupils import add_pupils

    created = add_pupils(cast.mette, cast.project.space, [f"Pupil {n}" for n in range(30)], consent_confirmed=True)
    for user, password in created:
        assert pupil_login(Client(), user.username or "", password).status_code == 302


def test_guessing_a_pupils_password_is_stopped(cast: Cast):
    for _try in range(10):
        assert pupil_login(Client(), "pia.vestby", "guess").status_code == 400
    response = pupil_login(Client(), "PIA.vestby", CAST_PASSWORD)
    assert response.status_code == 400
    assert "Too many tries. Wait a few minutes, or ask your teacher." in response.content.decode()
