"""The app's charts (Altair, drawn by ``st.altair_chart``): built from plain rows, no widgets."""

from __future__ import annotations

import altair as alt
import pandas as pd

from index.search.thesaurus import department_short_name
from ui.web.format import shorten

LABEL_CHARS = 22  # a department on an axis, its known full forms written short
LABEL_PIXELS = 320  # Vega cuts axis labels longer than this


def department_label(name: str | None) -> str:
    """A department as an axis label: short forms (统战部, 政协), the local part kept."""
    short = department_short_name(name or "未注明").removeprefix("中国人民").removeprefix("中共")
    return shorten(short, LABEL_CHARS)


def report_label(row: dict) -> str:
    """A short name for a report on an axis: year and department."""
    return f"{row.get('year') or '?'} {department_label(row.get('department') or row.get('id'))}"




@alt.theme.register("jixiao", enable=True)
def chinese_charts() -> alt.theme.ThemeConfig:
    """Every chart of the app without the ARIA texts Vega writes itself, which are English
    ("Vega visualization titled …, X-axis …"): the charts' titles and axes are Chinese already."""
    return {"config": {"aria": False}}


def _axis() -> alt.Axis:
    return alt.Axis(labelLimit=LABEL_PIXELS, title=None)


def count_chart(rows: list[dict], field: str, title: str) -> alt.Chart:
    """Reports counted by ``field`` (year, department, genre) as horizontal bars."""
    label = department_label if field == "department" else (lambda v: str(v or "未注明"))
    frame = pd.DataFrame({title: [label(r.get(field)) for r in rows]})
    counts = frame.value_counts().reset_index(name="报告数")
    return alt.Chart(counts, title=f"按{title}的报告数").mark_bar().encode(
        y=alt.Y(f"{title}:N", sort="ascending" if field == "year" else "-x", axis=_axis()),
        x=alt.X("报告数:Q", axis=alt.Axis(tickMinStep=1)),
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
        y=alt.Y("报告:N", axis=_axis()), yOffset="项目:N", x=alt.X("万元:Q"),
        color=alt.Color("项目:N", legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["报告:N", "项目:N", alt.Tooltip("万元:Q", format=",.2f")])


def rate_chart(rows: list[dict]) -> alt.Chart:
    """预算执行率 per report (%), with the 100% line."""
    records = [{"报告": report_label(r), "执行率（%）": r["completion_rate"]}
               for r in rows if r.get("completion_rate") is not None]
    frame = pd.DataFrame(records, columns=["报告", "执行率（%）"])
    x = alt.X("执行率（%）:Q", scale=alt.Scale(domain=[0, 110]))
    bars = alt.Chart(frame, title="预算执行率（%）").mark_bar().encode(
        y=alt.Y("报告:N", axis=_axis()), x=x, tooltip=["报告:N", alt.Tooltip("执行率（%）:Q", format=".2f")])
    rule = alt.Chart(pd.DataFrame({"执行率（%）": [100]})).mark_rule(strokeDash=[4, 3]).encode(x=x)
    return bars + rule


def compare_chart(rows: list[dict], indicator: str, unit: str) -> alt.Chart:
    """One indicator across departments (bars) and years (colours); several values of one
    department and year are averaged (the tooltip says how many)."""
    frame = pd.DataFrame(rows, columns=["部门", "年份", "数值"])
    frame["部门"] = frame["部门"].map(department_label)
    frame["年份"] = frame["年份"].astype(str)
    return alt.Chart(frame, title=f"{indicator}（{unit}）" if unit else indicator).mark_bar().encode(
        y=alt.Y("部门:N", axis=_axis()), yOffset="年份:N", x=alt.X("mean(数值):Q", title=unit or "数值"),
        color=alt.Color("年份:N", legend=alt.Legend(orient="bottom")),
        tooltip=["部门:N", "年份:N", alt.Tooltip("mean(数值):Q", title="平均"),
                 alt.Tooltip("count():Q", title="个数")])
