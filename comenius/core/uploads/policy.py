"""What a file may be (`TYPES`), what one kind of upload accepts (`UploadPolicy`, the named ones at the end) and
what passed (`CheckedFile`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.files import File
from django.core.files.base import ContentFile
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

MB = 1024 * 1024
# A 40-megapixel photo is larger than any phone's; a "PNG" claiming more is a decompression bomb.
MAX_PIXELS = 40_000_000
MAX_FRAMES = 300  # animated GIF/WebP
THUMBNAIL_SIZE = (480, 480)
SCAN_CHUNK = 1024 * 1024
TEXT_SCAN_CHUNK = SCAN_CHUNK
# Office files are ZIP archives: refuse ones that would unpack to absurd sizes for whoever opens them.
MAX_ZIP_ENTRIES = 20_000
MAX_ZIP_RATIO = 200
MAX_ZIP_UNPACKED = 2 * 1024 * MB
MAX_FILENAME = 120
# What a file is, for its owner: the values of `spaces.MaterialKind` (core imports no domain app).
IMAGE, VIDEO, DOCUMENT = "image", "video", "document"


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str  # the one given to a file whose name says something else
    kind: str  # IMAGE, VIDEO (audio too) or DOCUMENT
    label: Promise
    other_extensions: tuple[str, ...] = ()

    @property
    def extensions(self) -> set[str]:
        return {self.extension, *self.other_extensions}

    @property
    def is_image(self) -> bool:
        return self.kind == IMAGE

    @property
    def inline(self) -> bool:
        """Shown in the browser (pictures, players) rather than downloaded."""
        return self.kind in (IMAGE, VIDEO)


def _type(content_type: str, extension: str, kind: str, label: Promise, *others: str) -> FileType:
    return FileType(content_type, extension, kind, label, others)


TYPES: dict[str, FileType] = {
    t.content_type: t
    for t in (
        _type("image/jpeg", "jpg", IMAGE, gettext_lazy("JPEG image"), "jpeg", "jpe"),
        _type("image/png", "png", IMAGE, gettext_lazy("PNG image")),
        _type("image/gif", "gif", IMAGE, gettext_lazy("GIF image")),
        _type("image/webp", "webp", IMAGE, gettext_lazy("WebP image")),
        _type("application/pdf", "pdf", DOCUMENT, gettext_lazy("PDF document")),
        _type(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx", DOCUMENT, gettext_lazy("Word document"),
        ),
        _type(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx", DOCUMENT, gettext_lazy("Excel spreadsheet"),
        ),
        _type(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx", DOCUMENT, gettext_lazy("PowerPoint presentation"),
        ),
        _type("application/vnd.oasis.opendocument.text", "odt", DOCUMENT, gettext_lazy("OpenDocument text")),
        _type(
            "application/vnd.oasis.opendocument.spreadsheet", "ods", DOCUMENT,
            gettext_lazy("OpenDocument spreadsheet"),
        ),
        _type(
            "application/vnd.oasis.opendocument.presentation", "odp", DOCUMENT,
            gettext_lazy("OpenDocument presentation"),
        ),
        _type("text/plain; charset=utf-8", "txt", DOCUMENT, gettext_lazy("Text file"), "csv", "md", "text"),
        _type("text/plain; charset=windows-1252", "txt", DOCUMENT, gettext_lazy("Text file"), "csv", "md", "text"),
        _type("video/mp4", "mp4", VIDEO, gettext_lazy("MP4 video"), "m4v"),
        _type("video/webm", "webm", VIDEO, gettext_lazy("WebM video")),
        _type("audio/mpeg", "mp3", VIDEO, gettext_lazy("MP3 audio")),
        _type("audio/ogg", "ogg", VIDEO, gettext_lazy("Ogg audio"), "oga", "opus"),
    )
}  # fmt: skip
PIL_FORMATS = {"image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WEBP"}
OOXML_MAIN_PARTS = {
    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": TYPES[
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ],
    b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": TYPES[
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ],
    b"application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": TYPES[
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ],
}
ZIP_TYPES = {t.content_type for t in OOXML_MAIN_PARTS.values()} | {
    c for c in TYPES if c.startswith("application/vnd.oasis.opendocument.")
}
TEXT_TYPES = {c for c in TYPES if c.startswith("text/plain")}


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload accepts and what is done to what it accepts.

    Limits are functions so that they follow the settings they come from. Every policy re-encodes images:
    `reencode_images=False` keeps the uploaded bytes (metadata included) and is only for a file that was
    cleaned before it was stored (the thumbnail task reads such a file)."""

    name: str
    types: frozenset[str]  # keys of TYPES
    max_bytes: Callable[[], int]  # every file (every non-image when image_max_bytes is given)
    refusal: Promise | str  # the message for a type outside `types`
    # A name claiming another type is refused with this message; None: the file gets the right extension.
    mismatch: Promise | None = None
    image_max_bytes: Callable[[], int] | None = None
    max_pixels: int = MAX_PIXELS
    reencode_images: bool = True
    image_format: str | None = None  # every image becomes this type (None: each stays in its own format)
    max_side: int | None = None  # images are shrunk to fit a square of this side
    animation: bool = False  # animated GIF/WebP keep their frames (otherwise the first frame only)
    thumbnails: bool = False  # a small JPEG of every image

    def allows(self, content_type: str) -> bool:
        return content_type in self.types


