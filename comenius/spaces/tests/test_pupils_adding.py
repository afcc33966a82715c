"""A teacher adds pupils, one or a whole class: generated usernames (unique), simple passwords that work on the
pupil login page, parental consent below the country's digital-consent age, and nothing added on bad input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from comenius.accounts.models import Role, User
from comenius.core.errors import DomainError
from comenius.devdata.testing import Cast, active_project, client_for
from comenius.projects.models import Project
from comenius.spaces.models import SpacePupil
from comenius.spaces.services.pupils import add_existing_pupils, add_pupils, split_names
from comenius.spaces.tests.pupils_setup import add_form, can_log_in, other_space, shown_logins

pytestmark = pytest.mark.django_db


def add_url(cast: Cast) -> str:
    return reverse("spaces:pupils_add", kwargs={"space_id": cast.project.space.pk})


def test_the_add_page_asks_for_consent_below_the_consent_age(cast: Cast):
    # The project's youngest pupils are 10; in Spain the age of digital consent is 14.
    response = client_for(cast.lucia).get(add_url(cast))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="one-consent"' in html and 'name="class-consent"' in html
    assert "children under 14 need their parents" in html


def test_a_teacher_adds_one_pupil_who_can_then_log_in(cast: Cast):
    response = client_for(cast.mette).post(add_url(cast), add_form("one", "  Emil  "))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    [(name, username, password)] = shown_logins(response.content.decode())
    assert name == "Emil" and username.startswith("emil.")
    emil = User.objects.get(username=username)
    assert (emil.role, emil.email, emil.first_name, emil.last_name) == (Role.PUPIL, None, "Emil", "")
    place = SpacePupil.objects.get(user=emil)
    assert (place.space, place.added_by, place.is_admin) == (cast.project.space, cast.mette, False)
    # Consent is recorded: who confirmed it and when.
    assert place.consent_confirmed_by == cast.mette and place.consent_confirmed_at is not None
    assert can_log_in(username, password)
    assert can_log_in(username.upper(), password)  # a username typed with capitals still works


def test_a_teacher_adds_a_whole_class_from_a_pasted_list(cast: Cast):
    pasted = "1. Anna\n2. Bo\n\n- Carl\r\n• Dina, Emma; Emma\n   \n"
    response = client_for(cast.lucia).post(add_url(cast), add_form("class", pasted))
    assert response.status_code == 200
    logins = shown_logins(response.content.decode())
    assert [name for name, _username, _password in logins] == ["Anna", "Bo", "Carl", "Dina", "Emma", "Emma"]
    usernames = [username for _name, username, _password in logins]
    assert len(set(usernames)) == 6
    assert SpacePupil.objects.filter(space=cast.project.space, added_by=cast.lucia).count() == 6
    for _name, username, password in logins:
        assert can_log_in(username, password)
    # Lucía teaches in Spain: the pupils she adds get her country and language.
    assert set(User.objects.filter(username__in=usernames).values_list("country_id", "language")) == {("ES", "en")}


def test_generated_usernames_are_unique_even_for_the_same_name(cast: Cast):
    created = add_pupils(cast.mette, cast.project.space, ["Søren"] * 40, consent_confirmed=True)
    usernames = {user.username for user, _password in created}
    assert len(usernames) == 40
    assert all((username or "").startswith("soren.") for username in usernames)  # ASCII, no ambiguous letters
    passwords = [password for _user, password in created]
    assert len(set(passwords)) == 40


def test_without_consent_nothing_is_added(cast: Cast):
    before = User.objects.count()
    response = client_for(cast.lucia).post(add_url(cast), add_form("class", "Anna\nBo", consent=False))
    assert response.status_code == 400
    assert "Please confirm that the parents have given their consent." in response.content.decode()
    assert User.objects.count() == before
    with pytest.raises(DomainError):
        add_pupils(cast.mette, cast.project.space, ["Anna"], consent_confirmed=False)
    assert User.objects.count() == before


def test_above_the_consent_age_no_consent_is_asked_or_recorded(cast: Cast):
    Project.objects.filter(pk=cast.project.pk).update(age_min=13, age_max=15)  # Denmark: 13
    response = client_for(cast.mette).get(add_url(cast))
    assert 'name="one-consent"' not in response.content.decode()
    response = client_for(cast.mette).post(add_url(cast), add_form("one", "Anna", consent=False))
    assert response.status_code == 200
    place = SpacePupil.objects.get(user__first_name="Anna")
    assert place.consent_confirmed_by is None and place.consent_confirmed_at is None


def test_the_consent_age_is_the_adding_teachers_country(cast: Cast):
    """Spain's age is 14: pupils aged 13 need consent when Lucía adds them, not when Mette does."""
    Project.objects.filter(pk=cast.project.pk).update(age_min=13, age_max=15)
    response = client_for(cast.lucia).post(add_url(cast), add_form("one", "Ana", consent=False))
    assert response.status_code == 400
    response = client_for(cast.mette).post(add_url(cast), add_form("one", "Ana", consent=False))
    assert response.status_code == 200


