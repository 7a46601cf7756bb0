"""Normalization of PDF-extracted report text into reading order: one block a line.

The text of a converted PDF has visual lines broken in the middle of words and numbers, page
footers, stray spaces between Chinese characters, full-width digits, markup left from conversion
and tables flattened to text. ``split_blocks`` turns it into blocks (title, headings, paragraphs,
table rows) and ``normalize`` into the normalized text: the blocks joined by newlines, table cells
by tabs. The stages: ``oneline`` (long lines cut), ``lines`` (lines cleaned and rejoined),
``tables`` (cells and header rows), then here the title and the blocks.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable
from dataclasses import dataclass

from extract.text.cell_lines import join_label_rows
from extract.text.characters import fold_characters, remove_stray_spaces, to_simplified
from extract.text.lines import BARE_NUMBER, NUMERIC_CELL, Line, clean_lines, names_columns, table_cells
from extract.text.oneline import unflatten
from extract.text.vocabulary import (
    ENUMERATION,
    GENRE_WORD,
    GENRE_WORDS,
    HEADING_MARKER,
    ORGANISATION_END,
    YEAR_LINE,
    YEAR_WORD,
)

TERMINAL = "。！？；：!?;"
CLOSERS = "”’）)】」』"
MAX_HEADING_CHARS = 30
MAX_TITLE_CHARS = 100
"""A title is a short heading-like line; anything longer is text, and the title is derived."""
_CONTENTS = re.compile(r"目\s*[录錄]")
"""The heading of a table of contents: never a title, never a paragraph."""
_OPEN_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度?)?\s*$")
"""A line that ends with a year: a title never does, so the next line goes on with it."""
_FULL_TITLE = re.compile(rf"^.{{4,}}{YEAR_WORD}.*{GENRE_WORDS}")
"""A title complete on its own line: a name, its year, its genre."""
_ORGANISATION_END = re.compile(rf"{ORGANISATION_END}$")
"""A line ending with a department's name: a title wrapped after it goes on to the next line."""
_ENDS_LATIN = re.compile(r"[A-Za-z0-9]$")
_STARTS_LATIN = re.compile(r"^[A-Za-z]")
"""Two Latin words broken over a line keep a space between them."""


@dataclass
class Block:
    """A unit of reading order: kind is title, heading, paragraph, table_row or furniture (site
    text around a web page's report: breadcrumbs, 发布时间 …)."""

    kind: str
    text: str


def starts_item(text: str) -> bool:
    """A line that opens a numbered item or an enumeration (（二）…, 3. …, 二是…)."""
    return bool(HEADING_MARKER.match(text) or ENUMERATION.match(text))


def is_heading_line(text: str) -> bool:
    """A numbered heading: a section marker followed by a short title without a full stop."""
    match = HEADING_MARKER.match(text)
    if not match:
        return False
    rest = text[match.end():].strip()
    return 0 < len(rest) <= MAX_HEADING_CHARS and not re.search(r"[。；，,;]", rest) \
        and rest[-1] not in "：:、"


def _wrap_width(lines: list[Line]) -> int | None:
    """The width of a hard-wrapped layout, or None when lines are not wrapped at a fixed width.
    Headings (a table of contents is many) are not measured: they end where their title ends."""
    lengths = [len(ln.text.strip()) for ln in lines
               if len(ln.text.strip()) >= 8 and not is_heading_line(remove_stray_spaces(ln.text.strip()))]
    if len(lengths) < 6:
        return None
    width = int(statistics.quantiles(lengths, n=10)[7])
    near = sum(1 for n in lengths if abs(n - width) <= 3)
    return width if near / len(lengths) >= 0.3 else None


def _ends_paragraph(text: str) -> bool:
    stripped = text.rstrip(CLOSERS + " ")
    return bool(stripped) and stripped[-1] in TERMINAL


def _join(left: str, right: str) -> str:
    if _ENDS_LATIN.search(left) and _STARTS_LATIN.match(right):
        return left + " " + right
    return left + right


def _title_lines(lines: list[Line]) -> tuple[int, int]:
    """Where the document's title lies among the leading lines, as (first, end): up to the line
    naming the genre, at most four, never a numbered heading or a sentence. A site's column name
    before a full title (预算绩效管理 / 某中心2024年度…自评报告) is not part of it: first skips it."""
    count = 0
    if lines and _CONTENTS.fullmatch(lines[0].text.strip()):
        return 0, 0  # a table of contents opens the text: the title is derived
    for line in lines[:4]:
        text = line.text.strip()
        if is_heading_line(text) or _ends_paragraph(text) or (line.heading and count > 0):
            break  # a markdown heading may be the title, but only as the first line
        count += 1
        if sum(len(ln.text.strip()) for ln in lines[:count]) > MAX_TITLE_CHARS:
            return 0, 0
        if GENRE_WORD.search(to_simplified(text)):
            following = lines[count].text.strip() if count < len(lines) else ""
            first = count - 1 if count > 1 and _FULL_TITLE.search(to_simplified(text)) \
                and not _ORGANISATION_END.search(lines[count - 2].text.strip()) else 0
            return first, count + bool(YEAR_LINE.match(following))  # "（2021年度）" under the title
    if count and len(lines[0].text.strip()) > MAX_TITLE_CHARS:
        return 0, 0
    if count >= 2 and _OPEN_YEAR.search(lines[0].text):
        return 0, 2  # 某委员会 2024 / 部门预算…: a title does not end with its year
    return 0, min(count, 1)


