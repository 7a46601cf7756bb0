"""Table rows of flattened text: their cells, the header row, rows that state numbers.

A PDF table comes out as tab-separated rows (Word, a spreadsheet) or with runs of spaces between
its cells; ``table_cells`` reads both. ``is_header_row`` is the one rule for a table's header
row: the layout, the metrics (``extract.figures.table_roles``) and the app all read it, the last two
through ``Passage.header``.
"""

from __future__ import annotations

import re

from extract.text.characters import CJK, remove_stray_spaces
from extract.text.vocabulary import TABLE_HEADER_CELL, TABLE_NOTE_CELL

UNIT_START = "万元亿千百%余多个件次人名家项场期条篇对批所户份宗起届座支位张台辆套"
"""Characters that can open the next line after a number broken at the end of a line."""
NUMERIC_CELL = re.compile(rf"^[<>≤≥]?\d[\d.,]*(%|[{CJK}]{{1,3}})?(以上|以下|以内|左右)?$")
"""A cell that is a figure: 50家, ≥800人, 98.61%, 100以上."""
BARE_NUMBER = re.compile(r"^\d[\d.,]*%?$")
"""A cell that is a number alone (an amount under 单位：万元)."""
_SPACED_CELLS = re.compile(r"\S {3,}\S")
"""Cells of a flattened table separated by runs of spaces (项目名称      少数民族…)."""
_NUMBER_NOT_DATE = re.compile(r"(?<![\d.])\d[\d.,]*(?![\d.,]*\s*[年月日号])")


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
    named = sum(1 for c in cells if TABLE_HEADER_CELL.match(c))
    return len(cells) >= 3 and named >= 2 and not any(NUMERIC_CELL.match(c) for c in cells)


def is_header_row(cells: list[str]) -> bool:
    """A table's header row: one that ``names_columns``, or three cells or more without a digit
    of which one names a column (整体支出年初预算数 / 预算调整数 / 实际支出数 / 预算完成率)."""
    if names_columns(cells):
        return True
    named = sum(1 for c in cells if TABLE_HEADER_CELL.match(c))
    return len(cells) >= 3 and named >= 1 and not any(ch.isdigit() for c in cells for ch in c)


def row_of_numbers(text: str) -> bool:
    """A table row flattened with spaces that holds two numbers or more (合计 746.12 100% 576.63)."""
    return sum(1 for token in text.split() if NUMERIC_CELL.match(token)) >= 2


def is_row_of_numbers(kind: str, text: str) -> bool:
    """A passage that is a row of a table stating numbers: a table row with a number in a cell (a
    figure, or a bare amount under 单位：万元), or a line without sentence punctuation holding two
    numbers or more that are not dates, as a row flattened with its cells run together reads."""
    if kind == "table_row" and any(NUMERIC_CELL.match(c.strip()) or BARE_NUMBER.match(c.strip())
                                   for c in text.split("\t")):
        return True
    return not re.search(r"[，。；;,！？]", text) and len(_NUMBER_NOT_DATE.findall(text)) >= 2

