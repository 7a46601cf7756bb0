"""Metrics: the figures of a passage with what they measure; table rows give target/actual/rate.

A table row's figures take their column from the table's header when one was printed above it
(一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分): "服务对象满意度 ≥90% 95%" under that header
is a target of 90% and an actual of 95%, and each figure's ``what`` names its column. Without a
header, the shape of the row decides ("走访企业数 50家 56家 112%").
"""

from __future__ import annotations

import re

from extract.figures.indicators import named_indicator
from extract.figures.what import cell_of, cell_starts
from extract.records import Entity, Metric
from extract.text.lines import is_amount_header
from extract.text.vocabulary import (
    TABLE_ACTUAL_COLUMN,
    TABLE_HEADER_CELL,
    TABLE_NOTE_CELL,
    TABLE_RATE_COLUMN,
    TABLE_TARGET_COLUMN,
    TABLE_TEXT_COLUMN,
)

_NAME_COLUMN = re.compile(r"^(?:[一二三]级指标|指标名称|指标内容|绩效指标|项目名称|科目名称|科目编码|项目|指标)$")
"""Header cells over a row's names rather than its values."""
_TOTAL_CELL = re.compile(r"^(?:合\s*计|小\s*计|总\s*计|合计数|总合计|(?:年度)?资金总(?:额|计)|(?:部门)?整体支出)$")
"""The name cell of a row that sums its columns (合计; 年度资金总额 above the 其中 rows of a 自评表's
funds: its 执行率 is the budget's)."""
_BARE_AMOUNT_COLUMN = re.compile(r"^(?:预算数|决算数|金额|预算|决算)$")
"""A column whose total names no measure of its own: the 合计 of a 三公 table's 预算数 is the 三公
total, not the department's 年初预算数."""
_ROLE_ONLY_COLUMN = re.compile(r"^(?:(?:年度|全年)?(?:指标值|目标值)|(?:实际)?完成值|实际值|分值|得分|权重)$")
"""Columns that name a figure's role and nothing it measures: never a ``what`` alone."""
_BARE_RATE = re.compile(r"^(?:执行率|完成率|调整率)$")
"""A rate column that needs its row's name (会议经费 … 执行率 → 会议经费执行率); a longer one
(预算完成率, 预算调整率) is a name of its own."""
_VALUE_CELL = re.compile(r"^[<>≤≥＜＞=＝]?[-－]?\d[\d.,]*\S{0,4}$")


def _column_role(column: str | None) -> str | None:
    if not column:
        return None
    if TABLE_RATE_COLUMN.search(column):
        return "rate"
    if TABLE_ACTUAL_COLUMN.search(column):
        return "actual"
    if TABLE_TARGET_COLUMN.search(column):
        return "target"
    return None


def _value_columns(header: list[str], values: int) -> list[str]:
    """The header's columns after the last one that names rows (指标名称, 三级指标 …); without one,
    all but the first, or all when the row has a value under each (the header's first cell then
    holds the name of the rows' column run into its own: 资金来源整体支出年初预算数)."""
    names = [i for i, cell in enumerate(header) if _NAME_COLUMN.match(cell)]
    if names:
        return header[names[-1] + 1:]
    return header if values == len(header) else header[1:]


_FIGURE = re.compile(r"\d")


def _is_header(header: list[str]) -> bool:
    return sum(1 for c in header if TABLE_HEADER_CELL.match(c)) >= 2 or is_amount_header(header)


def is_total_row(text: str) -> bool:
    """A 合计 or 小计 row: its first named cell sums the columns."""
    cells = [c.strip() for c in text.split("\t") if c.strip()]
    return bool(cells) and bool(_TOTAL_CELL.match(cells[0]))


def _first_value_cell(cells: list[str]) -> int | None:
    """The index of a row's first value cell: the first figure or note after a text cell."""
    for i, cell in enumerate(cells):
        if i and (_VALUE_CELL.match(cell) or TABLE_NOTE_CELL.match(cell)):
            return i
    return None


