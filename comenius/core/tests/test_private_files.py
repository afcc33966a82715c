"""Every private file — a space's material, a profile photo, NSO evidence — leaves through one helper
(`core.private_files.send_private_file`), after its view checked access: with MEDIA_ACCEL_REDIRECT set the answer
is empty and names the internal path for the web server (`X-Accel-Redirect`); without it Django sends the bytes.
The setting comes from the environment and is refused when it is not an internal path."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from comenius.accounts import services as accounts
from comenius.core.tests.upload_files import pdf, png
from comenius.core.uploads import PROFILE_PHOTO, VALIDATION_EVIDENCE, check
from comenius.devdata.testing import Cast
from comenius.network import services as network
from comenius.spaces.services import materials

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def signed_in(user: Any) -> Any:
    client = Client()
    client.force_login(user)
    return client


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def private_files(cast: Cast) -> list[tuple[Any, str, Any, str]]:
    """(who may fetch it, its address, the stored file, its content type) for one file of each kind."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    material = materials.upload_material(
        cast.mette, cast.project.space, SimpleUploadedFile("class.png", png())
    ).material
    profile = network.set_photo(cast.lucia, check(SimpleUploadedFile("me.png", png()), PROFILE_PHOTO))
    request = accounts.attach_evidence(
        cast.nina, check(SimpleUploadedFile("contract.pdf", pdf()), VALIDATION_EVIDENCE), "My contract"
    )
    return [
        (cast.pia, reverse("spaces:material_file", args=[material.space_id, material.pk]), material.file, "image/png"),
        (cast.otto, reverse("network:photo", args=[cast.lucia.pk]), profile.photo, "image/jpeg"),
        (cast.jonas, reverse("accounts:evidence", args=[request.pk]), request.evidence, "application/pdf"),
    ]


def test_with_accel_redirect_the_web_server_sends_every_private_file(cast: Cast, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    for viewer, url, stored, content_type in private_files(cast):
        response = signed_in(viewer).get(url)
        assert response.status_code == 200, url
        assert response["X-Accel-Redirect"] == f"/protected-media/{stored.name}", url
        assert response.content == b"", url
        assert response["Content-Type"] == content_type and response["X-Content-Type-Options"] == "nosniff"
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["Cache-Control"].startswith("private")


def test_without_it_django_sends_the_bytes(cast: Cast, settings):
    settings.MEDIA_ACCEL_REDIRECT = ""
    for viewer, url, stored, content_type in private_files(cast):
        response = signed_in(viewer).get(url)
        assert response.status_code == 200, url
        assert "X-Accel-Redirect" not in response, url
        with stored.open("rb") as handle:
            assert body(response) == handle.read(), url
        assert response["Content-Type"] == content_type and response["X-Content-Type-Options"] == "nosniff"


def test_the_check_comes_first(cast: Cast, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    outsiders = [cast.otto, cast.nina, cast.ana]  # not in the space; pending; another country's officer
    for outsider, (_viewer, url, _stored, _type) in zip(outsiders, private_files(cast), strict=True):
        response = signed_in(outsider).get(url)
        assert response.status_code in (302, 404), url
        assert "X-Accel-Redirect" not in response


def test_names_with_spaces_are_quoted_in_the_internal_path(settings):
    from django.core.files.storage import default_storage
    from django.db.models.fields.files import FieldFile
    from django.test import RequestFactory

    from comenius.core.private_files import send_private_file
    from comenius.spaces.models import Material

    settings.MEDIA_ACCEL_REDIRECT = "/protected-media"  # set by hand without the final slash: still one slash
    stored = FieldFile(Material(), Material._meta.get_field("file"), "spaces/1/ä b.png")
    stored.storage = default_storage
    response = send_private_file(RequestFactory().get("/"), stored, "image/png", filename="ä b.png")
    assert response["X-Accel-Redirect"] == "/protected-media/spaces/1/%C3%A4%20b.png"


def setting_from(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "MEDIA_ACCEL_REDIRECT"}
    env.update(environment)
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='comenius.settings'; django.setup(); "
            "from django.conf import settings; print(repr(settings.MEDIA_ACCEL_REDIRECT))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "''"), ("/protected-media/", "'/protected-media/'"), (" /protected-media ", "'/protected-media/'")],
)
def test_the_setting_comes_from_the_environment(value, expected):
    result = setting_from(MEDIA_ACCEL_REDIRECT=value)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected


@pytest.mark.parametrize("value", ["protected-media/", "https://cdn.example/media/", "/media?x=1"])
def test_a_setting_that_is_not_an_internal_path_is_refused(value):
    result = setting_from(MEDIA_ACCEL_REDIRECT=value)
    assert result.returncode != 0
    assert "MEDIA_ACCEL_REDIRECT must be an internal path" in result.stderr
