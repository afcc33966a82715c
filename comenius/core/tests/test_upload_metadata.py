"""No metadata leaves an upload, under every policy: the metadata corpus (`metadata_corpus`) goes through
`uploads.check` and nothing of its markers comes back — not in the raw bytes, not inside what is compressed, not
in what Pillow, pypdf or zipfile still read. Documents still open afterwards; a document whose details cannot be
removed without damaging it is refused with a warning unless the uploader agrees. The same corpus goes through
every upload path over HTTP in `core/tests/test_upload_metadata_paths.py`."""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ET
import zipfile
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image
from pypdf import PdfReader

from comenius.core import uploads
from comenius.core.errors import DomainError
from comenius.core.tests import metadata_corpus as corpus
from comenius.core.uploads import PROFILE_PHOTO, SPACE_MATERIAL, VALIDATION_EVIDENCE, UploadPolicy

POLICIES = [PROFILE_PHOTO, VALIDATION_EVIDENCE, SPACE_MATERIAL]
# Info keys Pillow leaves for what the encoder wrote itself (JFIF density, GIF version and loop, WebP loop).
HARMLESS_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "version", "background", "loop", "duration",
                 "extension", "transparency"}  # fmt: skip


def stored(name: str, data: bytes, policy: UploadPolicy, **options) -> tuple[uploads.CheckedFile, bytes]:
    checked = uploads.check(SimpleUploadedFile(name, data), policy, **options)
    content = checked.content if checked.content is not None else checked.as_file().read()
    return checked, content


def image_metadata(data: bytes) -> list[str]:
    """What Pillow still reads as metadata, in every frame."""
    found = []
    with Image.open(io.BytesIO(data)) as image:
        for index in range(getattr(image, "n_frames", 1)):
            image.seek(index)
            found += [f"{index}:{key}" for key in image.info if key not in HARMLESS_INFO]
            if image.getexif():
                found.append(f"{index}:exif")
            if getattr(image, "text", None):
                found.append(f"{index}:text")
            extension = image.info.get("extension")
            if extension and extension[0] != b"NETSCAPE2.0":
                found.append(f"{index}:extension")
    return found


# What a name inside a document's content becomes (and what an ODF meta.xml field becomes: nothing).
NEUTRAL = {"", "Author", "A", "None"}


def pdf_metadata(data: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(data))
    found = [str(key) for key in (reader.metadata or {})]
    root: Any = reader.trailer["/Root"]
    if "/Metadata" in root:
        found.append("catalogue XMP")
    found += ["page XMP" for page in reader.pages if "/Metadata" in page]
    for page in reader.pages:
        for annotation in page.get("/Annots", []) or []:
            annotation = annotation.get_object()
            popup = annotation["/Popup"].get_object() if "/Popup" in annotation else {}
            for item in (annotation, popup):
                if item.get("/Subtype") != "/Widget" and str(item.get("/T", "")) not in NEUTRAL:
                    found.append(f"annotation author {item['/T']}")
    return found


def audio_metadata(data: bytes) -> list[str]:
    """The tags mutagen still reads (the file must still be audio it reads)."""
    import mutagen

    found: Any = mutagen.File(io.BytesIO(data))
    assert found is not None and found.info.length > 0
    return [str(key) for key in (found.tags or {})]


NAME_ATTRIBUTES = {"author", "initials", "userId", "providerId", "displayName", "userName"}


