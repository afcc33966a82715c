"""Every uploaded file, judged by its content — never by its name or by what the browser claims — under one
policy per kind of upload (`UploadPolicy`; the named ones are `PROFILE_PHOTO`, `VALIDATION_EVIDENCE` and
`SPACE_MATERIAL`). Every upload path goes through `check` (or `check_in_form`); nothing else stores a file.

`check(upload, policy)` answers what a file really is (one of `TYPES`, if the policy allows it), gives it a
clean name with the extension of its real type, and refuses everything else with a translated message
(`DomainError`; `check_in_form` raises the same message as a form's `ValidationError`):
- empty files and files over the policy's limits;
- web pages, SVG drawings and other markup (they can run code in a browser) — also when they start like a
  PDF —, PDFs that do not parse, executables, archives, old binary Office files, Office documents with macros;
- images that are damaged or claim more pixels than the policy's `max_pixels` (decompression bombs), counted
  for each image before its pixels are decoded: no process-wide Pillow limit is set.

What is accepted is stored without metadata, and the cleaning happens here, in the request, before anything is
stored:
- images are decoded and encoded again from a bare copy of their pixels (`images`): upright, in sRGB, without
  EXIF, GPS, XMP, IPTC, ICC profiles, comments or text chunks, in every frame;
- PDFs, Office and OpenDocument files lose their author details, the names of their comment, change and
  annotation authors and the metadata of the pictures inside them (`documents`); when that would damage the
  file the uploader is warned and must agree (`keep_details=True`) to share it as it is;
- MP4 videos keep their pixels but their metadata boxes are blanked in place (`video`);
- MP3 and Ogg audio keep their sound but lose their tags (ID3, APE, Vorbis comments: `audio`).
A PNG named `.pdf` is either stored as the PNG it is (the name corrected; the caller tells the person) or
refused (`mismatch`).

The modules: `policy` (types, policies, `CheckedFile`), `names`, `sniffing` (what is it?), `images`,
`documents`, `video`, `audio`; this module re-exports their public names.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from comenius.core.errors import DomainError
from comenius.core.uploads.audio import clean_audio
from comenius.core.uploads.documents import KEEP_DETAILS_LABEL, Cleaned, clean_office, clean_pdf
from comenius.core.uploads.images import reencode_image
from comenius.core.uploads.names import clean_filename, clean_folder_name
from comenius.core.uploads.policy import (
    DOCUMENT,
    IMAGE,
    MAX_FILENAME,
    MAX_FRAMES,
    MAX_PIXELS,
    MB,
    PIL_FORMATS,
    POLICIES,
    PROFILE_PHOTO,
    SPACE_MATERIAL,
    THUMBNAIL_SIZE,
    TYPES,
    VALIDATION_EVIDENCE,
    VIDEO,
    ZIP_TYPES,
    CheckedFile,
    FileType,
    UploadPolicy,
)
from comenius.core.uploads.sniffing import sniff
from comenius.core.uploads.video import blanked_copy, mp4_metadata_ranges

AUDIO_TYPES = {"audio/mpeg", "audio/ogg"}

__all__ = [
    "DOCUMENT",
    "IMAGE",
    "KEEP_DETAILS_LABEL",
    "MAX_FILENAME",
    "MAX_FRAMES",
    "MAX_PIXELS",
    "MB",
    "PIL_FORMATS",
    "POLICIES",
    "PROFILE_PHOTO",
    "SPACE_MATERIAL",
    "THUMBNAIL_SIZE",
    "TYPES",
    "VALIDATION_EVIDENCE",
    "VIDEO",
    "CheckedFile",
    "FileType",
    "UploadPolicy",
    "check",
    "check_field_in_clean",
    "check_in_form",
    "clean_filename",
    "clean_folder_name",
    "mp4_metadata_ranges",
    "reencode_image",
    "sniff",
]


def _too_large(size: int, limit: int, per_kind: bool) -> DomainError:
    values = {"size": filesizeformat(size), "limit": filesizeformat(limit)}
    if per_kind:
        message = _("The file is too large (%(size)s). The limit for this kind of file is %(limit)s.")
    else:
        message = _("The file is too large (%(size)s). The limit is %(limit)s.")
    return DomainError(message % values)


def check(upload: UploadedFile, policy: UploadPolicy, *, keep_details: bool = False) -> CheckedFile:
    """Accept a file the policy allows (see the module docstring) or raise DomainError with a translated message
    that names what to do. Nothing is stored here. `keep_details`: the uploader agreed to share a document whose
    author details cannot be removed without damaging it (otherwise such a document is refused with a warning).
    A `source` other than the upload is a temporary copy: the caller closes it (`CheckedFile.close`)."""
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
    kept: tuple[str, ...] = ()
    cleaned = Cleaned()
    if file_type.content_type == "video/mp4":
        ranges = mp4_metadata_ranges(upload, size)
        if ranges:
            cleaned = Cleaned(blanked_copy(upload, ranges))
    elif file_type.content_type == "application/pdf":
        cleaned = clean_pdf(upload, keep_details)
    elif file_type.content_type in ZIP_TYPES:
        cleaned = clean_office(upload, file_type, keep_details)
    elif file_type.content_type in AUDIO_TYPES:
        cleaned = clean_audio(upload, file_type.content_type, keep_details)
    if cleaned.source is not None:
        source = cleaned.source
        size = source.size or size
    kept = cleaned.kept
    upload.seek(0)
    return CheckedFile(None, file_type.content_type, filename, size, renamed, source=source, kept_details=kept)


def check_in_form(upload: UploadedFile, policy: UploadPolicy, *, keep_details: bool = False) -> CheckedFile:
    """`check` for a form's `clean_<field>` or `clean`: a refusal becomes the field's error."""
    try:
        return check(upload, policy, keep_details=keep_details)
    except DomainError as error:
        raise ValidationError(error.message) from error


def check_field_in_clean(form: Any, cleaned: dict[str, Any], field: str, policy: UploadPolicy) -> None:
    """For a form's `clean()` with a file `field` and the KEEP_DETAILS_LABEL checkbox `keep_details`: the file is
    checked there, not in its own clean, because whether a document may keep author details that cannot be
    removed is the checkbox's answer, read after the file. A refusal becomes the field's error."""
    upload = cleaned.get(field)
    if upload is None or isinstance(upload, CheckedFile):
        return
    try:
        cleaned[field] = check_in_form(upload, policy, keep_details=bool(cleaned.get("keep_details")))
    except ValidationError as error:
        form.add_error(field, error)
