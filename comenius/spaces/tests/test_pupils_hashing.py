"""Pupils' generated passwords (issue 11): hashed with PBKDF2 at a hundredth of the iterations, their keyspace a
hundred times larger (docs/security.md), so a class of 30 is added in well under two seconds; the first log-in
stores the password again with the platform's full iterations."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client

from comenius.accounts.models import User
from comenius.devdata.testing import Cast
from comenius.spaces.services.pupils import add_pupils, hashed_generated, simple_password
from comenius.spaces.tests.pupils_setup import pupil_login

pytestmark = pytest.mark.django_db
FULL = PBKDF2PasswordHasher.iterations


def iterations(user: User) -> int:
    return int(user.password.split("$")[1])


def test_generated_passwords_are_four_digits_longer_and_a_hundredth_of_the_iterations():
    password = simple_password()
    assert re.fullmatch(r"[bdfgkmnprstvz][aeiou][bdfgkmnprstvz][aeiou]-[a-z]{4}-[1-9]\d{3}", password)


def test_the_first_log_in_stores_the_full_iterations(cast: Cast, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    [(pupil, password)] = add_pupils(cast.mette, cast.project.space, ["Ida"], consent_confirmed=True)
    pupil.refresh_from_db()
    assert pupil.password.startswith("pbkdf2_sha256$") and iterations(pupil) == FULL // 100
    response = pupil_login(Client(), pupil.username or "", password)
    assert response.status_code == 302
    pupil.refresh_from_db()
    assert iterations(pupil) == FULL and pupil.check_password(password)


def test_with_another_platform_hasher_the_platform_hasher_is_used(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    assert hashed_generated("mavo-tika-4711").startswith("md5$")
