"""Material files are served only to the space's members, through a view that checks the seat: visitors go to
log in, everyone else (a pupil of another project's space included) gets 404. Headers keep files inert:
nosniff, a sandboxing CSP, the stored content type, attachment for documents and inline for pictures and
video. Hidden materials are gone for everyone but the moderators."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from comenius.accounts.models import User
from comenius.core.tests.upload_files import pdf
from comenius.devdata.testing import Cast, active_project, client_for
from comenius.projects.tests.helpers import teacher
from comenius.spaces.models import Material
from comenius.spaces.services import materials
from comenius.spaces.services.moderation import set_hidden
from comenius.spaces.services.pupils import add_pupils
from comenius.spaces.tests.test_materials_uploads import add_file, mp4_with_location, png

pytestmark = pytest.mark.django_db


def pupil_of_another_space(cast: Cast) -> User:
    ulla = teacher("DK", cast.jonas, "Ulla")
    rosa = teacher("ES", cast.ana, "Rosa", contact_of=ulla)
    other = active_project(ulla, rosa, [cast.jonas, cast.ana], "Birds of our towns")
    [(ole, _password)] = add_pupils(ulla, other.space, ["Ole"], consent_confirmed=True)
    return ole


def file_url(material: Material, what: str = "file") -> str:
    return reverse(f"spaces:material_{what}", args=[material.space_id, material.pk])


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_files_are_for_the_space_members_only(cast: Cast):
    photo = add_file(cast.mette, cast.project.space, "class.png", png())
    ole = pupil_of_another_space(cast)
    for what in ("file", "thumbnail"):
        url = file_url(photo, what)
        for member in (cast.mette, cast.lucia, cast.pia):
            assert client_for(member).get(url).status_code == 200, (what, member)
        for outsider in (cast.otto, ole, cast.nina, cast.jonas, cast.carla):
            assert client_for(outsider).get(url).status_code == 404, (what, outsider)
        visitor: Any = Client().get(url)
        assert visitor.status_code == 302 and visitor.url.startswith(reverse("account_login"))
    # A material of this space asked for through another space's address: 404 even for its members' pupils.
    other_space = ole.pupil_places.get().space
    wrong = reverse("spaces:material_file", args=[other_space.pk, photo.pk])
    assert client_for(ole).get(wrong).status_code == 404
    assert client_for(cast.mette).get(wrong).status_code == 404


def test_headers_keep_files_inert(cast: Cast):
    space = cast.project.space
    photo = add_file(cast.mette, space, "Our class.png", png())
    response = client_for(cast.pia).get(file_url(photo))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'inline; filename="Our class.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert (
        "sandbox" in response["Content-Security-Policy"] and "default-src 'none'" in response["Content-Security-Policy"]
    )
    assert response["Cache-Control"].startswith("private")
    with photo.file.open("rb") as handle:
        assert body(response) == handle.read()

    document = add_file(cast.mette, space, "Vandmåling.pdf", pdf())
    response = client_for(cast.pia).get(file_url(document))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{quote('Vandmåling.pdf')}"
    assert body(response) == pdf()

    text = add_file(cast.mette, space, "notes.txt", b"plain words")
    response = client_for(cast.lucia).get(file_url(text))
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")

    thumbnail = client_for(cast.pia).get(file_url(photo, "thumbnail"))
    assert thumbnail["Content-Type"] == "image/jpeg" and thumbnail["X-Content-Type-Options"] == "nosniff"
    assert client_for(cast.pia).get(file_url(document, "thumbnail")).status_code == 404  # documents have none


def test_video_answers_ranges(cast: Cast):
    video = add_file(cast.mette, cast.project.space, "river.mp4", mp4_with_location())
    with video.file.open("rb") as handle:
        stored = handle.read()
    client = client_for(cast.pia)
    whole = client.get(file_url(video))
    assert whole.status_code == 200 and whole["Accept-Ranges"] == "bytes"
    assert whole["Content-Disposition"].startswith("inline;") and whole["Content-Type"] == "video/mp4"
    part = client.get(file_url(video), HTTP_RANGE="bytes=10-19")
    assert part.status_code == 206 and part["Content-Range"] == f"bytes 10-19/{len(stored)}"
    assert body(part) == stored[10:20] and part["Content-Length"] == "10"
    tail = client.get(file_url(video), HTTP_RANGE="bytes=-5")
    assert tail.status_code == 206 and body(tail) == stored[-5:]
    open_ended = client.get(file_url(video), HTTP_RANGE="bytes=100-")
    assert body(open_ended) == stored[100:]
    beyond = client.get(file_url(video), HTTP_RANGE=f"bytes={len(stored) + 10}-")
    assert beyond.status_code == 416 and beyond["Content-Range"] == f"bytes */{len(stored)}"


def test_production_hands_the_bytes_to_the_web_server(cast: Cast, settings):
    settings.MEDIA_ACCEL_REDIRECT = "/protected-media/"
    photo = add_file(cast.mette, cast.project.space, "class.png", png())
    response = client_for(cast.pia).get(file_url(photo))
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/protected-media/{photo.file.name}"
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'inline; filename="class.png"'
    # The check still comes first.
    assert client_for(cast.otto).get(file_url(photo)).status_code == 404


def test_hidden_material_is_gone_except_for_moderators(cast: Cast):
    space = cast.project.space
    photo = add_file(cast.mette, space, "party.png", png(), title="The party")
    set_hidden(photo, True)
    pia = client_for(cast.pia)
    for url in (file_url(photo), file_url(photo, "thumbnail"), reverse("spaces:material", args=[space.pk, photo.pk])):
        assert pia.get(url).status_code == 404
    assert "The party" not in pia.get(reverse("spaces:materials", args=[space.pk])).content.decode()
    lucia = client_for(cast.lucia)  # a teacher administrator: a moderator
    listing = lucia.get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert "The party" in listing and "Hidden" in listing  # marked as hidden
    assert lucia.get(file_url(photo)).status_code == 200


def test_material_in_a_hidden_folder_is_hidden_with_it(cast: Cast):
    space = cast.project.space
    folder = materials.create_folder(cast.mette, space, "Trip")
    inner = materials.create_folder(cast.mette, space, "Day one", parent=folder)
    photo = add_file(cast.mette, space, "bus.png", png(), folder=inner)
    set_hidden(folder, True)
    pia = client_for(cast.pia)
    assert pia.get(file_url(photo)).status_code == 404
    assert pia.get(reverse("spaces:folder", args=[space.pk, inner.pk])).status_code == 404
    assert "Trip" not in pia.get(reverse("spaces:materials", args=[space.pk])).content.decode()
    assert client_for(cast.mette).get(file_url(photo)).status_code == 200


def test_a_file_missing_from_storage_is_404_not_an_error(cast: Cast):
    photo = add_file(cast.mette, cast.project.space, "class.png", png())
    photo.file.storage.delete(photo.file.name)
    assert client_for(cast.mette).get(file_url(photo)).status_code == 404


def test_in_a_closed_project_moderators_still_see_hidden_material(cast: Cast):
    from comenius.projects import services as projects

    photo = add_file(cast.mette, cast.project.space, "party.png", png())
    set_hidden(photo, True)
    projects.close_project(cast.mette, cast.project)
    assert client_for(cast.lucia).get(file_url(photo)).status_code == 200
    assert client_for(cast.pia).get(file_url(photo)).status_code == 404
