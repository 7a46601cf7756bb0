"""Reading PDFs: a real Chinese PDF (a seed report laid out as HTML, printed by chromium with a CJK
font, its own line wrapping, page footers) read back through pdfminer and the whole pipeline; and
scanned PDFs, whose pages without a text layer are read by Tesseract."""

from __future__ import annotations

import html
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from extract.errors import InputError
from extract.nlp.pipeline import tag_report
from extract.text import pdf
from extract.text.blocks import split_blocks
from extract.text.reading import read_report
from tests.conftest import CORPUS, HAS_CJK_FONT, LIWAN_2022, REPORTS, read_with_ocr_notice

pytestmark = pytest.mark.seconds(10)  # conftest.pytest_collection_modifyitems: long modules first

CHROMIUM = shutil.which("chromium")
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (make test installs it)")
needs_font = pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font (make test installs fonts-noto-cjk)")

_PAGE = ("<html><head><meta charset='utf-8'><style>body{{font-family:sans-serif;"
         "font-size:12pt}} p{{margin:0 0 6pt 0;text-indent:2em}} td{{border:1px solid #000}}</style>"
         "</head><body>{}</body></html>")
_FOOTER = "<div style='font-size:9pt;width:100%;text-align:center'>— <span class='pageNumber'></span> —</div>"


def _as_html(text: str) -> str:
    """Each block of the normalized report as a paragraph, table rows as table rows."""
    parts = []
    for block in split_blocks(text):
        if block.kind == "table_row":
            cells = "".join(f"<td>{html.escape(c)}</td>" for c in block.text.split("\t"))
            parts.append(f"<table><tr>{cells}</tr></table>")
        else:
            parts.append(f"<p>{html.escape(block.text)}</p>")
    return _PAGE.format("\n".join(parts))


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, str]:
    """The text pdfminer reads from each seed report printed to PDF (one browser for all)."""
    from playwright.sync_api import sync_playwright

    folder = tmp_path_factory.mktemp("pdf")
    texts = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        for name in REPORTS:
            source, target = folder / f"{name}.html", folder / f"{name}.pdf"
            source.write_text(_as_html((CORPUS / f"{name}.txt").read_text(encoding="utf-8")), encoding="utf-8")
            page.goto(source.as_uri())
            page.pdf(path=str(target), format="A4", display_header_footer=True, footer_template=_FOOTER,
                     header_template="<div></div>",
                     margin={"top": "2cm", "bottom": "2cm", "left": "2.5cm", "right": "2.5cm"})
            texts[name] = read_report(target)
        browser.close()
    return texts


@needs_chromium
@needs_font
@pytest.mark.parametrize("name", REPORTS)
def test_a_printed_pdf_gives_the_metadata_and_figures_of_its_text(printed, tagged, name):
    """Tables included: cells too narrow for their text come out a character a line."""
    doc = tag_report(name, printed[name])
    original = tagged[name]
    assert doc.meta == original.meta
    figures = Counter((e.label, e.text, e.value) for p in doc.passages for e in p.entities)
    assert figures == Counter((e.label, e.text, e.value) for p in original.passages for e in p.entities)


@needs_chromium
@needs_font
def test_a_printed_pdf_of_prose_gives_the_passages_of_its_text(printed, tagged):
    original = tagged[LIWAN_2022]
    text = printed[LIWAN_2022]
    assert "— 3 —" in text  # the footers are there to be dropped
    doc = tag_report(LIWAN_2022, text)
    assert not any("— 3 —" in p.text or "—3—" in p.text for p in doc.passages)
    kept = sum(any(p.text in q.text for q in doc.passages) for p in original.passages)
    assert kept >= 0.75 * len(original.passages)  # the rest are joined to a neighbour, never lost
    assert "".join(p.text for p in original.passages) == "".join(p.text for p in doc.passages)


# Scanned PDFs: a page without a text layer is read by Tesseract, or refused when it is missing.

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
