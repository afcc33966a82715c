"""An image's thumbnail is made by a task after the upload (the request only checks and cleans the file): pages
show none until it exists, a thumbnail is made once, and a material deleted before the task ran leaves no file."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from PIL import Image

from comenius.devdata.testing import Cast
from comenius.spaces.models import Material
from comenius.spaces.services import materials
from comenius.spaces.tests.test_materials_uploads import add_file, png, signed_in, stored_files

pytestmark = pytest.mark.django_db

QUEUED_ONLY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_the_thumbnail_comes_from_a_task_after_the_upload(cast: Cast, settings):
    settings.TASKS = QUEUED_ONLY  # the worker has not reached it yet
    space = cast.project.space
    photo = add_file(cast.mette, space, "map.png", png((1600, 900)))
    assert photo.file and not photo.thumbnail
    page = signed_in(cast.lucia).get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert reverse("spaces:material_thumbnail", args=[space.pk, photo.pk]) not in page
    assert signed_in(cast.lucia).get(reverse("spaces:material_thumbnail", args=[space.pk, photo.pk])).status_code == 404

    assert materials.make_thumbnail(photo.pk) is True  # what the worker does
    assert materials.make_thumbnail(photo.pk) is False  # once only
    photo.refresh_from_db()
    with photo.thumbnail.open("rb") as handle:
        thumbnail = Image.open(io.BytesIO(handle.read()))
    assert thumbnail.format == "JPEG" and thumbnail.size == (480, 270)
    page = signed_in(cast.lucia).get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert reverse("spaces:material_thumbnail", args=[space.pk, photo.pk]) in page


def test_documents_get_no_thumbnail_task(cast: Cast, settings):
    from django_tasks import task_backends

    settings.TASKS = QUEUED_ONLY
    add_file(cast.mette, cast.project.space, "notes.txt", b"plain notes")
    add_file(cast.mette, cast.project.space, "photo.png", png())
    queued = [result.task.name for result in task_backends["default"].results]  # type: ignore[attr-defined]
    assert queued == ["make_thumbnail"]


def test_a_material_deleted_before_its_thumbnail_leaves_no_file(
    cast: Cast, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = QUEUED_ONLY
    photo = add_file(cast.mette, cast.project.space, "photo.png", png())
    with django_capture_on_commit_callbacks(execute=True):
        materials.delete_material(cast.mette, photo)
    assert stored_files() == []
    assert materials.make_thumbnail(photo.pk) is False
    assert stored_files() == [] and not Material.objects.exists()
