"""The certificate as a PDF (ReportLab): one A4 landscape page in the member's language with their name, what
they did, the hours, the date, the issuer and a QR code to the public verification page (drawn as vector
squares, sharp on any printer), with the address and the code written out for those who type it.

Names come in every script of the platform's countries: DejaVu Sans where the system has it (Debian's
fonts-dejavu-core), otherwise ReportLab's bundled Vera, in which missing letters lose their accents (the same
choice as the pupils' login cards in spaces, which this app may not import).
"""

from __future__ import annotations

import io
import unicodedata
from functools import cache
from pathlib import Path

import reportlab
import segno
from django.conf import settings
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from comenius.certificates.access import kind_label
from comenius.certificates.models import Certificate

PAGE_WIDTH, PAGE_HEIGHT = landscape(A4)
MARGIN = 20 * mm
QR_SIZE = 38 * mm
QR_QUIET_MODULES = 4  # the full quiet zone of the standard: the code sits near other print
QR_ERROR = "m"

TEXT = Color(0x1F / 255, 0x29 / 255, 0x37 / 255)  # --c-text
MUTED = Color(0x4B / 255, 0x55 / 255, 0x63 / 255)  # --c-muted
PRIMARY = Color(0x1E / 255, 0x3A / 255, 0x8A / 255)  # --c-primary-strong
DANGER = Color(0xB9 / 255, 0x1C / 255, 0x1C / 255)  # --c-danger

REGULAR, BOLD = "CertificateSans", "CertificateSans-Bold"
FONT_FOLDERS = [
    "/usr/share/fonts/truetype/dejavu",  # Debian, Ubuntu
    "/usr/share/fonts/dejavu-sans-fonts",  # Fedora
    "/usr/share/fonts/TTF",  # Arch
    "/usr/local/share/fonts/dejavu",  # FreeBSD
]


@cache
def _register_fonts() -> None:
    regular, bold = _font_files()
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))


def _font_files() -> tuple[Path, Path]:
    for folder in map(Path, FONT_FOLDERS):
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            return regular, bold
    bundled = Path(reportlab.__file__).parent / "fonts"
    return bundled / "Vera.ttf", bundled / "VeraBd.ttf"


def _printable(text: str, font: str) -> str:
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    out = []
    for character in text:
        if ord(character) in glyphs:
            out.append(character)
            continue
        base = unicodedata.normalize("NFKD", character)[:1]
        out.append(base if base and ord(base) in glyphs else "?")
    return "".join(out)


def qr_matrix(data: str) -> tuple[tuple[int, ...], ...]:
    """The QR code's modules (rows of 0/1, no quiet zone) as drawn on the certificate."""
    return tuple(tuple(row) for row in segno.make(data, error=QR_ERROR, micro=False).matrix)


def _draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """The QR code as filled squares, one rectangle per run of dark modules in a row."""
    matrix = qr_matrix(data)
    unit = size / (len(matrix) + 2 * QR_QUIET_MODULES)
    canvas.setFillColorRGB(0, 0, 0)
    for row_number, row in enumerate(matrix):
        top = y + size - (row_number + QR_QUIET_MODULES + 1) * unit
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            canvas.rect(x + (start + QR_QUIET_MODULES) * unit, top, (column - start) * unit, unit, stroke=0, fill=1)


def _centred(canvas: Canvas, text: str, font: str, size: float, y: float, width: float) -> float:
    """Centred lines wrapped to `width`; returns the y below them."""
    for line in simpleSplit(_printable(text, font), font, size, width):
        canvas.setFont(font, size)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
        y -= size * 1.3
    return y


def _hours(certificate: Certificate) -> str:
    if certificate.hours is None:
        return ""
    value = certificate.hours.normalize()
    shown = formats.number_format(value, decimal_pos=0 if value == value.to_integral() else 1)
    return _("%(hours)s hours") % {"hours": shown}


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate's PDF, in its member's language."""
    _register_fonts()
    buffer = io.BytesIO()
    with translation.override(certificate.member.language or None):
        canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), pageCompression=1)
        canvas.setTitle(_("Certificate") + " – " + certificate.title)
        canvas.setCreator(str(settings.PLATFORM_NAME))
        canvas.setAuthor(certificate.issuer)
        canvas.setSubject(certificate.verification_url())
        _draw(canvas, certificate)
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, certificate: Certificate) -> None:
    width = PAGE_WIDTH - 2 * MARGIN
    # A frame in the header colour.
    canvas.setStrokeColor(PRIMARY)
    canvas.setLineWidth(3)
    canvas.rect(MARGIN / 2, MARGIN / 2, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN, stroke=1, fill=0)

    y = PAGE_HEIGHT - MARGIN - 12
    canvas.setFillColor(MUTED)
    y = _centred(canvas, str(settings.PLATFORM_NAME), REGULAR, 12, y, width) - 6
    canvas.setFillColor(PRIMARY)
    y = _centred(canvas, _("Certificate"), BOLD, 34, y - 20, width) - 8
    canvas.setFillColor(MUTED)
    y = _centred(canvas, _("This certifies that"), REGULAR, 13, y, width) - 6
    canvas.setFillColor(TEXT)
    y = _centred(canvas, certificate.recipient_name, BOLD, 26, y - 8, width) - 4
    canvas.setFillColor(MUTED)
    label = kind_label(certificate)
    if label:
        y = _centred(canvas, label, REGULAR, 13, y, width) - 4
    canvas.setFillColor(TEXT)
    y = _centred(canvas, certificate.title, BOLD, 18, y - 4, width * 0.85) - 8

    details = [formats.date_format(certificate.achieved_on, "LONG_DATE_FORMAT")]
    if certificate.hours is not None:
        details.append(_hours(certificate))
    canvas.setFillColor(TEXT)
    y = _centred(canvas, " · ".join(details), REGULAR, 13, y, width) - 2
    canvas.setFillColor(MUTED)
    _centred(canvas, _("Issued by %(issuer)s") % {"issuer": certificate.issuer}, REGULAR, 13, y, width)

    # Verification, bottom left: the QR code, and beside it the address and the code in words.
    url = certificate.verification_url()
    _draw_qr(canvas, url, MARGIN, MARGIN, QR_SIZE)
    x = MARGIN + QR_SIZE + 6 * mm
    text_width = PAGE_WIDTH - x - MARGIN
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(x, MARGIN + QR_SIZE - 16, _printable(_("Check this certificate at"), REGULAR))
    canvas.setFillColor(TEXT)
    line_y = MARGIN + QR_SIZE - 30
    for line in simpleSplit(url, REGULAR, 10, text_width):
        canvas.setFont(REGULAR, 10)
        canvas.drawString(x, line_y, line)
        line_y -= 13
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 10)
    canvas.drawString(x, line_y - 4, _printable(_("Verification code"), REGULAR))
    canvas.setFillColor(TEXT)
    canvas.setFont(BOLD, 12)
    canvas.drawString(x, line_y - 20, certificate.code)
