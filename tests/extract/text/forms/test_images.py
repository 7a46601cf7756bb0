"""Images: a photographed or scanned page read by OCR, as a scanned PDF page is."""

from __future__ import annotations

import pytest

from extract.errors import InputError
from extract.text import pdf
from extract.text.forms import images
from extract.text.reading import read_report
from tests.conftest import HAS_CJK_FONT, read_with_ocr_notice
from tests.extract.text.forms.conftest import scanned_png


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font to draw the scan (make test installs one)")
@pytest.mark.skipif(pdf.tesseract() is None, reason="Tesseract with chi_sim is not installed (make test installs it)")
def test_a_scanned_page_as_an_image_is_read_by_ocr_with_a_notice(tmp_path):
    squashed = read_with_ocr_notice(scanned_png(tmp_path))
    for needle in ("侨联", "2023年度", "326户", "提案124件", "执行数90万元"):
        assert needle in squashed


@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font to draw the scan (make test installs one)")
def test_without_tesseract_an_image_is_refused_naming_what_it_needs(tmp_path, monkeypatch):
    monkeypatch.setattr(images, "tesseract", lambda: None)
    monkeypatch.setattr(images, "rapidocr", lambda: None)
    with pytest.raises(InputError, match="an image; reading it needs Tesseract"):
        read_report(scanned_png(tmp_path))
