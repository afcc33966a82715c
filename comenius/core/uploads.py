"""Every uploaded file, judged by its content — never by its name or by what the browser claims — under one
policy per kind of upload (`UploadPolicy`; the named ones are at the end of the module).

`check(upload, policy)` answers what a file really is (one of `TYPES`, if the policy allows it), gives it a
clean name with the extension of its real type, and refuses everything else with a translated message
(`DomainError`; `check_in_form` raises the same message as a form's `ValidationError`):
- empty files and files over the policy's limits;
- web pages, SVG drawings and other markup (they can run code in a browser) — also when they start like a
  PDF —, executables, archives, old binary Office files, Office documents with macros;
- images that are damaged or claim more pixels than the policy's `max_pixels` (decompression bombs), counted
  for each image before its pixels are decoded: no process-wide Pillow limit is set.

Images are decoded and encoded again: that turns photos upright (their orientation lived in the EXIF) and
drops EXIF (GPS positions, camera serials), XMP, comments and anything hidden after the pixels; only the
colour profile and transparency survive. MP4 videos keep their pixels (there is no video encoder here) but
their metadata boxes (`udta`, `meta`: location, device, owner) are blanked in place. A PNG named `.pdf` is
either stored as the PNG it is (the name corrected; the caller tells the person) or refused (`mismatch`).
"""

from __future__ import annotations

import codecs
import io
import re
import shutil
import struct
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from comenius.core.errors import DomainError

MB = 1024 * 1024
# A 40-megapixel photo is larger than any phone's; a "PNG" claiming more is a decompression bomb.
MAX_PIXELS = 40_000_000
MAX_FRAMES = 300  # animated GIF/WebP
THUMBNAIL_SIZE = (480, 480)
TEXT_SCAN_CHUNK = 1024 * 1024
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
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"mmp4"}
# Markup a browser would run or render: refused wherever it appears in a "text" file.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|link|form|math|\?xml)\b",
    re.IGNORECASE,
)
# In the first bytes of a PDF: a web page wearing a PDF header. (Not `<?xml`: PDFs may carry XMP metadata.)
PDF_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|form)\b", re.IGNORECASE)
PDF_HEADER = re.compile(rb"%PDF-\d\.\d")
PDF_OBJECT = re.compile(rb"\d+\s+\d+\s+obj\b")
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


