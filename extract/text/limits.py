"""Budgets on what one input file may expand to, in one home.

A file's size says little about what reading it costs: a 1 MB DOCX or PDF can inflate to
gigabytes, a small file of numbers can take minutes to tag. Each budget below is far above
any real report (the largest real ones are a few hundred pages and well under a million
characters) and far below what would exhaust the machine; an input over one is refused with
one line naming the file and the limit.
"""

from __future__ import annotations

import re
import time
import zlib

from extract.errors import InputError

MiB = 1024 * 1024

MAX_FILE_BYTES = 50 * MiB
"""Files larger than this are refused before they are read."""
MAX_TEXT_CHARS = 1_000_000
"""Characters of text one document may yield (about 1,200 printed pages of Chinese)."""
MAX_DOCX_PART_BYTES = 32 * MiB
"""Uncompressed size of one XML part of a DOCX (the body, a header, the styles)."""
MAX_DOCX_TOTAL_BYTES = 256 * MiB
"""Uncompressed size of everything inside a DOCX, pictures included."""
MAX_PDF_PAGES = 2_000
"""Pages of one PDF."""
MAX_PDF_STREAM_BYTES = 32 * MiB
"""Decompressed size of one PDF stream that is not a picture (page content, fonts)."""
MAX_PDF_TOTAL_BYTES = 256 * MiB
"""Decompressed size of all of a PDF's streams that are not pictures."""
MAX_READ_SECONDS = 120.0
"""Seconds reading one document's text layer may take (OCR has its own per-page limit)."""

MAX_OCR_PAGES = 200
"""Pages of one document read by OCR (about 20 s a page here: an hour at most)."""
MAX_OCR_SECONDS = 1200.0
"""Seconds OCR may take for one document, all its pages together (each page also has its own limit)."""
MAX_OCR_PIXELS = 40_000_000
"""Pixels of one page rendered for OCR (A4 at 300 dpi is 8.7 million): a larger page is rendered at
a lower resolution, so a 5,000-point page costs no gigabytes."""
MAX_TAG_SECONDS = 180.0
"""Seconds tagging one document may take (900,000 characters of figures take about a minute here)."""

_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_IMAGE = re.compile(rb"/Subtype\s*/Image")
_LENGTH = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")
_CHUNK = 1 * MiB


def over_limit(source: str, what: str, limit: str) -> InputError:
    """The one-line refusal of an input that exceeds a budget."""
    return InputError(source, f"refused: {what} (the limit is {limit})")


def check_text_size(text: str, source: str) -> None:
    """Refuse a document whose text is longer than MAX_TEXT_CHARS."""
    if len(text) > MAX_TEXT_CHARS:
        raise over_limit(source, f"{len(text):,} characters of text", f"{MAX_TEXT_CHARS:,} characters")


def check_docx_sizes(members: list[tuple[str, int]], source: str) -> None:
    """Refuse a DOCX whose parts, as (name, uncompressed size), expand past the budgets; the sizes
    are those the zip declares, which Python's zipfile never reads beyond."""
    total = 0
    for name, size in members:
        total += size
        if name.endswith((".xml", ".rels")) and size > MAX_DOCX_PART_BYTES:
            raise over_limit(source, f"the part {name} expands to {size // MiB} MiB",
                             f"{MAX_DOCX_PART_BYTES // MiB} MiB per XML part")
    if total > MAX_DOCX_TOTAL_BYTES:
        raise over_limit(source, f"the file expands to {total // MiB} MiB", f"{MAX_DOCX_TOTAL_BYTES // MiB} MiB")


def check_pdf_streams(data: bytes, source: str) -> None:
    """Refuse a PDF whose compressed (Flate) streams, pictures aside, inflate past the budgets.

    Each stream is inflated a megabyte at a time and the output thrown away, so a bomb costs a
    fraction of a second and no memory before it is refused.
    """
    total, view = 0, memoryview(data)
    for match in _STREAM.finditer(data):
        head = max(0, match.start() - 1024)
        if _IMAGE.search(data, head, match.start()):
            continue
        lengths = _LENGTH.findall(data, head, match.start())
        end = match.end() + int(lengths[-1]) if lengths else data.find(b"endstream", match.end())
        inflater = zlib.decompressobj()
        size, pending = 0, view[match.end():end if end > match.end() else len(data)]
        try:
            while pending and not inflater.eof:
                size += len(inflater.decompress(pending, _CHUNK))
                pending = inflater.unconsumed_tail
                if size > MAX_PDF_STREAM_BYTES:
                    raise over_limit(source, f"a stream inflates to over {MAX_PDF_STREAM_BYTES // MiB} MiB",
                                     f"{MAX_PDF_STREAM_BYTES // MiB} MiB per stream")
        except zlib.error:
            pass  # not Flate data (or damaged): pdfminer decides
        total += size
        if total > MAX_PDF_TOTAL_BYTES:
            raise over_limit(source, f"its streams inflate to over {MAX_PDF_TOTAL_BYTES // MiB} MiB",
                             f"{MAX_PDF_TOTAL_BYTES // MiB} MiB")


class ReadingBudget:
    """Pages, characters and seconds spent reading one PDF; ``spend`` raises when one runs out."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.pages = 0
        self.chars = 0
        self.deadline = time.monotonic() + MAX_READ_SECONDS

    def page(self) -> None:
        """Count a page."""
        self.pages += 1
        if self.pages > MAX_PDF_PAGES:
            raise over_limit(self.source, f"more than {MAX_PDF_PAGES:,} pages", f"{MAX_PDF_PAGES:,} pages")
        self._clock()

    def char(self) -> None:
        """Count a character drawn on a page."""
        self.chars += 1
        if self.chars > MAX_TEXT_CHARS:
            raise over_limit(self.source, f"more than {MAX_TEXT_CHARS:,} characters",
                             f"{MAX_TEXT_CHARS:,} characters")
        if self.chars % 2048 == 0:
            self._clock()

    def _clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise over_limit(self.source, f"reading took over {MAX_READ_SECONDS:g} s",
                             f"{MAX_READ_SECONDS:g} s per document")


class Deadline:
    """A document's time budget for one stage (tagging, OCR): ``check`` raises the one-line
    refusal once ``seconds`` have passed since it was made."""

    def __init__(self, source: str, seconds: float, what: str) -> None:
        self.source, self.seconds, self.what = source, seconds, what
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """Raise InputError naming the source and the limit when the budget is spent."""
        if time.monotonic() > self.end:
            raise over_limit(self.source, f"{self.what} took over {self.seconds:g} s",
                             f"{self.seconds:g} s per document")


def ocr_scale(width: float, height: float, dpi: int) -> float:
    """The rendering scale of a page of ``width`` × ``height`` points for OCR: ``dpi``, or less
    when the page would exceed MAX_OCR_PIXELS."""
    scale = dpi / 72
    pixels = width * height * scale * scale
    return scale if pixels <= MAX_OCR_PIXELS else scale * (MAX_OCR_PIXELS / pixels) ** 0.5


def check_ocr_pages(count: int, source: str) -> None:
    """Refuse a document with more than MAX_OCR_PAGES pages to read by OCR."""
    if count > MAX_OCR_PAGES:
        raise over_limit(source, f"{count:,} pages without a text layer to read by OCR",
                         f"{MAX_OCR_PAGES:,} OCR pages per document")
