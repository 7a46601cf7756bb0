"""Spreadsheets: every sheet's rows as rows, the sheet's name its section, merged cells once,
numbers as the sheet shows them; the seed reports as Excel 97 and OpenDocument read as their text."""

from __future__ import annotations

import io
import warnings

import pytest

from extract.nlp.pipeline import tag_report
from extract.text.forms.sheets import sheets_text, shown_number
from extract.text.reading import read_report
from tests.conftest import REPORTS
from tests.extract.text.forms.conftest import needs_libreoffice


def _book() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "部门整体支出绩效自评表"
    sheet.append(["项目", "年初预算数", "全年执行数", "执行率"])
    sheet.append(["基本支出", 1288.68, 1270.5, 0.9861])
    sheet["B2"].number_format = "#,##0.00"
    sheet["D2"].number_format = "0.00%"
    sheet.merge_cells("A3:D3")
    sheet["A3"] = "说明：执行率为全年执行数与年初预算数之比"
    second = book.create_sheet("Sheet2")
    second.append(["产出指标", "走访企业数", 56])
    book.create_sheet("空表")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_cells_and_numbers_as_the_sheet_shows_them():
    assert sheets_text(_book(), "xlsx").splitlines() == [
        "部门整体支出绩效自评表", "项目\t年初预算数\t全年执行数\t执行率", "基本支出\t1,288.68\t1270.5\t98.61%",
        "说明：执行率为全年执行数与年初预算数之比", "产出指标\t走访企业数\t56"]


@pytest.mark.parametrize(("value", "fmt", "shown"), [
    (0.9861, "0.00%", "98.61%"), (0.5, "0%", "50%"), (1288.68, "#,##0.00", "1,288.68"), (5.0, "General", "5"),
    (12.5, "0.0", "12.5"), (3.14159, "General", "3.14159"), (-0.222, "0.0%;[Red]-0.0%", "-22.2%")])
def test_a_number_is_written_as_its_format_shows_it(value, fmt, shown):
    assert shown_number(value, fmt) == shown


@needs_libreoffice
@pytest.mark.parametrize("form", ["xls", "ods"])
def test_the_seed_reports_as_workbooks_read_as_their_text(tagged, office_forms, form):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in REPORTS:
            doc = tag_report(name, read_report(office_forms[form][name]))
            want = sorted((e.label, e.value) for e in tagged[name].entities if e.label != "DATE")
            got = sorted((e.label, e.value) for e in doc.entities if e.label != "DATE")
            assert got == want, name
            assert doc.meta["year"] == tagged[name].meta["year"], name
