"""Uploaded files are judged by their content, never by their name."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

# Refuse images whose pixel count could exhaust memory when decoded (decompression bombs).
Image.MAX_IMAGE_PIXELS = 40_000_000

SIGNATURES = {
    b"%PDF-": "application/pdf",
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}
EXTENSIONS = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
}


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    content_type: str


def sniff(head: bytes) -> str | None:
    for signature, content_type in SIGNATURES.items():
        if head.startswith(signature):
            return content_type
    return None


def _reencode_image(data: bytes, content_type: str) -> bytes:
    """Decode and re-encode an image: this drops EXIF (GPS included) and anything hidden after the pixels."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            image.load()
            output = io.BytesIO()
            if content_type == "image/jpeg":
                image.convert("RGB").save(output, format="JPEG", quality=90)
            else:
                image.save(output, format="PNG")
            return output.getvalue()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError, ValueError) as error:
        raise ValidationError(_("This image could not be read. Please upload a PDF, PNG or JPEG file.")) from error


def check_document(upload: UploadedFile, max_bytes: int) -> CheckedFile:
    """Accept a PDF, PNG or JPEG whose content matches its name; images come back re-encoded.

    Raises ValidationError with a translated message for empty, oversized, unknown or disguised files.
    """
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."))
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s). The limit is %(limit)s.")
            % {"size": filesizeformat(upload.size), "limit": filesizeformat(max_bytes)}
        )
    data = upload.read()
    content_type = sniff(data[:16])
    if content_type is None:
        raise ValidationError(_("Only PDF, PNG and JPEG files are accepted."))
    extension = (upload.name or "").rsplit(".", 1)[-1].lower() if "." in (upload.name or "") else ""
    if extension not in EXTENSIONS[content_type]:
        raise ValidationError(_("This file is not what its name says. Please upload the original PDF, PNG or JPEG."))
    if content_type == "application/pdf":
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(_("This PDF seems damaged or incomplete. Please export it again."))
        return CheckedFile(data, content_type)
    return CheckedFile(_reencode_image(data, content_type), content_type)
