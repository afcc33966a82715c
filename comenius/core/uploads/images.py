"""Images are decoded and encoded again, and only their pixels survive.

Decoding turns photos upright (their orientation lived in the EXIF); encoding a bare copy of the pixels leaves
behind EXIF (GPS positions, camera serials), XMP (JPEG APP1, PNG iTXt `XML:com.adobe.xmp`, WebP `XMP `), IPTC
(JPEG APP13), JPEG comments, PNG tEXt/zTXt/iTXt/eXIf chunks, GIF comment and application extensions (in every
frame of an animation), WebP EXIF, and anything hidden after the pixels. A colour profile is applied to the
pixels (converted to sRGB, which browsers assume) and not stored: profiles carry device and author names.

Pillow writes back what it finds in `image.info` (a JPEG's comment, a PNG's ICC profile, a GIF's comment from
its first frame) and in an `encoderinfo` attribute left on an image: what is saved here is always a fresh copy
with an empty `info` (only a palette's transparent colour, which draws pixels) and nothing else.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import IO

from django.utils.translation import gettext as _
from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

from comenius.core.errors import DomainError
from comenius.core.uploads.policy import MAX_FRAMES, PIL_FORMATS, THUMBNAIL_SIZE, TYPES, FileType, UploadPolicy

_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _unreadable_image() -> DomainError:
    return DomainError(_("This image could not be read. It may be damaged; please save it again and retry."))


def _too_many_pixels(policy: UploadPolicy) -> DomainError:
    return DomainError(
        _("This image is too large in pixels (at most %(megapixels)s megapixels). Please make it smaller.")
        % {"megapixels": policy.max_pixels // 1_000_000}
    )


def bare(image: Image.Image) -> Image.Image:
    """A copy of the pixels (and the palette) with nothing else: no `info` but a palette's transparent colour."""
    clean = image.copy()
    transparency = image.info.get("transparency")
    clean.info = {"transparency": transparency} if transparency is not None and image.mode in ("P", "L", "RGB") else {}
    if hasattr(clean, "encoderinfo"):
        del clean.encoderinfo
    return clean


def to_srgb(image: Image.Image, icc: bytes | None) -> Image.Image:
    """The pixels as they look under the image's colour profile, in sRGB (the profile itself is not kept). A
    profile that cannot be read or applied is dropped: the pixels stay as they are."""
    if not icc:
        return image if image.mode != "CMYK" else image.convert("RGB")
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        if "srgb" in (ImageCms.getProfileDescription(profile) or "").lower().replace(" ", ""):
            return image if image.mode != "CMYK" else image.convert("RGB")
        if image.mode in ("P", "PA", "LA"):
            image = image.convert("RGBA")
        if image.mode not in ("RGB", "RGBA", "CMYK"):
            return image  # grey: a grey profile changes little, and is dropped
        output_mode = "RGB" if image.mode == "CMYK" else image.mode
        converted = ImageCms.profileToProfile(image, profile, _SRGB, outputMode=output_mode)
        return converted if converted is not None else image
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image if image.mode != "CMYK" else image.convert("RGB")


def _frames(image: Image.Image, icc: bytes | None) -> Iterator[tuple[Image.Image, int]]:
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        duration = int(image.info.get("duration", 100) or 100)
        frame = to_srgb(image.convert("RGBA"), icc)
        yield bare(frame), duration


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
            icc = image.info.get("icc_profile")
            output = io.BytesIO()
            if frames > 1:
                sequence = list(_frames(image, icc))
                first, *rest = (frame for frame, _duration in sequence)
                if policy.reencode_images:
                    first.save(
                        output, format=fmt, save_all=True, append_images=rest,
                        duration=[duration for _frame, duration in sequence], loop=0,
                    )  # fmt: skip
                still = first
            else:
                still = bare(to_srgb(ImageOps.exif_transpose(image), icc))
                if policy.max_side:
                    still.thumbnail((policy.max_side, policy.max_side))
                if policy.reencode_images:
                    _save(still, PIL_FORMATS[output_type.content_type], output)
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


def _save(still: Image.Image, fmt: str, output: IO[bytes]) -> None:
    """Encode a bare image. Nothing but pixels is passed: no `exif`, `xmp`, `icc_profile`, `comment`, `pnginfo`."""
    if fmt == "JPEG":
        bare(_on_white(still)).save(output, format="JPEG", quality=88, optimize=True)
    elif fmt == "WEBP":
        still.save(output, format="WEBP", quality=88)
    elif fmt == "GIF":
        still.save(output, format="GIF")
    else:
        still.save(output, format="PNG")


def _thumbnail(image: Image.Image) -> bytes:
    small = bare(image)
    small.thumbnail(THUMBNAIL_SIZE)
    output = io.BytesIO()
    bare(_on_white(small)).save(output, format="JPEG", quality=80, optimize=True)
    return output.getvalue()
