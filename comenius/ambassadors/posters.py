"""QR posters and flyers (A4 and A5, ReportLab + segno): "Find your local ambassador" for a country or one of
its regions, in the country's language, with a QR code to that finder page carrying a campaign tag.

The QR code is drawn as vector squares (sharp on any printer); the address is also printed in words and is a
link in the PDF, so the poster works on screen too. Visits that arrive with the tag are counted without
cookies (`services.count_poster_visit`).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

import reportlab
import segno
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from comenius.ambassadors.regions import Region
from comenius.core.models import Country

SIZES = {"a4": A4, "a5": A5}
PRIMARY = Color(0x1E / 255, 0x3A / 255, 0x8A / 255)  # --c-primary-strong
TEXT = Color(0x1F / 255, 0x29 / 255, 0x37 / 255)
REGULAR, BOLD = "PosterSans", "PosterSans-Bold"
FONT_FOLDERS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu-sans-fonts", "/usr/share/fonts/TTF"]


@cache
def _fonts() -> None:
    for folder in map(Path, FONT_FOLDERS):
        regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
        if regular.is_file() and bold.is_file():
            break
    else:
        bundled = Path(reportlab.__file__).parent / "fonts"
        regular, bold = bundled / "Vera.ttf", bundled / "VeraBd.ttf"
    pdfmetrics.registerFont(TTFont(REGULAR, str(regular)))
    pdfmetrics.registerFont(TTFont(BOLD, str(bold)))


def clean_campaign(text: str) -> str:
    """A campaign tag as it travels in the QR address: lower-case letters, digits, '-' and '_'."""
    tag = "".join(c for c in text.strip().lower().replace(" ", "-") if (c.isalnum() and c.isascii()) or c in "-_")
    return tag[:40] or "poster"


def poster_url(country: Country, region: Region | None, campaign: str) -> str:
    """The address the QR code carries: the finder of the country (and region) with the campaign tag."""
    query = {"region": region.code} if region else {}
    query["c"] = clean_campaign(campaign)
    path = reverse("ambassadors:country", kwargs={"code": country.code.lower()})
    return f"{settings.SITE_URL.rstrip('/')}{path}?{urlencode(query)}"


def poster_language(country: Country) -> str:
    """The country's first language that the platform speaks, else English."""
    spoken = {code for code, _name in settings.LANGUAGES}
    return next((code for code in country.languages if code in spoken), "en")


def qr_code(data: str) -> segno.QRCode:
    return segno.make(data, error="m", micro=False)


def _draw_qr(canvas: Canvas, code: segno.QRCode, x: float, y: float, size: float) -> None:
    matrix = code.matrix
    quiet = 2
    modules = len(matrix) + 2 * quiet
    unit = size / modules
    canvas.setFillColorRGB(0, 0, 0)
    for row_number, row in enumerate(matrix):
        top = y + size - (row_number + quiet + 1) * unit
        column = 0
        while column < len(row):
            if not row[column]:
                column += 1
                continue
            start = column
            while column < len(row) and row[column]:
                column += 1
            canvas.rect(x + (start + quiet) * unit, top, (column - start) * unit, unit, stroke=0, fill=1)


def _lines(canvas: Canvas, text: str, font: str, size: float, x: float, y: float, width: float) -> float:
    canvas.setFont(font, size)
    for line in simpleSplit(text, font, size, width):
        canvas.drawString(x, y, line)
        y -= size * 1.35
    return y


def render(country: Country, region: Region | None, campaign: str, size: str = "a4") -> tuple[bytes, str]:
    """The poster as PDF bytes, and the address its QR code carries."""
    _fonts()
    width, height = SIZES.get(size, A4)
    scale = width / A4[0]
    url = poster_url(country, region, campaign)
    buffer = io.BytesIO()
    with translation.override(poster_language(country)):
        canvas = Canvas(buffer, pagesize=(width, height))
        canvas.setTitle(_("Find your local ambassador"))
        canvas.setAuthor(country.nso_name)
        margin = 18 * mm * scale
        text_width = width - 2 * margin
        canvas.setFillColor(PRIMARY)
        canvas.rect(0, height - 34 * mm * scale, width, 34 * mm * scale, stroke=0, fill=1)
        canvas.setFillColorRGB(1, 1, 1)
        canvas.setFont(BOLD, 15 * scale)
        canvas.drawString(margin, height - 20 * mm * scale, str(settings.PLATFORM_NAME))
        canvas.setFillColor(TEXT)
        y = height - 56 * mm * scale
        y = _lines(canvas, _("Find your local ambassador"), BOLD, 30 * scale, margin, y, text_width)
        place = region.name if region else country.display_name
        y = _lines(canvas, place, BOLD, 18 * scale, margin, y - 2 * mm * scale, text_width)
        pitch = _(
            "Work with a partner school in another country and let your pupils learn together with pupils abroad. "
            "A teacher near you has done it many times and helps you start: a workshop, a visit, a call."
        )
        y = _lines(canvas, pitch, REGULAR, 13 * scale, margin, y - 6 * mm * scale, text_width)
        qr_size = 80 * mm * scale
        qr_y = max(y - 8 * mm * scale - qr_size, 40 * mm * scale)
        _draw_qr(canvas, qr_code(url), (width - qr_size) / 2, qr_y, qr_size)
        canvas.linkURL(url, ((width - qr_size) / 2, qr_y, (width + qr_size) / 2, qr_y + qr_size), relative=0)
        canvas.setFont(BOLD, 12 * scale)
        canvas.drawCentredString(width / 2, qr_y - 8 * mm * scale, _("Scan the code to find your ambassador"))
        canvas.setFont(REGULAR, 8 * scale)
        canvas.drawCentredString(width / 2, qr_y - 14 * mm * scale, url)
        canvas.drawCentredString(width / 2, 12 * mm * scale, country.nso_name[:110])
        canvas.showPage()
        canvas.save()
    return buffer.getvalue(), url
