"""Profile photos (metadata stripped, served only to members who may see them) and bounded queries on the
ideas, contacts and inbox pages."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
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
from comenius.devdata.testing import client_for, count_queries
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


PAGES = ["network:ideas", "network:contacts", "network:inbox", "site:home"]


def test_pages_make_a_bounded_number_of_queries(cast):
    """Every page of PAGES on the same data (building it is most of the cost); each page that fails is named."""

    def add_people(numbers: range) -> None:
        for number in numbers:
            other = member("FR", officer=cast.carla, subjects=["history"], languages={"da": 4}, ages=(12, 15))
            services.post_idea(other, idea_data(title=f"Idea {number}", description=f"Text {number}"))
            request = services.request_contact(other, cast.otto)
            if number % 2:
                services.accept_contact(cast.otto, request)
            services.send_message(other, cast.otto, f"Hello {number}")

    client = client_for(cast.otto)
    add_people(range(2))  # every kind of row exists once
    before = {page: count_queries(client, reverse(page)) for page in PAGES}
    add_people(range(2, 10))
    after = {page: count_queries(client, reverse(page)) for page in PAGES}
    failures = [
        f"{page}: {before[page]} queries with little data, {after[page]} with more"
        for page in PAGES
        if after[page] != before[page]
    ]
    # The member home also lists the member's projects (one query): 15 there, at most 14 elsewhere.
    failures += [
        f"{page}: {after[page]} queries" for page in PAGES if after[page] > (15 if page == "site:home" else 14)
    ]
    assert not failures, "\n".join(failures)
