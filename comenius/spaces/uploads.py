"""Files added to a project space's materials, judged by their content — never by their name or by what the
browser claims.

`check_material(upload, ...)` answers what a file really is (one of `TYPES`), gives it a clean name with the
extension of its real type, and refuses everything else with a translated message:
- empty files, files over the limits (SPACE_IMAGE_MAX_MB for images, SPACE_FILE_MAX_MB for the rest);
- web pages, SVG drawings and other markup (they can run code in a browser), executables, archives, old
  binary Office files, Office documents with macros;
- images that are damaged or claim more pixels than `MAX_PIXELS` (decompression bombs).

Images are decoded and encoded again: that drops EXIF (GPS positions, camera serials), comments and anything
hidden after the pixels, and a small JPEG thumbnail is made. MP4 videos keep their pixels (there is no video
encoder here) but their metadata boxes (`udta`, `meta`: location, device, owner) are blanked in place. A PNG
named `.pdf` is stored as the PNG it is (and the name corrected); the caller tells the person so.
"""

from __future__ import annotations

import codecs
import io
import re
import shutil
import struct
import tempfile
import unicodedata
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from comenius.core.errors import DomainError
from comenius.spaces.models import MaterialKind

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


@dataclass(frozen=True)
class FileType:
    content_type: str
    extension: str  # the one given to a file whose name says something else
    kind: str  # MaterialKind: image, video (audio too) or document
    label: Promise
    other_extensions: tuple[str, ...] = ()

    @property
    def extensions(self) -> set[str]:
        return {self.extension, *self.other_extensions}

    @property
    def is_image(self) -> bool:
        return self.kind == MaterialKind.IMAGE

    @property
    def inline(self) -> bool:
        """Shown in the browser (pictures, players) rather than downloaded."""
        return self.kind in (MaterialKind.IMAGE, MaterialKind.VIDEO)


def _type(content_type: str, extension: str, kind: str, label: Promise, *others: str) -> FileType:
    return FileType(content_type, extension, kind, label, others)