@dataclass
class CheckedFile:
    """A file that passed: its real type, its clean name and what to store.

    `content` holds re-encoded image bytes; for other types `source` is the file to store (the upload itself,
    or a temporary copy without metadata, which the caller closes). `kept_details` names the author details a
    document still carries because removing them would damage it (only when the uploader agreed to share them:
    `check(..., keep_details=True)`)."""

    content: bytes | None
    content_type: str
    filename: str = ""
    size: int = 0
    renamed: bool = False  # the name claimed another type; it now carries the real extension
    thumbnail: bytes | None = None
    source: File | None = None
    kept_details: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.size and self.content is not None:
            self.size = len(self.content)

    @property
    def file_type(self) -> FileType:
        return TYPES[self.content_type]

    def as_file(self) -> File:
        """What to hand to a FileField's `save`."""
        if self.content is not None:
            return ContentFile(self.content)
        assert self.source is not None
        return self.source

    def close(self, upload: IO[bytes] | None = None) -> None:
        """Close a temporary copy (never the upload itself)."""
        if self.source is not None and self.source is not upload:
            self.source.close()


# --- the policies -----------------------------------------------------------------------------------------------

# A teacher's photo on their profile: a PNG or JPEG, stored as a JPEG of at most 400 × 400 pixels.
PROFILE_PHOTO = UploadPolicy(
    name="profile_photo",
    types=frozenset({"image/jpeg", "image/png"}),
    max_bytes=lambda: 5 * MB,
    refusal=gettext_lazy("Please choose a PNG or JPEG picture."),
    mismatch=gettext_lazy("This picture is not what its name says. Please upload the original PNG or JPEG."),
    image_format="image/jpeg",
    max_side=400,
)

# Proof of employment for the national team: a PDF, PNG or JPEG up to EVIDENCE_MAX_BYTES.
VALIDATION_EVIDENCE = UploadPolicy(
    name="validation_evidence",
    types=frozenset({"application/pdf", "image/png", "image/jpeg"}),
    max_bytes=lambda: settings.EVIDENCE_MAX_BYTES,
    refusal=gettext_lazy("Only PDF, PNG and JPEG files are accepted."),
    mismatch=gettext_lazy("This file is not what its name says. Please upload the original PDF, PNG or JPEG."),
)

# A project space's materials: every type in TYPES, images up to SPACE_IMAGE_MAX_MB with a thumbnail, other
# files up to SPACE_FILE_MAX_MB; a misnamed file gets the right extension.
SPACE_MATERIAL = UploadPolicy(
    name="space_material",
    types=frozenset(TYPES),
    max_bytes=lambda: settings.SPACE_FILE_MAX_MB * MB,
    image_max_bytes=lambda: settings.SPACE_IMAGE_MAX_MB * MB,
    refusal=format_lazy("{} {}", gettext_lazy("This kind of file cannot be added."), gettext_lazy(
        "Add a photo (JPEG, PNG, GIF or WebP), a PDF, an Office or OpenDocument file (docx, xlsx, pptx, odt, ods, "
        "odp), a text file, an MP4 or WebM video, or MP3 or Ogg audio."
    )),
    animation=True,
    thumbnails=True,
)  # fmt: skip

POLICIES = {policy.name: policy for policy in (PROFILE_PHOTO, VALIDATION_EVIDENCE, SPACE_MATERIAL)}
