"""The metadata corpus: one file of each kind a member may upload, built here, each carrying every kind of
metadata its format can hold — and in each place a marker (`MARKERS`) that must not come back from where the
file is served. `leftovers(data)` names the markers still in some bytes; `image_metadata`, `pdf_metadata` and
`office_metadata` and `audio_metadata` read what a parser still finds.

Used by `core/tests/test_upload_metadata.py` (the policies) and `core/tests/test_upload_metadata_paths.py`
(every upload path over HTTP, read back from the URL where the file is served)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from typing import Any

from PIL import Image, ImageCms
from PIL.PngImagePlugin import PngInfo

# Each marker sits in one place only, so a leftover names the place it came from.
MARKERS = {
    "comment": "Marker-Comment 55.6761N 12.5683E Pia Hansen",
    "exif": "Marker-Exif-Artist Pia Hansen",
    "gps": "Marker-GPS-Area Vestbyskolen",
    "xmp": "Marker-XMP-Creator Pia Hansen",
    "iptc": "Marker-IPTC-Byline Pia Hansen",
    "icc": "Marker-ICC-Device PupilPhone",
    "text": "Marker-PNG-tEXt Pia Hansen",
    "ztext": "Marker-PNG-zTXt Pia Hansen",
    "itext": "Marker-PNG-iTXt Pia Hansen",
    "frame": "Marker-GIF-Frame-Comment Pia Hansen",
    "application": "Marker-GIF-Application Pia Hansen",
    "location": "+55.6761+012.5683/",
    "owner": "Marker-MP4-Owner Pia Hansen",
    "author": "Marker-Author Pia Hansen",
    "creator": "Marker-Creator WordProcessor",
    "producer": "Marker-Producer PDFMaker",
    "title": "Marker-Title Secret plans",
    "subject": "Marker-Subject Pupils list",
    "keywords": "Marker-Keywords Hansen",
    "modified": "Marker-LastModifiedBy Pia Hansen",
    "company": "Marker-Company Vestbyskolen",
    "manager": "Marker-Manager Mette Sorensen",
    "custom": "Marker-Custom Pia Hansen",
    "printed": "Marker-PrintedBy Pia Hansen",
    # Names inside a document's content.
    "comment_author": "Marker-CommentAuthor Pia Hansen",
    "initials": "Marker-Initials PH",
    "change_author": "Marker-ChangeAuthor Pia Hansen",
    "person": "Marker-Person Pia Hansen",
    "account": "Marker-Account pia@vestbyskolen.dk.example",
    "annotation": "Marker-Annotation-Author Pia Hansen",
    "popup": "Marker-Popup-Author Pia Hansen",
    # Audio tags.
    "artist": "Marker-ID3-Artist Pia Hansen",
    "id3_comment": "Marker-ID3-Comment Vestbyskolen 5B",
    "id3_private": "Marker-ID3-TXXX Pia Hansen",
    "id3v1": "Marker-ID3v1 Pia Hansen",
    "vorbis_artist": "Marker-Vorbis-Artist Pia Hansen",
    "vorbis_comment": "Marker-Vorbis-Comment Vestbyskolen",
}
# A form field's name is not a person's: it stays (a PDF widget's /T).
FIELD_NAME = "Marker-Field pupil_name"
# What is compressed in the file (zTXt, a zipped XML part) is looked for after decompressing too.
BODY = "Marker-Body: the text of the document stays"


def leftovers(data: bytes) -> list[str]:
    """The markers found in these bytes, as they are and as UTF-16 (PDF strings may be)."""
    found = []
    for place, marker in MARKERS.items():
        for encoded in (marker.encode(), marker.encode("utf-16-be"), marker.encode("utf-16-le")):
            if encoded in data:
                found.append(place)
                break
    return found


def _xmp(marker: str) -> bytes:
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>{marker}</dc:creator>'
        '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
    ).encode()


def _exif() -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x013B] = MARKERS["exif"]  # Artist
    exif[0x8825] = {  # GPS: position and the name of the place
        1: "N", 2: (55.0, 40.0, 34.0), 3: "E", 4: (12.0, 34.0, 6.0), 0x1C: b"ASCII\0\0\0" + MARKERS["gps"].encode(),
    }  # fmt: skip
    return exif


def icc_profile() -> bytes:
    """A real sRGB profile, followed by a device name (inside the profile's bytes, as vendors' profiles carry)."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes() + MARKERS["icc"].encode()


