"""Lines of a report for layout: physical lines cleaned (markup and page footers gone), the
passes that put back what a PDF's narrow cells and line breaks took apart, and the lines that are
table rows: their cells, the header row, rows that state numbers.

``LINE_PASSES`` is the one place a pass over the cleaned lines is hooked in, in order: each takes
the list of lines and returns a new one. A PDF table comes out as tab-separated rows (Word, a
spreadsheet) or with runs of spaces between its cells; ``table_cells`` reads both.
``is_header_row`` is the one rule for a table's header row: the layout (its stricter half,
``names_columns``), the metrics (``extract.figures.table_roles``) and the app all read it, the
last two through ``Passage.header``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extract.text.characters import CJK, remove_stray_spaces, to_simplified
from extract.text.oneline import split_run_rows
from extract.text.vocabulary import FUND_ROW, TABLE_HEADER_CELL, TABLE_NOTE_CELL

UNIT_START = "万元亿千百%余多个件次人名家项场期条篇对批所户份宗起届座支位张台辆套"
"""Characters that can open the next line after a number broken at the end of a line."""
NUMERIC_CELL = re.compile(rf"^[<>≤≥]?\d[\d.,]*(%|[{CJK}]{{1,3}})?(以上|以下|以内|左右)?$")
"""A cell that is a figure: 50家, ≥800人, 98.61%, 100以上."""
BARE_NUMBER = re.compile(r"^\d[\d.,]*%?$")
"""A cell that is a number alone (an amount under 单位：万元)."""
_SPACED_CELLS = re.compile(r"\S {3,}\S")
"""Cells of a flattened table separated by runs of spaces (项目名称      少数民族…)."""
_AMOUNT_COLUMN = re.compile(rf"[{CJK}]{{0,16}}(?:预算数|调整数|支出数|执行数|决算数|完成率|调整率|执行率)$")
"""A column of a budget table as its header names it (整体支出预算调整数, 整体年度实际支出数, 预算调整率)."""
_NUMBER_NOT_DATE = re.compile(r"(?<![\d.])\d[\d.,]*(?![\d.,]*\s*[年月日号])")

_HTML_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_MD_HEADING = re.compile(r"^\s*#{1,6}\s+(.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")
_FOOTERS = [
    re.compile(r"^[—–\-－_\s]*\d{1,4}[—–\-－_\s]*$"),
    re.compile(r"^第\s*\d+\s*页\s*[，,/、]?\s*(共\s*\d+\s*页)?$"),
    re.compile(r"^\d+\s*/\s*\d+$"),
    re.compile(r"^(page|Page|PAGE)\s*\d+(\s*(of|/)\s*\d+)?$"),
]
_SPACED_DATE = re.compile(r"(?<=\d) +(?=[年月日号])|(?<=[年月]) +(?=\d)")
"""2023 年 4 月 6 日: spaces a Latin font (LibreOffice, Word) puts around digits in a date."""
_SPACED_FIGURE = re.compile(rf"(?:(?<=[{CJK}，、：:（(])(?<!\d.)|^)[ ]+(\d[\d.,]*%?)[ ]+"
                            r"(?=[万亿千]?(?:元|人次|人|个|次|件|项|家|名|户|期|场|条|篇|所|位|批|套|台|座|份|余|多))")
"""每人 200 元、: a figure in running text with a Latin font's spaces on both sides (not after another
figure: 50家 56 家 are two cells; a line without punctuation is a row: 总额 25 亿人民币 17.5)."""

_RUNNING_TEXT = re.compile(r"[，。、；：,;:]")
_ONE_CJK = re.compile(rf"[{CJK}]")
_ENDS_WITH_DIGIT = re.compile(r"\d$")
_ENDS_WITH_MULTIPLIER = re.compile(r"\d\s*[万亿千]$")
_LONE_UNITS = set(UNIT_START) | {"万元", "亿元", "千元", "人次", "元"}
"""A line holding only one of these finishes the number on the line before it."""
_CELL_TAIL = re.compile(rf"[{CJK}“”]{{1,6}}")


@dataclass
class Line:
    """A physical line once cleaned: its text, and what layout has read of it so far."""

    text: str
    indented: bool = False
    heading: bool = False
    table: bool = False


CELL_BAR_SHARE = 0.5
"""Share of a text's lines that must end in a bar (某单元格 |) for the bars to be read as cell ends."""
_CELL_BAR = re.compile(r"^\s*\|?\s*(.*?)\s*\|\s*$")
_RULE_CELL = re.compile(r"[-:：=\s]*")


