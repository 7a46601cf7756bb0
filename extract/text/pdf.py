"""Reading PDFs: the text layer with pdfminer, page by page, taken in PDFium's drawing order where
that loses nothing; pages without a text layer read by OCR.

A page has no usable text layer when it is a scan (no text at all) or when its font has no Unicode
map, which pdfminer prints as ``(cid:N)``. Such pages are rendered with PDFium and read by
Tesseract (Debian's ``tesseract-ocr`` with ``tesseract-ocr-chi-sim``) when it is installed, with a
notice; without Tesseract the file is refused with one line. ``(cid:`` text is never returned.
"""

from __future__ import annotations

import io
import logging
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

from extract.errors import InputError, InputWarning
from extract.text.characters import CJK
from extract.text.limits import MAX_OCR_SECONDS, Deadline, ReadingBudget, check_ocr_pages, check_pdf_streams, ocr_scale

OCR_LANGUAGES = "chi_sim+eng"
OCR_DPI = 300
OCR_TIMEOUT = 120
"""Seconds Tesseract may take for one page."""

_CID = re.compile(r"\(cid:\d+\)")
_READABLE = re.compile(rf"[{CJK}0-9A-Za-z]")


def _usable(page: str) -> bool:
    """A page's text layer is usable when it holds readable characters and little ``(cid:``."""
    cid = sum(len(m) for m in _CID.findall(page))
    return bool(_READABLE.search(_CID.sub("", page))) and cid <= 0.1 * max(len(page.strip()), 1)


def _extract_text(data: bytes, budget: ReadingBudget) -> str:
    """pdfminer's ``extract_text`` (same devices, same layout parameters), page by page within
    ``budget``: every page and every character drawn is counted against it."""
    logging.getLogger("pdfminer").setLevel(logging.ERROR)  # its font notes are no errors of the input
    from pdfminer.converter import TextConverter
    from pdfminer.layout import LAParams
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    class BudgetedConverter(TextConverter):
        def render_char(self, *args, **kwargs):
            budget.char()
            return super().render_char(*args, **kwargs)

    with io.StringIO() as output:
        resources = PDFResourceManager(caching=True)
        device = BudgetedConverter(resources, output, codec="utf-8", laparams=LAParams())
        interpreter = PDFPageInterpreter(resources, device)
        for page in PDFPage.get_pages(io.BytesIO(data), caching=True):
            budget.page()
            interpreter.process_page(page)
        return output.getvalue()


def _text_layer(data: bytes, source: str) -> list[str]:
    from pdfminer.pdfparser import PDFSyntaxError

    check_pdf_streams(data, source)
    try:
        text = _extract_text(data, ReadingBudget(source))
    except InputError:
        raise
    except PDFSyntaxError as exc:
        raise InputError(source, f"damaged or truncated PDF ({exc})") from exc
    except Exception as exc:  # pdfminer raises many kinds on truncated streams
        raise InputError(source, f"damaged or truncated PDF ({type(exc).__name__})") from exc
    pages = text.split("\f")
    pages = pages[:-1] if len(pages) > 1 and not pages[-1].strip() else pages
    return _in_drawing_order(data, pages)


def _in_drawing_order(data: bytes, pages: list[str]) -> list[str]:
    """Each page as PDFium reads it, in the order its text is drawn, where that loses nothing.

    pdfminer groups characters into boxes by position and font, so a line whose digits and quotes
    are set in a Latin font (as LibreOffice and Word print 2017年度“…”) comes out in pieces, out of
    order. PDFium gives the characters in the order the page draws them, which for office and
    browser PDFs is reading order. pdfminer's text stays where it is not usable (a scan, a font
    without a Unicode map: OCR reads those) or where PDFium's holds fewer readable characters."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return pages
    try:
        if len(document) != len(pages):
            return pages
        ordered = []
        for number, page in enumerate(pages):
            drawn = _quotes_in_place(document[number].get_textpage())
            readable = len(_READABLE.findall(_CID.sub("", page)))
            usable = _usable(page) and len(_READABLE.findall(drawn)) >= readable
            ordered.append(drawn if usable else page)  # a page pdfminer cannot read goes to OCR as it is
        return ordered
    finally:
        document.close()


def _quotes_in_place(textpage) -> str:
    """A PDFium text page with each quote mark moved to where it stands on its line: LibreOffice
    draws the quotes of a Latin font after the rest of the line (了“三公经费”财政 came out as
    了 三公经费 财政 “ ”). The page ends its last line, as pdfminer's pages do."""
    text = textpage.get_text_range()
    if len(text) == textpage.count_chars():  # else characters outside the BMP: the drawn order stays
        lines, start = [], 0
        for end in [m.start() for m in re.finditer(r"\r\n|\r|\n", text)] + [len(text)]:
            lines.append(_placed(text, range(start, end), textpage))
            start = end + (2 if text[end:end + 2] == "\r\n" else 1)
        text = "\n".join(lines)
    return text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n") + "\n"


