"""One upload policy for every kind of upload: teachers' profile photos, NSO validation evidence and project-space
materials get the same careful checks — bombs and huge pixel counts refused per image (no process-wide Pillow
limit), disguised files refused, photos turned upright, metadata (EXIF, GPS, comments, XMP) dropped — and
differ only in what their policy allows. Journeys through the pages are tested in the apps (accounts'
test_bad_input, network's test_photo_and_query_counts, spaces' test_materials_uploads)."""

from __future__ import annotations

import dataclasses
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from comenius.core import uploads
from comenius.core.errors import DomainError
from comenius.core.tests.upload_files import (
    HTML,
    NAME,
    PDF_WITH_HTML,
    PDF_WITHOUT_STRUCTURE,
    bomb_png,
    huge_png,
    jpeg_with_comment,
    jpeg_with_gps,
    pdf,
    png,
    rotated_jpeg,
)
from comenius.core.uploads import PROFILE_PHOTO, SPACE_MATERIAL, VALIDATION_EVIDENCE, UploadPolicy
from comenius.spaces.models import MaterialKind

POLICIES = [PROFILE_PHOTO, VALIDATION_EVIDENCE, SPACE_MATERIAL]
DOCUMENT_POLICIES = [VALIDATION_EVIDENCE, SPACE_MATERIAL]


def check(name: str, content: bytes, policy: UploadPolicy) -> uploads.CheckedFile:
    return uploads.check(SimpleUploadedFile(name, content), policy)


def refusal(name: str, content: bytes, policy: UploadPolicy) -> str:
    with pytest.raises(DomainError) as refused:
        check(name, content, policy)
    return refused.value.message


def stored_image(checked: uploads.CheckedFile) -> tuple[Image.Image, bytes]:
    assert checked.content is not None
    return Image.open(io.BytesIO(checked.content)), checked.content


def test_no_process_wide_pillow_limit_is_set():
    # Pillow's own default (about 89 megapixels, for every image in the process) is left alone: each policy
    # counts the pixels of each image itself.
    pillow_default = 1024 * 1024 * 1024 // 4 // 3
    assert pillow_default == Image.MAX_IMAGE_PIXELS
    assert all(policy.max_pixels == uploads.MAX_PIXELS for policy in POLICIES)


def test_policies_are_frozen_and_named():
    with pytest.raises(dataclasses.FrozenInstanceError):
        PROFILE_PHOTO.max_side = 4000  # type: ignore[misc]
    assert uploads.POLICIES == {
        "profile_photo": PROFILE_PHOTO,
        "validation_evidence": VALIDATION_EVIDENCE,
        "space_material": SPACE_MATERIAL,
    }
    assert set(PROFILE_PHOTO.types) <= set(VALIDATION_EVIDENCE.types) <= set(SPACE_MATERIAL.types) == set(uploads.TYPES)


def test_file_kinds_are_the_kinds_of_materials():
    assert {file_type.kind for file_type in uploads.TYPES.values()} <= set(MaterialKind.values)


# --- hostile images, for every policy ----------------------------------------------------------------------------


@pytest.mark.parametrize("policy", POLICIES, ids=lambda policy: policy.name)
@pytest.mark.parametrize(
    ("name", "content"),
    [("bomb.png", bomb_png()), ("bomb-just-over.png", bomb_png(7_000, 7_000)), ("scan.png", huge_png())],
    ids=["bomb", "header-just-over", "real-81-megapixels"],
)
def test_bombs_and_huge_pixel_counts_are_refused(policy, name, content):
    assert "too large in pixels (at most 40 megapixels)" in refusal(name, content, policy)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda policy: policy.name)
def test_gps_and_camera_details_are_dropped(policy):
    checked = check("IMG_2041.jpg", jpeg_with_gps(), policy)
    image, content = stored_image(checked)
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif and 0x0110 not in exif and "exif" not in image.info
    assert b"PhoneMaker" not in content and b"PupilPhone" not in content


@pytest.mark.parametrize("policy", POLICIES, ids=lambda policy: policy.name)
def test_a_comment_and_xmp_with_a_place_and_a_name_are_dropped(policy):
    original = jpeg_with_comment()
    assert NAME.encode() in Image.open(io.BytesIO(original)).info["comment"]  # Pillow would write it back
    image, content = stored_image(check("class.jpg", original, policy))
    assert "comment" not in image.info and "xmp" not in image.info
    assert NAME.encode() not in content and b"Hj\xc3\xb8rring" not in content and b"57.4580" not in content


@pytest.mark.parametrize("policy", POLICIES, ids=lambda policy: policy.name)
def test_a_photo_on_its_side_is_turned_upright(policy):
    image, _content = stored_image(check("upright.jpg", rotated_jpeg(), policy))
    assert image.size == (40, 60)
    red, green, blue = image.convert("RGB").getpixel((20, 10))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60  # red is on top, as the phone showed it
    assert 0x0112 not in image.getexif()


@pytest.mark.parametrize("policy", [PROFILE_PHOTO, VALIDATION_EVIDENCE], ids=lambda policy: policy.name)
def test_a_png_named_jpg_is_refused_for_photos_and_evidence(policy):
    assert "not what its name says" in refusal("portrait.jpg", png(), policy)