# --- policies ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UploadPolicy:
    """What one kind of upload accepts and what is done to what it accepts.

    Limits are functions so that they follow the settings they come from. Every policy re-encodes images:
    `reencode_images=False` keeps the uploaded bytes (metadata included) and is for files nobody but the
    uploader ever sees."""

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

    `content` holds re-encoded image bytes; for other types `source` is the file to store as it is (the
    upload itself, or a temporary copy with blanked metadata, which the caller closes)."""

    content: bytes | None
    content_type: str
    filename: str = ""
    size: int = 0
    renamed: bool = False  # the name claimed another type; it now carries the real extension
    thumbnail: bytes | None = None
    source: File | None = None

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


# --- names ----------------------------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """A name without control or direction-changing characters or path characters."""
    base = unicodedata.normalize("NFC", text)
    base = "".join(ch for ch in base if unicodedata.category(ch)[0] != "C")  # controls, bidi overrides, ...
    base = re.sub(r'[<>:"/\\|?*]', "_", base)
    return " ".join(base.split()).strip(" .")


def _safe_stem(stem: str, room: int, fallback: str) -> str:
    stem = stem.strip(" .")
    if not any(ch.isalnum() for ch in stem):
        stem = fallback
    if stem.lower() in WINDOWS_RESERVED:
        stem += "_"
    return stem[:room].rstrip(" .") or fallback


def clean_folder_name(name: str) -> str:
    """A folder name usable as a directory on every system (for the export)."""
    return _safe_stem(_plain(name), 80, "folder")


def clean_filename(original: str, file_type: FileType) -> tuple[str, bool]:
    """A name safe on every system and in a ZIP: no folders, control or direction-changing characters, reserved
    names or path characters; at most MAX_FILENAME characters; the extension of the real type ("photo.pdf"
    holding a PNG becomes "photo.png"). Returns the name and whether the original extension claimed another
    type."""
    base = _plain(original.replace("\\", "/").rsplit("/", 1)[-1])  # browsers may send a whole path
    stem, dot, extension = base.rpartition(".")
    if not dot:
        stem, extension = base, ""
    claimed = extension.lower()
    renamed = bool(claimed) and claimed not in file_type.extensions
    final_extension = claimed if claimed in file_type.extensions else file_type.extension
    return f"{_safe_stem(stem, MAX_FILENAME - len(final_extension) - 1, 'file')}.{final_extension}", renamed


# --- what is it? ------------------------------------------------------------------------------------------------


def _read_head(upload: IO[bytes], size: int = 4096) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _is_mp3(head: bytes) -> bool:
    if head.startswith(b"ID3"):
        return True
    # An MPEG audio frame: 11 sync bits, then layer III (bits 01).
    return len(head) > 2 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0 and (head[1] >> 1) & 0x03 == 0x01


def _signature(head: bytes) -> str | None:
    """The type a file's first bytes announce (documents in ZIP files and text are told apart later)."""
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head[4:8] == b"ftyp" and head[8:12] in MP4_BRANDS:
        return "video/mp4"
    if head.startswith(b"\x1a\x45\xdf\xa3") and b"webm" in head[:64]:
        return "video/webm"
    if head.startswith(b"OggS"):
        return "audio/ogg"
    if _is_mp3(head):
        return "audio/mpeg"
    return None


def sniff(upload: IO[bytes], size: int, policy: UploadPolicy) -> FileType:
    """The real type of a file from its bytes. Raises DomainError for what the policy does not allow."""
    refused = DomainError(str(policy.refusal))
    head = _read_head(upload)
    content_type = _signature(head)
    if content_type is not None:
        if not policy.allows(content_type):
            raise refused
        if content_type == "application/pdf":
            _check_pdf(upload, size)
        return TYPES[content_type]
    office = bool(policy.types & ZIP_TYPES)
    if head.startswith(b"PK\x03\x04") and office:
        file_type = _sniff_zip(upload, size)
    elif head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") and office:
        raise DomainError(
            _("Old Office files (.doc, .xls, .ppt) and password-protected documents cannot be added.")
            + " "
            + _("Save it as .docx, .xlsx, .pptx or PDF and try again.")
        )
    elif head.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"\x1a\x45\xdf\xa3")) or (
        head[4:8] == b"ftyp"
    ):
        raise refused  # an archive, an Office file or a video this policy does not take
    elif policy.types & TEXT_TYPES:
        file_type = _sniff_text(upload, refused)
    else:
        raise refused
    if not policy.allows(file_type.content_type):
        raise refused
    return file_type


def _check_pdf(upload: IO[bytes], size: int) -> None:
    """A PDF has objects near its start and a cross-reference pointer and end marker near its end; a web page
    behind a PDF header has neither, and is refused for its markup."""
    upload.seek(0)
    head = upload.read(64 * 1024)
    upload.seek(max(0, size - 2048))
    tail = upload.read()
    upload.seek(0)
    if PDF_MARKUP.search(head[:1024]):
        raise DomainError(
            _(
                "This file begins like a PDF but holds a web page or other markup, which can carry code. "
                "Please export the document as a PDF again."
            )
        )
    if not (PDF_HEADER.match(head) and PDF_OBJECT.search(head) and b"startxref" in tail and b"%%EOF" in tail):
        raise DomainError(_("This PDF seems damaged or incomplete. Please export it again."))


