"""The report list (``?view=reports``): every stored report as a sortable, filterable table with
its department, region, year, genre, budget, 执行数, 执行率 and checks; a row opens its report."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from ui.web.cache import budgets, data_version
from ui.web.format import report_title
from ui.web.names import NO_REPORTS
from ui.web.state import ANY, department_url, seed, sync_url, view_url

ALL = "全部"
SHOWN_IDS = "_report_list_ids"  # session key: the reports of the table's rows, in its order


def checks_word(checks: list[dict]) -> str:
    """A report's checks in a word: 一致, 不一致 (how many), or 无法核对 when nothing could be checked."""
    if not checks:
        return "无法核对"
    wrong = sum(1 for c in checks if not c["agrees"])
    return f"{wrong} 项不一致" if wrong else f"{len(checks)} 项一致"


def report_rows(rows: list[dict]) -> list[dict]:
    """The list's rows, one per report (``Store.budgets`` rows): 标题 … 核对, the link 打开 and the
    link to its department's page (部门页: its reports of every year)."""
    return [{"标题": report_title(r), "部门": r.get("department") or "",
             "部门页": department_url(r.get("department_id")),
             "地区": r.get("region") or "",
             "年度": r.get("year"), "文种": r.get("genre") or "",
             "预算数（万元）": r.get("adjusted_budget") if r.get("adjusted_budget") is not None
             else r.get("initial_budget"),
             "执行数（万元）": r.get("spent"), "执行率（%）": r.get("completion_rate"),
             "核对": checks_word(r.get("checks") or []), "打开": view_url("report", doc=r["id"]), "_id": r["id"]}
            for r in rows]


def kept(rows: list[dict], find: str, year, genre: str) -> list[dict]:
    """The rows whose title, department or region holds ``find``, of ``year`` and ``genre`` (ANY: all)."""
    find = find.strip()
    return [r for r in rows
            if (not find or any(find in str(r[k]) for k in ("标题", "部门", "地区")))
            and (year == ANY or r["年度"] == year) and (genre == ANY or r["文种"] == genre)]


def list_filters_ui(rows: list[dict]) -> tuple[str, object, str]:
    """The list's filters (text, year, genre), seeded from the URL; returns their values."""
    years = sorted({r["年度"] for r in rows if r["年度"]}, reverse=True)
    genres = sorted({r["文种"] for r in rows if r["文种"]})
    year_param, genre_param = st.query_params.get("list_year", ""), st.query_params.get("list_genre", "")
    seed("rfind", lambda: st.query_params.get("find", ""))
    seed("ryear", lambda: int(year_param) if year_param.isdigit() and int(year_param) in years else ANY)
    seed("rgenre", lambda: genre_param if genre_param in genres else ANY)
    text_col, year_col, genre_col = st.columns([2, 1, 2])
    find = text_col.text_input("查找报告", key="rfind", placeholder="标题、部门或地区的一部分，例如 荔湾、统战部")
    year = year_col.selectbox("年度", [ANY, *years], key="ryear", format_func=lambda v: ALL if v == ANY else str(v))
    genre = genre_col.selectbox("文种", [ANY, *genres], key="rgenre", format_func=lambda v: ALL if v == ANY else v)
    return find, year, genre


def reports_page(data: Path) -> None:
    """Every report in a table; click a column name to sort, a row to open its report."""
    try:
        rows = report_rows(budgets(str(data), data_version(data)))
    except StoreError:
        rows = []
    if not rows:
        sync_url({"view": "reports"})
        st.info(NO_REPORTS)
        return
    find, year, genre = list_filters_ui(rows)
    sync_url({"view": "reports", **({"find": find.strip()} if find.strip() else {}),
              **({"list_year": str(year)} if year != ANY else {}), **({"list_genre": genre} if genre != ANY else {})})
    shown = kept(rows, find, year, genre)
    st.caption(f"共 {len(rows)} 份报告，显示 {len(shown)} 份。点击列名排序；点击一行（或“打开”）查看报告。")
    if not shown:
        st.info("没有符合条件的报告：请换一个查找词，或把年度、文种选为“全部”。")
        return
    st.session_state[SHOWN_IDS] = [r["_id"] for r in shown]
    st.dataframe(
        [{k: v for k, v in r.items() if k != "_id"} for r in shown], hide_index=True, width="stretch",
        key="report_list", on_select=open_chosen_report, selection_mode="single-row",
        column_config={"打开": st.column_config.LinkColumn("打开", display_text="打开报告"),
                       "部门页": st.column_config.LinkColumn("部门页", display_text="历年报告"),
                       "年度": st.column_config.NumberColumn(format="%d"),
                       "预算数（万元）": st.column_config.NumberColumn(format="%.2f"),
                       "执行数（万元）": st.column_config.NumberColumn(format="%.2f"),
                       "执行率（%）": st.column_config.NumberColumn(format="%.2f")})


def open_chosen_report() -> None:
    """Callback of a row chosen in the table: its report's view (a new history entry, so Back
    returns to the list)."""
    state = st.session_state
    picked = state["report_list"]["selection"]["rows"]
    ids = state.get(SHOWN_IDS, [])
    if picked and picked[0] < len(ids):
        state["view"] = "report"
        state["doc"] = ids[picked[0]]