_IMAGE, _VIDEO, _DOCUMENT = MaterialKind.IMAGE.value, MaterialKind.VIDEO.value, MaterialKind.DOCUMENT.value
TYPES: dict[str, FileType] = {
    t.content_type: t
    for t in (
        _type("image/jpeg", "jpg", _IMAGE, gettext_lazy("JPEG image"), "jpeg", "jpe"),
        _type("image/png", "png", _IMAGE, gettext_lazy("PNG image")),
        _type("image/gif", "gif", _IMAGE, gettext_lazy("GIF image")),
        _type("image/webp", "webp", _IMAGE, gettext_lazy("WebP image")),
        _type("application/pdf", "pdf", _DOCUMENT, gettext_lazy("PDF document")),
        _type(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx", _DOCUMENT, gettext_lazy("Word document"),
        ),
        _type(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx", _DOCUMENT, gettext_lazy("Excel spreadsheet"),
        ),
        _type(
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            "pptx", _DOCUMENT, gettext_lazy("PowerPoint presentation"),
        ),
        _type("application/vnd.oasis.opendocument.text", "odt", _DOCUMENT, gettext_lazy("OpenDocument text")),
        _type(
            "application/vnd.oasis.opendocument.spreadsheet", "ods", _DOCUMENT,
            gettext_lazy("OpenDocument spreadsheet"),
        ),
        _type(
            "application/vnd.oasis.opendocument.presentation", "odp", _DOCUMENT,
            gettext_lazy("OpenDocument presentation"),
        ),
        _type("text/plain; charset=utf-8", "txt", _DOCUMENT, gettext_lazy("Text file"), "csv", "md", "text"),
        _type("text/plain; charset=windows-1252", "txt", _DOCUMENT, gettext_lazy("Text file"), "csv", "md", "text"),
        _type("video/mp4", "mp4", _VIDEO, gettext_lazy("MP4 video"), "m4v"),
        _type("video/webm", "webm", _VIDEO, gettext_lazy("WebM video")),
        _type("audio/mpeg", "mp3", _VIDEO, gettext_lazy("MP3 audio")),
        _type("audio/ogg", "ogg", _VIDEO, gettext_lazy("Ogg audio"), "oga", "opus"),
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
MP4_BRANDS = {b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ", b"dash", b"mmp4"}
# Markup a browser would run or render: refused wherever it appears in a "text" file.
MARKUP = re.compile(
    rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|object|embed|meta|style|link|form|math|\?xml)\b",
    re.IGNORECASE,
)
WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}


@dataclass
class CheckedMaterial:
    """A file that passed: its real type, its clean name and what to store.

    `content` holds re-encoded image bytes; for other types `source` is the file to store as it is (the
    upload itself, or a temporary copy with blanked metadata)."""

    file_type: FileType
    filename: str
    size: int
    renamed: bool  # the name claimed another type; it now carries the real extension
    content: bytes | None = None
    thumbnail: bytes | None = None
    source: File | None = None


def _allowed_list() -> str:
    return _(
        "Add a photo (JPEG, PNG, GIF or WebP), a PDF, an Office or OpenDocument file (docx, xlsx, pptx, odt, ods, "
        "odp), a text file, an MP4 or WebM video, or MP3 or Ogg audio."
    )


def refuse_unknown() -> DomainError:
    return DomainError(_("This kind of file cannot be added.") + " " + _allowed_list())


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


def sniff(upload: IO[bytes], size: int) -> FileType:
    """The real type of a file from its bytes. Raises DomainError for what is not allowed."""
    head = _read_head(upload)
    if head.startswith(b"\xff\xd8\xff"):
        return TYPES["image/jpeg"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return TYPES["image/png"]
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return TYPES["image/gif"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return TYPES["image/webp"]
    if head.startswith(b"%PDF-"):
        return _check_pdf(upload, size)
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(upload, size)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DomainError(
            _("Old Office files (.doc, .xls, .ppt) and password-protected documents cannot be added.")
            + " "
            + _("Save it as .docx, .xlsx, .pptx or PDF and try again.")
        )
    if head[4:8] == b"ftyp":
        if head[8:12] in MP4_BRANDS:
            return TYPES["video/mp4"]
        raise refuse_unknown()
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        if b"webm" in head[:64]:
            return TYPES["video/webm"]
        raise refuse_unknown()
    if head.startswith(b"OggS"):
        return TYPES["audio/ogg"]
    if _is_mp3(head):
        return TYPES["audio/mpeg"]
    return _sniff_text(upload)


def _check_pdf(upload: IO[bytes], size: int) -> FileType:
    upload.seek(max(0, size - 2048))
    tail = upload.read()
    upload.seek(0)
    if b"%%EOF" not in tail:
        raise DomainError(_("This PDF seems damaged or incomplete. Please export it again."))
    return TYPES["application/pdf"]


def _sniff_zip(upload: IO[bytes], size: int) -> FileType:
    """Office files are ZIP archives: ODF names its type in a `mimetype` entry, OOXML in [Content_Types].xml."""
    damaged = DomainError(_("This document could not be read. Please save it again and retry."))
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
                raise DomainError(
                    _("Documents with macros cannot be added. Save it as a normal document without macros.")
                )
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
                    raise DomainError(
                        _("Documents with macros cannot be added. Save it as a normal document without macros.")
                    )
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


def _sniff_text(upload: IO[bytes]) -> FileType:
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
            raise refuse_unknown()
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
    raise refuse_unknown()


# --- images ----------------------------------------------------------------------------------------------------


def _unreadable_image() -> DomainError:
    return DomainError(_("This image could not be read. It may be damaged; please save it again and retry."))


def _too_many_pixels() -> DomainError:
    return DomainError(
        _("This image is too large in pixels (at most %(megapixels)s megapixels). Please make it smaller.")
        % {"megapixels": MAX_PIXELS // 1_000_000}
    )


def _frames(image: Image.Image) -> Iterator[tuple[Image.Image, int]]:
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frame = image.convert("RGBA")
        frame.info = {}
        yield frame, int(image.info.get("duration", 100) or 100)


def reencode_image(data: bytes, content_type: str) -> tuple[bytes, bytes]:
    """Decode and encode again, in the same format: EXIF (GPS included), comments and trailing data are gone;
    photos are turned upright first (their orientation lived in the EXIF). Returns (image, JPEG thumbnail)."""
    fmt = PIL_FORMATS[content_type]
    try:
        with warnings.catch_warnings():
            # Pillow only warns between MAX_IMAGE_PIXELS and twice that; here any bomb is refused.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[fmt])
        with image:
            width, height = image.size
            frames = getattr(image, "n_frames", 1)
            if width * height > MAX_PIXELS or frames > MAX_FRAMES or width * height * frames > 4 * MAX_PIXELS:
                raise _too_many_pixels()
            image.load()
            output = io.BytesIO()
            if frames > 1:
                sequence = list(_frames(image))
                first, *rest = (frame for frame, _duration in sequence)
                first.save(
                    output, format=fmt, save_all=True, append_images=rest,
                    duration=[duration for _frame, duration in sequence], loop=0,
                )  # fmt: skip
                still = first
            else:
                still = ImageOps.exif_transpose(image)
                icc = image.info.get("icc_profile")
                # Only what draws the pixels survives: no EXIF, XMP, comments or text chunks.
                still.info = {key: value for key, value in image.info.items() if key == "transparency"}
                options: dict[str, object] = {"icc_profile": icc} if icc else {}
                if fmt == "JPEG":
                    still = still.convert("RGB") if still.mode not in ("RGB", "L") else still
                    still.save(output, format="JPEG", quality=88, optimize=True, **options)
                elif fmt == "WEBP":
                    still.save(output, format="WEBP", quality=88, **options)
                elif fmt == "GIF":
                    still.save(output, format="GIF")
                else:
                    still.save(output, format="PNG", **options)
            return output.getvalue(), _thumbnail(still)
    except DomainError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels() from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError, EOFError) as error:
        raise _unreadable_image() from error


def _thumbnail(image: Image.Image) -> bytes:
    small = image.copy()
    small.thumbnail(THUMBNAIL_SIZE)
    if small.mode in ("RGBA", "LA", "P"):
        small = small.convert("RGBA")
        background = Image.new("RGB", small.size, "white")
        background.paste(small, mask=small.getchannel("A"))
        small = background
    elif small.mode != "RGB":
        small = small.convert("RGB")
    output = io.BytesIO()
    small.save(output, format="JPEG", quality=80, optimize=True)
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


def check_material(upload: UploadedFile, *, image_max_bytes: int, file_max_bytes: int) -> CheckedMaterial:
    """Accept an allowed file (see the module docstring) or raise DomainError with a translated message that
    names what to do. Nothing is stored here."""
    size = upload.size or 0
    if size == 0:
        raise DomainError(_("The file is empty."))
    if size > max(image_max_bytes, file_max_bytes):
        raise DomainError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max(image_max_bytes, file_max_bytes))}
        )
    file_type = sniff(upload, size)
    limit = image_max_bytes if file_type.is_image else file_max_bytes
    if size > limit:
        raise DomainError(
            _("The file is too large (%(size)s). The limit for this kind of file is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
        )
    filename, renamed = clean_filename(upload.name or "", file_type)
    checked = CheckedMaterial(file_type=file_type, filename=filename, size=size, renamed=renamed)
    if file_type.is_image:
        upload.seek(0)
        checked.content, checked.thumbnail = reencode_image(upload.read(), file_type.content_type)
        checked.size = len(checked.content)
    elif file_type.content_type == "video/mp4":
        ranges = mp4_metadata_ranges(upload, size)
        checked.source = _blanked_copy(upload, ranges) if ranges else upload
    else:
        upload.seek(0)
        checked.source = upload
    return checked