MARKED_LINE_PASSES: list[Callable[[list[Line]], list[Line]]] = [join_label_rows]
"""Passes over the lines once headings and table rows are marked, in order (``lines.LINE_PASSES``
run before): a table printed a cell a line (``cell_lines``)."""


class _BlockBuilder:
    """The blocks of the lines after the title, built a line at a time: the block being built
    (its cells and kind) and the last physical line that went into it; ``width``: the wrap width
    of the layout, if any (a paragraph that fills its last line goes on)."""

    def __init__(self, width: int | None) -> None:
        self.width = width
        self.blocks: list[Block] = []
        self.cells: list[str] | None = None
        self.kind = "paragraph"
        self.last_physical = ""

    def add(self, line: Line) -> None:
        """Add one line: a heading of its own, a continuation of the block, or a new block."""
        stripped = line.text.strip()
        if line.heading:
            self.flush()
            self.blocks.append(Block("heading", remove_stray_spaces(stripped)))
            return
        bare_number = bool(BARE_NUMBER.match(stripped) or NUMERIC_CELL.match(stripped))
        cells = table_cells(line.text) if line.table else None
        if self.cells is None or line.indented or starts_item(stripped):
            self.flush()
        elif self.kind == "table_row":
            if self._continues_row(line, stripped, bare_number):
                return
            self.flush()
        elif self._continues_paragraph(line, stripped, cells, bare_number):
            return
        self.kind = "table_row" if (line.table or bare_number) else "paragraph"
        self.cells = list(cells) if cells else [stripped]
        self.last_physical = stripped

    def _continues_row(self, line: Line, stripped: str, bare_number: bool) -> bool:
        """A number under a row's cells, or text that finishes its last cell, goes on the row."""
        last_cell = self.cells[-1]
        lone_amount = len(self.cells) <= 2 and re.fullmatch(r"\d[\d.,]*", last_cell)
        if bare_number or (not line.table and lone_amount):
            self.cells.append(remove_stray_spaces(stripped))
        elif not line.table and not NUMERIC_CELL.match(last_cell) and not _ends_paragraph(last_cell) \
                and any(NUMERIC_CELL.match(c) for c in self.cells):
            self.cells[-1] = _join(last_cell, remove_stray_spaces(stripped))
        else:
            return False
        self.last_physical = stripped
        return True

    def _continues_paragraph(self, line: Line, stripped: str, cells: list[str] | None,
                             bare_number: bool) -> bool:
        """A line that goes on the paragraph (a row's cells make the paragraph its first cell);
        False, with the paragraph flushed, where it ends."""
        first = self.cells[0]
        full = self.width is not None and len(self.last_physical) >= self.width - 1
        if _ends_paragraph(first) and not full:
            self.flush()
            return False
        if (_ends_paragraph(first) and (line.table or bare_number)) or "\t" in stripped \
                or (cells and names_columns(cells)):
            self.flush()  # a row whose cells are tab-separated (Word, a spreadsheet), or a header, is whole
            return False
        if line.table or bare_number:
            self.kind = "table_row"
            self.cells = [remove_stray_spaces(first)] + (cells or [stripped])
        else:
            self.cells[0] = _join(first, stripped)
        self.last_physical = stripped
        return True

    def flush(self) -> None:
        """End the block being built."""
        if self.cells:
            text = "\t".join(self.cells) if self.kind == "table_row" else remove_stray_spaces(self.cells[0])
            if text:
                self.blocks.append(Block(self.kind, text))
        self.cells = None


def _mark_headings_and_rows(lines: list[Line], width: int | None) -> None:
    """Mark each line a heading (numbered and short, not the last line, not filling a line of a
    layout wrapped at ``width``; or a table of contents' heading) or a table row (it has cells)."""
    for i, line in enumerate(lines):
        stripped = line.text.strip()
        fills_line = width is not None and len(stripped) >= width - 1
        numbered = is_heading_line(remove_stray_spaces(stripped)) and not fills_line
        last = i == len(lines) - 1  # a heading heads something: a last one is an item cut short
        line.heading = line.heading or (numbered and not last) or bool(_CONTENTS.fullmatch(stripped))
        line.table = not line.heading and table_cells(line.text) is not None


def split_blocks(raw: str) -> list[Block]:
    """Split raw report text into blocks in reading order; web-page furniture comes last, as
    blocks of kind ``furniture``."""
    body, furniture = unflatten(fold_characters(raw))
    lines = clean_lines(body)
    width = _wrap_width(lines)
    _mark_headings_and_rows(lines, width)
    for line_pass in MARKED_LINE_PASSES:
        lines = line_pass(lines)
    first_title, n_title = _title_lines(lines)
    builder = _BlockBuilder(width)
    if n_title:
        title = "".join(ln.text.strip() for ln in lines[first_title:n_title])
        builder.blocks.append(Block("title", remove_stray_spaces(title)))
    for line in lines[n_title:]:
        builder.add(line)
    builder.flush()
    furniture = [ln.text.strip() for ln in lines[:first_title]] + furniture
    return builder.blocks + [Block("furniture", remove_stray_spaces(text)) for text in furniture]


def normalize_passage(text: str) -> str:
    """One passage's text as the pipeline prints it: characters folded, line breaks and stray
    spaces between Chinese characters removed."""
    return remove_stray_spaces(re.sub(r"[ \t]*\n\s*", "", fold_characters(text)))