def header_columns(header: list[str], cells: list[str]) -> list[str | None]:
    """The header column over each cell of a row, or None where the row and header do not align.

    The row's value cells line up with the header's value columns from the left when they are
    as many, else from the right once the text columns a flattened row loses at its end (偏差原因,
    备注) are set aside."""
    columns: list[str | None] = [None] * len(cells)
    first = _first_value_cell(cells)
    if first is None or not _is_header(header):
        return columns
    values = cells[first:]
    names = _value_columns(header, len(values))
    if len(values) != len(names):
        while names and len(names) > len(values) and TABLE_TEXT_COLUMN.match(names[-1]):
            names = names[:-1]
    if len(values) > len(names):
        return columns
    for offset, name in enumerate(names[len(names) - len(values):]):
        columns[first + offset] = name
    return columns


def label_columns(header: list[str], row: str, entities: list[Entity]) -> list[str | None]:
    """The header column of each entity of a table row (None outside value cells); each figure
    alone in a value cell measures its indicator in that column ("服务对象满意度年度指标值")."""
    cells = row.split("\t")
    columns = header_columns(header, cells)
    starts = cell_starts(row)
    total = is_total_row(row)
    found: list[str | None] = []
    for ent in entities:
        column = columns[cell_of(starts, ent.start)]
        found.append(column)
        if not column or ent.label == "DATE":
            continue
        if TABLE_RATE_COLUMN.search(column) and (total or not _BARE_RATE.match(column)):
            ent.what = column  # 预算完成率, 预算调整率: a rate named by its column
        elif ent.what and not ent.what.endswith(column):
            ent.what += column
        elif not ent.what and not _ROLE_ONLY_COLUMN.match(column):
            ent.what = column  # 年初预算数 of a row whose name was not read
    return found


def _shape_roles(entities: list[Entity]) -> list[str | None]:
    """target, actual and rate for a table row's figures of one indicator ("50家 56家 112%")."""
    roles: list[str | None] = [None] * len(entities)
    quantities = [i for i, e in enumerate(entities) if e.label in ("COUNT", "MONEY")]
    rates = [i for i, e in enumerate(entities) if e.label == "PERCENT"]
    if len(quantities) == 2 and len({entities[i].what for i in quantities}) == 1:
        roles[quantities[0]], roles[quantities[1]] = "target", "actual"
        if len(rates) == 1 and rates[0] > quantities[1]:
            roles[rates[0]] = "rate"
    elif len(rates) >= 2 and not quantities and len({entities[i].what for i in rates}) == 1:
        roles[rates[0]], roles[rates[1]] = "target", "actual"
        if len(rates) >= 3:
            roles[rates[2]] = "rate"
    return roles


def _measured(what: str | None, column: str | None, total: bool) -> str | None:
    """What a table figure's indicator is read from: a total row's column (合计 … 年初预算数; none
    under a bare 预算数 or 决算数), else
    its row's name without the column (会议经费年初预算数 is 会议经费's budget, no 年初预算数 of the
    department's)."""
    if total and column and not _BARE_AMOUNT_COLUMN.match(column):
        return column
    if total:
        name = what[:-len(column)] if what and column and what.endswith(column) else what
        return None if _TOTAL_CELL.match(name or "合计") else name  # 收入总计 of a two-sided table
    if not column:
        return what
    if what and what.endswith(column) and len(what) > len(column):
        return what[:-len(column)]
    return what


def passage_metrics(passage_id: str, entities: list[Entity], table_row: bool,
                    columns: list[str | None] | None = None, total: bool = False) -> list[Metric]:
    """One metric per figure (dates are not metrics), with roles in table rows: from the header's
    ``columns`` (one per entity) when the table printed one, else from the row's shape. In a
    ``total`` row (合计, 小计) every figure but a rate is the total of its column. Each metric
    carries its canonical ``indicator`` and its sub-kind; a total row's figure takes its column's."""
    pairs = [(e, c) for e, c in zip(entities, columns or [None] * len(entities)) if e.label != "DATE"]
    figures = [e for e, _ in pairs]
    if columns and any(c for _, c in pairs):
        roles = [_column_role(c) for _, c in pairs]
    else:
        roles = _shape_roles(figures) if table_row else [None] * len(figures)
    if total:
        roles = ["rate" if role == "rate" else "total" for role in roles]
    named = [named_indicator(_measured(e.what, c, total), e.label, e.unit) for e, c in pairs]
    return [Metric(what=e.what, value=e.value, unit=e.unit, qualifier=e.qualifier, label=e.label,
                   passage_id=passage_id, role=role, indicator=indicator, indicator_kind=kind)
            for e, role, (indicator, kind) in zip(figures, roles, named)]