def test_a_png_named_jpg_becomes_a_png_among_materials():
    checked = check("portrait.jpg", png(), SPACE_MATERIAL)
    assert (checked.content_type, checked.filename, checked.renamed) == ("image/png", "portrait.png", True)


def test_a_profile_photo_becomes_a_small_jpeg():
    checked = check("me.png", png((1600, 1200)), PROFILE_PHOTO)
    image, _content = stored_image(checked)
    assert (image.format, image.size) == ("JPEG", (400, 300))
    assert (checked.content_type, checked.filename) == ("image/jpeg", "me.jpg")
    assert checked.thumbnail is None


def test_evidence_keeps_its_format_and_materials_get_thumbnails():
    evidence = check("contract.png", png(), VALIDATION_EVIDENCE)
    assert stored_image(evidence)[0].format == "PNG" and evidence.thumbnail is None
    material = check("map.png", png((1600, 900)), SPACE_MATERIAL)
    assert material.thumbnail is not None
    assert Image.open(io.BytesIO(material.thumbnail)).size == (480, 270)


# --- disguised files ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("policy", DOCUMENT_POLICIES, ids=lambda policy: policy.name)
def test_a_pdf_header_in_front_of_a_web_page_is_refused(policy):
    assert "begins like a PDF but holds a web page" in refusal("contract.pdf", PDF_WITH_HTML, policy)
    with translation.override("da"):
        assert "begynder som en PDF" in refusal("contract.pdf", PDF_WITH_HTML, policy)


@pytest.mark.parametrize("policy", DOCUMENT_POLICIES, ids=lambda policy: policy.name)
@pytest.mark.parametrize(
    "content",
    [
        PDF_WITHOUT_STRUCTURE,
        b"%PDF-1.7\n1 0 obj\n",  # cut off: no end
        b"%PDF-1.4\n" + b"0" * 200 + b"\n%%EOF\n",  # an end, but no objects and no cross-reference
        b"%PDF-1.4\nhello world, no objects here\nstartxref\n0\n%%EOF\n",
    ],
    ids=["header-and-end-only", "cut-off", "no-objects", "no-objects-with-startxref"],
)
def test_a_pdf_without_pdf_structure_is_refused(policy, content):
    assert "This PDF seems damaged or incomplete" in refusal("contract.pdf", content, policy)


@pytest.mark.parametrize("policy", DOCUMENT_POLICIES, ids=lambda policy: policy.name)
def test_a_real_pdf_is_accepted_as_it_is(policy):
    document = pdf()
    checked = check("contract.pdf", document, policy)
    assert checked.content_type == "application/pdf" and checked.size == len(document)
    assert checked.as_file().read() == document


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        (PROFILE_PHOTO, "Please choose a PNG or JPEG picture."),
        (VALIDATION_EVIDENCE, "Only PDF, PNG and JPEG files are accepted."),
        (SPACE_MATERIAL, "Web pages, SVG drawings and other markup files cannot be added"),
    ],
    ids=lambda value: getattr(value, "name", ""),
)
def test_html_named_jpg_is_refused(policy, message):
    assert message in refusal("holiday.jpg", HTML, policy)


@pytest.mark.parametrize("policy", POLICIES, ids=lambda policy: policy.name)
def test_a_damaged_image_is_refused(policy):
    assert "This image could not be read" in refusal("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, policy)
    assert "This image could not be read" in refusal("photo.png", b"\x89PNG\r\n\x1a\n" + b"garbage" * 10, policy)


def test_what_a_policy_does_not_take_is_refused_with_its_message():
    assert refusal("cv.pdf", pdf(), PROFILE_PHOTO) == "Please choose a PNG or JPEG picture."
    gif = io.BytesIO()
    Image.new("RGB", (10, 10)).save(gif, format="GIF")
    assert refusal("scan.gif", gif.getvalue(), VALIDATION_EVIDENCE) == "Only PDF, PNG and JPEG files are accepted."
    assert refusal("notes.txt", b"plain words", VALIDATION_EVIDENCE) == "Only PDF, PNG and JPEG files are accepted."
    assert refusal("program.exe", b"MZ\x90\x00\x03", SPACE_MATERIAL).startswith("This kind of file cannot be added.")


def test_limits_follow_the_settings(settings):
    settings.EVIDENCE_MAX_BYTES = 100
    assert "The file is too large" in refusal("contract.pdf", pdf(), VALIDATION_EVIDENCE)
    assert "The file is empty." in refusal("contract.pdf", b"", VALIDATION_EVIDENCE)


def test_a_form_gets_the_refusal_as_its_error():
    with pytest.raises(ValidationError) as refused:
        uploads.check_in_form(SimpleUploadedFile("holiday.jpg", HTML), PROFILE_PHOTO)
    assert refused.value.messages == ["Please choose a PNG or JPEG picture."]


def test_a_phone_jpeg_with_extra_pictures_keeps_only_the_first():
    buffer = io.BytesIO()
    Image.new("RGB", (50, 40), "red").save(
        buffer, format="MPO", save_all=True, append_images=[Image.new("RGB", (50, 40), "blue")]
    )
    image, _content = stored_image(check("depth.jpg", buffer.getvalue(), SPACE_MATERIAL))
    assert image.format == "JPEG" and getattr(image, "n_frames", 1) == 1
