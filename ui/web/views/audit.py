"""The audit view: how many reports state enough to be checked (and what the others lack), every
check that disagrees, and every check made: rates (执行数 ÷ 预算数), sums of parts (基本支出 + 项目支出
= 执行数) and tables' 合计 rows against their items. The checks are made at extraction
(``extract/figures/budget.py``, ``table_sums.py``); this view only shows them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from extract.figures.budget import missing_for_checks
from extract.records import BUDGET_FIELDS, BudgetCheck, BudgetSummary
from ui.web.cache import budgets, data_version
from ui.web.format import number, report_title, shorten
from ui.web.names import check_name
from ui.web.state import department_url, search_params, sync_url, view_url

LINK = st.column_config.LinkColumn("打开", display_text="查看报告")
DEPARTMENT_LINK = st.column_config.LinkColumn("部门页", display_text="历年报告")
YEAR = st.column_config.NumberColumn(format="%d")


def summary_of(row: dict) -> BudgetSummary:
    """A ``Store.budgets`` row as the budget summary it was stored from."""
    return BudgetSummary(**{k: row.get(k) for k in BUDGET_FIELDS},
                         checks=[BudgetCheck(**c) for c in row.get("checks") or []])


def why_unchecked(row: dict) -> str:
    """What a report without any check lacks, in Chinese."""
    summary = summary_of(row)
    if summary.is_empty():
        return "没有写明预算数字"
    lacking = {f for fields in missing_for_checks(summary).values() for f in fields}
    names = [name for key, name in BUDGET_FIELDS.items() if key in lacking]
    return "缺少" + "、".join(names) if names else "预算数为 0，无法计算执行率"


def check_rows(rows: list[dict], failing_only: bool) -> list[dict]:
    """One row per check (only the disagreeing ones when ``failing_only``)."""
    return [{"报告": shorten(report_title(r), 40), "部门": r["department"] or "",
             "部门页": department_url(r.get("department_id")), "年度": r["year"], "核对": check_name(c["name"]),
             "报告所写": number(c["stated"]), "计算所得": number(c["computed"]),
             "差额": number(c["difference"]), "结果": "一致" if c["agrees"] else "不一致",
             "打开": view_url("report", doc=r["id"])}
            for r in rows for c in r["checks"] if not (failing_only and c["agrees"])]


def audit_page(data: Path) -> None:
    """The failing checks of every report, how many reports could be checked, and why not the others."""
    sync_url({**search_params(), "view": "audit"})
    try:
        rows = budgets(str(data), data_version(data))
    except StoreError:
        rows = []
    checked = [r for r in rows if r["checks"]]
    unchecked = [r for r in rows if not r["checks"]]
    failing = check_rows(checked, failing_only=True)
    st.markdown(f"共 {len(rows)} 份报告，其中 **{len(checked)}** 份写明的数字足以核对"
                f"（{sum(len(r['checks']) for r in checked)} 项核对：执行率、基本支出与项目支出之和、表格合计），"
                f"**{len({f['打开'] for f in failing})}** 份有不一致；{len(unchecked)} 份无法核对。")
    if failing:
        st.subheader("不一致的核对")
        st.dataframe(failing, hide_index=True, width="stretch",
                     column_config={"打开": LINK, "部门页": DEPARTMENT_LINK, "年度": YEAR})
    elif checked:
        st.success("所有可核对的报告，数字都一致。")
    if unchecked:
        st.subheader("无法核对的报告")
        st.caption("核对需要报告写明执行数与预算数、执行率，或基本支出与项目支出，或带合计行的表格。")
        st.dataframe([{"报告": shorten(report_title(r), 40), "部门": r["department"] or "",
                       "部门页": department_url(r.get("department_id")), "年度": r["year"], "原因": why_unchecked(r),
                       "打开": view_url("report", doc=r["id"])} for r in unchecked],
                     hide_index=True, width="stretch",
                     column_config={"打开": LINK, "部门页": DEPARTMENT_LINK, "年度": YEAR})
    if checked:
        with st.expander(f"全部核对（{sum(len(r['checks']) for r in checked)} 项）"):
            st.dataframe(check_rows(checked, failing_only=False), hide_index=True, width="stretch",
                         column_config={"打开": LINK, "部门页": DEPARTMENT_LINK, "年度": YEAR})
