"""Login cards: one card per pupil, eight to an A4 page (two columns, four rows) with dashed lines to cut along.

Each card has the project's title, the pupil's first name, username and password, the pupil login address and
a QR code for it (with the username filled in) drawn as vector squares, so it stays sharp on any printer. The
card speaks the pupil's language. Names come in every script of the platform's countries: the cards use DejaVu
Sans where the system has it (Debian's fonts-dejavu-core) and otherwise ReportLab's own Vera, in which letters
it lacks are written without their accents, or as "?".
"""

from __future__ import annotations

import io
import unicodedata
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
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from comenius.spaces.services.pupils import Credentials

COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
PAGE_WIDTH, PAGE_HEIGHT = A4
CARD_WIDTH, CARD_HEIGHT = PAGE_WIDTH / COLUMNS, PAGE_HEIGHT / ROWS
PADDING = 7 * mm  # also keeps the text clear of printers' unprintable edge
QR_SIZE = 30 * mm
QR_QUIET_MODULES = 2  # the card's white space around the square does the rest of the quiet zone

TEXT = Color(0x1F / 255, 0x29 / 255, 0x37 / 255)  # --c-text
MUTED = Color(0x4B / 255, 0x55 / 255, 0x63 / 255)  # --c-muted
CUT_LINE = Color(0.6, 0.6, 0.6)

REGULAR, BOLD = "CardSans", "CardSans-Bold"
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
    """The text with each letter the font lacks replaced by its unaccented form, or "?"."""
    glyphs = pdfmetrics.getFont(font).face.charToGlyph
    out = []
    for character in text:
        if ord(character) in glyphs:
            out.append(character)
            continue
        base = unicodedata.normalize("NFKD", character)[:1]
        out.append(base if base and ord(base) in glyphs else "?")
    return "".join(out)


def _fit(text: str, font: str, size: float, width: float, smallest: float) -> tuple[str, float]:
    """Shrink the size until the text fits the width; below `smallest`, cut it with an ellipsis."""
    text = _printable(text, font)
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 0.5
    if pdfmetrics.stringWidth(text, font, size) > width:
        while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
            text = text[:-1]
        text += "…"
    return text, size


def login_url(username: str = "") -> str:
    """The pupil login page; with a username, the QR code's address that fills it in."""
    url = settings.SITE_URL.rstrip("/") + reverse("spaces:pupil_login")
    return f"{url}?{urlencode({'username': username})}" if username else url


QR_MASK = 4  # any of the eight masks makes a valid code; this one is a checkerboard of 2 × 3 blocks


def _draw_qr(canvas: Canvas, data: str, x: float, y: float, size: float) -> None:
    """The QR code as filled squares (runs of dark modules merged into one rectangle per row, all of them one
    path). The mask is fixed: every mask gives a valid code, and searching for the best of the eight took most
    of a class's card sheet's time (issue 11: printing 30 cards under 2 s)."""
    code = segno.make(data, error="m", micro=False, mask=QR_MASK, boost_error=False)
    matrix = code.matrix
    modules = len(matrix) + 2 * QR_QUIET_MODULES
    unit = size / modules
    canvas.setFillColorRGB(0, 0, 0)
    path = canvas.beginPath()
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
            path.rect(x + (start + QR_QUIET_MODULES) * unit, top, (column - start) * unit, unit)
    canvas.drawPath(path, stroke=0, fill=1)


def _draw_cut_lines(canvas: Canvas) -> None:
    canvas.saveState()
    canvas.setStrokeColor(CUT_LINE)
    canvas.setLineWidth(0.5)
    canvas.setDash(4, 3)
    for column in range(1, COLUMNS):
        canvas.line(column * CARD_WIDTH, 0, column * CARD_WIDTH, PAGE_HEIGHT)
    for row in range(1, ROWS):
        canvas.line(0, row * CARD_HEIGHT, PAGE_WIDTH, row * CARD_HEIGHT)
    canvas.restoreState()


def _draw_card(canvas: Canvas, login: Credentials, left: float, bottom: float) -> None:
    title = login.place.space.project.title
    text_width = CARD_WIDTH - 2 * PADDING - QR_SIZE - 4 * mm
    full_width = CARD_WIDTH - 2 * PADDING
    top = bottom + CARD_HEIGHT - PADDING
    x = left + PADDING

    # The project's title: up to two lines, across the card.
    canvas.setFillColor(MUTED)
    lines = simpleSplit(_printable(title, REGULAR), REGULAR, 9, full_width)
    if len(lines) > 2:
        lines = [lines[0], _fit(" ".join(lines[1:]), REGULAR, 9, full_width, 9)[0]]
    y = top - 9
    for line in lines:
        canvas.setFont(REGULAR, 9)
        canvas.drawString(x, y, line)
        y -= 11

    # The pupil's name, big; then the username and password, large enough to copy letter by letter.
    name, size = _fit(login.first_name, BOLD, 22, text_width, 11)
    y -= size + 2
    canvas.setFillColor(TEXT)
    canvas.setFont(BOLD, size)
    canvas.drawString(x, y, name)
    for label, value in ((_("Username"), login.username), (_("Password"), login.password)):
        y -= 17
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(x, y, _fit(label, REGULAR, 9, text_width, 6)[0])
        shown, size = _fit(value, BOLD, 16, text_width, 9)
        y -= size + 1
        canvas.setFillColor(TEXT)
        canvas.setFont(BOLD, size)
        canvas.drawString(x, y, shown)
    y -= 16
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 8)
    canvas.drawString(x, y, _fit(_("Keep your password secret."), REGULAR, 8, text_width, 6)[0])

    # Where to log in, along the bottom; the QR code for it (username filled in) on the right.
    canvas.setFont(REGULAR, 7)
    canvas.drawString(x, bottom + PADDING + 9, _fit(_("Log in at"), REGULAR, 7, full_width, 6)[0])
    shown, size = _fit(login_url(), REGULAR, 8, full_width, 6)
    canvas.setFillColor(TEXT)
    canvas.setFont(REGULAR, size)
    canvas.drawString(x, bottom + PADDING, shown)
    _draw_qr(canvas, login_url(login.username), left + CARD_WIDTH - PADDING - QR_SIZE, bottom + PADDING + 18, QR_SIZE)


def login_cards(logins: list[Credentials]) -> bytes:
    """A PDF with one card per login, eight to a page, each in its pupil's language."""
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=1)
    canvas.setTitle(_("Login cards"))
    canvas.setCreator(str(settings.PLATFORM_NAME))
    canvas.setAuthor("")
    for index, login in enumerate(logins):
        position = index % CARDS_PER_PAGE
        if position == 0 and index:
            canvas.showPage()
        if position == 0:
            _draw_cut_lines(canvas)
        column, row = position % COLUMNS, position // COLUMNS
        with translation.override(login.place.user.language or None):
            _draw_card(canvas, login, column * CARD_WIDTH, PAGE_HEIGHT - (row + 1) * CARD_HEIGHT)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
