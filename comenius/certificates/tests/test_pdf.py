"""The certificate PDF: generated in the member's language, with the verification address written out and a QR
code that encodes it.

No QR decoder is installed (no zbar, no OpenCV), so the test reads the QR code back from the PDF itself: the
code is drawn as vector squares, one rectangle per run of dark modules, so the page's drawing operations give
back the module grid, which must equal segno's encoding of the verification address (segno is deterministic:
the same data, error level and version give the same matrix)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from comenius.certificates.pdf import QR_QUIET_MODULES, QR_SIZE, certificate_pdf, qr_matrix
from comenius.certificates.tests.sample import mettes_certificate
from comenius.devdata.testing import Cast, client_for

pytestmark = pytest.mark.django_db

RECT = re.compile(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re\s+f")


def _text(pdf: bytes) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf)).pages)


def _qr_from_pdf(pdf: bytes, modules: int) -> tuple[tuple[int, ...], ...]:
    """The module grid drawn on the page: every filled rectangle of the QR code's unit height."""
    stream = PdfReader(io.BytesIO(pdf)).pages[0].get_contents()
    assert stream is not None
    content = stream.get_data()
    unit = QR_SIZE / (modules + 2 * QR_QUIET_MODULES)
    rects = [tuple(float(v) for v in match.groups()) for match in RECT.finditer(content)]
    squares = [r for r in rects if abs(r[3] - unit) < 1e-3]
    assert squares, "no QR modules found on the page"
    left = min(r[0] for r in squares) - 0  # the first column with a dark module is the finder pattern's edge
    top = max(r[1] + r[3] for r in squares)
    grid = [[0] * modules for _ in range(modules)]
    for x, y, width, _height in squares:
        row = round((top - (y + unit)) / unit)
        start = round((x - left) / unit)
        for column in range(start, start + round(width / unit)):
            grid[row][column] = 1
    return tuple(tuple(row) for row in grid)


def test_the_pdf_names_the_member_what_hours_date_issuer_and_the_address(cast: Cast):
    certificate = mettes_certificate(cast)  # Mette reads Danish
    text = _text(certificate_pdf(certificate))
    for expected in ("Mette Sørensen", "eTwinning for beginners – workshop", "Danish national support organisation",
                     "3 timer", "7. oktober 2026", certificate.code):  # fmt: skip
        assert expected in text, expected
    assert "Certifikat" in text  # "Certificate" in Danish
    assert certificate.verification_url() in text.replace("\n", "")


def test_the_qr_code_encodes_the_verification_address(cast: Cast):
    certificate = mettes_certificate(cast)
    expected = qr_matrix(certificate.verification_url())
    assert _qr_from_pdf(certificate_pdf(certificate), len(expected)) == expected
    # …and not just any address: another certificate's code gives another grid.
    assert qr_matrix(certificate.verification_url().replace(certificate.code, "AAAAA-BBBBB-CCCCC-DDDDD")) != expected


def test_the_english_pdf_and_its_download(cast: Cast):
    cast.mette.language = "en"
    cast.mette.save(update_fields=["language"])
    certificate = mettes_certificate(cast)
    response = client_for(cast.mette).get(reverse("certificates:pdf", args=[certificate.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    text = _text(response.content)
    assert "Certificate" in text and "3 hours" in text and "7 October 2026" in text
