"""Profile photos (metadata stripped, served only to members who may see them) and bounded queries on the
ideas, contacts and inbox pages."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from comenius.accounts.tests.test_bad_input import jpeg_with_gps
from comenius.core.tests.upload_files import (
    HTML,
    NAME,
    PDF_WITH_HTML,
    bomb_png,
    huge_png,
    jpeg_with_comment,
    png,
    rotated_jpeg,
)
from comenius.network import services
from comenius.network.models import Profile
from comenius.network.tests.helpers import member
from comenius.network.tests.test_ideas import idea_data

pytestmark = pytest.mark.django_db


def test_photo_is_stripped_resized_and_only_for_members(client, cast):
    client.force_login(cast.lucia)
    upload = SimpleUploadedFile("portrait-of-otto.jpg", jpeg_with_gps(), "image/jpeg")
    assert client.post(reverse("network:upload_photo"), {"photo": upload}).status_code == 302
    profile = Profile.objects.get(user=cast.lucia)
    assert profile.photo and "portrait-of-otto" not in profile.photo.name  # the uploaded name is never kept
    url = reverse("network:photo", args=[cast.lucia.pk])
    client.force_login(cast.otto)
    response = client.get(url)
    assert response.status_code == 200
    image = Image.open(io.BytesIO(b"".join(response.streaming_content)))
    assert not image.getexif().get_ifd(0x8825) and 0x010F not in image.getexif()
    client.force_login(cast.nina)  # pending
    assert client.get(url).status_code == 302
    client.logout()
    assert client.get(url).status_code == 302
    # Hidden photo: gone for others.
    Profile.objects.filter(pk=profile.pk).update(show_photo=False)
    client.force_login(cast.otto)
    assert client.get(url).status_code == 404


def post_photo(client, name: str, content: bytes):
    return client.post(reverse("network:upload_photo"), {"photo": SimpleUploadedFile(name, content, "image/jpeg")})


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("me.pdf", b"%PDF-1.4\n%%EOF\n", "Please choose a PNG or JPEG picture."),
        ("me.pdf", PDF_WITH_HTML, "Please choose a PNG or JPEG picture."),
        ("me.jpg", HTML, "Please choose a PNG or JPEG picture."),
        ("me.jpg", png(), "This picture is not what its name says."),
        ("me.png", bomb_png(), "too large in pixels"),
        ("me.png", huge_png(), "too large in pixels"),
        ("me.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, "This image could not be read."),
    ],
)
def test_hostile_and_disguised_photos_are_refused(client, cast, name, content, message):
    client.force_login(cast.lucia)
    response = post_photo(client, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Profile.objects.get(user=cast.lucia).photo


def test_photo_is_upright_small_and_without_its_comment(client, cast):
    client.force_login(cast.lucia)
    assert post_photo(client, "me.jpg", jpeg_with_comment()).status_code == 302
    with Profile.objects.get(user=cast.lucia).photo.open("rb") as handle:
        stored = handle.read()
    assert NAME.encode() not in stored and "comment" not in Image.open(io.BytesIO(stored)).info
    assert post_photo(client, "me.jpg", rotated_jpeg()).status_code == 302
    with Profile.objects.get(user=cast.lucia).photo.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (40, 60)
    assert post_photo(client, "big.png", png((2000, 1000))).status_code == 302
    with Profile.objects.get(user=cast.lucia).photo.open("rb") as handle:
        image = Image.open(io.BytesIO(handle.read()))
    assert (image.format, image.size) == ("JPEG", (400, 200))


def count_queries(client, url: str) -> int:
    client.get(url)  # warm the caches a real server has warm (country names)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["network:ideas", "network:contacts", "network:inbox", "site:home"])
def test_pages_make_a_bounded_number_of_queries(client, cast, page):
    def add_people(numbers: range) -> None:
        for number in numbers:
            other = member("FR", officer=cast.carla, subjects=["history"], languages={"da": 4}, ages=(12, 15))
            services.post_idea(other, idea_data(title=f"Idea {number}", description=f"Text {number}"))
            request = services.request_contact(other, cast.otto)
            if number % 2:
                services.accept_contact(cast.otto, request)
            services.send_message(other, cast.otto, f"Hello {number}")

    client.force_login(cast.otto)
    url = reverse(page)
    add_people(range(2))  # every kind of row exists once
    before = count_queries(client, url)
    add_people(range(2, 10))
    after = count_queries(client, url)
    assert after == before, f"{page}: {before} queries with little data, {after} with more"
    # The member home also lists the member's projects (one query): 15 there, at most 14 elsewhere.
    assert after <= (15 if page == "site:home" else 14)
