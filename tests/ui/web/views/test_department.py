"""The department view, run offline with AppTest on the seed reports."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import CPPCC_2021, CPPCC_2023
from tests.ui.conftest import APP, open_app
from ui.web.views.department import region_links


def department_page(data: Path, monkeypatch: pytest.MonkeyPatch, dept: str) -> AppTest:
    return open_app(data, monkeypatch, view="department", dept=dept)


def test_the_cppcc_page_lists_its_2021_and_2023_reports_and_no_other(data_dir, monkeypatch):
    at = department_page(data_dir, monkeypatch, "政协广州市荔湾区委员会办公室")
    assert not at.exception
    assert at.header[0].value == "中国人民政治协商会议广州市荔湾区委员会办公室"
    reports = at.dataframe[0].value
    assert list(reports["年度"]) == ["2021", "2023"]
    assert [link.split("doc=")[1] for link in reports["打开"]] == [CPPCC_2021, CPPCC_2023]
    budget = at.dataframe[1].value
    assert list(budget["执行率（%）"]) == ["98.61", "99.2"]
    indicators = at.dataframe[2].value.set_index("指标")  # canonical indicators of both years first
    assert indicators.loc["预算执行率", "2021"] and indicators.loc["预算执行率", "2023"]
    assert at.query_params["dept"] == at.selectbox(key="dept_page").value  # the URL names it by id
    crumb = next(m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>地区："))
    assert ">广东省</a> › " in crumb and "county=%E8%8D%94%E6%B9%BE%E5%8C%BA" in crumb  # 荔湾区 opens its search
    assert f"dept_id={at.query_params['dept']}" in crumb


def test_the_breadcrumb_links_each_level_to_the_search_of_that_place():
    links = region_links({"province": "重庆市", "city": "", "county": "丰都县", "code": "500230"}, "500230-ab")
    assert [name for name, _ in links] == ["重庆市", "丰都县", "本部门的全部段落"]
    assert links[0][1] == "?" + urlencode({"view": "search", "province": "重庆市"})
    assert links[1][1] == "?" + urlencode({"view": "search", "province": "重庆市", "county": "丰都县"})
    assert links[2][1] == "?view=search&dept_id=500230-ab"
    assert [name for name, _ in region_links({}, "x")] == ["本部门的全部段落"]


def test_an_unknown_department_says_so_and_offers_the_list(data_dir, monkeypatch):
    at = department_page(data_dir, monkeypatch, "某某县工商联")
    assert not at.exception and at.warning and len(at.selectbox(key="dept_page").options) == 4


def test_a_report_links_to_its_departments_page(data_dir, monkeypatch):
    monkeypatch.setenv("JIXIAO_DATA", str(data_dir))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params.update({"view": "report", "doc": CPPCC_2023})
    at.run()
    links = [m.value for m in at.markdown if "view=department" in m.value]
    assert links and "dept=440103-" in links[0]
