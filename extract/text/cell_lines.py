"""Tables that arrive a cell a line (how harvested pages give a 部门决算 table): a numbered row
label followed by lines that are only its numbers is one table row, not a heading.

「一、一般公共预算财政拨款收入」 / 「1」 / 「1,234.56」 is the row 一、一般公共预算财政拨款收入 · 1 ·
1,234.56 (its label, its 栏次 and its amount), and where a printed table set two columns side by side
(收入 on the left, 支出 on the right) their cells come interleaved, label and numbers, label and
numbers: each label with the numbers after it is a row, so the two columns are read row by row.
A heading heads text: one followed by nothing but figures is a row's label.

A pass over the block builder's lines once headings are marked (``blocks.split_blocks``); it reads
and sets only each line's ``text``, ``heading`` and ``table``.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from extract.text.vocabulary import HEADING_MARKER

_CELL = re.compile(r"^(?:[-+]?\d[\d,]*(?:\.\d+)?%?|[-—–/]{1,2}|0)$")
"""A line that is one cell of figures: an amount, a 栏次 number, a rate, or a dash for none."""


class Line(Protocol):
    """What the pass reads and sets of a line."""

    text: str
    heading: bool
    table: bool


L = TypeVar("L", bound=Line)


def join_label_rows(lines: list[L]) -> list[L]:
    """Each numbered heading line followed by one or more lines of figures only becomes one table
    row (cells at tabs); every other line is kept as it is."""
    out: list[L] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and not lines[j].heading and _CELL.match(lines[j].text.strip()):
            j += 1
        if line.heading and j > i + 1 and HEADING_MARKER.match(line.text.strip()):
            line.text = "\t".join([line.text.strip()] + [lines[k].text.strip() for k in range(i + 1, j)])
            line.heading, line.table = False, True
            out.append(line)
            i = j
            continue
        out.append(line)
        i += 1
    return out
