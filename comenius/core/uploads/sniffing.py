"""What a file really is, from its bytes — never from its name or from what the browser claims."""

from __future__ import annotations

import codecs
import re
import zipfile
from typing import IO

from django.utils.translation import gettext as _

from comenius.core.errors import DomainError
from comenius.core.uploads.policy import (
    MAX_ZIP_ENTRIES,
    MAX_ZIP_RATIO,
    MAX_ZIP_UNPACKED,
    MB,
    OOXML_MAIN_PARTS,
    SCAN_CHUNK,
    TEXT_TYPES,
    TYPES,
    ZIP_TYPES,
    FileType,
    UploadPolicy,
)

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
# Bytes no text file holds (tab, line feed, form feed and carriage return are text), searched in C, not byte
# by byte in Python.
CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
NOT_CP1252 = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")  # the five bytes Windows-1252 leaves undefined


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


def signature(head: bytes) -> str | None:
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
    content_type = signature(head)
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


def damaged_pdf() -> DomainError:
    return DomainError(_("This PDF seems damaged or incomplete. Please export it again."))


def _check_pdf(upload: IO[bytes], size: int) -> None:
    """A PDF has objects near its start and a cross-reference pointer and end marker near its end; a web page
    behind a PDF header has neither, and is refused for its markup. (Whether it really parses is checked when
    its metadata is removed: `documents.clean_pdf`.)"""
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
        raise damaged_pdf()


def damaged_document() -> DomainError:
    return DomainError(_("This document could not be read. Please save it again and retry."))


def _sniff_zip(upload: IO[bytes], size: int) -> FileType:
    """Office files are ZIP archives: ODF names its type in a `mimetype` entry, OOXML in [Content_Types].xml."""
    damaged = damaged_document()
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
    render — web pages and SVG drawings are refused here, with or without scripts. Read in chunks of a MB, each
    searched by regular expressions (C speed): a 100 MB text file takes well under a second."""
    utf8 = True
    cp1252 = True
    tail = b""
    upload.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := upload.read(SCAN_CHUNK):
            window = tail + chunk
            if MARKUP.search(window):
                raise DomainError(
                    _("Web pages, SVG drawings and other markup files cannot be added: they can carry code.")
                    + " "
                    + _("Save it as a PDF or a PNG image instead.")
                )
            tail = window[-64:]
            if CONTROL_BYTES.search(chunk):
                raise refused
            if utf8:
                try:
                    decoder.decode(chunk)
                except UnicodeDecodeError:
                    utf8 = False
            if cp1252 and NOT_CP1252.search(chunk):  # every chunk: UTF-8 may fail only in a later one
                cp1252 = False
    finally:
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