def _sniff_zip(upload: IO[bytes], size: int) -> FileType:
    """Office files are ZIP archives: ODF names its type in a `mimetype` entry, OOXML in [Content_Types].xml."""
    damaged = DomainError(_("This document could not be read. Please save it again and retry."))
    macros = DomainError(_("Documents with macros cannot be added. Save it as a normal document without macros."))
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            unpacked = sum(entry.file_size for entry in entries)
            if len(entries) > MAX_ZIP_ENTRIES or unpacked > min(MAX_ZIP_UNPACKED, max(size, 1) * MAX_ZIP_RATIO):
                raise damaged
            names = {entry.filename for entry in entries}
            if any(name.lower().endswith("vbaproject.bin") for name in names) or any(
                name.startswith(("Basic/", "Scripts/")) for name in names
            ):
                raise macros
            if "mimetype" in names:
                with archive.open("mimetype") as handle:
                    declared = handle.read(100).strip().decode("ascii", "replace")
                odf = TYPES.get(declared)
                if odf is not None and declared.startswith("application/vnd.oasis.opendocument."):
                    return odf
            elif "[Content_Types].xml" in names:
                info = archive.getinfo("[Content_Types].xml")
                if info.file_size > MB:
                    raise damaged
                with archive.open(info) as handle:
                    types = handle.read(MB)
                if b"macroEnabled" in types:
                    raise macros
                for main_part, file_type in OOXML_MAIN_PARTS.items():
                    if main_part in types:
                        return file_type
    # zipfile raises NotImplementedError for compression methods it lacks and RuntimeError for encrypted
    # entries: both are documents we cannot check, answered like a damaged file.
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError, NotImplementedError,
            RuntimeError) as error:  # fmt: skip
        raise damaged from error
    finally:
        upload.seek(0)
    raise DomainError(_("ZIP archives cannot be added. Add the files one by one."))


def _sniff_text(upload: IO[bytes], refused: DomainError) -> FileType:
    """Plain text: UTF-8 (or Windows-1252) without control characters and without any markup a browser would
    render — web pages and SVG drawings are refused here, with or without scripts."""
    utf8 = True
    cp1252 = True
    tail = b""
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    while chunk := upload.read(TEXT_SCAN_CHUNK):
        window = tail + chunk
        if MARKUP.search(window):
            upload.seek(0)
            raise DomainError(
                _("Web pages, SVG drawings and other markup files cannot be added: they can carry code.")
                + " "
                + _("Save it as a PDF or a PNG image instead.")
            )
        tail = window[-64:]
        if any(byte < 0x20 and byte not in (0x09, 0x0A, 0x0C, 0x0D) for byte in chunk) or 0x7F in chunk:
            upload.seek(0)
            raise refused
        if utf8:
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                utf8 = False
        if not utf8 and cp1252:
            cp1252 = not any(byte in (0x81, 0x8D, 0x8F, 0x90, 0x9D) for byte in chunk)
    upload.seek(0)
    if utf8:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            utf8 = False
    if utf8:
        return TYPES["text/plain; charset=utf-8"]
    if cp1252:
        return TYPES["text/plain; charset=windows-1252"]
    raise refused


# --- images ----------------------------------------------------------------------------------------------------


def _unreadable_image() -> DomainError:
    return DomainError(_("This image could not be read. It may be damaged; please save it again and retry."))


