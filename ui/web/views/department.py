"""The department view (``?view=department&dept=NAME-OR-ID``): one department across its names and
years — its reports by year (each opening the report), its budget and 执行率 over the years, and its
indicators over the years (a metric's canonical ``indicator`` where the store has one, else ``what``)."""

from __future__ import annotations

import html
import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import altair as alt
import pandas as pd
import streamlit as st

from extract.errors import StoreError
from index.corpus import Corpus, Department
from ui.web.cache import Version, budgets, data_version
from ui.web.format import as_text, html_text, number, shorten
from ui.web.names import NO_REPORTS
from ui.web.state import sync_url

NOT_FOUND = "没有找到这个部门：请从下面的列表中选择。"


@st.cache_data(show_spinner=False, max_entries=64)
def department_of(data: str, version: Version, wanted: str) -> Department | None:
    """The department a name or id stands for (``Corpus.department``)."""
    return Corpus(Path(data)).department(wanted)


@st.cache_data(show_spinner=False, max_entries=16)
def all_departments(data: str, version: Version) -> list[Department]:
    """Every department with a stored report."""
    return Corpus(Path(data)).department_list()


@st.cache_data(show_spinner=False, max_entries=64)
def indicator_rows(data: str, version: Version, doc_ids: tuple[str, ...]) -> list[dict[str, Any]]:
    """The metrics of these reports with their year: indicator (canonical where stored, else what),
    value, unit and role."""
    return Corpus(Path(data)).department_metrics(doc_ids)


def department_choice_ui(found: list[Department], current: Department | None) -> Department | None:
    """A choice among all departments (shown when the URL names none, or one not stored)."""
    ids = [d.id for d in found]
    names = {d.id: f"{d.name}（{d.region or '地区未注明'}）" for d in found}
    chosen = st.selectbox("部门", ids, index=ids.index(current.id) if current and current.id in ids else 0,
                          format_func=names.get, key="dept_page")
    return next((d for d in found if d.id == chosen), None)


def region_links(levels: dict[str, str], dept_id: str) -> list[tuple[str, str]]:
    """The breadcrumb of a department's region, province first: each level as (name, link to the
    search of every passage of that place: a province holds all its counties), then the search
    of this department's own passages."""
    links: list[tuple[str, str]] = []
    chosen: dict[str, str] = {}
    for level in ("province", "city", "county"):
        if levels.get(level):
            chosen[level] = levels[level]
            links.append((levels[level], "?" + urlencode({"view": "search", **chosen})))
    return links + [("本部门的全部段落", "?" + urlencode({"view": "search", "dept_id": dept_id}))]


def region_breadcrumb_ui(dept: Department) -> None:
    """地区：省 › 市 › 县, each level opening the search of that place, and a link to the search of
    this department's passages (by its id)."""
    links = region_links(dept.levels, dept.id)
    places = " › ".join(f"<a href='{html.escape(url)}' target='_self'>{html_text(name)}</a>"
                        for name, url in links[:-1]) or "未注明"
    name, url = links[-1]
    st.markdown(f"<div class='jixiao-meta'>地区：{places} · <a href='{html.escape(url)}' target='_self'>"
                f"{html_text(name)}</a></div>", unsafe_allow_html=True)


def reports_ui(dept: Department) -> None:
    """The department's reports by year, each row opening the report."""
    st.subheader(f"报告（{len(dept.reports)}）")
    rows = [{"年度": str(r["year"] or "未注明"), "标题": shorten(r["title"] or "", 80), "文种": r["genre"] or "",
             "报告中的部门名称": r["department"] or "", "打开": "?" + urlencode({"view": "report", "doc": r["id"]})}
            for r in dept.reports]
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"打开": st.column_config.LinkColumn("打开", display_text="查看报告")})


def budget_trend_ui(rows: list[dict]) -> None:
    """Budget, spending and 执行率 by year, as a table and a line."""
    st.subheader("预算与执行率")
    stated = [r for r in rows if any(r.get(k) is not None for k in ("adjusted_budget", "initial_budget", "spent"))]
    if not stated:
        st.caption("这个部门的报告没有写出预算汇总数字。")
        return
    table = [{"年度": str(r["year"] or "未注明"), "年初预算数（万元）": number(r.get("initial_budget")),
              "调整后预算数（万元）": number(r.get("adjusted_budget")), "执行数（万元）": number(r.get("spent")),
              "执行率（%）": number(r.get("completion_rate"))} for r in stated]
    st.dataframe(table, hide_index=True, width="stretch")
    rates = pd.DataFrame([{"年度": str(r["year"]), "执行率（%）": r["completion_rate"]} for r in stated
                          if r.get("completion_rate") is not None and r.get("year")], columns=["年度", "执行率（%）"])
    if len(rates) > 1:
        st.altair_chart(alt.Chart(rates, title="预算执行率（%）").mark_line(point=True).encode(
            x=alt.X("年度:O", title=None), y=alt.Y("执行率（%）:Q"), tooltip=["年度:O", "执行率（%）:Q"]),
            width="stretch")


def indicators_ui(rows: list[dict[str, Any]]) -> None:
    """Each indicator's values by year (indicator × year)."""
    st.subheader("指标历年对比")
    if not rows:
        st.caption("这个部门的报告没有找到指标。")
        return
    cells: dict[str, dict[str, str]] = {}
    for r in rows:
        year = str(r["year"] or "未注明")
        cells.setdefault(r["indicator"], {}).setdefault(year, f"{r['value']}{r['unit'] or ''}")
    years = sorted({y for by_year in cells.values() for y in by_year})
    several = {k: v for k, v in cells.items() if len(v) > 1}
    shown = several or cells
    st.caption("两个年度以上都有的指标。" if several else "还没有两个年度都有的指标：列出各年的指标。")
    st.dataframe([{"指标": shorten(k, 40), **{y: v.get(y, "") for y in years}} for k, v in shown.items()],
                 hide_index=True, width="stretch")


def department_page(data: Path) -> None:
    """The department view."""
    version = data_version(data)
    try:
        found = all_departments(str(data), version)
    except (StoreError, sqlite3.Error):
        found = []
    if not found:
        st.info(NO_REPORTS)
        return
    wanted = st.query_params.get("dept") or ""
    dept = department_of(str(data), version, wanted) if wanted else None
    if wanted and dept is None:
        st.warning(NOT_FOUND)
    dept = department_choice_ui(found, dept)
    if dept is None:
        return
    sync_url({"view": "department", "dept": dept.id})
    st.header(as_text(dept.name))
    region_breadcrumb_ui(dept)
    aliases = [n for n in dept.names if n != dept.name]
    st.caption(as_text(f"部门编号：{dept.id}" + (f" · 也写作：{'、'.join(aliases)}" if aliases else "")))
    reports_ui(dept)
    ids = {r["id"] for r in dept.reports}
    budget_trend_ui([r for r in budgets(str(data), version) if r["id"] in ids])
    indicators_ui(indicator_rows(str(data), version, tuple(sorted(ids))))
