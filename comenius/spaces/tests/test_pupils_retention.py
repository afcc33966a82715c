"""Retention (DOMAIN.md "Safety"): PUPIL_RETENTION_MONTHS after a project is archived, `delete_expired_pupils`
deletes its pupils' accounts and personal data; what they wrote stays, and a pupil who is also in a space that
has not expired keeps their account and loses only the expired place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from comenius.accounts.models import User
from comenius.devdata.testing import CAST_PASSWORD, Cast
from comenius.projects import services as projects
from comenius.projects.models import Project
from comenius.spaces.models import Post, SpacePupil
from comenius.spaces.services.pupils import add_pupils, delete_expired_pupils, months_before
from comenius.spaces.tests.pupils_setup import can_log_in, other_space

pytestmark = pytest.mark.django_db


def archive(cast: Cast, months_ago: int, days: int = 0) -> None:
    projects.close_project(cast.mette, cast.project)
    projects.archive_project(cast.mette, cast.project)
    archived_at = months_before(timezone.now(), months_ago) - timedelta(days=days)
    Project.objects.filter(pk=cast.project.pk).update(archived_at=archived_at)


def run() -> str:
    out = StringIO()
    call_command("delete_expired_pupils", stdout=out)
    return out.getvalue()


def test_twelve_months_after_archiving_the_pupils_are_deleted_and_their_work_stays(cast: Cast):
    [(bo, _password)] = add_pupils(cast.mette, cast.project.space, ["Bo"], consent_confirmed=True)
    post = Post.objects.create(space=cast.project.space, author=cast.pia, body="Our river is cold!")
    archive(cast, 12, days=1)

    assert run() == "2 pupils removed from expired spaces, 2 pupil accounts deleted.\n"

    assert not SpacePupil.objects.filter(space=cast.project.space).exists()
    for pupil in (cast.pia, bo):
        former = User.objects.get(pk=pupil.pk)
        assert (former.username, former.first_name, former.country_id, former.is_active) == (None, "", None, False)
        assert former.deleted_at is not None and not former.has_usable_password()
    assert not can_log_in("pia.vestby", CAST_PASSWORD)
    post.refresh_from_db()
    assert post.author_id == cast.pia.pk
    assert run() == "0 pupils removed from expired spaces, 0 pupil accounts deleted.\n"  # nothing left to do


def test_a_pupil_also_in_a_space_that_has_not_expired_keeps_the_account(cast: Cast):
    other = other_space(cast)
    SpacePupil.objects.create(space=other.space, user=cast.pia, added_by=other.ulla)
    archive(cast, 13)

    assert delete_expired_pupils() == (1, 0)

    cast.pia.refresh_from_db()
    assert cast.pia.is_active and cast.pia.first_name == "Pia" and cast.pia.deleted_at is None
    assert list(SpacePupil.objects.filter(user=cast.pia).values_list("space_id", flat=True)) == [other.space.pk]
    assert can_log_in("pia.vestby", CAST_PASSWORD)
    # Ole, only in the other (active) space, is untouched.
    assert SpacePupil.objects.filter(user=other.ole).exists()


def test_a_pupil_in_two_expired_spaces_is_deleted(cast: Cast):
    other = other_space(cast)
    SpacePupil.objects.create(space=other.space, user=cast.pia, added_by=other.ulla)
    archive(cast, 14)
    projects.close_project(other.ulla, other.space.project)
    projects.archive_project(other.ulla, other.space.project)
    Project.objects.filter(pk=other.space.project_id).update(archived_at=months_before(timezone.now(), 12))

    assert delete_expired_pupils() == (3, 2)  # Pia's two places and Ole's; Pia's and Ole's accounts
    assert not User.objects.get(pk=cast.pia.pk).is_active
    assert not User.objects.get(pk=other.ole.pk).is_active


@pytest.mark.parametrize("months_ago", [0, 6, 11])
def test_before_the_retention_period_ends_nothing_happens(cast: Cast, months_ago: int):
    archive(cast, months_ago)
    assert delete_expired_pupils() == (0, 0)
    assert can_log_in("pia.vestby", CAST_PASSWORD)


def test_active_and_closed_projects_keep_their_pupils(cast: Cast):
    assert delete_expired_pupils(now=timezone.now() + timedelta(days=3650)) == (0, 0)
    projects.close_project(cast.mette, cast.project)
    assert delete_expired_pupils(now=timezone.now() + timedelta(days=3650)) == (0, 0)
    assert SpacePupil.objects.filter(user=cast.pia).exists()


def test_the_retention_period_is_a_setting(cast: Cast, settings):
    settings.PUPIL_RETENTION_MONTHS = 3
    archive(cast, 4)
    assert delete_expired_pupils() == (1, 1)


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2025, 3, 31, 8, 30, tzinfo=UTC), 1, datetime(2025, 2, 28, 8, 30, tzinfo=UTC)),
        (datetime(2024, 3, 31, tzinfo=UTC), 1, datetime(2024, 2, 29, tzinfo=UTC)),
        (datetime(2025, 1, 15, tzinfo=UTC), 12, datetime(2024, 1, 15, tzinfo=UTC)),
        (datetime(2025, 1, 15, tzinfo=UTC), 13, datetime(2023, 12, 15, tzinfo=UTC)),
    ],
)
def test_months_before(moment: datetime, months: int, expected: datetime):
    assert months_before(moment, months) == expected