def _too_many_pixels(policy: UploadPolicy) -> DomainError:
    return DomainError(
        _("This image is too large in pixels (at most %(megapixels)s megapixels). Please make it smaller.")
        % {"megapixels": policy.max_pixels // 1_000_000}
    )


def _frames(image: Image.Image) -> Iterator[tuple[Image.Image, int]]:
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frame = image.convert("RGBA")
        frame.info = {}
        yield frame, int(image.info.get("duration", 100) or 100)


def _on_white(image: Image.Image) -> Image.Image:
    """RGB for a JPEG: transparent parts become white."""
    if image.mode in ("RGBA", "LA", "P", "PA"):
        image = image.convert("RGBA")
        background = Image.new("RGB", image.size, "white")
        background.paste(image, mask=image.getchannel("A"))
        return background
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def reencode_image(data: bytes, file_type: FileType, policy: UploadPolicy) -> tuple[bytes, FileType, bytes | None]:
    """Decode and encode again (see the module docstring). Returns (image, its type, JPEG thumbnail or None).

    The pixel count is checked for this image from its header, before any pixel is decoded."""
    fmt = PIL_FORMATS[file_type.content_type]
    output_type = TYPES[policy.image_format] if policy.image_format else file_type
    try:
        image = Image.open(io.BytesIO(data), formats=[fmt])
        with image:
            width, height = image.size
            # Animation is kept for GIF, WebP and APNG; a JPEG's extra pictures (MPO: depth maps, previews) are not.
            animated = policy.animation and output_type == file_type and fmt != "JPEG"
            frames = getattr(image, "n_frames", 1) if animated else 1
            pixels = width * height
            if pixels > policy.max_pixels or frames > MAX_FRAMES or pixels * frames > 4 * policy.max_pixels:
                raise _too_many_pixels(policy)
            image.load()
            output = io.BytesIO()
            if frames > 1:
                sequence = list(_frames(image))
                first, *rest = (frame for frame, _duration in sequence)
                if policy.reencode_images:
                    first.save(
                        output, format=fmt, save_all=True, append_images=rest,
                        duration=[duration for _frame, duration in sequence], loop=0,
                    )  # fmt: skip
                still = first
            else:
                still = ImageOps.exif_transpose(image)
                # Only what draws the pixels survives: no EXIF, XMP, comments or text chunks. (Pillow writes a
                # JPEG's `info["comment"]` and XMP back when they are left in `info`.)
                still.info = {key: value for key, value in image.info.items() if key == "transparency"}
                if policy.max_side:
                    still.thumbnail((policy.max_side, policy.max_side))
                if policy.reencode_images:
                    _save(still, PIL_FORMATS[output_type.content_type], output, image.info.get("icc_profile"))
            thumbnail = _thumbnail(still) if policy.thumbnails else None
            if not policy.reencode_images:
                return data, file_type, thumbnail
            return output.getvalue(), output_type, thumbnail
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(policy) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError) as error:
        raise _unreadable_image() from error


def _save(still: Image.Image, fmt: str, output: IO[bytes], icc: bytes | None) -> None:
    options: dict[str, object] = {"icc_profile": icc} if icc else {}
    if fmt == "JPEG":
        _on_white(still).save(output, format="JPEG", quality=88, optimize=True, **options)
    elif fmt == "WEBP":
        still.save(output, format="WEBP", quality=88, **options)
    elif fmt == "GIF":
        still.save(output, format="GIF")
    else:
        still.save(output, format="PNG", **options)


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.info = {}
    small.thumbnail(THUMBNAIL_SIZE)
    output = io.BytesIO()
    _on_white(small).save(output, format="JPEG", quality=80, optimize=True)
    return output.getvalue()


# --- video metadata ---------------------------------------------------------------------------------------------


def _boxes(upload: IO[bytes], start: int, end: int) -> Iterator[tuple[bytes, int, int, int]]:
    """(type, box start, payload start, box end) of the ISO-BMFF boxes between start and end."""
    position = start
    while position + 8 <= end:
        upload.seek(position)
        header = upload.read(16)
        if len(header) < 8:
            return
        size, kind = struct.unpack(">I4s", header[:8])
        payload = position + 8
        if size == 1:
            if len(header) < 16:
                return
            size = struct.unpack(">Q", header[8:16])[0]
            payload = position + 16
        elif size == 0:
            size = end - position
        if size < payload - position or position + size > end:
            return
        yield kind, position, payload, position + size
        position += size