def _without_cell_bars(physicals: list[str]) -> list[str]:
    """Rows of cells a page printed between bars as cells at tabs: a line with two bars or more
    (产出指标 | 数量指标 | 培训人数 | 120人 |), empty cells dropped, a Markdown rule row (|---|---|) as
    nothing; and where most of a text's lines end in a bar (a table a cell a line: 预算执行率 |,
    251.89 |, or rows whose last bar ends them: 1 | 规划 |), every bar is a cell end."""
    filled = [line for line in physicals if line.strip()]
    barred = sum(1 for line in filled if _CELL_BAR.match(line))
    ends_cells = bool(filled) and barred >= CELL_BAR_SHARE * len(filled) and barred >= 10
    out = []
    for line in physicals:
        if line.count("|") < (1 if ends_cells else 2):
            out.append(line)
            continue
        cells = [cell.strip() for cell in line.split("|") if cell.strip()]
        out.append("" if all(_RULE_CELL.fullmatch(cell) for cell in cells) else "\t".join(cells))
    return out


def clean_lines(physicals: list[str]) -> list[Line]:
    """Physical lines with markup and footers gone, then each of ``LINE_PASSES`` in turn."""
    lines = _without_markup(_without_cell_bars(physicals))
    for line_pass in LINE_PASSES:
        lines = line_pass(lines)
    return lines


def _without_markup(physicals: list[str]) -> list[Line]:
    """Physical lines with HTML tags, Markdown headings and bold, and page footers gone."""
    lines: list[Line] = []
    after = [""] * len(physicals)  # the next non-blank line after each line
    for i in range(len(physicals) - 2, -1, -1):
        after[i] = physicals[i + 1].strip() or after[i + 1]
    before = ""  # the last non-blank line kept
    for physical, following in zip(physicals, after):
        text = _HTML_TAG.sub("", physical) if "<" in physical else physical
        heading = False
        md = _MD_HEADING.match(text) if "#" in text else None
        if md:
            text, heading = md.group(1), True
        stripped = text.strip()
        if stripped.startswith("**") and stripped.endswith("**") and stripped.count("**") == 2:
            heading = True
        if "**" in text or "__" in text:
            text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
        if not text.strip() or (_is_footer(text.strip()) and not _beside_cells(before, following)):
            continue
        before = text.strip()
        # lines come folded (split_blocks): an ideographic space is two spaces by now
        indented = physical.startswith("  ") and "\t" not in text.strip()
        text = text.rstrip()
        if " " in text:  # both patterns need a space
            text = _SPACED_DATE.sub("", text)
            if _RUNNING_TEXT.search(text):  # running text; a row of cells has no punctuation
                text = _SPACED_FIGURE.sub(r"\1", text)
        lines.append(Line(text, indented=indented, heading=heading))
    return lines


def _is_footer(text: str) -> bool:
    return any(f.match(text) for f in _FOOTERS)


def _beside_cells(before: str, following: str) -> bool:
    """A lone number between table cells printed one a line ("620人次" / "10" / "10"), or followed
    by a lone unit ("1" / "个"), is a cell, not a page number."""
    return following.split(" ")[0] in _LONE_UNITS or bool(
        NUMERIC_CELL.match(before) or NUMERIC_CELL.match(following))


def _rejoin_narrow_cells(lines: list[Line]) -> list[Line]:
    """A table cell too narrow for its text comes out a character a line (帮 / 扶 / 地 / 区 / 数):
    three or more lines of one Chinese character each are one line."""
    out: list[Line] = []
    run: list[Line] = []
    for line in lines + [Line("")]:
        if not line.heading and _ONE_CJK.fullmatch(line.text.strip()):
            run.append(line)
            continue
        if len(run) >= 3:
            out.append(Line("".join(r.text.strip() for r in run), run[0].indented))
        else:
            out.extend(run)
        run = []
        out.append(line)
    return out[:-1]


def _rejoin_header_cells(lines: list[Line]) -> list[Line]:
    """A table header printed a cell a line (一级指标 / 二级指标 / 年度 / 指标值 …) becomes one row,
    its cells joined by tabs; a cell wrapped over two lines (年度 / 指标值) is one cell."""
    out: list[Line] = []
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
            out.append(Line("\t".join(cells)))
            i = j
        else:
            out.append(lines[i])
            i += 1
    return out


def _reorder_cell_tails(lines: list[Line]) -> list[Line]:
    """A cell wrapped over lines beside a vertically centred number comes out with the number
    inside it ("…代表" / "1.00" / "人物"): the short tail goes back before the number."""
    out = list(lines)
    for i in range(1, len(out) - 1):
        before, number, tail = out[i - 1].text.strip(), out[i].text.strip(), out[i + 1].text.strip()
        if (BARE_NUMBER.match(number) and _CELL_TAIL.fullmatch(tail) and tail not in _LONE_UNITS
                and not out[i + 1].heading
                and before and re.search(rf"[{CJK}]$", before) and not BARE_NUMBER.match(before)):
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _rejoin_split_numbers(lines: list[Line]) -> list[Line]:
    """'90' + '余条' → '90余条'; '0.38 万' + '元' → '0.38 万元'."""
    out: list[Line] = []
    for line in lines:
        first = line.text.split()[0] if line.text.split() else ""
        lone_unit = first in _LONE_UNITS  # "1" / "个" (or "个 100%") from a narrow table cell
        if out and not line.heading and not out[-1].heading and not line.indented \
                and (lone_unit or not BARE_NUMBER.match(out[-1].text.strip())):
            prev = out[-1].text
            head = line.text.lstrip()
            tabular = "\t" in prev.strip() or line.text.startswith("\t") or row_of_numbers(prev)
            if head and not tabular and (
                (_ENDS_WITH_DIGIT.search(prev) and head[0] in UNIT_START)
                or (_ENDS_WITH_MULTIPLIER.search(prev) and head[0] == "元")
            ):
                out[-1] = Line(prev + head, out[-1].indented)
                continue
        out.append(line)
    return out


