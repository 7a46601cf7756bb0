"""The Streamlit app, run offline with AppTest: every view, on a copy of the seed reports' data folder."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from index.corpus import Corpus
from index.ingest import ingest, jsonl_sources
from index.store import Store
from tests.conftest import CPPCC_2021, LIWAN_2022
from tests.ui.conftest import open_app

pytestmark = pytest.mark.seconds(17)  # conftest.pytest_collection_modifyitems: long modules first

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the session's data folder of the seed reports (this module never changes it)."""
    folder = tmp_path_factory.mktemp("appdata")
    shutil.copytree(data_dir, folder, dirs_exist_ok=True)
    return folder


@pytest.fixture
def app(data: Path, monkeypatch: pytest.MonkeyPatch):
    return lambda **params: open_app(data, monkeypatch, **params)


def hit_html(at: AppTest) -> list[str]:
    """The rendered highlighted snippets of the page, in rank order."""
    return [m.value for m in at.markdown
            if m.value.startswith("<div class='jixiao-hit") and "jixiao-full" not in m.value]


def charts(at: AppTest) -> list:
    return at.get("vega_lite_chart")


def test_overview_shows_counts_charts_and_the_upload_box(app) -> None:
    at = app()
    assert not at.exception
    assert at.query_params.get("view", "overview") == "overview"  # "/" is the overview: not rewritten
    counts = next(m.value for m in at.markdown if "报告" in m.value and "段落" in m.value)
    assert "**5** 报告" in counts and "金额 " in counts
    assert len(charts(at)) >= 4  # year, genre, department, budget and 执行率
    assert at.file_uploader and "docx" in at.file_uploader[0].label


