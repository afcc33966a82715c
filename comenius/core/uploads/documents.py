"""Documents leave their author details behind.

- **PDF** must parse (pypdf): a file that only looks like one is refused. Its document information dictionary
  (Author, Creator, Producer, Title, Subject, Keywords, dates, anything else in it) and its XMP metadata streams
  (of the document and of its pages), with `PieceInfo` (private data of the program that made it), are removed
  and the file is written again — then read again to be sure it still has every page and nothing of those.
- **Office Open XML** (docx, xlsx, pptx) and **OpenDocument** (odt, ods, odp) are ZIP containers: the container
  is written again, entry by entry and in the same order, with `docProps/core.xml` (`dc:creator`,
  `cp:lastModifiedBy`), `docProps/app.xml` (`Company`, `Manager`) and `docProps/custom.xml` (every custom
  property), or `meta.xml` (`meta:initial-creator`, `dc:creator`, `meta:printed-by`, every `meta:user-defined`)
  blanked. The new container is opened again with zipfile, each entry checked, and the changed parts parsed again.

Inside the content, people's names become a neutral name (`NEUTRAL_NAME`, "Author"; initials "A"): the authors of
comments and tracked changes in Office files (`OOXML_NAMES`: `w:author`, `word/people.xml`, Excel note authors and
threaded-comment people, PowerPoint comment authors) and OpenDocument files (`ODF_NAMES`: `dc:creator` of
annotations and changes, initials, author fields), and of PDF annotations (`/T`, also of pop-ups; never a form
field's). Pictures inside Office and OpenDocument files (JPEG, PNG, GIF, WebP) are re-encoded by the image path
(`images.reencode_image`), in the same format under the same name.

Only the fields and names are changed, never the rest of the content, so the document still opens. When removing
them would damage a file — a signed or encrypted PDF (a rewrite breaks the signature or the protection), a part
that is not the XML it should be, a picture inside that cannot be re-encoded (TIFF, damaged, too many pixels) — the
file is kept as it is and the uploader is warned first: the upload is refused with a message that names the
details, unless they ticked `KEEP_DETAILS_LABEL` ("share it as it is").
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.files import File
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from PIL import Image, UnidentifiedImageError
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from comenius.core.errors import DomainError
from comenius.core.uploads.images import reencode_image
from comenius.core.uploads.policy import MAX_PIXELS, MB, PIL_FORMATS, SCAN_CHUNK, TYPES, FileType, UploadPolicy
from comenius.core.uploads.sniffing import damaged_document, damaged_pdf, signature

KEEP_DETAILS_LABEL = gettext_lazy("Share a document as it is when its author details cannot be removed")
MAX_METADATA_PART = 8 * MB

# OOXML: where the package's relationships point to its properties, and the fields blanked in each.
CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
EXTENDED_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
CUSTOM_PROPERTIES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
OOXML_DEFAULT_PARTS = {
    "docProps/core.xml": CORE_PROPERTIES,
    "docProps/app.xml": EXTENDED_PROPERTIES,
    "docProps/custom.xml": CUSTOM_PROPERTIES,
}


@dataclass(frozen=True)
class Fields:
    """Elements of one metadata part, by local name: `blank` ones keep their tag and lose their text, `drop` ones
    go (with what is inside them)."""

    blank: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()


FIELDS = {
    CORE_PROPERTIES: Fields(blank=("creator", "lastModifiedBy")),
    EXTENDED_PROPERTIES: Fields(blank=("Company", "Manager")),
    CUSTOM_PROPERTIES: Fields(drop=("property",)),
    "odf-meta": Fields(blank=("initial-creator", "creator", "printed-by"), drop=("user-defined",)),
}


# What a person's name inside a document's content becomes (comment and change authors): a neutral value rather
# than none, so that every program still opens the document and shows the comment.
NEUTRAL_NAME = "Author"
NEUTRAL_INITIALS = "A"
NEUTRAL_PROVIDER = "None"  # what Office writes for an author without an account
MAX_CONTENT_PART = 64 * MB  # a larger XML part is not parsed: a name in it is kept only after the warning
# Words a name-carrying part must contain (how a part too large to parse is judged).
NAME_WORDS = (b"author", b"Author", b"creator", b"initials", b"userId", b"userName", b"userInfo", b"displayName")


@dataclass(frozen=True)
class Names:
    """Where people's names sit inside the content of a document: `attributes` (element local name, or "*" for
    any, attribute local name, neutral value) and elements whose text is a name (`texts`: local name, neutral
    value)."""

    attributes: tuple[tuple[str, str, str], ...] = ()
    texts: tuple[tuple[str, str], ...] = ()


OOXML_NAMES = Names(
    attributes=(
        # WordprocessingML: comments (w:comment), tracked changes (w:ins, w:del, w:moveFrom, w:moveTo, w:rPrChange,
        # w:pPrChange, w:sectPrChange, w:tblPrChange, w:trPrChange, w:tcPrChange, w:cellIns, w:cellDel, ...) and
        # the people of word/people.xml (w15:person) all carry w:author.
        ("*", "author", NEUTRAL_NAME),
        ("comment", "initials", NEUTRAL_INITIALS),
        ("presenceInfo", "userId", NEUTRAL_NAME),  # word/people.xml: the account (an e-mail address)
        ("presenceInfo", "providerId", NEUTRAL_PROVIDER),
        # SpreadsheetML: the people of threaded comments (xl/persons/person.xml), shared-workbook revisions.
        ("person", "displayName", NEUTRAL_NAME),
        ("person", "userId", NEUTRAL_NAME),
        ("person", "providerId", NEUTRAL_PROVIDER),
        ("header", "userName", NEUTRAL_NAME),  # xl/revisions/revisionHeaders.xml
        ("userInfo", "name", NEUTRAL_NAME),  # xl/revisions/userNames.xml
        # PresentationML: ppt/commentAuthors.xml (p:cmAuthor) and the modern ppt/authors.xml (p188:author).
        ("cmAuthor", "name", NEUTRAL_NAME),
        ("cmAuthor", "initials", NEUTRAL_INITIALS),
        ("author", "name", NEUTRAL_NAME),
        ("author", "initials", NEUTRAL_INITIALS),
        ("author", "userId", NEUTRAL_NAME),
        ("author", "providerId", NEUTRAL_PROVIDER),
    ),
    texts=(("author", NEUTRAL_NAME),),  # SpreadsheetML notes: xl/commentsN.xml <authors><author>
)
ODF_NAMES = Names(
    # Annotations (office:annotation) and tracked changes (office:change-info) name their author in dc:creator,
    # with initials in meta:creator-initials (ODF 1.3) or loext:sender-initials; text:author-name and
    # text:author-initials are fields showing the author in the text.
    texts=(
        ("creator", NEUTRAL_NAME),
        ("creator-initials", NEUTRAL_INITIALS),
        ("sender-initials", NEUTRAL_INITIALS),
        ("author-name", NEUTRAL_NAME),
        ("author-initials", NEUTRAL_INITIALS),
    ),
)


@dataclass
class Cleaned:
    """What `clean_pdf` and `clean_office` found: a copy to store instead of the upload (None: the upload as it
    is), and the details the stored file still carries (only when the uploader agreed)."""

    source: File | None = None
    kept: tuple[str, ...] = field(default_factory=tuple)


def _cannot_remove(reason: str, details: list[str]) -> DomainError:
    return DomainError(
        _(
            "%(reason)s It carries these details about who made it: %(details)s. Remove them in the program you "
            "made it with and add it again, or tick “%(confirm)s” to share it with them."
        )
        % {"reason": reason, "details": ", ".join(details), "confirm": KEEP_DETAILS_LABEL}
    )


def _kept_or_refused(reason: str, details: list[str], keep_details: bool) -> Cleaned:
    if not keep_details:
        raise _cannot_remove(reason, details)
    return Cleaned(None, tuple(details))


# --- PDF ------------------------------------------------------------------------------------------------------


def _pdf_text(value: Any) -> str:
    try:
        return str(value.get_object() if hasattr(value, "get_object") else value)
    except Exception:  # a hostile value may fail in many ways; it is only shown
        return ""


def _pdf_details(reader: PdfReader) -> tuple[list[str], list[str]]:
    """The names of the metadata a PDF carries (for the uploader) and the longer text values (to make sure none is
    left in the bytes written)."""
    names: list[str] = []
    values: list[str] = []
    info = reader.trailer.get("/Info")
    info = info.get_object() if info is not None else None
    if isinstance(info, DictionaryObject):
        for key, value in info.items():
            text = _pdf_text(value).strip()
            if text:
                names.append(str(key).lstrip("/"))
                values.append(text)
    root = _catalog(reader)
    if "/Metadata" in root or any("/Metadata" in page or "/PieceInfo" in page for page in reader.pages):
        names.append(_("XMP metadata"))
    elif "/PieceInfo" in root:
        names.append(_("private data of the program that made it"))
    if any(_pdf_text(annotation["/T"]) != NEUTRAL_NAME for annotation in _annotation_authors(reader.pages)):
        names.append(_("comment authors"))
    return names, [value for value in values if len(value) >= 4]


def _annotation_authors(pages: Any) -> list[DictionaryObject]:
    """The annotations of the pages (and their pop-ups) that name an author in `/T`: comments, highlights,
    stamps, drawings. A form field's widget is left out: its `/T` is the field's name, not a person's."""
    found: list[DictionaryObject] = []
    seen: set[int] = set()
    for page in pages:
        annotations = page.get("/Annots")
        annotations = annotations.get_object() if annotations is not None else None
        if not isinstance(annotations, list):
            continue
        pending = list(annotations)
        while pending:
            annotation = pending.pop()
            annotation = annotation.get_object() if hasattr(annotation, "get_object") else annotation
            if not isinstance(annotation, DictionaryObject) or id(annotation) in seen or len(seen) > 100_000:
                continue
            seen.add(id(annotation))
            if "/Popup" in annotation:
                pending.append(annotation["/Popup"])
            if annotation.get("/Subtype") != "/Widget" and "/T" in annotation:
                found.append(annotation)
    return found


