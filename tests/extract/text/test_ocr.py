"""Scanned PDFs: a page without a text layer is read by Tesseract, or refused when it is missing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.text import pdf
from extract.text.reading import read_report
from tests.conftest import HAS_CJK_FONT, read_with_ocr_notice

LINES = ["某县侨联2023年度部门整体支出绩效自评报告", "一、基本情况",
         "全年走访慰问归侨侨眷326户，征集提案124件。", "全年预算数100万元，执行数90万元。"]


def _font() -> str | None:
    found = shutil.which("fc-match") and subprocess.run(
        ["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh"], capture_output=True, text=True).stdout
    return found or None


def scanned_pdf(folder: Path) -> Path:
    """A one-page PDF holding only a picture of the text, as a scanner makes it."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(_font(), 50)  # about 12 pt
    image = Image.new("L", (2480, 3508), 255)  # A4 at 300 dpi, a scanner's usual setting
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(LINES):
        draw.text((250, 300 + i * 110), line, font=font, fill=0)
    path = folder / "scan.pdf"
    image.save(path, "PDF", resolution=300)
    return path


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font to draw the scan (make test installs one)")
@pytest.mark.skipif(pdf.tesseract() is None, reason="Tesseract with chi_sim is not installed "
                                                   "(make test installs tesseract-ocr-chi-sim)")
def test_a_scanned_page_is_read_by_ocr_with_a_notice(tmp_path):
    squashed = read_with_ocr_notice(scanned_pdf(tmp_path))
    for needle in ("侨联", "2023年度", "归侨", "326户", "提案124件", "预算数100万元", "执行数90万元"):
        assert needle in squashed


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font to draw the scan (make test installs one)")
def test_without_tesseract_a_scan_is_refused_in_one_line(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf, "tesseract", lambda: None)
    with pytest.raises(InputError, match="no text layer.*Tesseract") as raised:
        read_report(scanned_pdf(tmp_path))
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("page, usable", [
    ("一、基本情况\n全年预算数100万元。", True),
    ("", False),
    ("  \n ", False),
    ("(cid:12)(cid:13)(cid:14)(cid:15)\n(cid:16)", False),
    ("部门(cid:3)预算(cid:4)" + "执行情况良好" * 40, True),
])
def test_a_text_layer_is_usable_only_with_readable_text(page, usable):
    assert pdf._usable(page) is usable


def _blank_pdf(points: int) -> bytes:
    """A small PDF whose one page, with no text, is ``points`` × ``points`` (a 14,400 pt page is
    the largest a PDF allows)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] >>" % (points, points)]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_huge_page_is_rendered_for_ocr_within_the_pixel_budget():
    """Issue 26.10: a 348-byte PDF with a 5000 pt page took 3.1 GB for OCR (MemoryError at 14,400 pt)."""
    import pypdfium2 as pdfium

    from extract.text.limits import MAX_OCR_PIXELS, ocr_scale
    from extract.text.pdf import OCR_DPI

    for points in (5000, 14400):
        page = pdfium.PdfDocument(_blank_pdf(points))[0]
        bitmap = page.render(scale=ocr_scale(*page.get_size(), OCR_DPI))
        assert bitmap.width * bitmap.height <= MAX_OCR_PIXELS * 1.01
    assert ocr_scale(595, 842, OCR_DPI) == OCR_DPI / 72  # an A4 page keeps its resolution


def test_more_pages_to_read_by_ocr_than_the_budget_is_one_line():
    from extract.errors import InputError
    from extract.text.limits import MAX_OCR_PAGES, check_ocr_pages

    check_ocr_pages(MAX_OCR_PAGES, "scan.pdf")
    with pytest.raises(InputError, match=r"^scan\.pdf: refused: 2,000 pages without a text layer"):
        check_ocr_pages(2000, "scan.pdf")