@pytest.mark.parametrize(
    "names",
    ["", "   ", "pia@example.org", "<b>Pia</b>", "A" * 41, "\n".join(f"Pupil {n}" for n in range(61))],
)
def test_bad_names_are_refused_and_nothing_is_added(cast: Cast, names: str):
    before = User.objects.count()
    response = client_for(cast.mette).post(add_url(cast), add_form("class", names))
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert User.objects.count() == before


def test_a_double_submit_adds_the_class_once(cast: Cast):
    client = client_for(cast.mette)
    data = add_form("class", "Anna\nBo", key="same-key")
    assert client.post(add_url(cast), data).status_code == 200
    again = client.post(add_url(cast), data)
    assert again.status_code == 302
    assert SpacePupil.objects.filter(space=cast.project.space).count() == 3  # Pia, Anna, Bo


def test_a_refused_add_can_be_sent_again_with_the_same_form(cast: Cast):
    client = client_for(cast.mette)
    assert client.post(add_url(cast), add_form("one", "Anna", consent=False, key="k1")).status_code == 400
    assert client.post(add_url(cast), add_form("one", "Anna", key="k1")).status_code == 200


def test_pasted_lists_are_split_into_names():
    assert split_names("1) Anna\n2) Bo\n* Carl\n– Dina\n3. Eva Maria") == ["Anna", "Bo", "Carl", "Dina", "Eva Maria"]
    assert split_names("Anna, Bo;Carl\n\n") == ["Anna", "Bo", "Carl"]


# --- pupils from the teacher's other projects ----------------------------------------------------------------


def second_project_pupil(cast: Cast) -> tuple[User, str, SpacePupil]:
    """Mette and Lucía run a second project; Ida is its pupil."""
    second = active_project(cast.mette, cast.lucia, [cast.jonas, cast.ana], "Trees of our towns")
    [(ida, password)] = add_pupils(cast.mette, second.space, ["Ida"], consent_confirmed=True)
    return ida, password, SpacePupil.objects.get(user=ida)


def test_a_teacher_brings_pupils_from_another_project_with_their_login(cast: Cast):
    ida, password, place = second_project_pupil(cast)
    client = client_for(cast.lucia)
    html = client.get(add_url(cast)).content.decode()
    assert f"Ida ({ida.username}) · Trees of our towns" in html
    assert "pia.vestby" not in html  # already here

    data = {"existing-sent": "1", "existing-pupil": [place.pk], "existing-consent": "on"}
    response = client.post(add_url(cast), data)
    assert response.status_code == 302 and response["Location"].endswith("/members/#pupils")
    here = SpacePupil.objects.get(user=ida, space=cast.project.space)
    assert (here.added_by, here.consent_confirmed_by) == (cast.lucia, cast.lucia)
    assert SpacePupil.objects.filter(user=ida).count() == 2
    assert can_log_in(ida.username or "", password)
    assert f"Ida ({ida.username})" not in client.get(add_url(cast)).content.decode()


def test_bringing_pupils_needs_consent_and_only_takes_the_teachers_own(cast: Cast):
    ida, _password, place = second_project_pupil(cast)
    client = client_for(cast.mette)
    response = client.post(add_url(cast), {"existing-sent": "1", "existing-pupil": [place.pk]})
    assert response.status_code == 400
    ole = SpacePupil.objects.get(user=other_space(cast).ole)
    data = {"existing-sent": "1", "existing-pupil": [ole.pk], "existing-consent": "on"}
    assert client.post(add_url(cast), data).status_code == 400
    with pytest.raises(DomainError):
        add_existing_pupils(cast.mette, cast.project.space, [ole.pk], consent_confirmed=True)
    assert not SpacePupil.objects.filter(space=cast.project.space, user__in=[ida, ole.user]).exists()