def test_an_uploaded_report_is_searchable_at_once_and_a_bad_file_is_one_line(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "data"
    shutil.copytree(data, folder)
    at = open_app(folder, monkeypatch)
    text = "广州市测试区委统战部2023年部门整体支出绩效自评报告\n一、基本情况\n本年度开展琉璃瓦修缮调研3次。\n"
    alike = [(name, text.replace("琉璃瓦", word).encode("utf-8"), "text/plain")
             for name, word in (("报告(1).txt", "青砖墙"), ("报告（1）.txt", "木栈道"))]
    at.file_uploader[0].set_value([("../测试 报告.txt", text.encode("utf-8"), "text/plain"),
                                   ("empty.txt", b"", "text/plain"), *alike]).run()
    at.button(key="ingest").click().run()
    assert not at.exception
    imported = [m.value for m in at.markdown if "已导入 3 份报告" in m.value]  # 26.2: names that clean alike both kept
    assert imported and "view=report" in imported[0]
    assert "广州市测试区委统战部2023年部门整体支出绩效自评报告" in imported[0]  # its title, not its id
    assert not at.file_uploader[0].value  # the box is empty again
    errors = [e.value.replace("\\", "") for e in at.error]  # file names are shown Markdown-escaped
    assert len(errors) == 1 and errors[0].startswith("empty.txt：无法导入")
    stored = sorted(p.name for p in (folder / "uploads").iterdir() if p.name != "empty.txt")
    assert len(stored) == 3 and all("/" not in name and " " not in name for name in stored)
    with Store(folder, create=False) as store:
        texts = [doc.text for doc in store.iter_documents()]
    assert all(any(word in t for t in texts) for word in ("青砖墙", "木栈道", "琉璃瓦"))

    found = open_app(folder, monkeypatch, q="琉璃瓦修缮")
    assert any("琉璃瓦修缮" in re.sub("</?mark[^>]*>", "", h) for h in hit_html(found))


def test_search_shows_literal_hits_then_related_ones_under_a_divider(app) -> None:
    at = app(q="侨务")
    assert not at.exception
    assert at.text_input[0].label == "搜索" and at.text_input[0].value == "侨务"
    assert at.query_params.get("view", "search") == "search"  # /?q=侨务 is the search: not rewritten
    hits = hit_html(at)
    assert hits and "<mark class='jixiao-own'>侨务</mark>" in hits[0]
    blocks = [m.value for m in at.markdown]
    divider = next(i for i, v in enumerate(blocks) if "jixiao-divider" in v)
    before = [v for v in blocks[:divider] if v.startswith("<div class='jixiao-hit")]
    after = [v for v in blocks[divider:] if v.startswith("<div class='jixiao-hit")]
    assert before and after and all("jixiao-hit-related" in v for v in after)
    assert not any("jixiao-hit-related" in v for v in before)
    summary = next(v for v in blocks if "个段落含有查询词" in v)
    assert "近义匹配" in summary
    assert all(len(h) < 600 for h in hits)  # snippets, not whole passages
    links = [v for v in blocks if "在报告中打开" in v]
    assert "view=report" in links[0] and "passage=" in links[0] and "q=" in links[0]
    tables = [d.value for d in at.dataframe]
    assert tables and set(tables[0].columns) >= {"指标", "数值", "单位", "类型"}
    assert not any(c in t.columns for t in tables for c in ("label", "value", "what"))


def test_filters_clicked_one_after_the_other_all_stay_applied(app) -> None:
    at = app(q="侨务", area="overseas_chinese")
    at.sidebar.radio(key="year").set_value(2022).run()
    assert not at.exception
    assert (at.query_params.get("area"), at.query_params.get("year")) == ("overseas_chinese", "2022")
    at.sidebar.radio(key="label").set_value("MONEY").run()
    assert not at.exception
    params = dict(at.query_params)
    assert (params.get("area"), params.get("year"), params.get("label")) == ("overseas_chinese", "2022", "MONEY")
    assert at.sidebar.radio(key="area").value == "overseas_chinese"
    assert at.sidebar.radio(key="year").value == 2022
    # counts never vanish: every area is still listed, with a count, even 0
    area_radio = at.sidebar.radio(key="area")
    assert len(area_radio.options) == 11


def test_department_by_short_name_genre_region_and_amount_in_wan(app) -> None:
    at = app(dept="工商联")
    assert not at.exception
    metas = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>")]
    assert metas and all("工商业联合会" in m for m in metas)
    at = app(dept="中共蔡甸区委统战部")  # a whole name is chosen among the departments, by its id
    caidian = at.sidebar.radio(key="dept_id")
    assert caidian.value.startswith("420114-") and not at.text_input(key="dept").value
    assert at.query_params.get("dept_id") == caidian.value and "dept" not in at.query_params
    assert len(caidian.options) == 5  # 全部 and the four departments, the two 政协 reports one choice
    at.text_input(key="dept").set_value("荔湾").run()  # typing replaces the choice
    assert at.sidebar.radio(key="dept_id").value == "" and at.query_params.get("dept") == "荔湾"
    at = app(q="统战", genre="整体支出绩效目标表", region="湖北省武汉市蔡甸区")
    metas = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>")]
    assert metas and all("蔡甸" in m for m in metas)
    assert at.sidebar.radio(key="region").value == "湖北省武汉市蔡甸区"
    at = app(q="统战", province="广东省")  # a province holds all its districts
    metas = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>")]
    assert metas and all("荔湾" in m or "白云" in m for m in metas) and not any("蔡甸" in m for m in metas)
    province = at.sidebar.radio(key="province")
    assert province.value == "广东省" and {"广东省", "湖北省"} <= set(province.options)
    at = app(min_wan="1000", label="MONEY")
    assert not at.exception and at.query_params.get("min_wan") == "1000"
    assert at.sidebar.number_input(key="min_wan").value == 1000.0
    assert hit_html(at) or at.dataframe


@pytest.mark.parametrize("query", ["，。！？", "*", '""', "AND", "侨务 -侨务", "侨" * 5000])
def test_bad_queries_get_one_line_and_never_the_whole_corpus(app, query: str) -> None:
    at = app(q=query)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert len(warnings) == 1 and "\n" not in warnings[0] and len(warnings[0]) < 80
    assert not hit_html(at)


def test_report_view_shows_budget_checks_metrics_and_tables(app) -> None:
    at = app(view="report", doc=CPPCC_2021)
    assert not at.exception
    tables = [d.value for d in at.dataframe]
    checks = next(t for t in tables if "核对" in t.columns)
    assert checks.iloc[0]["核对"] == "预算执行率 = 执行数 ÷ 调整后预算数"
    assert checks.iloc[0]["结果"].endswith("一致")
    metrics = next(t for t in tables if "目标值" in t.columns)  # the whole report's, one row an indicator
    assert {"指标", "目标值", "实际值", "完成率", "数值", "单位", "段落"} <= set(metrics.columns)
    assert len(metrics) > 20 and (metrics["实际值"] != "").any()
    rows = next(t for t in tables if "预算完成率" in t.columns)  # a table row under its header
    assert "合计" in set(rows.iloc[:, 0]) and "98.61%" in set(rows["预算完成率"])
    assert not any("None" in str(v) for t in tables for v in t.to_numpy().ravel())


def test_report_view_opens_at_the_passage_of_a_hit(app) -> None:
    at = app(view="report", doc=LIWAN_2022, passage=f"{LIWAN_2022}:0005", q="侨务")
    assert not at.exception
    assert any(s.value == "检索到的段落" for s in at.subheader)
    assert at.query_params.get("q") == "侨务"  # the search is kept for going back
    assert any(e.proto.expanded for e in at.expander)


def test_audit_view_lists_checks_that_disagree(data: Path, tmp_path: Path, monkeypatch) -> None:
    at = open_app(data, monkeypatch, view="audit")
    assert not at.exception
    assert any("所有可核对的报告" in s.value for s in at.success)
    folder = tmp_path / "audit"
    text = ("某区委统战部2023年部门整体支出绩效自评报告\n一、预算执行情况\n"
            "2023年调整后预算数100万元，执行数90万元，预算执行率95%。\n")
    assert ingest(jsonl_sources([f'{{"id": "wrong", "text": {text!r}}}'.replace("'", '"')], "x"), folder).stored
    at = open_app(folder, monkeypatch, view="audit")
    table = at.dataframe[0].value
    row = table.iloc[0]
    assert (row["核对"], row["报告所写"], row["计算所得"]) == ("预算执行率 = 执行数 ÷ 调整后预算数", "95", "90")


def test_export_view_offers_the_five_formats_for_all_or_the_current_filters(app) -> None:
    at = app(view="export")
    assert not at.exception
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["下载 JSONL", "下载 DOCCANO", "下载 SPACY", "下载 CONLL", "下载 CSV"]
    assert list(at.radio(key="scope").options) == ["全部报告（5 份）"]
    at = app(view="export", q="企业", dept="工商联", scope="filtered")
    assert not at.exception
    assert at.radio(key="scope").value == "filtered"
    assert "（1 份）" in at.radio(key="scope").options[1]
    assert at.query_params.get("scope") == "filtered" and at.query_params.get("q") == "企业"


def test_export_file_names_say_what_they_hold() -> None:
    from ui.web.views.export import file_stem

    assert file_stem({}, 5).startswith("jixiao_corpus_all_5reports_")
    assert file_stem({"q": "侨务", "year": "2022", "sort": "year"}, 2).startswith(
        "jixiao_corpus_q-侨务_year-2022_2reports_")
    assert "/" not in file_stem({"dept": "../x y"}, 1)


def test_missing_data_folder_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty"
    for params in ({}, {"q": "侨务"}, {"view": "report"}, {"view": "compare"}, {"view": "audit"},
                   {"view": "export"}):
        at = open_app(empty, monkeypatch, **params)
        assert not at.exception, params
    assert not (empty / "store.sqlite").exists()  # looking must not create a store


def test_untrusted_text_is_never_read_as_markdown_and_long_queries_are_cut(app) -> None:
    at = app(q="量子计算" + "**粗体** [链接](http://x)")
    notice = at.info[0].value
    assert "\\*\\*粗体\\*\\*" in notice and "\\[链接\\]" in notice
    at = app(q="量子" * 30)  # under the length limit, over the echo
    assert at.info[0].value.count("量子") < 25 and "…" in at.info[0].value


INJECTED = "[点此领取补贴](http://example.invalid/x) ![x](http://example.invalid/i.png) <b>粗</b> :red[红]"


def _live_markup(source: str) -> bool:
    """True when Markdown source would render a link, an image, HTML or a colour directive."""
    return any(mark in source for mark in ("](", "<b>", ":red[", "http://"))


def test_injected_document_text_renders_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record = {"id": "inj", "text": f"{INJECTED}绩效自评报告\n一、{INJECTED}\n侨务工作{INJECTED}。",
              "department": INJECTED}
    ingest(jsonl_sources([json.dumps(record, ensure_ascii=False)], "inj"), tmp_path)
    for params in ({"view": "search", "q": "侨务"}, {"view": "report", "doc": "inj"}, {"view": "overview"}):
        at = open_app(tmp_path, monkeypatch, **params)
        assert not at.exception, params
        shown = [e.value for e in (*at.info, *at.warning, *at.caption, *at.markdown)]
        shown += [e.label for e in at.expander] + [o for r in at.radio for o in r.options]
        assert params["view"] == "overview" or any("点此领取补贴" in s for s in shown), params  # charts there
        assert not any(_live_markup(s) for s in shown if not s.startswith("<")), params
        html_blocks = [s for s in shown if s.startswith("<")]
        assert not any("<b>粗" in s or "<img" in s or "href='http://example" in s for s in html_blocks), params


def test_next_page_is_read_from_its_top(app) -> None:
    at = app(q="统战")
    at.button(key="next").click().run()
    assert not at.exception and at.query_params.get("page") == "2"
    assert any("scrollTo(0, 0)" in h.proto.body for h in at.get("html"))
    assert any("<b>11.</b>" in m.value for m in at.markdown)


def test_a_url_moved_by_back_or_forward_sets_the_widgets_again(app) -> None:
    at = app(q="侨务")
    at.sidebar.radio(key="year").set_value(2022).run()
    assert at.query_params.get("year") == "2022"
    at.sidebar.radio(key="year").set_value(2024).run()
    at.query_params["year"] = "2022"  # what Back does: the browser's URL goes back, the widgets stay
    at.run()
    assert not at.exception
    assert at.sidebar.radio(key="year").value == 2022 and at.query_params.get("year") == "2022"
    metas = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>")]
    assert metas and all("2022" in m for m in metas)


def test_the_home_page_search_box_opens_the_search(app) -> None:
    at = app()
    assert at.text_input(key="home_q").label == "搜索"
    at.text_input(key="home_q").set_value("侨务").run()
    assert not at.exception
    assert at.query_params.get("view") == "search" and at.query_params.get("q") == "侨务"
    assert hit_html(at)


def test_filters_are_chips_that_drop_one_or_all_and_no_hit_says_which_to_drop(app) -> None:
    at = app(q="港澳台", year="2022", label="PERCENT", min_wan="0")  # hits without either filter
    assert not at.exception
    assert [b.label for b in at.button if b.key and b.key.startswith("chip_")] == \
        ["年份 2022 ×", "数据类型 百分比 ×", "清除全部"]  # 最低金额 0 is no filter at all
    advice = at.info[0].value
    assert "没有找到" in advice and "「数据类型 百分比」可找到" in advice and "「年份 2022」可找到" in advice
    at.button(key="chip_year").click().run()
    assert "year" not in at.query_params and at.query_params.get("label") == "PERCENT"
    at = app(q="侨务", year="2022", area="overseas_chinese")
    at.button(key="chip_all").click().run()
    assert not at.exception
    assert dict(at.query_params) == {"q": "侨务", "view": "search"}
    assert at.sidebar.radio(key="area").value == ""


def test_the_report_list_shows_every_report_and_filters_them(app) -> None:
    at = app(view="reports")
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 5
    assert {"标题", "部门", "年度", "执行数（万元）", "执行率（%）", "核对", "打开"} <= set(table.columns)
    assert not any(LIWAN_2022 in str(t) for t in table["标题"])  # titles, never ids
    row = table[table["执行率（%）"] == 90.79].iloc[0]
    assert row["执行数（万元）"] == 1288.68 and row["核对"] == "2 项一致"
    assert all(link.startswith("?view=department&dept=") for link in table["部门页"])  # every report names its own
    at = app(view="reports", find="荔湾", list_year="2022")
    assert len(at.dataframe[0].value) == 1 and at.query_params.get("find") == "荔湾"
    picker = app(view="report").selectbox(key="doc")
    assert all(" · " in name and "_" not in name for name in picker.options)


def test_the_report_view_marks_the_query_steps_through_it_and_goes_back_to_the_search(app) -> None:
    at = app(view="report", doc=LIWAN_2022, q="侨务", year="2022")
    assert not at.exception
    marked = [m.value for m in at.markdown if "jixiao-passage" in m.value]
    assert marked and all("<mark class='jixiao-own'>侨务</mark>" in m for m in marked)
    first = at.query_params.get("passage")
    assert any("这是第 1 处" in m.value for m in at.markdown)
    at.button(key="match_next").click().run()
    assert at.query_params.get("passage") != first and any("这是第 2 处" in m.value for m in at.markdown)
    at.button(key="back_to_search").click().run()
    assert not at.exception
    assert (at.query_params.get("view"), at.query_params.get("q"), at.query_params.get("year")) == \
        ("search", "侨务", "2022")


def test_the_audit_says_what_unchecked_reports_lack_and_checks_table_totals(
        data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    at = open_app(data, monkeypatch, view="audit")
    every = at.dataframe[-1].value
    assert any(name.startswith("表格合计 = ") for name in every["核对"])
    folder = tmp_path / "audit"
    text = "某区委统战部2023年部门整体支出绩效自评报告\n一、预算执行情况\n2023年执行数90万元。\n"
    assert ingest(jsonl_sources([json.dumps({"id": "few", "text": text}, ensure_ascii=False)], "x"), folder).stored
    at = open_app(folder, monkeypatch, view="audit")
    assert not at.exception
    [row] = at.dataframe[0].value.to_dict("records")
    assert row["原因"] == "缺少调整后预算数、预算执行率、基本支出、项目支出"
    assert any("**0** 份写明的数字足以核对" in m.value and "1 份无法核对" in m.value for m in at.markdown)


def test_region_facets_cascade_province_city_county_in_the_url_and_hits_link_to_departments(app, data) -> None:
    at = app(q="统战")
    assert not at.exception
    keys = {r.key for r in at.sidebar.radio}
    assert "province" in keys and not {"city", "county"} & keys  # a level shows once one above is chosen
    at.sidebar.radio(key="province").set_value("广东省").run()
    assert at.sidebar.radio(key="city").options == ["全部", "广州市"]  # only the province’s own cities
    assert set(at.sidebar.radio(key="county").options) == {"全部", "荔湾区", "白云区"}
    at.sidebar.radio(key="county").set_value("白云区").run()
    assert (at.query_params.get("province"), at.query_params.get("county")) == ("广东省", "白云区")
    metas = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>")]
    assert metas and all("广东省 › 广州市 › 白云区" in m for m in metas)
    assert all("view=department" in m and "dept=440111-" in m for m in metas)  # the name opens its page
    at.sidebar.radio(key="province").set_value("湖北省").run()  # a new province drops the county chosen in the old
    assert at.query_params.get("province") == "湖北省" and "county" not in at.query_params
    assert not any("白云" in m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>"))
    at.query_params["province"], at.query_params["county"] = "广东省", "白云区"  # Back
    at.run()
    assert at.sidebar.radio(key="county").value == "白云区"
    chips = [b.label for b in at.button if b.key and b.key.startswith("chip_")]
    assert "省份 广东省 ×" in chips and "区县 白云区 ×" in chips
    cppcc = next(d for d in Corpus(data).department_list() if d.name.startswith("中国人民政治协商会议"))
    at = app(view="search", dept_id=cppcc.id)  # the department page's link to its own passages
    metas = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-meta'>")]
    assert metas and all(f"dept={cppcc.id}" in m for m in metas)
    assert [b.label for b in at.button if b.key == "chip_dept_id"] == [f"部门 {cppcc.name} ×"]  # named, not its id
