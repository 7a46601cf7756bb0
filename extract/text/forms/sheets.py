"""Spreadsheets (.xlsx, .xls, .et, .ods): every sheet's rows as table rows, the sheet's name as
its section, a merged cell's text once, numbers as the sheet shows them.

A 自评表 is a table first: each sheet becomes a heading (its name) and a row a line, cells at tabs,
empty cells kept where a later cell has text so columns stay in place. A cell formatted 98.61%
holds 0.9861: it is written as the sheet shows it (98.61%), so is 1,288.68; a merged cell's text
stands in its first cell only. XLSX is read by openpyxl (number formats and merged ranges), Excel
97 and WPS sheets by xlrd (formatting info), OpenDocument from its XML (each cell's shown text).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable

from extract.errors import InputError
from extract.text.forms.sniff import kind_name
from extract.text.limits import check_docx_sizes

MAX_SHEET_CELLS = 2_000_000
"""Cells read from one workbook (a real 自评表 has a few thousand)."""
_DECIMALS = re.compile(r"0\.(0+)")
_DEFAULT_NAME = re.compile(r"^\s*(?:sheet|工作表|表)\s*\d*\s*$", re.IGNORECASE)
"""A sheet name no one gave (Sheet1, 工作表1): no section of its own."""


def sheets_text(data: bytes, kind: str, source: str = "<input>") -> str:
    """The workbook as text: per sheet its name, then its rows."""
    try:
        if kind == "xlsx":
            sheets = _xlsx_sheets(data, source)
        elif kind == "ods":
            sheets = _ods_sheets(data, source)
        else:
            sheets = _xls_sheets(data, source)
        return "\n".join(_lines(sheets))
    except InputError:
        raise
    except Exception as exc:  # each library has its own error for a damaged file
        raise InputError(source, f"{kind_name(kind)} that cannot be read (damaged: {type(exc).__name__})") from exc


def _lines(sheets: Iterable[tuple[str, list[list[str]]]]) -> Iterable[str]:
    """A sheet's name (when the book has rows under it), then each row with text, at tabs."""
    for name, rows in sheets:
        kept = [row for row in rows if any(cell.strip() for cell in row)]
        if not kept:
            continue
        if not _DEFAULT_NAME.match(name):
            yield name.strip()
        for row in kept:
            while row and not row[-1].strip():
                row.pop()
            yield "\t".join(" ".join(cell.split()) for cell in row)


def shown_number(value: float, number_format: str) -> str:
    """A number as a sheet with this number format shows it: 0.9861 with "0.00%" is 98.61%,
    1288.68 with "#,##0.00" is 1,288.68 (thousands kept as written), 5.0 is 5."""
    fmt = number_format.split(";")[0]
    decimals = _DECIMALS.search(fmt)
    places = len(decimals.group(1)) if decimals else None
    if "%" in fmt:
        shown = value * 100
        return f"{shown:.{places if places is not None else 0}f}%"
    if places is not None:
        text = f"{value:,.{places}f}" if "," in fmt else f"{value:.{places}f}"
        return text
    if float(value).is_integer():
        return f"{int(value):,}" if "," in fmt else str(int(value))
    return repr(float(value)) if abs(value) < 1e15 else str(value)


def _xlsx_sheets(data: bytes, source: str) -> Iterable[tuple[str, list[list[str]]]]:
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        check_docx_sizes([(m.filename, m.file_size) for m in package.infolist()], source)
    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True, read_only=False)
    cells = 0
    for sheet in book.worksheets:
        covered = {(row, col) for merged in sheet.merged_cells.ranges
                   for row in range(merged.min_row, merged.max_row + 1)
                   for col in range(merged.min_col, merged.max_col + 1)
                   if (row, col) != (merged.min_row, merged.min_col)}
        rows = []
        for row in sheet.iter_rows():
            cells += len(row)
            _check_cells(cells, source)
            rows.append(["" if (cell.row, cell.column) in covered else _xlsx_cell(cell) for cell in row])
        yield sheet.title, rows


def _xlsx_cell(cell) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return shown_number(value, cell.number_format or "General")
    if hasattr(value, "strftime"):
        return value.strftime("%Y-%m-%d") if not getattr(value, "hour", 0) else value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def _xls_sheets(data: bytes, source: str) -> Iterable[tuple[str, list[list[str]]]]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    cells = 0
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        cells += sheet.nrows * sheet.ncols
        _check_cells(cells, source)
        covered = {(row, col) for rlo, rhi, clo, chi in sheet.merged_cells
                   for row in range(rlo, rhi) for col in range(clo, chi) if (row, col) != (rlo, clo)}
        rows = [["" if (r, c) in covered else _xls_cell(book, sheet, r, c) for c in range(sheet.ncols)]
                for r in range(sheet.nrows)]
        yield sheet.name, rows


def _xls_cell(book, sheet, row: int, col: int) -> str:
    import xlrd

    cell = sheet.cell(row, col)
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
        return shown_number(cell.value, fmt.format_str if fmt else "General")
    if cell.ctype == xlrd.XL_CELL_DATE:
        moment = xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)
        return moment.strftime("%Y-%m-%d")
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return ""
    return str(cell.value)


_ODS = {"table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
        "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}


def _ods_sheets(data: bytes, source: str) -> Iterable[tuple[str, list[list[str]]]]:
    """OpenDocument sheets from content.xml: each cell's text as shown (text:p), repeats expanded
    up to the last cell with text, covered (merged) cells empty."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as package:
        check_docx_sizes([(m.filename, m.file_size) for m in package.infolist()], source)
        content = package.read("content.xml")
    root = etree.fromstring(content, parser=etree.XMLParser(resolve_entities=False, huge_tree=False))
    t = "{" + _ODS["table"] + "}"
    cells = 0
    for table in root.iter(f"{t}table"):
        rows = []
        for row in table.iter(f"{t}table-row"):
            values: list[str] = []
            for cell in row:
                if cell.tag not in (f"{t}table-cell", f"{t}covered-table-cell"):
                    continue
                text = "" if cell.tag == f"{t}covered-table-cell" else \
                    "\n".join("".join(p.itertext()) for p in cell.iter("{" + _ODS["text"] + "}p"))
                repeat = int(cell.get(f"{t}number-columns-repeated", "1"))
                values.extend([text] * (repeat if text else min(repeat, 1)))
            repeat_rows = int(row.get(f"{t}number-rows-repeated", "1"))
            if any(values):
                for _ in range(min(repeat_rows, 1000)):
                    rows.append(list(values))
                    cells += len(values)
            _check_cells(cells, source)
        yield table.get(f"{t}name", ""), rows


def _check_cells(cells: int, source: str) -> None:
    from extract.text.limits import over_limit

    if cells > MAX_SHEET_CELLS:
        raise over_limit(source, f"more than {MAX_SHEET_CELLS:,} cells", f"{MAX_SHEET_CELLS:,} cells")
