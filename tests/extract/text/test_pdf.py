"""A real Chinese PDF: a seed report laid out as HTML, printed by chromium (CJK font, its own line
wrapping, page footers), then read back through pdfminer and the whole pipeline."""

from __future__ import annotations

import html
import shutil
from collections import Counter

import pytest

from extract.nlp.pipeline import tag_report
from extract.text.blocks import split_blocks
from extract.text.reading import read_report
from tests.conftest import CORPUS, HAS_CJK_FONT, LIWAN_2022, REPORTS

CHROMIUM = shutil.which("chromium")
pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (make test installs it)"),
              pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font (make test installs fonts-noto-cjk)")]

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


@pytest.mark.parametrize("name", REPORTS)
def test_a_printed_pdf_gives_the_metadata_and_figures_of_its_text(printed, tagged, name):
    """Tables included: cells too narrow for their text come out a character a line."""
    doc = tag_report(name, printed[name])
    original = tagged[name]
    assert doc.meta == original.meta
    figures = Counter((e.label, e.text, e.value) for p in doc.passages for e in p.entities)
    assert figures == Counter((e.label, e.text, e.value) for p in original.passages for e in p.entities)


def test_a_printed_pdf_of_prose_gives_the_passages_of_its_text(printed, tagged):
    original = tagged[LIWAN_2022]
    text = printed[LIWAN_2022]
    assert "— 3 —" in text  # the footers are there to be dropped
    doc = tag_report(LIWAN_2022, text)
    assert not any("— 3 —" in p.text or "—3—" in p.text for p in doc.passages)
    kept = sum(any(p.text in q.text for q in doc.passages) for p in original.passages)
    assert kept >= 0.75 * len(original.passages)  # the rest are joined to a neighbour, never lost
    assert "".join(p.text for p in original.passages) == "".join(p.text for p in doc.passages)