def _split_run_on_tables(lines: list[Line]) -> list[Line]:
    """A table whose cells ran together on one line (``oneline.split_run_rows``): a line a row, each
    set apart as an indented line is (a block of its own, not joined to the line before)."""
    out: list[Line] = []
    for line in lines:
        rows = [line.text] if line.heading else split_run_rows(line.text.strip())
        out.extend([line] if len(rows) == 1 else [Line(row, indented=True) for row in rows])
    return out


LINE_PASSES: list[Callable[[list[Line]], list[Line]]] = [
    _rejoin_narrow_cells, _rejoin_header_cells, _reorder_cell_tails, _rejoin_split_numbers, _split_run_on_tables]
"""The passes over the cleaned lines, in order: a new pass (a table printed a cell a line, …)
goes here and nowhere else."""


def table_cells(text: str) -> list[str] | None:
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
        if merged and BARE_NUMBER.match(merged[-1]) and re.fullmatch(rf"[{CJK}]{{1,3}}", token) \
                and token[0] in UNIT_START + "平米公吨":
            merged[-1] += token
        elif merged and len(token) == 1 and len(merged[-1]) >= 1 \
                and re.fullmatch(rf"[{CJK}]+", merged[-1]) and re.fullmatch(rf"[{CJK}]", token) \
                and len(tokens) > 4 and not (TABLE_NOTE_CELL.match(token) and len(merged[-1]) >= 2):
            merged[-1] += token  # spaced-out characters: 活 动 示 范
        else:
            merged.append(token)
    numeric = sum(1 for t in merged if NUMERIC_CELL.match(t))
    if re.search(r"[，。；,;]", text) or (numeric < 2 and re.search(r"[、：:]", text)):
        return None  # prose; a row of figures may still hold 指标1：… or 其中：…
    if names_columns(merged):
        return merged
    short = len(text.strip()) <= 40
    ends_numeric = bool(NUMERIC_CELL.match(merged[-1]))
    if numeric >= 2 or (ends_numeric and short and len(merged) >= 2):
        return merged
    if len(merged) >= 3 and short and all(len(t) >= 2 for t in merged):
        return merged
    return None



def names_columns(cells: list[str]) -> bool:
    """Three cells or more, no figure, two of them naming columns (一级指标, 年度指标值, 分值 …):
    what the layout reads as a header line (a row of its own, whole)."""
    named = sum(1 for c in cells if TABLE_HEADER_CELL.match(to_simplified(c.strip().lstrip("*＊"))))  # *指標值
    return len(cells) >= 3 and named >= 2 and not any(NUMERIC_CELL.match(c) for c in cells)


def is_amount_header(cells: list[str]) -> bool:
    """The header of a budget table: two cells or more naming columns of amounts and rates, no figure
    (整体支出年初预算数 整体支出预算调整数 整体年度实际支出数 预算完成率 预算调整率)."""
    amounts = sum(1 for c in cells if _AMOUNT_COLUMN.match(c.strip()))
    return amounts >= 2 and not any(re.search(r"\d", c) for c in cells)


def is_header_row(cells: list[str]) -> bool:
    """A table's header row: one that ``names_columns``, or a budget table's (``is_amount_header``)."""
    return names_columns(cells) or is_amount_header(cells)


def row_of_numbers(text: str) -> bool:
    """A table row flattened with spaces that holds two numbers or more (合计 746.12 100% 576.63)."""
    return sum(1 for token in text.split() if NUMERIC_CELL.match(token)) >= 2


def is_row_of_numbers(kind: str, text: str) -> bool:
    """A passage that is a row of a table stating numbers: a table row with a number in a cell (a
    figure, or a bare amount under 单位：万元), or a line without sentence punctuation holding two
    numbers or more that are not dates, as a row flattened with its cells run together reads; or
    a row of a funds or projects table (``FUND_ROW``: a project's name and its amount)."""
    if kind != "furniture" and FUND_ROW.match(text.replace("\t", " ")):
        return True
    if kind == "table_row" and any(NUMERIC_CELL.match(c.strip()) or BARE_NUMBER.match(c.strip())
                                   for c in text.split("\t")):
        return True
    return not re.search(r"[，。；;,！？]", text) and len(_NUMBER_NOT_DATE.findall(text)) >= 2