def _iptc_segment() -> bytes:
    """A JPEG APP13 "Photoshop 3.0" segment with an IPTC by-line (record 2, dataset 80)."""
    byline = MARKERS["iptc"].encode()
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(byline)) + byline
    resource = b"8BIM" + b"\x04\x04" + b"\x00\x00" + struct.pack(">I", len(iptc)) + iptc + b"\0" * (len(iptc) % 2)
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def jpeg() -> bytes:
    """A JPEG with a comment (COM), EXIF with GPS (APP1), XMP (APP1), IPTC (APP13) and an ICC profile (APP2)."""
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "orange").save(
        buffer, format="JPEG", comment=MARKERS["comment"].encode(), exif=_exif(), xmp=_xmp(MARKERS["xmp"]),
        icc_profile=icc_profile(),
    )  # fmt: skip
    data = buffer.getvalue()
    return data[:2] + _iptc_segment() + data[2:]


def png() -> bytes:
    """A PNG with tEXt, zTXt and iTXt chunks, XMP (iTXt XML:com.adobe.xmp), EXIF (eXIf) and an ICC profile."""
    info = PngInfo()
    info.add_text("Author", MARKERS["text"])
    info.add_text("Comment", MARKERS["ztext"], zip=True)
    info.add_itxt("Description", MARKERS["itext"], lang="da", tkey="Beskrivelse")
    info.add_itxt("XML:com.adobe.xmp", _xmp(MARKERS["xmp"]).decode())
    buffer = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 128, 128, 200)).save(
        buffer, format="PNG", pnginfo=info, exif=_exif(), icc_profile=icc_profile()
    )
    return buffer.getvalue()


def _gif_blocks(data: bytes) -> tuple[bytes, list[bytes]]:
    """A GIF's header (with its global colour table) and its blocks, each as bytes (the trailer left out)."""
    flags = data[10]
    position = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    header, blocks = data[:position], []
    while data[position] != 0x3B:
        start = position
        if data[position] == 0x21:  # extension: introducer, label, sub-blocks
            position += 2
        else:  # image: descriptor, local colour table, LZW code size, sub-blocks
            local = data[position + 9]
            position += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0) + 1
        while data[position]:
            position += data[position] + 1
        position += 1
        blocks.append(data[start:position])
    return header, blocks


def _sub_blocks(payload: bytes) -> bytes:
    return b"".join(bytes([len(payload[i : i + 255])]) + payload[i : i + 255] for i in range(0, len(payload), 255))


def gif(frames: int = 1) -> bytes:
    """A GIF (animated with `frames` > 1) with a comment extension before every frame and an XMP application
    extension: Pillow keeps the first in `info` and would write it back."""
    pictures = [Image.new("RGB", (32, 24), colour) for colour in ("red", "green", "blue", "yellow")[:frames]]
    buffer = io.BytesIO()
    pictures[0].save(buffer, format="GIF", save_all=frames > 1, append_images=pictures[1:], duration=120, loop=0)
    header, blocks = _gif_blocks(buffer.getvalue())
    application = b"\x21\xff\x0bXMP DataXMP" + _sub_blocks(MARKERS["application"].encode()) + b"\0"
    out = [header, application]
    comments = 0
    for index, block in enumerate(blocks):
        starts_frame = block[:2] == b"\x21\xf9" or (block[:1] == b"\x2c" and blocks[index - 1][:2] != b"\x21\xf9")
        if starts_frame:
            marker = MARKERS["comment"] if comments == 0 else MARKERS["frame"]
            out.append(b"\x21\xfe" + _sub_blocks(marker.encode()) + b"\0")
            comments += 1
        out.append(block)
    return b"".join(out) + b";"