def _catalog(reader: PdfReader) -> DictionaryObject:
    root = reader.trailer["/Root"].get_object()
    if not isinstance(root, DictionaryObject):
        raise ValueError("no catalogue")
    return root


def _signed(reader: PdfReader) -> bool:
    root = _catalog(reader)
    if "/Perms" in root:
        return True
    form = root.get("/AcroForm")
    form = form.get_object() if form is not None else None
    if not isinstance(form, DictionaryObject):
        return False
    if int(form.get("/SigFlags", 0) or 0) & 1:
        return True
    return any(
        isinstance(entry := item.get_object(), DictionaryObject) and entry.get("/FT") == "/Sig"
        for item in form.get("/Fields", []) or []
    )


def _open_pdf(upload: IO[bytes]) -> PdfReader:
    """A PDF that parses: its cross-reference, its catalogue and its page tree. Refused as damaged otherwise; a
    password needed to open it is refused with its own message."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DomainError(_("Password-protected PDFs cannot be added. Save it without a password and try again."))
        _catalog(reader)
        if len(reader.pages) < 1:
            raise damaged_pdf()
        for page in reader.pages:
            page.mediabox  # noqa: B018 - each page must have a size, or it is not a page
        return reader
    except DomainError:
        raise
    except Exception as error:  # pypdf answers a hostile file with many kinds of error
        raise damaged_pdf() from error


def _strip_pdf(reader: PdfReader) -> File:
    writer = PdfWriter(clone_from=reader)
    writer.metadata = None  # no /Info at all (not even pypdf's own Producer)
    for annotation in _annotation_authors(writer.pages):
        annotation[NameObject("/T")] = TextStringObject(NEUTRAL_NAME)
    for holder in (writer.root_object, *writer.pages):
        for key in ("/Metadata", "/PieceInfo"):
            if key in holder:
                del holder[NameObject(key)]
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the storage, closed by the caller
    writer.write(copy)
    copy.seek(0)
    return File(copy)


def _pdf_is_clean(copy: IO[bytes], pages: int, values: list[str]) -> bool:
    copy.seek(0)
    try:
        reader = PdfReader(copy, strict=False)
        if len(reader.pages) != pages or reader.trailer.get("/Info") is not None:
            return False
        names, _values = _pdf_details(reader)
        if names:
            return False
        copy.seek(0)
        data = copy.read()
        return not any(value.encode("utf-8", "ignore") in data for value in values)
    except Exception:  # what pypdf wrote must read back; anything else is a damaged rewrite
        return False
    finally:
        copy.seek(0)


def clean_pdf(upload: IO[bytes], keep_details: bool = False) -> Cleaned:
    """A PDF that parses, without its author details (see the module docstring)."""
    reader = _open_pdf(upload)
    try:
        names, values = _pdf_details(reader)
        if not names:
            return Cleaned()
        if _signed(reader):
            return _kept_or_refused(
                _("This PDF is signed: removing its details would break the signature."), names, keep_details
            )
        if reader.is_encrypted:
            return _kept_or_refused(
                _("This PDF is protected: removing its details would remove the protection."), names, keep_details
            )
        try:
            copy = _strip_pdf(reader)
        except Exception:  # a file pypdf reads but cannot write is kept, with the warning
            copy = None
        if copy is None or not _pdf_is_clean(copy, len(reader.pages), values):
            if copy is not None:
                copy.close()
            return _kept_or_refused(
                _("The details of this PDF cannot be removed without damaging it."), names, keep_details
            )
        return Cleaned(copy)
    finally:
        upload.seek(0)


# --- Office Open XML and OpenDocument ---------------------------------------------------------------------------


def _office_labels() -> dict[str, str]:
    return {
        "creator": _("author"),
        "initial-creator": _("author"),
        "lastModifiedBy": _("last modified by"),
        "printed-by": _("printed by"),
        "Company": _("company"),
        "Manager": _("manager"),
        "property": _("custom properties"),
        "user-defined": _("custom properties"),
    }


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _parse(data: bytes) -> ET.Element:
    """A metadata part as XML. No DTD is allowed (no part of an Office file has one, and entities are how XML
    bombs work); ElementTree never fetches anything from outside."""
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise ValueError("a DTD in a metadata part")
    return ET.fromstring(data)  # noqa: S314 - no DTD (above); expat >= 2.4 also limits entity expansion


def _found(root: ET.Element, fields: Fields) -> list[str]:
    found: list[str] = []
    for element in root.iter():
        name = _local(element.tag) if isinstance(element.tag, str) else ""
        filled = (element.text or "").strip() or len(element)
        if (name in fields.blank and filled) or name in fields.drop:
            found.append(name)
    return found


def _element(name: str) -> str:
    return r"<(?P<prefix>(?:[\w.-]+:)?)" + re.escape(name) + r"\b"


def _blanked(data: bytes, fields: Fields) -> bytes:
    """The part with the fields blanked or dropped, every other byte as it was."""
    text = data.decode("utf-8")
    for name in fields.blank:
        text = re.sub(
            _element(name) + r"(?P<attributes>[^>]*?)(?<!/)>.*?(?P<end></(?P=prefix)" + re.escape(name) + r"\s*>)",
            r"<\g<prefix>" + name + r"\g<attributes>>\g<end>",
            text,
            flags=re.DOTALL,
        )
    for name in fields.drop:
        text = re.sub(
            _element(name) + r"(?:[^>]*?/>|[^>]*?(?<!/)>.*?</(?P=prefix)" + re.escape(name) + r"\s*>)",
            "",
            text,
            flags=re.DOTALL,
        )
    return text.encode("utf-8")


def _metadata_parts(archive: zipfile.ZipFile, file_type: FileType) -> dict[str, Fields]:
    names = set(archive.namelist())
    if file_type.content_type.startswith("application/vnd.oasis.opendocument."):
        return {"meta.xml": FIELDS["odf-meta"]} if "meta.xml" in names else {}
    parts = {name: FIELDS[kind] for name, kind in OOXML_DEFAULT_PARTS.items() if name in names}
    if "_rels/.rels" in names and archive.getinfo("_rels/.rels").file_size <= MAX_METADATA_PART:
        for relation in _parse(archive.read("_rels/.rels")).iter():
            kind, target = relation.get("Type"), (relation.get("Target") or "").lstrip("/")
            if kind in FIELDS and target in names:
                parts[target] = FIELDS[kind]
    return parts


def _rewrite(upload: IO[bytes], changed: dict[str, bytes]) -> File:
    """The same container, entry by entry in the same order and with the same compression, with `changed` parts
    replaced (entry comments, extra fields and the archive comment are not copied)."""
    copy = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the storage, closed by the caller
    upload.seek(0)
    with zipfile.ZipFile(upload) as source, zipfile.ZipFile(copy, "w") as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = info.compress_type
            entry.external_attr = info.external_attr
            entry.create_system = info.create_system
            if info.filename in changed:
                target.writestr(entry, changed[info.filename])
                continue
            entry.file_size = info.file_size
            with source.open(info) as reading, target.open(entry, "w") as writing:
                shutil.copyfileobj(reading, writing, SCAN_CHUNK)
    copy.seek(0)
    upload.seek(0)
    return File(copy)


_START_TAG = re.compile(
    r"<(?P<name>(?:[\w.-]+:)?[\w.-]+)(?P<attributes>(?:\s+[\w.:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)(?P<end>\s*/?>)"
)
_ATTRIBUTE = re.compile(r"(?P<lead>\s+(?P<name>[\w.:-]+)\s*=\s*)(?P<quote>[\"'])(?P<value>.*?)(?P=quote)", re.DOTALL)


def _names_in(root: ET.Element, names: Names) -> int:
    """How many people's names (values other than the neutral ones) a content part still holds."""
    count = 0
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        local = _local(element.tag)
        for key, value in element.attrib.items():
            attribute = _local(key)
            if any(a == attribute and e in ("*", local) and value != n for e, a, n in names.attributes):
                count += 1
        text = element.text or ""
        if any(e == local and text.strip() and text != n for e, n in names.texts):
            count += 1
    return count