def _placed(text: str, indices: range, textpage) -> str:
    quotes = [i for i in indices if text[i] in _QUOTES]
    if not quotes:
        return text[indices.start:indices.stop]
    rest = [i for i in indices if text[i] not in _QUOTES]
    lefts = {i: textpage.get_charbox(i)[0] for i in indices}
    for quote in quotes:
        at = next((k for k, i in enumerate(rest) if lefts[i] > lefts[quote]), len(rest))
        rest.insert(at, quote)
    return "".join(text[i] for i in rest)


_QUOTES = "“”‘’\"'"


def tesseract() -> str | None:
    """The Tesseract command when it is installed with Chinese data, else None."""
    command = shutil.which("tesseract")
    if command is None:
        return None
    try:
        langs = subprocess.run([command, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return command if "chi_sim" in langs.stdout.split() else None


def tesseract_text(command: str, image: Path, source: str, where: str) -> str:
    """Tesseract's text of one picture (``where``: "page 3", "frame 2", for the error line);
    InputError naming ``source`` when it fails or takes over ``OCR_TIMEOUT`` seconds."""
    try:
        done = subprocess.run([command, str(image), "stdout", "-l", OCR_LANGUAGES, "--psm", "6"],
                              capture_output=True, text=True, timeout=OCR_TIMEOUT)
    except subprocess.TimeoutExpired as exc:
        raise InputError(source, f"OCR of {where} took over {OCR_TIMEOUT} s") from exc
    if done.returncode != 0:
        raise InputError(source, f"OCR of {where} failed ({done.stderr.strip()[:200]})")
    return done.stdout


def ocr_pages(data: bytes, pages: list[int], source: str) -> dict[int, str]:
    """The text Tesseract reads on each of ``pages`` (0-based) rendered at OCR_DPI."""
    import pypdfium2 as pdfium

    command = tesseract()
    if command is None:
        raise InputError(source, f"{len(pages)} page(s) have no text layer (a scan?) and Tesseract "
                                 "with Chinese data is not installed to read them "
                                 "(apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    check_ocr_pages(len(pages), source)
    deadline = Deadline(source, MAX_OCR_SECONDS, "OCR")
    texts: dict[int, str] = {}
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise InputError(source, f"damaged PDF ({exc})") from exc
    with tempfile.TemporaryDirectory() as tmp:
        for number in pages:
            deadline.check()
            image = Path(tmp) / f"page{number}.png"
            page = document[number]
            page.render(scale=ocr_scale(*page.get_size(), OCR_DPI)).to_pil().convert("L").save(image)
            texts[number] = tesseract_text(command, image, source, f"page {number + 1}")
    document.close()
    return texts


def pdf_text(data: bytes, source: str = "<input>") -> str:
    """Text of a PDF, page by page; pages without a usable text layer are read by OCR."""
    if not data.startswith(b"%PDF"):
        raise InputError(source, "not a PDF file (no %PDF header)")
    pages = _text_layer(data, source)
    missing = [i for i, page in enumerate(pages) if not _usable(page)]
    if missing:
        read = ocr_pages(data, missing, source)
        warnings.warn(f"{source}: {len(missing)} of {len(pages)} page(s) had no usable text layer "
                      "and were read by OCR (Tesseract); check their figures", InputWarning, stacklevel=2)
        pages = [read.get(i, page) for i, page in enumerate(pages)]
    return "\f".join(_CID.sub("", page) for page in pages)  # pdfminer ends a page with a form feed