def webp() -> bytes:
    """A WebP with EXIF, XMP and an ICC profile (VP8X chunks)."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "purple").save(
        buffer, format="WEBP", exif=_exif(), xmp=_xmp(MARKERS["xmp"]), icc_profile=icc_profile(), quality=90
    )
    return buffer.getvalue()


def _box(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def mp4() -> bytes:
    """An MP4 whose `moov/udta` holds a ©xyz location and an owner, and whose track has a `meta` box."""
    location = MARKERS["location"].encode()
    xyz = _box(b"\xa9xyz", struct.pack(">HH", len(location), 0x15C7) + location)
    owner = _box(b"\xa9ART", struct.pack(">HH", len(MARKERS["owner"]), 0) + MARKERS["owner"].encode())
    track = _box(b"trak", _box(b"tkhd", b"\0" * 84) + _box(b"meta", b"\0\0\0\0" + owner))
    moov = _box(b"moov", _box(b"mvhd", b"\0" * 100) + _box(b"udta", xyz + owner) + track)
    return _box(b"ftyp", b"isom\0\0\x02\0isomiso2avc1mp41") + moov + _box(b"mdat", b"\x01\x02\x03" * 50)


def _pdf_string(text: str) -> bytes:
    return b"(" + text.encode("latin-1").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def pdf(*, signed: bool = False) -> bytes:
    """A one-page PDF with a document information dictionary (Author, Creator, Producer, Title, Subject,
    Keywords), an XMP metadata stream in its catalogue and another on its page, a comment whose author (/T) and
    pop-up's author are names, and a form field; `signed`: with a signature field (SigFlags) instead, which a
    rewrite would break."""
    xmp = _xmp(MARKERS["xmp"])
    content = b"BT /F1 12 Tf 72 720 Td (" + BODY.encode() + b") Tj ET"
    form = b" /AcroForm << /SigFlags 3 /Fields [8 0 R] >>" if signed else b""
    annotations = b"" if signed else b" /Annots [8 0 R 9 0 R 10 0 R]"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 5 0 R" + form + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 6 0 R /Metadata 7 0 R" + annotations
        + b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
        b"<< "
        + b" ".join(
            b"/" + key.encode() + b" " + _pdf_string(MARKERS[place])
            for key, place in (
                ("Author", "author"), ("Creator", "creator"), ("Producer", "producer"), ("Title", "title"),
                ("Subject", "subject"), ("Keywords", "keywords"),
            )
        )
        + b" >>",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp + b"\nendstream",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp + b"\nendstream",
        b"<< /FT /Sig /T (Signature1) /V << /Type /Sig /Filter /Adobe.PPKLite /ByteRange [0 0 0 0] >> >>",
    ]  # fmt: skip
    if not signed:  # a comment by its author, its pop-up, and a form field whose /T is the field's name
        objects[7:] = [
            b"<< /Type /Annot /Subtype /Text /Rect [50 50 70 70] /T " + _pdf_string(MARKERS["annotation"])
            + b" /Contents " + _pdf_string(BODY) + b" /Popup 9 0 R >>",
            b"<< /Type /Annot /Subtype /Popup /Rect [80 50 200 120] /Parent 8 0 R /T "
            + _pdf_string(MARKERS["popup"]) + b" >>",
            b"<< /Type /Annot /Subtype /Widget /FT /Tx /Rect [50 100 200 120] /T " + _pdf_string(FIELD_NAME)
            + b" >>",
        ]  # fmt: skip
    body = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"
    offsets = []
    for number, item in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{number} 0 obj\n".encode() + item + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return body


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": MARKERS["author"]})
    writer.encrypt("secret-password")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


CORE_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    f"<dc:title>Worksheet</dc:title><dc:creator>{MARKERS['author']}</dc:creator>"
    f"<cp:lastModifiedBy>{MARKERS['modified']}</cp:lastModifiedBy><cp:revision>3</cp:revision>"
    '<dcterms:created xsi:type="dcterms:W3CDTF">2026-03-01T09:00:00Z</dcterms:created>'
    "</cp:coreProperties>"
)
APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>Microsoft Office Word</Application><Manager>{MARKERS['manager']}</Manager>"
    f"<Company>{MARKERS['company']}</Company><Pages>1</Pages></Properties>"
)
CUSTOM_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Pupil">'
    f"<vt:lpwstr>{MARKERS['custom']}</vt:lpwstr></property></Properties>"
)
OOXML_MAIN = {
    "docx": ("word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"),
    "xlsx": ("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
    "pptx": (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml",
    ),
}  # fmt: skip
ODF_KINDS = {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
W15 = 'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"'
S = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
P188 = 'xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main"'
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def ooxml_content(kind: str) -> dict[str, bytes]:
    """The parts of an Office file that name people inside its content, as Office writes them, and a picture
    with its metadata (in the media folder)."""
    if kind == "docx":
        change = f'w:author="{MARKERS["change_author"]}" w:date="2026-03-01T09:00:00Z"'
        return {
            "word/document.xml": (
                f"{XML}<w:document {W}><w:body><w:p><w:r><w:t>{BODY}</w:t></w:r>"
                f'<w:ins w:id="1" {change}><w:r><w:t>added</w:t></w:r></w:ins>'
                f'<w:del w:id="2" {change}><w:r><w:delText>removed</w:delText></w:r></w:del>'
                f'<w:r><w:rPr><w:b/><w:rPrChange w:id="3" {change}><w:rPr/></w:rPrChange></w:rPr>'
                '<w:t>bold</w:t></w:r><w:commentRangeStart w:id="0"/></w:p></w:body></w:document>'
            ).encode(),
            "word/comments.xml": (
                f'{XML}<w:comments {W}><w:comment w:id="0" w:author="{MARKERS["comment_author"]}" '
                f'w:date="2026-03-01T09:00:00Z" w:initials="{MARKERS["initials"]}"><w:p><w:r><w:t>Look at this'
                "</w:t></w:r></w:p></w:comment></w:comments>"
            ).encode(),
            "word/people.xml": (
                f'{XML}<w15:people {W15} {W}><w15:person w15:author="{MARKERS["person"]}">'
                f'<w15:presenceInfo w15:providerId="AD" w15:userId="{MARKERS["account"]}"/></w15:person></w15:people>'
            ).encode(),
            "word/media/image1.jpeg": jpeg(),
        }
    if kind == "xlsx":
        return {
            "xl/workbook.xml": f"{XML}<workbook {S}><sheets/><definedNames/><!-- {BODY} --></workbook>".encode(),
            "xl/comments1.xml": (
                f"{XML}<comments {S}><authors><author>{MARKERS['comment_author']}</author></authors><commentList>"
                '<comment ref="A1" authorId="0"><text><r><t>Check the sums</t></r></text></comment></commentList>'
                "</comments>"
            ).encode(),
            "xl/persons/person.xml": (
                f'{XML}<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
                f'<person displayName="{MARKERS["person"]}" id="{{8D1E4C1A-0000-4000-8000-000000000001}}" '
                f'userId="{MARKERS["account"]}" providerId="AD"/></personList>'
            ).encode(),
            "xl/revisions/revisionHeaders.xml": (
                f'{XML}<headers {S} guid="{{00000000-0000-4000-8000-000000000002}}"><header '
                f'guid="{{00000000-0000-4000-8000-000000000003}}" dateTime="2026-03-01T09:00:00" maxSheetId="2" '
                f'userName="{MARKERS["change_author"]}" r:id="rId1" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"/></headers>'
            ).encode(),
            "xl/media/image1.png": png(),
        }
    return {
        "ppt/presentation.xml": f"{XML}<p:presentation {P}><!-- {BODY} --></p:presentation>".encode(),
        "ppt/commentAuthors.xml": (
            f'{XML}<p:cmAuthorLst {P}><p:cmAuthor id="0" name="{MARKERS["comment_author"]}" '
            f'initials="{MARKERS["initials"]}" lastIdx="1" clrIdx="0"/></p:cmAuthorLst>'
        ).encode(),
        "ppt/authors.xml": (
            f'{XML}<p188:authorLst {P188}><p188:author id="{{00000000-0000-4000-8000-000000000004}}" '
            f'name="{MARKERS["person"]}" initials="PH" userId="{MARKERS["account"]}" providerId="AD"/>'
            "</p188:authorLst>"
        ).encode(),
        "ppt/media/image1.gif": gif(),
    }


def ooxml(kind: str = "docx") -> bytes:
    """An Office Open XML file with its author in core.xml, company and manager in app.xml and a custom
    property, the parts found through the package relationships as Office writes them; inside, comment and
    change authors and a picture with its metadata (`ooxml_content`)."""
    main, content_type = OOXML_MAIN[kind]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
            f'content-types"><Override PartName="/{main}" ContentType="{content_type}"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            f'officeDocument" Target="{main}"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/'
            'core-properties" Target="docProps/core.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'extended-properties" Target="docProps/app.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'custom-properties" Target="docProps/custom.xml"/></Relationships>',
        )
        archive.writestr("docProps/core.xml", CORE_XML)
        archive.writestr("docProps/app.xml", APP_XML)
        archive.writestr("docProps/custom.xml", CUSTOM_XML)
        for name, data in ooxml_content(kind).items():
            archive.writestr(name, data, zipfile.ZIP_STORED if "/media/" in name else zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


META_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"><office:meta>'
    f"<meta:initial-creator>{MARKERS['author']}</meta:initial-creator>"
    f"<dc:creator>{MARKERS['modified']}</dc:creator>"
    f"<meta:printed-by>{MARKERS['printed']}</meta:printed-by>"
    "<meta:generator>LibreOffice/24.2</meta:generator><dc:title>Worksheet</dc:title>"
    f'<meta:user-defined meta:name="Pupil">{MARKERS["custom"]}</meta:user-defined>'
    '<meta:user-defined meta:name="Empty"/>'
    "</office:meta></office:document-meta>"
)


ODF_CONTENT = (
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"><office:body><office:text>'
    '<text:tracked-changes><text:changed-region text:id="ct1"><text:insertion><office:change-info>'
    f"<dc:creator>{MARKERS['change_author']}</dc:creator><dc:date>2026-03-01T09:00:00</dc:date>"
    "</office:change-info></text:insertion></text:changed-region></text:tracked-changes>"
    f"<text:p>{BODY}<office:annotation><dc:creator>{MARKERS['comment_author']}</dc:creator>"
    f"<meta:creator-initials>{MARKERS['initials']}</meta:creator-initials><dc:date>2026-03-01T09:00:00</dc:date>"
    '<text:p>Look at this</text:p></office:annotation><text:change-start text:change-id="ct1"/>added'
    '<text:change-end text:change-id="ct1"/></text:p></office:text></office:body></office:document-content>'
)


def odf(kind: str = "odt") -> bytes:
    """An OpenDocument file (mimetype first and stored, as the format requires) with its author, last editor,
    printer and a user-defined field in meta.xml; in its content an annotation and a tracked change naming
    their authors, and a picture with its metadata."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), f"application/vnd.oasis.opendocument.{ODF_KINDS[kind]}", zipfile.ZIP_STORED
        )
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
            'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
            '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            f'{ODF_KINDS[kind]}"/></manifest:manifest>',
        )
        archive.writestr("content.xml", ODF_CONTENT)
        archive.writestr("meta.xml", META_XML)
        archive.writestr("Pictures/photo.jpg", jpeg(), zipfile.ZIP_STORED)
    return buffer.getvalue()


