"""Normalization of PDF-extracted report text into reading order: one block a line.

The text of a converted PDF has visual lines broken in the middle of words and numbers, page
footers, stray spaces between Chinese characters, full-width digits, markup left from conversion
and tables flattened to text. ``split_blocks`` turns it into blocks (title, headings, paragraphs, table
rows) and ``normalize`` into the normalized text: the blocks joined by newlines, table cells by tabs.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from extract.text.cell_lines import join_label_rows
from extract.text.characters import fold_characters, to_simplified
from extract.text.oneline import unflatten
from extract.text.vocabulary import (
    ENUMERATION,
    FUND_ROW,
    GENRE_WORD,
    GENRE_WORDS,
    HEADING_MARKER,
    ORGANISATION_END,
    TABLE_HEADER_CELL,
    TABLE_NOTE_CELL,
    YEAR_LINE,
    YEAR_WORD,
)

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u2018-\u201f\u2014\u2026\u00b7\u2022"
TERMINAL = "。！？；：!?;"
CLOSERS = "”’）)】」』"
UNIT_START = "万元亿千百%余多个件次人名家项场期条篇对批所户份宗起届座支位张台辆套"
"""Characters that can open the next line after a number broken at the end of a line."""

_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_FOOTERS = [
    re.compile(r"^[—–\-－_\s]*\d{1,4}[—–\-－_\s]*$"),
    re.compile(r"^第\s*\d+\s*页\s*[，,/、]?\s*(共\s*\d+\s*页)?$"),
    re.compile(r"^\d+\s*/\s*\d+$"),
    re.compile(r"^(page|Page|PAGE)\s*\d+(\s*(of|/)\s*\d+)?$"),
]
_NUMERIC_CELL = re.compile(rf"^[<>≤≥]?\d[\d.,]*(%|[{CJK}]{{1,3}})?(以上|以下|以内|左右)?$")
_BARE_NUMBER = re.compile(r"^\d[\d.,]*%?$")
_CJK_SPACE = re.compile(rf"(?<=[{CJK}{CJK_PUNCT}])[ \t]+|[ \t]+(?=[{CJK}{CJK_PUNCT}])")

MAX_HEADING_CHARS = 30
MAX_TITLE_CHARS = 100
"""A title is a short heading-like line; anything longer is text, and the title is derived."""


@dataclass
class Block:
    """A unit of reading order: kind is title, heading, paragraph, table_row or furniture (site
    text around a web page's report: breadcrumbs, 发布时间 …)."""

    kind: str
    text: str


@dataclass
class _Line:
    text: str
    indented: bool = False
    heading: bool = False
    table: bool = False


def remove_stray_spaces(text: str) -> str:
    """Drop spaces next to Chinese characters or punctuation; keep those between Latin words."""
    return _CJK_SPACE.sub("", text).strip()


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


def _clean_lines(physicals: list[str]) -> list[_Line]:
    """Physical lines with markup and footers gone and numbers broken across lines rejoined."""
    lines: list[_Line] = []
    after = [""] * len(physicals)  # the next non-blank line after each line
    for i in range(len(physicals) - 2, -1, -1):
        after[i] = physicals[i + 1].strip() or after[i + 1]
    before = ""  # the last non-blank line kept
    for physical, following in zip(physicals, after):
        text = _HTML_TAG.sub("", physical)
        heading = False
        md = _MD_HEADING.match(text)
        if md:
            text, heading = md.group(1), True
        stripped = text.strip()
        if stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2:
            heading = True
        text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
        if not text.strip() or (_is_footer(text.strip()) and not _beside_cells(before, following)):
            continue
        before = text.strip()
        # lines come folded (split_blocks): an ideographic space is two spaces by now
        indented = bool(re.match(r"^ {2,}", physical)) and "\t" not in text.strip()
        text = _SPACED_DATE.sub("", text.rstrip())
        if re.search(r"[，。、；：,;:]", text):  # running text; a row of cells has no punctuation
            text = _SPACED_FIGURE.sub(r"\1", text)
        lines.append(_Line(text, indented=indented, heading=heading))
    return _rejoin_split_numbers(_reorder_cell_tails(_rejoin_header_cells(_rejoin_narrow_cells(lines))))


def _is_footer(text: str) -> bool:
    return any(f.match(text) for f in _FOOTERS)


def _beside_cells(before: str, following: str) -> bool:
    """A lone number between table cells printed one a line ("620人次" / "10" / "10"), or followed
    by a lone unit ("1" / "个"), is a cell, not a page number."""
    return following.split(" ")[0] in _LONE_UNITS or bool(
        _NUMERIC_CELL.match(before) or _NUMERIC_CELL.match(following))


def _rejoin_narrow_cells(lines: list[_Line]) -> list[_Line]:
    """A table cell too narrow for its text comes out a character a line (帮 / 扶 / 地 / 区 / 数):
    three or more lines of one Chinese character each are one line."""
    out: list[_Line] = []
    run: list[_Line] = []
    for line in lines + [_Line("")]:
        if not line.heading and re.fullmatch(rf"[{CJK}]", line.text.strip()):
            run.append(line)
            continue
        if len(run) >= 3:
            out.append(_Line("".join(r.text.strip() for r in run), run[0].indented))
        else:
            out.extend(run)
        run = []
        out.append(line)
    return out[:-1]


def _rejoin_header_cells(lines: list[_Line]) -> list[_Line]:
    """A table header printed a cell a line (一级指标 / 二级指标 / 年度 / 指标值 …) becomes one row,
    its cells joined by tabs; a cell wrapped over two lines (年度 / 指标值) is one cell."""
    out: list[_Line] = []
    i = 0
    while i < len(lines):
        cells: list[str] = []
        j = i
        while j < len(lines) and not lines[j].heading:
            one = lines[j].text.strip()
            two = one + lines[j + 1].text.strip() if j + 1 < len(lines) else ""
            if TABLE_HEADER_CELL.match(one):
                cells.append(one)
                j += 1
            elif two and TABLE_HEADER_CELL.match(two) and len(one) <= 4:
                cells.append(two)
                j += 2
            else:
                break
        if len(cells) >= 3:
            out.append(_Line("\t".join(cells)))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


_CELL_TAIL = re.compile(rf"[{CJK}“”]{{1,6}}")


def _reorder_cell_tails(lines: list[_Line]) -> list[_Line]:
    """A cell wrapped over lines beside a vertically centred number comes out with the number
    inside it ("…代表" / "1.00" / "人物"): the short tail goes back before the number."""
    out = list(lines)
    for i in range(1, len(out) - 1):
        before, number, tail = out[i - 1].text.strip(), out[i].text.strip(), out[i + 1].text.strip()
        if (_BARE_NUMBER.match(number) and _CELL_TAIL.fullmatch(tail) and tail not in _LONE_UNITS
                and not out[i + 1].heading
                and before and re.search(rf"[{CJK}]$", before) and not _BARE_NUMBER.match(before)):
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


_LONE_UNITS = set(UNIT_START) | {"万元", "亿元", "千元", "人次", "元"}
"""A line holding only one of these finishes the number on the line before it."""


def _row_of_numbers(text: str) -> bool:
    """A table row flattened with spaces that holds two numbers or more (合计 746.12 100% 576.63)."""
    return sum(1 for token in text.split() if _NUMERIC_CELL.match(token)) >= 2


def _rejoin_split_numbers(lines: list[_Line]) -> list[_Line]:
    """'90' + '余条' → '90余条'; '0.38 万' + '元' → '0.38 万元'."""
    out: list[_Line] = []
    for line in lines:
        first = line.text.split()[0] if line.text.split() else ""
        lone_unit = first in _LONE_UNITS  # "1" / "个" (or "个 100%") from a narrow table cell
        if out and not line.heading and not out[-1].heading and not line.indented \
                and (lone_unit or not _BARE_NUMBER.match(out[-1].text.strip())):
            prev = out[-1].text
            head = line.text.lstrip()
            tabular = "\t" in prev.strip() or line.text.startswith("\t") or _row_of_numbers(prev)
            if head and not tabular and (
                (re.search(r"\d$", prev) and head[0] in UNIT_START)
                or (re.search(r"\d\s*[万亿千]$", prev) and head[0] == "元")
            ):
                out[-1] = _Line(prev + head, out[-1].indented)
                continue
        out.append(line)
    return out


_SPACED_CELLS = re.compile(r"\S {3,}\S")
"""Cells of a flattened table separated by runs of spaces (项目名称      少数民族…)."""
_SPACED_DATE = re.compile(r"(?<=\d) +(?=[年月日号])|(?<=[年月]) +(?=\d)")
"""2023 年 4 月 6 日: spaces a Latin font (LibreOffice, Word) puts around digits in a date."""
_SPACED_FIGURE = re.compile(rf"(?:(?<=[{CJK}，、：:（(])(?<!\d.)|^)[ ]+(\d[\d.,]*%?)[ ]+"
                            r"(?=[万亿千]?(?:元|人次|人|个|次|件|项|家|名|户|期|场|条|篇|所|位|批|套|台|座|份|余|多))")
"""每人 200 元、: a figure in running text with a Latin font's spaces on both sides (not after another
figure: 50家 56 家 are two cells; a line without punctuation is a row: 总额 25 亿人民币 17.5)."""


def _table_cells(text: str) -> list[str] | None:
    """The cells of a flattened table row, or None when the line is prose."""
    if "\t" in text.strip() or _SPACED_CELLS.search(text.strip()):
        cells = [remove_stray_spaces(c) for c in re.split(r"\t| {3,}", text)]
        cells = [c for c in cells if c]
        return cells if len(cells) >= 2 else None
    tokens = text.split()
    if len(tokens) < 2:
        return None
    merged: list[str] = []
    for token in tokens:
        if merged and _BARE_NUMBER.match(merged[-1]) and re.fullmatch(rf"[{CJK}]{{1,3}}", token) \
                and token[0] in UNIT_START + "平米公吨":
            merged[-1] += token
        elif merged and len(token) == 1 and len(merged[-1]) >= 1 \
                and re.fullmatch(rf"[{CJK}]+", merged[-1]) and re.fullmatch(rf"[{CJK}]", token) \
                and len(tokens) > 4 and not (TABLE_NOTE_CELL.match(token) and len(merged[-1]) >= 2):
            merged[-1] += token  # spaced-out characters: 活 动 示 范
        else:
            merged.append(token)
    numeric = sum(1 for t in merged if _NUMERIC_CELL.match(t))
    if re.search(r"[，。；,;]", text) or (numeric < 2 and re.search(r"[、：:]", text)):
        return None  # prose; a row of figures may still hold 指标1：… or 其中：…
    if is_header_row(merged):
        return merged
    short = len(text.strip()) <= 40
    ends_numeric = bool(_NUMERIC_CELL.match(merged[-1]))
    if numeric >= 2 or (ends_numeric and short and len(merged) >= 2):
        return merged
    if len(merged) >= 3 and short and all(len(t) >= 2 for t in merged):
        return merged
    return None


def is_header_row(cells: list[str]) -> bool:
    """A table's header: two cells or more that name columns (一级指标, 年度指标值, 分值 …), no figure."""
    named = sum(1 for c in cells if TABLE_HEADER_CELL.match(c))
    return len(cells) >= 3 and named >= 2 and not any(_NUMERIC_CELL.match(c) for c in cells)


_NUMBER_NOT_DATE = re.compile(r"(?<![\d.])\d[\d.,]*(?![\d.,]*\s*[年月日号])")


def is_row_of_numbers(kind: str, text: str) -> bool:
    """A passage that is a row of a table stating numbers: a table row with a number in a cell (a
    figure, or a bare amount under 单位：万元), or a line without sentence punctuation holding two
    numbers or more that are not dates, as a row flattened with its cells run together reads; or
    a row of a funds or projects table (``FUND_ROW``: a project's name and its amount)."""
    if kind != "furniture" and FUND_ROW.match(text.replace("\t", " ")):
        return True
    if kind == "table_row" and any(_NUMERIC_CELL.match(c.strip()) or _BARE_NUMBER.match(c.strip())
                                   for c in text.split("\t")):
        return True
    return not re.search(r"[，。；;,！？]", text) and len(_NUMBER_NOT_DATE.findall(text)) >= 2


def _wrap_width(lines: list[_Line]) -> int | None:
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
    if re.search(r"[A-Za-z0-9]$", left) and re.match(r"^[A-Za-z]", right):
        return left + " " + right
    return left + right


_CONTENTS = re.compile(r"目\s*[录錄]")
"""The heading of a table of contents: never a title, never a paragraph."""
_OPEN_YEAR = re.compile(r"(?:19|20)\d{2}\s*(?:年度?)?\s*$")
"""A line that ends with a year: a title never does, so the next line goes on with it."""
_FULL_TITLE = re.compile(rf"^.{{4,}}{YEAR_WORD}.*{GENRE_WORDS}")
"""A title complete on its own line: a name, its year, its genre."""
_ORGANISATION_END = re.compile(rf"{ORGANISATION_END}$")
"""A line ending with a department's name: a title wrapped after it goes on to the next line."""


def _title_lines(lines: list[_Line]) -> tuple[int, int]:
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


def split_blocks(raw: str) -> list[Block]:
    """Split raw report text into blocks in reading order; web-page furniture comes last, as
    blocks of kind ``furniture``."""
    body, furniture = unflatten(fold_characters(raw))
    lines = _clean_lines(body)
    width = _wrap_width(lines)
    for i, line in enumerate(lines):
        stripped = line.text.strip()
        fills_line = width is not None and len(stripped) >= width - 1
        numbered = is_heading_line(remove_stray_spaces(stripped)) and not fills_line
        last = i == len(lines) - 1  # a heading heads something: a last one is an item cut short
        line.heading = line.heading or (numbered and not last) or bool(_CONTENTS.fullmatch(stripped))
        line.table = not line.heading and _table_cells(line.text) is not None
    lines = join_label_rows(lines)
    first_title, n_title = _title_lines(lines)
    blocks: list[Block] = []
    if n_title:
        title = "".join(ln.text.strip() for ln in lines[first_title:n_title])
        blocks.append(Block("title", remove_stray_spaces(title)))
    furniture = [ln.text.strip() for ln in lines[:first_title]] + furniture

    current: list[str] | None = None  # cells of the block being built
    kind = "paragraph"
    last_physical = ""

    def flush() -> None:
        nonlocal current
        if current:
            text = "\t".join(current) if kind == "table_row" else remove_stray_spaces(current[0])
            if text:
                blocks.append(Block(kind, text))
        current = None

    for line in lines[n_title:]:
        stripped = line.text.strip()
        if line.heading:
            flush()
            blocks.append(Block("heading", remove_stray_spaces(stripped)))
            continue
        bare_number = bool(_BARE_NUMBER.match(stripped) or _NUMERIC_CELL.match(stripped))
        cells = _table_cells(line.text) if line.table else None
        if current is None or line.indented or starts_item(stripped):
            flush()
        elif kind == "table_row":
            last_cell = current[-1]
            lone_amount = len(current) <= 2 and re.fullmatch(r"\d[\d.,]*", last_cell)
            if bare_number or (not line.table and lone_amount):
                current.append(remove_stray_spaces(stripped))
                last_physical = stripped
                continue
            if not line.table and not _NUMERIC_CELL.match(last_cell) \
                    and not _ends_paragraph(last_cell) \
                    and any(_NUMERIC_CELL.match(c) for c in current):
                current[-1] = _join(last_cell, remove_stray_spaces(stripped))
                last_physical = stripped
                continue
            flush()
        else:
            full = width is not None and len(last_physical) >= width - 1
            if _ends_paragraph(current[0]) and not full:
                flush()
            elif (_ends_paragraph(current[0]) and (line.table or bare_number)) or "\t" in stripped \
                    or (cells and is_header_row(cells)):
                flush()  # a row whose cells are tab-separated (Word, a spreadsheet), or a header, is whole
            elif line.table or bare_number:
                kind = "table_row"
                current = [remove_stray_spaces(current[0])] + (cells or [stripped])
                last_physical = stripped
                continue
            else:
                current[0] = _join(current[0], stripped)
                last_physical = stripped
                continue
        kind = "table_row" if (line.table or bare_number) else "paragraph"
        current = list(cells) if cells else [stripped]
        last_physical = stripped
    flush()
    blocks.extend(Block("furniture", remove_stray_spaces(text)) for text in furniture)
    return blocks


def normalize(raw: str) -> str:
    """The normalized text of a report: one block a line, table cells separated by tabs."""
    return "\n".join(block.text for block in split_blocks(raw))


def normalize_passage(text: str) -> str:
    """One passage's text as the pipeline prints it: characters folded, line breaks and stray
    spaces between Chinese characters removed."""
    return remove_stray_spaces(re.sub(r"[ \t]*\n\s*", "", fold_characters(text)))
