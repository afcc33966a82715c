"""Uploads to a space's materials (`core.uploads.SPACE_MATERIAL`) are judged by their content: disguised, active,
empty, oversized and bomb files are refused with a clear message and nothing stored; photos are turned upright
and lose their metadata (GPS, comments included); videos lose their location boxes; names are cleaned. The file
builders live in `core.tests.upload_files`; the helpers here are shared by the other materials tests."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from comenius.core.tests.upload_files import (
    HTML,
    LOCATION,
    NAME,
    PDF_WITH_HTML,
    bomb_png,
    huge_png,
    jpeg_with_comment,
    jpeg_with_gps,
    mp4_with_location,
    noisy_png,
    office,
    pdf,
    plain_zip,
    png,
    rotated_jpeg,
    webm,
)
from comenius.devdata.testing import Cast
from comenius.spaces.models import Folder, Material
from comenius.spaces.services import materials

pytestmark = pytest.mark.django_db


# --- helpers -----------------------------------------------------------------------------------------------------


def signed_in(user) -> Any:
    """A client for `user` (typed Any: its responses carry `url`, `context`, `streaming_content`)."""
    client = Client()
    client.force_login(user)
    return client


def post_files(client: Any, space_id: int, *files: tuple[str, bytes], folder: Folder | None = None, title=""):
    data = {
        "upload-file": [SimpleUploadedFile(name, content) for name, content in files],
        "upload-title": title,
        "upload-folder": folder.pk if folder else "",
    }
    return client.post(reverse("spaces:material_upload", args=[space_id]), data)


def stored_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT) / "spaces"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def errors_of(response) -> str:
    return " ".join(str(error) for error in response.context["upload_form"].errors.get("file", []))


def add_file(user, space, name: str, content: bytes, **options) -> Material:
    return materials.upload_material(user, space, SimpleUploadedFile(name, content), **options).material


# --- tests -------------------------------------------------------------------------------------------------------


def test_a_png_named_pdf_is_stored_as_the_png_it_is(cast: Cast):
    space = cast.project.space
    client = signed_in(cast.lucia)  # Lucía reads English
    response = post_files(client, space.pk, ("worksheet.pdf", png()))
    assert response.status_code == 302
    material = Material.objects.get()
    assert (material.kind, material.content_type, material.filename) == ("image", "image/png", "worksheet.png")
    assert material.thumbnail and material.author == cast.lucia and material.title == "worksheet"
    shown = client.get(response.url).content.decode()
    assert "is really a file of another kind (PNG image), so it was saved as “worksheet.png”" in shown


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("page.html", b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "Web pages, SVG drawings"),
        ("page.txt", b"<html><script>alert(1)</script></html>", "Web pages, SVG drawings"),
        (
            "drawing.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>',
            "Web pages, SVG drawings",
        ),
        ("drawing.png", b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><rect/></svg>', "markup"),
        ("empty.pdf", b"", "The file is empty."),
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "This kind of file cannot be added."),
        ("holiday.zip", plain_zip(), "ZIP archives cannot be added."),
        ("macro.docx", office("docm"), "Documents with macros cannot be added."),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "Old Office files"),
        ("broken.pdf", b"%PDF-1.7\n1 0 obj\n", "This PDF seems damaged"),
        ("hollow.pdf", b"%PDF-1.4\n%%EOF\n", "This PDF seems damaged"),
        ("page.pdf", PDF_WITH_HTML, "begins like a PDF but holds a web page"),
        ("holiday.jpg", HTML, "Web pages, SVG drawings"),
        ("bomb.png", bomb_png(), "too large in pixels"),
        ("bomb-just-over.png", bomb_png(7_000, 7_000), "too large in pixels"),
        ("scan.png", huge_png(), "too large in pixels"),
        ("broken.jpg", b"\xff\xd8\xff\xe0" + b"\0" * 100, "This image could not be read."),
    ],
)
def test_refused_files_leave_nothing_behind(cast: Cast, name: str, content: bytes, message: str):
    response = post_files(signed_in(cast.lucia), cast.project.space.pk, (name, content))
    assert response.status_code == 400
    assert message in errors_of(response)
    assert message in response.content.decode()  # shown on the page, in the error summary too
    assert not Material.objects.exists()
    assert stored_files() == []


def test_a_photo_loses_its_gps_and_camera_details(cast: Cast):
    photo = jpeg_with_gps()
    assert Image.open(io.BytesIO(photo)).getexif().get_ifd(0x8825)  # the test file really has a position
    material = add_file(cast.lucia, cast.project.space, "IMG_2041.JPG", photo)
    assert (material.kind, material.content_type, material.filename) == ("image", "image/jpeg", "IMG_2041.jpg")
    with material.file.open("rb") as handle:
        stored = handle.read()
    image = Image.open(io.BytesIO(stored))
    assert image.size == (64, 48)
    exif = image.getexif()
    assert not exif.get_ifd(0x8825) and 0x010F not in exif and 0x0110 not in exif and "exif" not in image.info
    assert b"PhoneMaker" not in stored and b"PupilPhone" not in stored
    with material.thumbnail.open("rb") as handle:
        thumbnail = Image.open(io.BytesIO(handle.read()))
    assert thumbnail.format == "JPEG" and max(thumbnail.size) <= 480 and not thumbnail.getexif()


def test_a_photo_loses_its_comment_and_is_turned_upright(cast: Cast):
    space = cast.project.space
    commented = add_file(cast.lucia, space, "class.jpg", jpeg_with_comment())
    with commented.file.open("rb") as handle:
        stored = handle.read()
    assert NAME.encode() not in stored and "comment" not in Image.open(io.BytesIO(stored)).info
    upright = add_file(cast.lucia, space, "upright.jpg", rotated_jpeg())
    with upright.file.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (40, 60)
    with upright.thumbnail.open("rb") as handle:
        assert Image.open(io.BytesIO(handle.read())).size == (40, 60)


def test_thumbnails_are_small_jpegs_for_every_image_format(cast: Cast):
    space = cast.project.space
    big = add_file(cast.mette, space, "map.png", png((1600, 900)))
    with big.thumbnail.open("rb") as handle:
        thumbnail = Image.open(io.BytesIO(handle.read()))
    assert thumbnail.format == "JPEG" and thumbnail.size == (480, 270)
    frames = [Image.new("RGB", (30, 30), colour) for colour in ("red", "green", "blue")]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="GIF", save_all=True, append_images=frames[1:], comment=b"secret note")
    gif = add_file(cast.mette, space, "wave.gif", buffer.getvalue())
    with gif.file.open("rb") as handle:
        stored = handle.read()
    assert b"secret note" not in stored and getattr(Image.open(io.BytesIO(stored)), "n_frames", 1) == 3
    assert gif.thumbnail
    webp = io.BytesIO()
    Image.new("RGB", (20, 20), "red").save(webp, format="WEBP")
    assert add_file(cast.mette, space, "dot.webp", webp.getvalue()).thumbnail
    document = add_file(cast.mette, space, "plan.pdf", pdf())
    assert not document.thumbnail


def test_size_limits_are_settings_and_apply_per_kind(cast: Cast, settings):
    settings.SPACE_IMAGE_MAX_MB = 1
    settings.SPACE_FILE_MAX_MB = 2
    client = signed_in(cast.lucia)
    space = cast.project.space
    response = post_files(client, space.pk, ("big.png", noisy_png(700)))  # about 1.4 MB
    assert response.status_code == 400 and "The limit for this kind of file is 1.0\xa0MB" in errors_of(response)
    response = post_files(client, space.pk, ("long.txt", b"a" * (2 * 1024 * 1024 + 1)))
    assert response.status_code == 400 and "The file is too large" in errors_of(response)
    assert not Material.objects.exists() and stored_files() == []
    # A 1.4 MB document is fine under the 2 MB file limit.
    assert post_files(client, space.pk, ("notes.txt", b"b" * 1_400_000)).status_code == 302


@pytest.mark.parametrize(
    ("name", "content", "kind", "content_type", "filename"),
    [
        ("Report.docx", office("docx"), "document", "wordprocessingml.document", "Report.docx"),
        ("budget.xlsx", office("xlsx"), "document", "spreadsheetml.sheet", "budget.xlsx"),
        ("slides", office("pptx"), "document", "presentationml.presentation", "slides.pptx"),
        ("tekst.odt", office("odt"), "document", "opendocument.text", "tekst.odt"),
        ("regneark.ods", office("ods"), "document", "opendocument.spreadsheet", "regneark.ods"),
        ("notes.txt", "Vandet i Hjørring er blødt.".encode(), "document", "text/plain; charset=utf-8", "notes.txt"),
        ("målinger.csv", "sted;ph\nå;7,2\n".encode("cp1252"), "document", "charset=windows-1252", "målinger.csv"),
        ("river.webm", webm(), "video", "video/webm", "river.webm"),
        # Three MPEG-1 layer III frames without tags (an MP3's tags are removed: what is stored is the sound).
        ("song.mp3", (b"\xff\xfb\x90\x64" + b"\0" * 413) * 3, "video", "audio/mpeg", "song.mp3"),
        ("birds.ogg", b"OggS\x00\x02" + b"\0" * 64, "video", "audio/ogg", "birds.ogg"),
        ("report.pdf", pdf(), "document", "application/pdf", "report.pdf"),
    ],
)
def test_allowed_kinds(cast: Cast, name, content, kind, content_type, filename):
    material = add_file(cast.mette, cast.project.space, name, content)
    assert material.kind == kind and content_type in material.content_type and material.filename == filename
    assert material.size == len(content)


def test_a_video_loses_the_place_it_was_taken(cast: Cast):
    original = mp4_with_location()
    material = add_file(cast.mette, cast.project.space, "river.mp4", original)
    with material.file.open("rb") as handle:
        stored = handle.read()
    assert material.content_type == "video/mp4" and material.kind == "video"
    assert LOCATION not in stored and len(stored) == len(original)
    assert b"mdat" + b"\x01\x02\x03" * 50 in stored  # the pictures are untouched, every offset still right
    assert b"free" in stored and b"udta" not in stored


def test_names_are_cleaned(cast: Cast):
    space = cast.project.space
    tricky = add_file(cast.mette, space, "../../etc/\u202egnp.exe\x00.png", png())
    assert tricky.filename == "gnp.exe.png"
    assert add_file(cast.mette, space, "CON.txt", b"hello").filename == "CON_.txt"
    assert add_file(cast.mette, space, "???.pdf", pdf()).filename == "file.pdf"
    assert add_file(cast.mette, space, "x" * 300 + ".png", png()).filename == "x" * 116 + ".png"
    assert all(path.name not in {"gnp.exe.png", "CON_.txt"} for path in stored_files())  # random stored names


def test_several_files_at_once_each_judged_alone(cast: Cast):
    response = post_files(
        signed_in(cast.lucia),
        cast.project.space.pk,
        ("one.png", png()),
        ("two.svg", b"<svg></svg>"),
        ("three.txt", b"3"),
    )
    assert response.status_code == 400
    assert "two.svg: Web pages, SVG drawings" in errors_of(response)
    assert sorted(Material.objects.values_list("filename", flat=True)) == ["one.png", "three.txt"]
    assert "Added: one.png, three.txt." in response.content.decode()


def test_uploads_count_against_the_hourly_limit(cast: Cast, settings):
    settings.UPLOADS_PER_HOUR = 2
    client = signed_in(cast.lucia)
    space = cast.project.space
    assert post_files(client, space.pk, ("a.png", png())).status_code == 302
    assert post_files(client, space.pk, ("b.png", png())).status_code == 302
    response = post_files(client, space.pk, ("c.png", png()))
    assert response.status_code == 400 and "uploaded many files in the last hour" in errors_of(response)
    assert Material.objects.count() == 2
    # Another teacher has a limit of her own.
    assert post_files(signed_in(cast.mette), space.pk, ("d.png", png())).status_code == 302


def test_a_pupil_cannot_upload_and_outsiders_do_not_reach_the_form(cast: Cast):
    space = cast.project.space
    response = post_files(signed_in(cast.pia), space.pk, ("me.png", png()))
    assert response.status_code == 400
    assert "Only teachers and pupil administrators can add materials." in errors_of(response)
    assert "Only teachers and pupil administrators can add materials." in response.content.decode()
    assert post_files(signed_in(cast.otto), space.pk, ("x.png", png())).status_code == 404
    anonymous = post_files(Client(), space.pk, ("x.png", png()))
    assert anonymous.status_code == 302 and "/login/" in anonymous.url
    assert not Material.objects.exists() and stored_files() == []


def test_no_file_chosen(cast: Cast):
    response = signed_in(cast.lucia).post(
        reverse("spaces:material_upload", args=[cast.project.space.pk]), {"upload-title": "Nothing"}
    )
    assert response.status_code == 400 and "This field is required." in errors_of(response)


def test_a_big_upload_goes_through_a_temporary_file(cast: Cast):
    """Over FILE_UPLOAD_MAX_MEMORY_SIZE Django spools the upload to disk; it is checked and stored from there."""
    content = b"Measurements, line by line.\n" * 120_000  # about 3.4 MB
    assert len(content) > settings.FILE_UPLOAD_MAX_MEMORY_SIZE
    assert post_files(signed_in(cast.lucia), cast.project.space.pk, ("log.txt", content)).status_code == 302
    material = Material.objects.get()
    with material.file.open("rb") as handle:
        assert handle.read() == content
    assert material.size == len(content)