def _mpeg_frames(count: int = 20) -> bytes:
    """MPEG-1 layer III frames (128 kbit/s, 44.1 kHz, joint stereo: 417 bytes each) of silence."""
    return (b"\xff\xfb\x90\x64" + b"\0" * 413) * count


def mp3() -> bytes:
    """An MP3 with an ID3v2.4 tag (artist, a comment, a TXXX field, a cover picture: the corpus' JPEG) before the
    sound and an ID3v1 tag after it."""
    import tempfile

    from mutagen.id3 import APIC, COMM, ID3, TPE1, TXXX

    tags = ID3()
    tags.add(TPE1(encoding=3, text=[MARKERS["artist"]]))
    tags.add(COMM(encoding=3, lang="dan", desc="", text=[MARKERS["id3_comment"]]))
    tags.add(TXXX(encoding=3, desc="School", text=[MARKERS["id3_private"]]))
    tags.add(APIC(encoding=3, mime="image/jpeg", type=3, desc="", data=jpeg()))
    v1 = b"TAG" + b"Song".ljust(30, b"\0") + MARKERS["id3v1"].encode().ljust(30, b"\0") + b"\0" * 64 + b"\xff"
    with tempfile.TemporaryFile() as file:
        file.write(_mpeg_frames())
        file.seek(0)
        tags.save(file, v1=0)
        file.seek(0)
        return file.read() + v1