def mp4_metadata_ranges(upload: IO[bytes], size: int) -> list[tuple[int, int]]:
    """Byte ranges of the metadata boxes (`udta`, `meta` under `moov` and its tracks) — where phones write
    the place a video was taken. Blanking them as `free` boxes of the same size keeps every offset valid."""
    ranges: list[tuple[int, int]] = []

    def walk(start: int, end: int, depth: int) -> None:
        for kind, box_start, payload, box_end in list(_boxes(upload, start, end)):
            if kind in (b"udta", b"meta") and depth > 0:
                ranges.append((box_start, box_end))
            elif kind in (b"moov", b"trak") and depth < 3:
                walk(payload, box_end, depth + 1)

    walk(0, size, 0)
    upload.seek(0)
    return ranges


def _blanked_copy(upload: IO[bytes], ranges: list[tuple[int, int]]) -> File:
    """A temporary copy of the upload in which each range becomes a `free` box full of zeros."""
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the storage, closed by the caller
    upload.seek(0)
    shutil.copyfileobj(upload, copy, TEXT_SCAN_CHUNK)
    for start, end in ranges:
        copy.seek(start)
        header = copy.read(8)
        length = end - start
        copy.seek(start)
        if struct.unpack(">I", header[:4])[0] == 1:  # 64-bit size: keep size fields, change type, zero the rest
            copy.seek(start + 4)
            copy.write(b"free")
            copy.seek(start + 16)
            remaining = length - 16
        else:
            copy.write(struct.pack(">I4s", length, b"free"))
            remaining = length - 8
        while remaining > 0:
            step = min(remaining, TEXT_SCAN_CHUNK)
            copy.write(b"\0" * step)
            remaining -= step
    copy.seek(0)
    upload.seek(0)
    return File(copy)


# --- the check --------------------------------------------------------------------------------------------------


def _too_large(size: int, limit: int, per_kind: bool) -> DomainError:
    values = {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    if per_kind:
        message = _("The file is too large (%(size)s). The limit for this kind of file is %(limit)s.")
    else:
        message = _("The file is too large (%(size)s). The limit is %(limit)s.")
    return DomainError(message % values)


def check(upload: UploadedFile, policy: UploadPolicy) -> CheckedFile:
    """Accept a file the policy allows (see the module docstring) or raise DomainError with a translated message
    that names what to do. Nothing is stored here."""
    size = upload.size or 0
    if size == 0:
        raise DomainError(_("The file is empty."))
    file_limit = policy.max_bytes()
    image_limit = policy.image_max_bytes() if policy.image_max_bytes else file_limit
    if size > max(file_limit, image_limit):
        raise _too_large(size, max(file_limit, image_limit), per_kind=False)
    file_type = sniff(upload, size, policy)
    limit = image_limit if file_type.is_image else file_limit
    if size > limit:
        raise _too_large(size, limit, per_kind=True)
    filename, renamed = clean_filename(upload.name or "", file_type)
    if renamed and policy.mismatch is not None:
        raise DomainError(str(policy.mismatch))
    if file_type.is_image:
        upload.seek(0)
        content, stored_type, thumbnail = reencode_image(upload.read(), file_type, policy)
        if stored_type != file_type:
            filename = clean_filename(filename.rpartition(".")[0], stored_type)[0]
        return CheckedFile(content, stored_type.content_type, filename, renamed=renamed, thumbnail=thumbnail)
    source: File = upload
    if file_type.content_type == "video/mp4":
        ranges = mp4_metadata_ranges(upload, size)
        source = _blanked_copy(upload, ranges) if ranges else upload
    upload.seek(0)
    return CheckedFile(None, file_type.content_type, filename, size, renamed, source=source)


def check_in_form(upload: UploadedFile, policy: UploadPolicy) -> CheckedFile:
    """`check` for a form's `clean_<field>`: a refusal becomes the field's error."""
    try:
        return check(upload, policy)
    except DomainError as error:
        raise ValidationError(error.message) from error


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
