"""The Streamlit app, run offline with AppTest against a throwaway store and index of corpus/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from index.ingest import file_sources, ingest

REPO = Path(__file__).resolve().parents[2]
APP = REPO / "ui" / "app.py"
LIWAN_2022 = "2022_liwan_united_front_dept_self_evaluation_report"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store and index of the seed reports, built once for this module."""
    folder = tmp_path_factory.mktemp("appdata")
    report = ingest(file_sources([REPO / "corpus"]), folder)
    assert not report.failures and LIWAN_2022 in report.stored
    return folder


@pytest.fixture
def app(data: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    """The app script, reading the module's data folder."""
    monkeypatch.setenv("JIXIAO_DATA", str(data))
    return AppTest.from_file(str(APP), default_timeout=60)


def hit_html(at: AppTest) -> list[str]:
    """The rendered highlighted passages of the page, in rank order."""
    return [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-hit'>")]


def test_search_shows_highlighted_hits(app: AppTest) -> None:
    app.run()
    assert not app.exception
    assert app.text_input[0].label == "搜索 Search"
    assert not hit_html(app)  # nothing is searched before a query is typed

    app.text_input[0].set_value("侨务").run()
    assert not app.exception
    hits = hit_html(app)
    assert hits and "<mark>侨务</mark>" in hits[0]
    literal = [h for h in hits if "侨务" in h.replace("<mark>", "").replace("</mark>", "")]
    assert literal and all("<mark>侨务</mark>" in h for h in literal)
    assert app.query_params.get("q") == "侨务"
    titles = [m.value for m in app.markdown if "jixiao-title" in m.value]
    assert titles[0].startswith("<div class='jixiao-title'><b>1.</b>")
    assert any("侨务" in m.value for m in app.markdown if ":blue-badge[" in m.value)  # area chips


def test_query_param_prefills_the_search(app: AppTest) -> None:
    app.query_params.update({"q": "侨务", "year": "2022", "area": "overseas_chinese"})
    app.run()
    assert not app.exception
    assert app.text_input[0].value == "侨务"
    assert app.sidebar.radio(key="year").value == 2022
    assert app.sidebar.radio(key="area").value == "overseas_chinese"
    hits = hit_html(app)
    assert hits and "<mark>" in hits[0]
    captions = [c.value for c in app.caption if "·" in c.value and "中共" in c.value]
    assert captions and all(c.startswith("2022 ·") for c in captions)


def test_changing_inputs_updates_the_url_and_pages(app: AppTest) -> None:
    app.query_params["q"] = "统战"
    app.run()
    first_page = hit_html(app)
    assert len(first_page) == 10
    app.button(key="next_bottom").click().run()
    assert not app.exception
    assert app.query_params.get("page") == "2"
    assert any("<b>11.</b>" in m.value for m in app.markdown)
    assert hit_html(app) != first_page

    app.sidebar.radio(key="label").set_value("MONEY").run()  # a new filter starts at page 1
    assert app.query_params.get("label") == "MONEY"
    assert "page" not in app.query_params
    assert hit_html(app)


def test_malformed_query_warns_without_exception(app: AppTest) -> None:
    app.query_params["q"] = '"侨务'
    app.run()
    assert not app.exception
    warnings = [w.value for w in app.warning]
    assert any("cannot be understood" in w and "quotation" in w for w in warnings)
    assert not hit_html(app)


@pytest.mark.parametrize("params", [{"q": "量子计算"}, {"q": "侨务", "year": "1999"}],
                         ids=["unknown-words", "filter-keeps-nothing"])
def test_no_hits_says_so(app: AppTest, params: dict[str, str]) -> None:
    app.query_params.update(params)
    app.run()
    assert not app.exception
    assert any("No passages match" in i.value for i in app.info)
    assert not hit_html(app)
    assert not any("passages match ·" in m.value for m in app.markdown)


def test_reports_view_shows_the_budget_summary(app: AppTest) -> None:
    app.run()
    app.sidebar.radio(key="view").set_value("reports").run()
    app.selectbox(key="doc").set_value(LIWAN_2022).run()
    assert not app.exception
    assert app.query_params.get("doc") == LIWAN_2022
    tables = [t.value for t in app.table]
    figures = next(t for t in tables if "figure" in t.columns)
    spent = figures.loc[figures["figure"] == "执行数", "value"].tolist()
    assert spent == ["1288.68"]
    checks = next(t for t in tables if "check" in t.columns)
    row = checks.loc[checks["check"] == "spent = basic + project"].iloc[0]
    assert (row["stated"], row["computed"]) == ("1288.68", "1288.69")
    assert row["agrees"].startswith("✅")
    assert any("All budget checks agree" in s.value for s in app.success)
    assert any("（一）部门概况" in e.label for e in app.expander)  # passages grouped by section


def test_a_failing_budget_check_is_shown_as_an_error() -> None:
    def script() -> None:
        from extract.records import BudgetCheck, BudgetSummary, Document
        from ui.web.widgets import budget_ui

        budget_ui(Document(id="x", text="", budget=BudgetSummary(
            spent=100.0, basic_spending=60.0, project_spending=30.0,
            checks=[BudgetCheck("spent = basic + project", 100.0, 90.0, 10.0, False)])))

    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    assert any("Check fails" in e.value and "90" in e.value for e in at.error)
    assert not at.success


def test_missing_index_shows_the_build_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIXIAO_DATA", str(tmp_path / "empty"))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["q"] = "侨务"
    at.run()
    assert not at.exception
    assert any("jixiao ingest" in w.value for w in at.warning)
    at.sidebar.radio(key="view").set_value("reports").run()
    assert not at.exception
    assert any("jixiao ingest" in w.value for w in at.warning)
    assert not (tmp_path / "empty").exists()  # looking must not create a store


INJECTED = "[点此领取补贴](http://example.invalid/x) ![x](http://example.invalid/i.png) <b>粗</b> :red[红]"


def live_markup(source: str) -> bool:
    """True when Markdown source would render a link, an image, HTML or a colour directive."""
    return any(mark in source for mark in ("](", "<b>", ":red[", "http://"))


def test_injected_query_and_document_text_render_as_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from index.ingest import jsonl_sources

    record = {"id": "inj", "text": f"{INJECTED}绩效自评报告\n一、{INJECTED}\n侨务工作{INJECTED}。",
              "department": INJECTED}
    ingest(jsonl_sources([json.dumps(record, ensure_ascii=False)], "inj"), tmp_path)
    monkeypatch.setenv("JIXIAO_DATA", str(tmp_path))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.query_params["q"] = INJECTED
    at.run()
    assert not at.exception
    shown = [e.value for e in (*at.info, *at.warning, *at.caption)] + [m.value for m in at.markdown]
    assert any("点此领取补贴" in s for s in shown)
    assert not any(live_markup(s) for s in shown if not s.startswith("<div class='jixiao-"))
    at.sidebar.radio(key="view").set_value("reports").run()
    assert not at.exception
    labels = [e.label for e in at.expander] + [s.value for s in at.subheader]
    assert labels and not any(live_markup(label) for label in labels)
    cells = [str(v) for t in at.table for v in t.value.to_numpy().ravel()]
    assert any("点此领取补贴" in c for c in cells) and not any(live_markup(c) for c in cells)
    passages = [m.value for m in at.markdown if m.value.startswith("<div class='jixiao-passage'>")]
    assert passages and not any("<b>" in p or "\n\n" in p for p in passages)