def office_metadata(data: bytes) -> list[str]:
    """The author fields still filled in a container, the names still inside its content (attributes and elements
    that name people, other than the neutral values) and the metadata of its pictures; the container must open
    and parse part by part, and each picture must open."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                root = ET.fromstring(archive.read(name))  # noqa: S314 - our own test file
                for element in root.iter():
                    local = element.tag.rsplit("}", 1)[-1]
                    text = (element.text or "").strip()
                    in_metadata = name in {"docProps/core.xml", "meta.xml"}
                    if local in {"lastModifiedBy", "Company", "Manager", "initial-creator", "printed-by"} or (
                        local == "creator" and in_metadata
                    ):
                        if text:
                            found.append(f"{name}:{local}")
                    elif (local in {"creator", "author", "creator-initials"} and text not in NEUTRAL) or (
                        local in {"property", "user-defined"}
                    ):
                        found.append(f"{name}:{local}")
                    names = {"cmAuthor", "author", "person", "userInfo"}
                    for key, value in element.attrib.items():
                        attribute = key.rsplit("}", 1)[-1]
                        if (attribute in NAME_ATTRIBUTES or (attribute == "name" and local in names)) and (
                            value not in NEUTRAL
                        ):
                            found.append(f"{name}:{local}@{attribute}")
            elif name.startswith(("word/media/", "xl/media/", "ppt/media/", "Pictures/")):
                found += [f"{name}:{key}" for key in image_metadata(archive.read(name))]
    return found


CASES = [
    pytest.param(policy, name, id=f"{policy.name}-{name}")
    for policy in POLICIES
    for name, (content_type, _build) in corpus.CORPUS.items()
    if policy.allows(content_type)
]


def test_the_corpus_carries_every_marker():
    """The test files really hold what they claim (otherwise the tests below would prove nothing)."""
    found: set[str] = set()
    for _content_type, build in corpus.CORPUS.values():
        found.update(corpus.leftovers(corpus.unpacked(build())))
    assert found == set(corpus.MARKERS)
    assert image_metadata(corpus.jpeg()) and image_metadata(corpus.png()) and image_metadata(corpus.webp())
    assert image_metadata(corpus.gif(frames=3))
    assert pdf_metadata(corpus.pdf()) and office_metadata(corpus.ooxml()) and office_metadata(corpus.odf())
    assert audio_metadata(corpus.mp3()) and audio_metadata(corpus.opus())
    for kind in ("docx", "xlsx", "pptx"):  # the names inside and the picture, not only docProps
        assert [found for found in office_metadata(corpus.ooxml(kind)) if "docProps" not in found]
    assert [found for found in office_metadata(corpus.odf()) if "meta.xml" not in found]


@pytest.mark.parametrize(("policy", "name"), CASES)
def test_no_metadata_survives(policy: UploadPolicy, name: str):
    content_type, build = corpus.CORPUS[name]
    checked, content = stored(name, build(), policy)
    assert corpus.leftovers(corpus.unpacked(content)) == []
    assert checked.kept_details == ()
    if checked.content_type.startswith("image/"):
        assert image_metadata(content) == []
        if checked.thumbnail:
            assert corpus.leftovers(checked.thumbnail) == [] and image_metadata(checked.thumbnail) == []
    elif content_type == "application/pdf":
        assert pdf_metadata(content) == []
        reader = PdfReader(io.BytesIO(content))
        assert len(reader.pages) == 1 and corpus.BODY in reader.pages[0].extract_text()
        assert b"pypdf" not in content  # not even the rewriter's own Producer
    elif content_type in uploads.ZIP_TYPES:
        assert office_metadata(content) == []
        assert corpus.BODY.encode() in corpus.unpacked(content)  # the content is untouched
    elif content_type.startswith("audio/"):
        assert audio_metadata(content) == []


def test_an_animated_gif_keeps_its_frames_and_loses_every_comment():
    _checked, content = stored("animation.gif", corpus.gif(frames=3), SPACE_MATERIAL)
    with Image.open(io.BytesIO(content)) as image:
        assert getattr(image, "n_frames", 1) == 3
    assert b"\x21\xfe" not in content  # no comment extension at all
    assert corpus.leftovers(content) == []


def test_a_colour_profile_is_applied_and_not_kept():
    for name, build in (("photo.jpg", corpus.jpeg), ("drawing.png", corpus.png), ("picture.webp", corpus.webp)):
        _checked, content = stored(name, build(), SPACE_MATERIAL)
        with Image.open(io.BytesIO(content)) as image:
            assert "icc_profile" not in image.info, name


def test_pillow_would_write_metadata_back_if_info_were_kept():
    """Why `images.bare` exists: Pillow writes a JPEG's comment and a PNG's profile back from `info`."""
    with Image.open(io.BytesIO(corpus.jpeg())) as image:
        output = io.BytesIO()
        image.save(output, format="JPEG")
        assert "comment" in corpus.leftovers(output.getvalue())
    with Image.open(io.BytesIO(corpus.png())) as image:
        output = io.BytesIO()
        image.save(output, format="PNG")
        assert "icc" in corpus.leftovers(corpus.unpacked(output.getvalue()))


@pytest.mark.parametrize("policy", [VALIDATION_EVIDENCE, SPACE_MATERIAL], ids=lambda policy: policy.name)
def test_a_pdf_without_metadata_is_kept_byte_for_byte(policy):
    from comenius.core.tests.upload_files import pdf

    _checked, content = stored("contract.pdf", pdf(), policy)
    assert content == pdf()


@pytest.mark.parametrize("policy", [VALIDATION_EVIDENCE, SPACE_MATERIAL], ids=lambda policy: policy.name)
def test_a_signed_pdf_is_refused_with_a_warning_unless_the_uploader_agrees(policy):
    signed = corpus.pdf(signed=True)
    with pytest.raises(DomainError) as refused:
        stored("signed.pdf", signed, policy)
    message = refused.value.message
    assert "This PDF is signed" in message and "Author" in message and "XMP metadata" in message
    assert str(uploads.KEEP_DETAILS_LABEL) in message
    with translation.override("da"):
        with pytest.raises(DomainError) as refused:
            stored("signed.pdf", signed, policy)
        assert "underskrevet" in refused.value.message
    checked, content = stored("signed.pdf", signed, policy, keep_details=True)
    assert content == signed  # kept as it is: the signature stays valid
    assert "Author" in checked.kept_details


@pytest.mark.parametrize("policy", [VALIDATION_EVIDENCE, SPACE_MATERIAL], ids=lambda policy: policy.name)
def test_a_pdf_that_needs_a_password_is_refused(policy):
    with pytest.raises(DomainError) as refused:
        stored("locked.pdf", corpus.encrypted_pdf(), policy)
    assert "Password-protected PDFs cannot be added" in refused.value.message


@pytest.mark.parametrize(
    "content",
    [
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R >>\nendobj\nstartxref\n0\n%%EOF\n",  # no pages
        b"%PDF-1.4\n1 0 obj\n(just a string)\nendobj\ntrailer\n<< /Root 1 0 R >>\nstartxref\n9\n%%EOF\n",
        corpus.pdf()[:400] + b"\nstartxref\n0\n%%EOF\n",  # cut off, with a forged end
    ],
    ids=["no-pages", "root-is-not-a-catalogue", "cut-off-forged-end"],
)
def test_a_pdf_that_does_not_parse_is_refused(content):
    with pytest.raises(DomainError) as refused:
        stored("broken.pdf", content, SPACE_MATERIAL)
    assert "This PDF seems damaged or incomplete" in refused.value.message


def test_an_office_file_keeps_its_order_and_its_stored_mimetype():
    _checked, content = stored("worksheet.odt", corpus.odf(), SPACE_MATERIAL)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        first = archive.infolist()[0]
        assert (first.filename, first.compress_type) == ("mimetype", zipfile.ZIP_STORED)
        assert archive.namelist() == zipfile.ZipFile(io.BytesIO(corpus.odf())).namelist()
        meta = archive.read("meta.xml").decode()
    assert "<meta:initial-creator></meta:initial-creator>" in meta and "<dc:title>Worksheet</dc:title>" in meta
    assert "LibreOffice/24.2" in meta  # the program's name is not the author's


def test_an_office_file_whose_metadata_is_not_xml_is_refused_with_a_warning():
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(corpus.ooxml())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            target.writestr(
                item, b"<cp:coreProperties>" + corpus.MARKERS["author"].encode() if "core" in item.filename else data
            )
    with pytest.raises(DomainError) as refused:
        stored("worksheet.docx", buffer.getvalue(), SPACE_MATERIAL)
    assert "cannot be removed without damaging it" in refused.value.message
    checked, _content = stored("worksheet.docx", buffer.getvalue(), SPACE_MATERIAL, keep_details=True)
    assert checked.kept_details


def test_an_office_metadata_part_with_a_dtd_is_not_parsed():
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        '<cp:coreProperties xmlns:cp="x" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&b;</dc:creator>'
        "</cp:coreProperties>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(corpus.ooxml())) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, bomb if item.filename == "docProps/core.xml" else source.read(item))
    with pytest.raises(DomainError):
        stored("worksheet.docx", buffer.getvalue(), SPACE_MATERIAL)


def test_a_big_text_file_is_scanned_quickly():
    text = ("Plain words of a long class diary, line after line. æøå\n" * 200_000).encode()  # about 11 MB
    started = time.monotonic()
    checked, _content = stored("diary.txt", text, SPACE_MATERIAL)
    assert checked.content_type == "text/plain; charset=utf-8"
    assert time.monotonic() - started < 2  # byte by byte in Python it took several seconds
    with pytest.raises(DomainError):
        stored("diary.txt", text + b"\x00", SPACE_MATERIAL)
    assert stored("old.txt", "Åbenrå".encode("cp1252") * 1000, SPACE_MATERIAL)[0].content_type.endswith("1252")
    with pytest.raises(DomainError):
        stored("odd.txt", b"\x81" + "Åbenrå".encode("cp1252"), SPACE_MATERIAL)


def test_names_inside_a_document_become_neutral_and_the_document_stays_whole():
    _checked, content = stored("worksheet.docx", corpus.ooxml(), SPACE_MATERIAL)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        comments = archive.read("word/comments.xml").decode()
        document = archive.read("word/document.xml").decode()
        people = archive.read("word/people.xml").decode()
        picture = archive.read("word/media/image1.jpeg")
    assert 'w:author="Author"' in comments and 'w:initials="A"' in comments and "Look at this" in comments
    assert document.count('w:author="Author"') == 3 and "<w:delText>removed</w:delText>" in document
    assert 'w:date="2026-03-01T09:00:00Z"' in document  # only the names change
    assert 'w15:author="Author"' in people and 'w15:userId="Author"' in people and 'w15:providerId="None"' in people
    with Image.open(io.BytesIO(picture)) as image:
        assert image.format == "JPEG" and image.size == (64, 48)
    _checked, content = stored("worksheet.odt", corpus.odf(), SPACE_MATERIAL)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        text = archive.read("content.xml").decode()
    assert text.count("<dc:creator>Author</dc:creator>") == 2 and "<meta:creator-initials>A<" in text
    assert "<text:p>Look at this</text:p>" in text and "<dc:date>2026-03-01T09:00:00</dc:date>" in text


def test_a_pdf_comment_keeps_its_text_and_a_form_field_its_name():
    _checked, content = stored("worksheet.pdf", corpus.pdf(), SPACE_MATERIAL)
    page: Any = PdfReader(io.BytesIO(content)).pages[0]
    annotations = [item.get_object() for item in page["/Annots"]]
    by_kind = {str(item["/Subtype"]): item for item in annotations}
    assert by_kind["/Text"]["/T"] == "Author" and by_kind["/Text"]["/Contents"] == corpus.BODY
    assert by_kind["/Popup"]["/T"] == "Author"
    assert by_kind["/Widget"]["/T"] == corpus.FIELD_NAME


def test_a_picture_that_cannot_be_cleaned_is_kept_only_after_the_warning():
    tiff = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(tiff, format="TIFF")
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(corpus.ooxml()), "r") as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(item, source.read(item))
        target.writestr("word/media/image2.tiff", tiff.getvalue())
    with pytest.raises(DomainError) as refused:
        stored("worksheet.docx", buffer.getvalue(), SPACE_MATERIAL)
    assert "details of the pictures inside it" in refused.value.message
    checked, content = stored("worksheet.docx", buffer.getvalue(), SPACE_MATERIAL, keep_details=True)
    assert content == buffer.getvalue() and "details of the pictures inside it" in checked.kept_details


@pytest.mark.parametrize("name", ["song.mp3", "song.opus"])
def test_audio_keeps_its_sound(name: str):
    import mutagen

    original = mutagen.File(io.BytesIO(corpus.CORPUS[name][1]()))
    _checked, content = stored(name, corpus.CORPUS[name][1](), SPACE_MATERIAL)
    cleaned = mutagen.File(io.BytesIO(content))
    assert type(cleaned) is type(original)
    if name.endswith("mp3"):
        assert content == corpus._mpeg_frames()  # exactly the sound, nothing before or after it
    else:
        assert cleaned.info.length == original.info.length == 1.0
    _checked, again = stored(name, content, SPACE_MATERIAL)
    assert again == content  # audio without tags is kept byte for byte
