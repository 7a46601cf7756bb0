"""The app's charts (Altair, drawn by ``st.altair_chart``): built from plain rows, no widgets.

Departments are labelled by their short forms, which the caller passes as a mapping (full name →
short form, ``ui.web.cache.short_names``); a name the mapping lacks is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from ui.web.format import shorten

NO_SHORT_NAMES: Mapping[str, str] = {}

LABEL_CHARS = 22  # a department on an axis, its known full forms written short
LABEL_PIXELS = 320  # Vega cuts axis labels longer than this


def department_label(name: str | None, short: Mapping[str, str] = NO_SHORT_NAMES) -> str:
    """A department as an axis label: its short form (统战部, 政协) from ``short``, the local part kept."""
    name = name or "未注明"
    return shorten(short.get(name, name).removeprefix("中国人民").removeprefix("中共"), LABEL_CHARS)


def report_label(row: dict, short: Mapping[str, str] = NO_SHORT_NAMES) -> str:
    """A short name for a report on an axis: year and department."""
    return f"{row.get('year') or '?'} {department_label(row.get('department') or row.get('id'), short)}"




@alt.theme.register("jixiao", enable=True)
def chinese_charts() -> alt.theme.ThemeConfig:
    """Every chart of the app without the ARIA texts Vega writes itself, which are English
    ("Vega visualization titled …, X-axis …"): the charts' titles and axes are Chinese already."""
    return {"config": {"aria": False}}


def _axis() -> alt.Axis:
    return alt.Axis(labelLimit=LABEL_PIXELS, title=None)


def count_chart(rows: list[dict], field: str, title: str, short: Mapping[str, str] = NO_SHORT_NAMES) -> alt.Chart:
    """Reports counted by ``field`` (year, department, genre) as horizontal bars."""
    label = (lambda v: department_label(v, short)) if field == "department" else (lambda v: str(v or "未注明"))
    frame = pd.DataFrame({title: [label(r.get(field)) for r in rows]})
    counts = frame.value_counts().reset_index(name="报告数")
    return alt.Chart(counts, title=f"按{title}的报告数").mark_bar().encode(
        y=alt.Y(f"{title}:N", sort="ascending" if field == "year" else "-x", axis=_axis()),
        x=alt.X("报告数:Q", axis=alt.Axis(tickMinStep=1)),
        tooltip=[f"{title}:N", "报告数:Q"])


def budget_chart(rows: list[dict], short: Mapping[str, str] = NO_SHORT_NAMES) -> alt.Chart:
    """Budget (adjusted, else initial) against spending per report, in 万元, as paired bars."""
    records = []
    for r in rows:
        budget = r.get("adjusted_budget") or r.get("initial_budget")
        for name, value in (("预算数", budget), ("执行数", r.get("spent"))):
            if value is not None:
                records.append({"报告": report_label(r, short), "项目": name, "万元": value})
    return alt.Chart(pd.DataFrame(records, columns=["报告", "项目", "万元"]),
                     title="预算数与执行数（万元）").mark_bar().encode(
        y=alt.Y("报告:N", axis=_axis()), yOffset="项目:N", x=alt.X("万元:Q"),
        color=alt.Color("项目:N", legend=alt.Legend(orient="bottom", title=None)),
        tooltip=["报告:N", "项目:N", alt.Tooltip("万元:Q", format=",.2f")])


def rate_chart(rows: list[dict], short: Mapping[str, str] = NO_SHORT_NAMES) -> alt.Chart:
    """预算执行率 per report (%), with the 100% line."""
    records = [{"报告": report_label(r, short), "执行率（%）": r["completion_rate"]}
               for r in rows if r.get("completion_rate") is not None]
    frame = pd.DataFrame(records, columns=["报告", "执行率（%）"])
    x = alt.X("执行率（%）:Q", scale=alt.Scale(domain=[0, 110]))
    bars = alt.Chart(frame, title="预算执行率（%）").mark_bar().encode(
        y=alt.Y("报告:N", axis=_axis()), x=x, tooltip=["报告:N", alt.Tooltip("执行率（%）:Q", format=".2f")])
    rule = alt.Chart(pd.DataFrame({"执行率（%）": [100]})).mark_rule(strokeDash=[4, 3]).encode(x=x)
    return bars + rule


def _value_frame(rows: list[dict]) -> pd.DataFrame:
    """The compare view's rows as a frame with a short label per bar (department and year)."""
    frame = pd.DataFrame(rows, columns=["部门", "年份", "数值", "报告", "原文写法", "标记"])
    frame["年份"] = frame["年份"].map(lambda y: str(y or "未注明"))
    frame["标签"] = [f"{department_label(d)} {y}" for d, y in zip(frame["部门"], frame["年份"])]
    return frame


def indicator_chart(rows: list[dict], indicator: str, unit: str) -> alt.Chart:
    """One bar per report's value, each on its own labelled line (department and year), coloured by
    year; outliers and failed checks written at the bar's end."""
    frame = _value_frame(rows)
    y = alt.Y("标签:N", sort=list(frame["标签"]), axis=_axis())
    bars = alt.Chart(frame, title=f"{indicator}（{unit}）" if unit else indicator).mark_bar().encode(
        y=y, x=alt.X("数值:Q", title=unit or "数值"),
        color=alt.Color("年份:N", legend=alt.Legend(orient="bottom")),
        tooltip=["部门:N", "年份:N", "数值:Q", "报告:N", "原文写法:N", "标记:N"])
    marks = alt.Chart(frame).mark_text(align="left", dx=4, color="#b00020").encode(
        y=y, x="数值:Q", text="标记:N")
    return bars + marks


def trend_chart(rows: list[dict], indicator: str, unit: str) -> alt.Chart:
    """The indicator over the years: one line per department, the mean of all as a dashed line."""
    frame = _value_frame(rows)
    frame["部门"] = frame["部门"].map(department_label)
    x = alt.X("年份:O", title="年份")
    lines = alt.Chart(frame, title=f"{indicator}的年度变化").mark_line(point=True).encode(
        x=x, y=alt.Y("数值:Q", title=unit or "数值"), color=alt.Color("部门:N", legend=alt.Legend(orient="bottom")),
        tooltip=["部门:N", "年份:N", "数值:Q"])
    mean = alt.Chart(frame).mark_line(strokeDash=[4, 3], color="gray").encode(x=x, y="mean(数值):Q")
    return lines + mean
