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


def test_a_pdf_is_not_a_photo(client, cast):
    client.force_login(cast.lucia)
    upload = SimpleUploadedFile("me.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")
    assert client.post(reverse("network:upload_photo"), {"photo": upload}).status_code == 400
    assert not Profile.objects.get(user=cast.lucia).photo


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
