"""Sums of parts in a report's tables: the items above a 合计 (总计, 小计) row against it, column by
column, as budget checks (SPEC "Metrics": stated figures are kept, a disagreement is reported).

A table is a run of consecutive table rows. The figures of a row are its trailing run of numeric
cells (a row label and an empty cell may come before them), so rows that indent their label
differently still line up from the right. The items of a total are the rows since the table's
start, its header or the previous total that hold as many figures as the total does; fewer than
two such rows, or a row between them with another count of figures, and nothing is checked
(a table with subtotals in it cannot be told from one without).
"""

from __future__ import annotations

import re
from decimal import Decimal

from extract.records import BudgetCheck, Passage
from extract.text.characters import same_length_view

TABLE_SUM = "table total = sum of items"
"""The name of these checks, followed by ``: <first item>…<last item>; column <n>``."""
_TOTAL = re.compile(r"^(合计|总计|小计)")
_FIGURE = re.compile(r"^-?\d+(?:\.\d+)?%?$")


def row_figures(text: str) -> tuple[str, list[str]]:
    """A table row's label (its last text cell before the figures) and its trailing figures."""
    cells = [same_length_view(c).strip().replace(",", "") for c in text.split("\t")]
    figures: list[str] = []
    while cells and _FIGURE.match(cells[-1]):
        figures.insert(0, cells.pop())
    label = next((c for c in reversed(cells) if c), "")
    return label, figures


def _rounding(figure: str) -> Decimal:
    decimals = len(figure.rstrip("%").split(".")[1]) if "." in figure else 0
    return Decimal(5) / Decimal(10) ** (decimals + 1)


def _column_checks(items: list[tuple[str, list[str]]], total: list[str]) -> list[BudgetCheck]:
    checks = []
    span = f"{items[0][0]}…{items[-1][0]}"
    for column, stated in enumerate(total):
        parts = [figures[column] for _, figures in items]
        if any(p.endswith("%") for p in parts) != stated.endswith("%"):
            continue  # a share column against an amount: not the same kind of figure
        computed = sum(Decimal(p.rstrip("%")) for p in parts)
        tolerance = _rounding(stated) + sum(_rounding(p) for p in parts)
        difference = Decimal(stated.rstrip("%")) - computed
        checks.append(BudgetCheck(f"{TABLE_SUM}: {span}; column {column + 1}", float(stated.rstrip("%")),
                                  float(computed), round(float(difference), 6), abs(difference) <= tolerance))
    return checks


def table_sum_checks(passages: list[Passage]) -> list[BudgetCheck]:
    """Every 合计 row of the tables in ``passages`` checked against the items above it."""
    checks: list[BudgetCheck] = []
    items: list[tuple[str, list[str]]] = []
    for passage in passages:
        if passage.kind != "table_row":
            items = []
            continue
        label, figures = row_figures(passage.text)
        first = next((c.strip() for c in passage.text.split("\t") if c.strip()), "")
        if not figures:
            items = []  # a header row or a row of text starts the items again
        elif _TOTAL.match(first) or _TOTAL.match(label):
            same = [item for item in items if len(item[1]) == len(figures)]
            if len(same) >= 2 and len(same) == len(items):
                checks.extend(_column_checks(same, figures))
            items = []
        else:
            items.append((label, figures))
    return checks