def _escaped(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def _neutralised(data: bytes, names: Names) -> bytes:
    """The part with every name replaced by its neutral value, every other byte as it was (a part written again
    by an XML library would lose the namespace prefixes Office relies on)."""
    text = data.decode("utf-8")

    def attributes(tag: re.Match[str]) -> str:
        local = tag["name"].rpartition(":")[2]
        wanted = {a: n for e, a, n in names.attributes if e in ("*", local)}
        if not wanted or not tag["attributes"]:
            return tag[0]

        def attribute(found: re.Match[str]) -> str:
            neutral = wanted.get(found["name"].rpartition(":")[2])
            if neutral is None:
                return found[0]
            return f"{found['lead']}{found['quote']}{_escaped(neutral)}{found['quote']}"

        return f"<{tag['name']}{_ATTRIBUTE.sub(attribute, tag['attributes'])}{tag['end']}"

    if names.attributes:
        text = _START_TAG.sub(attributes, text)
    for name, neutral in names.texts:

        def element(found: re.Match[str], neutral: str = neutral) -> str:
            inner = _escaped(neutral) if found["text"].strip() else found["text"]
            return f"<{found['prefix']}{found['local']}{found['attributes']}>{inner}{found['end']}"

        pattern = (
            r"<(?P<prefix>(?:[\w.-]+:)?)(?P<local>" + re.escape(name) + r")"
            r"(?P<attributes>(?:\s+[\w.:-]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*\s*)>(?P<text>[^<]*)"
            r"(?P<end></(?P=prefix)" + re.escape(name) + r"\s*>)"
        )
        text = re.sub(pattern, element, text)
    return text.encode("utf-8")


def _mentions_names(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Whether a part too large to parse holds a word that names carry (read in chunks)."""
    tail = b""
    with archive.open(info) as reading:
        while chunk := reading.read(SCAN_CHUNK):
            if any(word in tail + chunk for word in NAME_WORDS):
                return True
            tail = chunk[-16:]
    return False


# Pictures inside a document are cleaned by the same path as an uploaded image; their kinds, by first bytes.
EMBEDDED_PICTURE = UploadPolicy(
    name="embedded_picture",
    types=frozenset(PIL_FORMATS),
    max_bytes=lambda: MAX_CONTENT_PART,
    refusal="",
    animation=True,
)
MAX_EMBEDDED_PIXELS = 10 * MAX_PIXELS  # all the pictures of one document (the cleaning happens in the request)
TIFF_SIGNATURES = (b"II*\0", b"MM\0*")  # TIFF carries EXIF tags itself, and is not re-encoded here


@dataclass
class _Found:
    """What the content of a container holds besides its metadata parts: rewritten parts, the details found
    (labels for the uploader) and whether some of them cannot be removed safely."""

    changed: dict[str, bytes] = field(default_factory=dict)
    details: set[str] = field(default_factory=set)
    unsafe: bool = False


def _content_names(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], skip: set[str], names: Names) -> _Found:
    found = _Found()
    label = _("comment and change authors")
    for info in entries:
        if info.is_dir() or not info.filename.endswith(".xml") or info.filename in skip:
            continue
        if info.file_size > MAX_CONTENT_PART:
            if _mentions_names(archive, info):
                found.details.add(label)
                found.unsafe = True
            continue
        data = archive.read(info)
        if not any(word in data for word in NAME_WORDS):
            continue
        try:
            root = _parse(data)
        except (ET.ParseError, ValueError):
            found.details.add(label)  # a part that is not XML may hold names: nothing to change safely
            found.unsafe = True
            continue
        if not _names_in(root, names):
            continue
        found.details.add(label)
        try:
            rewritten = _neutralised(data, names)
            again = _parse(rewritten)
        except (UnicodeDecodeError, ET.ParseError, ValueError):
            found.unsafe = True
            continue
        if _names_in(again, names) or sum(1 for _e in again.iter()) != sum(1 for _e in root.iter()):
            found.unsafe = True
            continue
        found.changed[info.filename] = rewritten
    return found


def _pictures(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo]) -> _Found:
    """Every JPEG, PNG, GIF and WebP picture inside the container, re-encoded without its metadata (upright, in
    sRGB, animation kept); a TIFF picture, a damaged one, or more than MAX_EMBEDDED_PIXELS in all cannot be
    cleaned here."""
    found = _Found()
    label = _("details of the pictures inside it")
    pixels = 0
    for info in entries:
        if info.is_dir() or info.file_size < 8:
            continue
        with archive.open(info) as reading:
            head = reading.read(16)
        if head.startswith(TIFF_SIGNATURES):
            found.details.add(label)
            found.unsafe = True
            continue
        content_type = signature(head)
        if content_type not in PIL_FORMATS:
            continue
        if info.file_size > MAX_CONTENT_PART:
            found.details.add(label)
            found.unsafe = True
            continue
        data = archive.read(info)
        try:
            with Image.open(io.BytesIO(data), formats=[PIL_FORMATS[content_type]]) as image:
                width, height = image.size
                pixels += width * height * getattr(image, "n_frames", 1)
            if pixels > MAX_EMBEDDED_PIXELS:
                raise ValueError("too many pixels for one document")
            cleaned, _type, _thumbnail = reencode_image(data, TYPES[content_type], EMBEDDED_PICTURE)
        except (
            DomainError, Image.DecompressionBombError, Image.DecompressionBombWarning, UnidentifiedImageError,
            OSError, SyntaxError, ValueError, EOFError,
        ):  # fmt: skip
            found.details.add(label)
            found.unsafe = True
            continue
        found.changed[info.filename] = cleaned
    return found


def _office_is_clean(
    copy: IO[bytes], original: list[zipfile.ZipInfo], parts: dict[str, Fields], content: set[str], names: Names
) -> bool:
    """The rewritten container opens, holds the same entries in the same order (ODF's `mimetype` first and
    stored), every entry reads with its checksum, the changed metadata parts are XML without the fields and the
    changed content parts XML without a name."""
    copy.seek(0)
    try:
        with zipfile.ZipFile(copy) as archive:
            entries = archive.infolist()
            if [e.filename for e in entries] != [e.filename for e in original]:
                return False
            if [e.compress_type for e in entries] != [e.compress_type for e in original]:
                return False
            if archive.testzip() is not None:
                return False
            if any(_found(_parse(archive.read(name)), fields) for name, fields in parts.items()):
                return False
            return not any(_names_in(_parse(archive.read(name)), names) for name in content)
    except (zipfile.BadZipFile, ET.ParseError, ValueError, OSError, EOFError):
        return False
    finally:
        copy.seek(0)


def clean_office(upload: IO[bytes], file_type: FileType, keep_details: bool = False) -> Cleaned:
    """An Office Open XML or OpenDocument file without its author details, the names of its comment and change
    authors, and the metadata of its pictures (see the module docstring)."""
    odf = file_type.content_type.startswith("application/vnd.oasis.opendocument.")
    names = ODF_NAMES if odf else OOXML_NAMES
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            try:
                parts = _metadata_parts(archive, file_type)
            except (ET.ParseError, ValueError) as error:
                raise damaged_document() from error
            found: dict[str, list[str]] = {}
            readable = True
            for name, fields in parts.items():
                if archive.getinfo(name).file_size > MAX_METADATA_PART:
                    raise damaged_document()
                data = archive.read(name)
                try:
                    names_found = _found(_parse(data), fields)
                except (ET.ParseError, ValueError):
                    readable = False  # a metadata part that is not XML: nothing to blank safely
                    names_found = [name]
                if names_found:
                    found[name] = names_found
            skip = set(parts) | {"[Content_Types].xml", "META-INF/manifest.xml"}
            content = _content_names(archive, entries, skip, names)
            pictures = _pictures(archive, entries)
            labels = _office_labels()
            details = sorted(
                {labels.get(detail, detail) for names_found in found.values() for detail in names_found}
                | content.details
                | pictures.details
            )
            if not (found or content.changed or pictures.changed or content.unsafe or pictures.unsafe):
                return Cleaned()
            if not readable or content.unsafe or pictures.unsafe:
                return _kept_or_refused(
                    _("The details of this document cannot be removed without damaging it."), details, keep_details
                )
            try:
                changed = {name: _blanked(archive.read(name), parts[name]) for name in found}
            except UnicodeDecodeError:
                changed = {}
            else:
                changed.update(content.changed)
                changed.update(pictures.changed)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError) as error:
        raise damaged_document() from error
    finally:
        upload.seek(0)
    try:
        copy = _rewrite(upload, changed) if changed else None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, NotImplementedError, RuntimeError):
        copy = None
    if copy is None or not _office_is_clean(copy, entries, parts, set(content.changed), names):
        if copy is not None:
            copy.close()
        return _kept_or_refused(
            _("The details of this document cannot be removed without damaging it."), details, keep_details
        )
    return Cleaned(copy)