def opus() -> bytes:
    """An Ogg Opus file (its pages made here, with their checksums) whose OpusTags packet carries an artist and a
    comment."""
    from mutagen.ogg import OggPage

    def page(packets: list[bytes], sequence: int, position: int, *, first: bool = False, last: bool = False) -> bytes:
        made = OggPage()
        made.serial, made.sequence, made.position, made.packets = 0x436F6D65, sequence, position, packets
        made.first, made.last = first, last
        return made.write()

    head = b"OpusHead" + bytes([1, 1]) + struct.pack("<HIhB", 312, 48000, 0, 0)
    comments = [f"ARTIST={MARKERS['vorbis_artist']}".encode(), f"COMMENT={MARKERS['vorbis_comment']}".encode()]
    vendor = b"Lavf61.7.100"
    tags = b"OpusTags" + struct.pack("<I", len(vendor)) + vendor + struct.pack("<I", len(comments))
    tags += b"".join(struct.pack("<I", len(comment)) + comment for comment in comments)
    sound = [b"\xf8\xff\xfe"] * 50  # 50 Opus packets of 20 ms of silence
    return page([head], 0, 0, first=True) + page([tags], 1, 0) + page(sound, 2, 312 + 48000, last=True)


def unpacked(data: bytes) -> bytes:
    """The bytes of a file and, for what compresses its metadata (ZIP containers, PNG zTXt/iTXt, PDF streams),
    the bytes inside: a marker cannot hide by being compressed."""
    parts = [data]
    if data.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts += [archive.read(name) for name in archive.namelist()]
    position = 8 if data.startswith(b"\x89PNG") else len(data)
    while position + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        chunk = data[position + 8 : position + 8 + length]
        if kind in (b"zTXt", b"iTXt", b"iCCP"):
            for start in range(len(chunk)):
                try:
                    parts.append(zlib.decompress(chunk[start:]))
                    break
                except zlib.error:
                    continue
        position += 12 + length
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        for number in range(1, int(reader.trailer.get("/Size", 0))):
            item: Any = reader.get_object(number)
            if hasattr(item, "get_data"):
                parts.append(item.get_data())
    return b"\n".join(parts)


CORPUS: dict[str, tuple[str, Callable[[], bytes]]] = {
    # name: (content type it is stored as, builder)
    "photo.jpg": ("image/jpeg", jpeg),
    "drawing.png": ("image/png", png),
    "sticker.gif": ("image/gif", gif),
    "animation.gif": ("image/gif", lambda: gif(frames=3)),
    "picture.webp": ("image/webp", webp),
    "clip.mp4": ("video/mp4", mp4),
    "worksheet.pdf": ("application/pdf", pdf),
    "worksheet.docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ooxml),
    "worksheet.xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", lambda: ooxml("xlsx")),
    "slides.pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", lambda: ooxml("pptx")),
    "worksheet.odt": ("application/vnd.oasis.opendocument.text", odf),
    "sheet.ods": ("application/vnd.oasis.opendocument.spreadsheet", lambda: odf("ods")),
    "slides.odp": ("application/vnd.oasis.opendocument.presentation", lambda: odf("odp")),
    "song.mp3": ("audio/mpeg", mp3),
    "song.opus": ("audio/ogg", opus),
}
