"""The app's charts (Altair, drawn by ``st.altair_chart``): built from plain rows, no widgets."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ui.web.format import shorten

LABEL_CHARS = 16  # a report or department on an axis: the start of its name


def report_label(row: dict) -> str:
    """A short name for a report on an axis: year and the start of its department."""
    return f"{row.get('year') or '?'} {shorten(row.get('department') or row.get('id'), LABEL_CHARS)}"


def count_chart(rows: list[dict], field: str, title: str) -> alt.Chart:
    """Reports counted by ``field`` (year, department, genre) as horizontal bars."""
    frame = pd.DataFrame({title: [shorten(str(r.get(field) or "未注明"), 24) for r in rows]})
    counts = frame.value_counts().reset_index(name="报告数")
    return alt.Chart(counts, title=f"按{title}的报告数").mark_bar().encode(
        y=alt.Y(f"{title}:N", sort="-x", title=None), x=alt.X("报告数:Q", axis=alt.Axis(tickMinStep=1)),
        tooltip=[f"{title}:N", "报告数:Q"])


def budget_chart(rows: list[dict]) -> alt.Chart:
    """Budget (adjusted, else initial) against spending per report, in 万元, as paired bars."""
    records = []
    for r in rows:
        budget = r.get("adjusted_budget") or r.get("initial_budget")
        for name, value in (("预算数", budget), ("执行数", r.get("spent"))):
            if value is not None:
                records.append({"报告": report_label(r), "项目": name, "万元": value})
    return alt.Chart(pd.DataFrame(records, columns=["报告", "项目", "万元"]),
                     title="预算数与执行数（万元）").mark_bar().encode(
        y=alt.Y("报告:N", title=None), yOffset="项目:N", x=alt.X("万元:Q"),
        color=alt.Color("项目:N", legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["报告:N", "项目:N", alt.Tooltip("万元:Q", format=",.2f")])


def rate_chart(rows: list[dict]) -> alt.Chart:
    """预算执行率 per report (%), with the 100% line."""
    records = [{"报告": report_label(r), "执行率（%）": r["completion_rate"]}
               for r in rows if r.get("completion_rate") is not None]
    frame = pd.DataFrame(records, columns=["报告", "执行率（%）"])
    bars = alt.Chart(frame, title="预算执行率（%）").mark_bar().encode(
        y=alt.Y("报告:N", title=None), x=alt.X("执行率（%）:Q", scale=alt.Scale(domain=[0, 110])),
        tooltip=["报告:N", alt.Tooltip("执行率（%）:Q", format=".2f")])
    rule = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(strokeDash=[4, 3]).encode(x="x:Q")
    return bars + rule


def compare_chart(rows: list[dict], indicator: str, unit: str) -> alt.Chart:
    """One indicator across departments (bars) and years (colours)."""
    frame = pd.DataFrame(rows, columns=["部门", "年份", "数值"])
    frame["部门"] = frame["部门"].map(lambda d: shorten(d, LABEL_CHARS))
    frame["年份"] = frame["年份"].astype(str)
    return alt.Chart(frame, title=f"{indicator}（{unit}）" if unit else indicator).mark_bar().encode(
        y=alt.Y("部门:N", title=None), yOffset="年份:N", x=alt.X("数值:Q", title=unit or "数值"),
        color=alt.Color("年份:N", legend=alt.Legend(orient="bottom")),
        tooltip=["部门:N", "年份:N", "数值:Q"])
