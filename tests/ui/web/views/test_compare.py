"""The compare view: one indicator (or one of its sub-kinds) across departments and years, run
offline with AppTest on the seed reports and on reports written here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from index.ingest import ingest, jsonl_sources
from tests.ui.conftest import open_app
from ui.web.views.compare import chart_rows, failed_checks, outliers, pivot, value_rows

pytestmark = pytest.mark.seconds(6)  # conftest.pytest_collection_modifyitems: long modules first

def compare_page(data: Path, monkeypatch: pytest.MonkeyPatch, **params: str) -> AppTest:
    """The compare view of the data folder ``data`` on a URL holding ``params``."""
    return open_app(data, monkeypatch, view="compare", **params)


def test_compare_view_charts_every_seed_report_that_states_the_rate(data_dir, monkeypatch) -> None:
    at = compare_page(data_dir, monkeypatch, indicator="预算执行率")
    assert not at.exception
    assert at.query_params.get("indicator") == "预算执行率"
    assert at.selectbox(key="indicator").value == "预算执行率" and len(at.get("vega_lite_chart")) >= 2  # bars, trend
    pivot, values = at.dataframe[0].value, at.dataframe[-1].value
    drawn = {v for column in pivot.columns if column != "部门" for v in pivot[column].dropna()}
    assert drawn == {90.79, 98.61, 99.2}  # 2022 统战部 (text), 2021 政协 (合计 row), 2023 政协 (text)
    assert len(values) == 3 and set(values["原文写法"]) >= {"预算完成率", "完成预算"}
    assert {"段落", "原文写法", "标记", "报告"} <= set(values.columns)
    assert all(link.startswith("?view=report&doc=") for link in values["段落"])
    cppcc = values[values["部门"].str.startswith("中国人民政治协商会议")]  # one department by its id, named
    assert len(cppcc) == 2 and len(set(cppcc["部门页"])) == 1 and "dept=440103-" in cppcc["部门页"].iloc[0]
    assert "合计" not in {o for o in at.selectbox(key="indicator").options}
    assert any(b.label.startswith("下载透视表") for b in at.get("download_button"))


def test_compare_view_shows_one_sub_kind_of_an_indicator(tmp_path: Path, monkeypatch) -> None:
    folder = tmp_path / "kinds"
    texts = {"a": "某县政协2023年度部门整体支出绩效自评报告\n一、履职情况\n全年共收到提案120件，其中重点提案12件。\n",
             "b": "某区政协2023年度部门整体支出绩效自评报告\n一、履职情况\n全年共收到提案98件，其中重点提案9件。\n",
             "c": "某市政协2023年度部门整体支出绩效自评报告\n一、履职情况\n全年督办重点提案7件，群众满意度96%。\n"}
    lines = [json.dumps({"id": doc_id, "text": text}, ensure_ascii=False) for doc_id, text in texts.items()]
    assert ingest(jsonl_sources(lines, "kinds"), folder).stored
    whole = compare_page(folder, monkeypatch, indicator="提案数")
    assert not whole.exception and whole.selectbox(key="indicator_kind").value == "全部"
    assert sorted(whole.dataframe[-1].value["数值"]) == [98, 120]  # the whole only: 重点提案 7 is a part
    key = compare_page(folder, monkeypatch, indicator="提案数", kind="重点")
    assert not key.exception and key.query_params.get("kind") == "重点"
    values = key.dataframe[-1].value
    assert sorted(values["数值"]) == [7, 9, 12] and set(values["细类"]) == {"重点"}
    rate = compare_page(folder, monkeypatch, indicator="服务对象满意度")  # a rate's sub-kind stands in for it
    assert not rate.exception and list(rate.dataframe[-1].value["数值"]) == [96]


def test_compare_marks_outliers_and_failed_checks_and_charts_one_value_per_report() -> None:
    def value(doc, number, role=None, unit="%"):
        return {"doc_id": doc, "title": doc, "department": f"{doc}部", "year": 2023, "passage_id": f"{doc}:1",
                "what": "执行率", "role": role, "value": number, "unit": unit, "label": "PERCENT"}

    stored = [value("a", "95", "target"), value("a", "98", "actual"), value("b", "97"), value("c", "96"),
              value("d", "99"), value("e", "12"), value("f", "7", unit="人")]
    checks = [{"id": "b", "checks": [{"name": "completion_rate = spent / budget", "agrees": False}]}]
    rows = value_rows(stored, failed_checks(checks, "预算执行率"))
    assert [r["数值"] for r in chart_rows(rows)] == [98.0, 97.0, 96.0, 99.0, 12.0]
    marks = {r["_doc"]: r["标记"] for r in rows}
    assert marks["e"] == "离群值" and marks["b"] == "核对不符" and marks["c"] == ""
    assert outliers([1.0, 2.0, 3.0]) == set()
    years, table = pivot(chart_rows(rows))
    assert years == ["2023"] and table[0] == {"部门": "a部", "2023": 98.0}
