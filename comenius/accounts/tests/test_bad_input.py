"""Bad input gets a clear message and changes nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from comenius.accounts.models import User
from comenius.accounts.tests.helpers import signup_data
from comenius.core.tests.upload_files import (
    HTML,
    NAME,
    PDF_WITH_HTML,
    PDF_WITHOUT_STRUCTURE,
    bomb_png,
    jpeg_with_comment,
    pdf,
    rotated_jpeg,
)
from comenius.institutions.models import Institution

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _nina_reads_english(cast):
    # Nina's pages are normally Danish; these tests read the English messages.
    cast.nina.language = "en"
    cast.nina.save(update_fields=["language"])


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "navy").save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (57.0, 27.0, 30.0), 3: "E", 4: (9.0, 58.0, 45.0)}  # GPS position
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def assert_no_new_user(count_before: int) -> None:
    assert User.objects.count() == count_before


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"email": "mette@vestbyskolen.dk.example"}, None, None),  # duplicate: generic answer, see below
        ({"password1": "12345", "password2": "12345"}, "password1", "too short"),
        ({"password2": "something-else-entirely"}, "password2", "same password"),
        ({"first_name": "<script>alert(1)</script>"}, "first_name", "plain text"),
        ({"last_name": "Nielsen<b>"}, "last_name", "plain text"),
        ({"institution": "", "institution_query": "Vest"}, "institution_query", "Choose your institution"),
        ({"role": "janitor"}, "role", "valid choice"),
        ({"country": "XX"}, "country", "valid choice"),
    ],
)
def test_signup_refuses_bad_input(client, cast, overrides, field, message):
    before = User.objects.count()
    institutions_before = Institution.objects.count()
    response = client.post(reverse("account_signup"), signup_data(cast.vestbyskolen, **overrides))
    if field is None:
        # A duplicate address gets the same answer as a new one (no account enumeration) and no new account.
        assert response.status_code == 302
    else:
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert field in errors, errors
        assert message in " ".join(errors[field])
    assert_no_new_user(before + 0)
    assert Institution.objects.count() == institutions_before


def test_signup_with_institution_of_another_country_is_refused(client, cast):
    before = User.objects.count()
    response = client.post(reverse("account_signup"), signup_data(cast.cervantes, country="DK"))
    assert "institution_query" in response.context["form"].errors
    assert_no_new_user(before)


def test_new_institution_needs_its_type_and_city(client, cast):
    data = signup_data(None, email="x@example.org", new_institution_name="Nyskolen")
    response = client.post(reverse("account_signup"), data)
    errors = response.context["form"].errors
    assert {"new_institution_type", "new_institution_city"} <= errors.keys()
    assert not Institution.objects.filter(name="Nyskolen").exists()


def test_pending_member_can_fix_profile_but_not_with_html(client, cast):
    client.force_login(cast.nina)
    response = client.post(
        reverse("accounts:profile"),
        {"first_name": "<img src=x onerror=alert(1)>", "last_name": "Holm", "language": "da"},
    )
    assert response.status_code == 400
    cast.nina.refresh_from_db()
    assert cast.nina.first_name == "Nina"


def upload(client, name: str, content: bytes, content_type: str = "application/octet-stream"):
    return client.post(
        reverse("accounts:upload_evidence"), {"evidence": SimpleUploadedFile(name, content, content_type)}
    )


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("contract.pdf", png_bytes(), "not what its name says"),
        ("contract.png", pdf(), "not what its name says"),
        ("contract.pdf", b"<html><script>alert(1)</script></html>", "Only PDF, PNG and JPEG"),
        ("contract.jpg", HTML, "Only PDF, PNG and JPEG"),
        ("contract.pdf", PDF_WITH_HTML, "begins like a PDF but holds a web page"),
        ("contract.pdf", PDF_WITHOUT_STRUCTURE, "damaged"),
        ("contract.pdf", b"", "is empty"),
        ("contract.pdf", b"%PDF-1.4\n" + b"0" * 200, "damaged"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, "could not be read"),
        ("scan.png", bomb_png(), "too large in pixels"),
    ],
)
def test_disguised_or_broken_evidence_is_refused(client, cast, name, content, message):
    client.force_login(cast.nina)
    response = upload(client, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not cast.nina.validation_requests.get().evidence


def test_too_large_evidence_is_refused(client, cast, settings):
    settings.EVIDENCE_MAX_BYTES = 1000
    client.force_login(cast.nina)
    response = upload(client, "contract.pdf", b"%PDF-1.4\n" + b"0" * 2000 + b"\n%%EOF\n")
    assert response.status_code == 400
    assert "too large" in response.content.decode()
    assert not cast.nina.validation_requests.get().evidence


def test_jpeg_evidence_is_stored_without_its_gps_position(client, cast):
    original = jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test file really has GPS
    client.force_login(cast.nina)
    assert upload(client, "contract.jpg", original, "image/jpeg").status_code == 302
    request = cast.nina.validation_requests.get()
    stored = request.evidence.read()
    assert request.evidence.name.endswith(".jpg") and "contract" not in request.evidence.name
    exif = Image.open(io.BytesIO(stored)).getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif


def test_jpeg_evidence_loses_its_comment_and_is_turned_upright(client, cast):
    client.force_login(cast.nina)
    assert upload(client, "contract.jpg", jpeg_with_comment(), "image/jpeg").status_code == 302
    stored = cast.nina.validation_requests.get().evidence.read()
    assert NAME.encode() not in stored and "comment" not in Image.open(io.BytesIO(stored)).info
    assert upload(client, "contract.jpg", rotated_jpeg(), "image/jpeg").status_code == 302
    assert Image.open(io.BytesIO(cast.nina.validation_requests.get().evidence.read())).size == (40, 60)


def test_a_real_pdf_is_kept_as_it_is(client, cast):
    client.force_login(cast.nina)
    assert upload(client, "contract.pdf", pdf(), "application/pdf").status_code == 302
    request = cast.nina.validation_requests.get()
    assert request.evidence.read() == pdf() and request.evidence_content_type == "application/pdf"


def test_decompression_bomb_is_refused(client, cast):
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")  # 81 megapixels, a few KB on disk
    client.force_login(cast.nina)
    response = upload(client, "scan.png", buffer.getvalue(), "image/png")
    assert response.status_code == 400
    assert not cast.nina.validation_requests.get().evidence


def test_officer_can_open_valid_evidence(client, cast):
    client.force_login(cast.nina)
    upload(client, "contract.png", png_bytes(), "image/png")
    request = cast.nina.validation_requests.get()
    client.force_login(cast.jonas)
    response = client.get(reverse("accounts:evidence", args=[request.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")
