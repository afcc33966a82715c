"""Files for upload tests, honest and hostile, shared by every app's tests (`core.uploads` judges them all)."""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib

from PIL import Image

# What a pupil's or teacher's file must not carry away: a place and a name.
PLACE = "Vestbyskolen, Hjørring 57.4580 N 9.9820 E"
NAME = "Pia Jensen"


def png(size: tuple[int, int] = (40, 30), colour: str = "teal") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def noisy_png(side: int) -> bytes:
    """A PNG that does not compress (about 3 bytes a pixel)."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (side, side), os.urandom(side * side * 3)).save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg_with_gps() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x0110] = "PupilPhone 12"  # Model
    exif[0x8825] = {1: "N", 2: (57.0, 27.0, 30.0), 3: "E", 4: (9.0, 58.0, 45.0)}  # GPS position (Hjørring)
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(buffer, format="JPEG", exif=exif)
    return buffer.getvalue()


def jpeg_with_comment() -> bytes:
    """A JPEG whose comment (COM marker) and XMP packet hold a place and a name — Pillow keeps both in `info` and
    writes them back on save unless told otherwise."""
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{NAME}</dc:creator>'
        f"<dc:description>{PLACE}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    buffer = io.BytesIO()
    comment = f"{NAME} at {PLACE}".encode()
    Image.new("RGB", (64, 48), "purple").save(buffer, format="JPEG", comment=comment, xmp=xmp)
    return buffer.getvalue()


def rotated_jpeg() -> bytes:
    """A phone photo held upright: the pixels lie on their side (60 × 40, red on the left) and the EXIF
    orientation 6 says "turn 90° clockwise to show" — upright it is 40 × 60, red on top."""
    image = Image.new("RGB", (60, 40), "blue")
    image.paste("red", (0, 0, 30, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, quality=95)
    return buffer.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(width: int = 100_000, height: int = 100_000) -> bytes:
    """A tiny file whose header claims a huge picture (a decompression bomb)."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + _png_chunk(b"IEND", b"")
    )


def huge_png() -> bytes:
    """A real 81-megapixel picture in a few KB: over MAX_PIXELS but under Pillow's own default limit, so only
    the policy's per-image count refuses it."""
    buffer = io.BytesIO()
    Image.new("1", (9000, 9000)).save(buffer, format="PNG")
    return buffer.getvalue()


def pdf(text: str = "Certificate of employment") -> bytes:
    """A small, well-formed PDF: objects, a cross-reference table, a trailer, startxref and %%EOF."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    body = b"%PDF-1.4\n%" + text.encode("latin-1", "replace") + b"\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


PDF_WITH_HTML = b"%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"
PDF_WITHOUT_STRUCTURE = b"%PDF-1.4\n%%EOF\n"
HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"


ODF = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}
OOXML = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    "docm": "application/vnd.ms-word.document.macroEnabled.main+xml",
}


def office(kind: str = "docx") -> bytes:
    """A minimal Office Open XML or OpenDocument file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind in ODF:
            archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{ODF[kind]}")
            archive.writestr("content.xml", "<office:document-content/>")
        else:
            archive.writestr(
                "[Content_Types].xml",
                f'<?xml version="1.0"?><Types><Override PartName="/word/document.xml" ContentType="{OOXML[kind]}"/>'
                "</Types>",
            )
            archive.writestr("word/document.xml", "<w:document/>")
            if kind == "docm":
                archive.writestr("word/vbaProject.bin", b"\0macro")
    return buffer.getvalue()


def plain_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("holiday.jpg", b"x")
    return buffer.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


LOCATION = b"+57.4580+009.9820/"


def mp4_with_location() -> bytes:
    """An MP4 whose `moov/udta` holds a ©xyz location, as phones write it."""
    location = _box(b"\xa9xyz", struct.pack(">HH", len(LOCATION), 0x15C7) + LOCATION)
    moov = _box(b"moov", _box(b"mvhd", b"\0" * 100) + _box(b"udta", location))
    return _box(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41") + moov + _box(b"mdat", b"\x01\x02\x03" * 50)


def webm() -> bytes:
    return b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm\x42\x87\x81\x04" + b"\0" * 64
