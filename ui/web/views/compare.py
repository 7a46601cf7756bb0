"""The compare view: one indicator (预算执行率, a budget figure, or any metric's ``what``) across
departments and years, as a chart and a table."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from extract.records import BUDGET_FIELDS
from ui.web.cache import budgets, data_version, metric_names, metric_values
from ui.web.charts import compare_chart
from ui.web.names import NO_REPORTS, label_name, role_name
from ui.web.state import URL_MOVED, search_params, sync_url

BUDGET_PREFIX = "预算："  # an indicator of the budget summary, not a metric's what


def indicator_rows(data: str, version: int, indicator: str) -> tuple[list[dict], str]:
    """Rows of (部门, 年份, 数值, …) for ``indicator``, and its unit."""
    if indicator.startswith(BUDGET_PREFIX):
        key = next(k for k, name in BUDGET_FIELDS.items() if BUDGET_PREFIX + name == indicator)
        rows = [{"部门": r["department"] or r["id"], "年份": r["year"], "数值": r[key], "报告": r["id"]}
                for r in budgets(data, version) if r.get(key) is not None]
        return rows, "%" if key == "completion_rate" else "万元"
    values = metric_values(data, version, indicator)
    rows = []
    for v in values:
        try:
            value = float(str(v["value"]).split("/")[0])
        except ValueError:
            continue
        rows.append({"部门": v["department"] or v["doc_id"], "年份": v["year"], "数值": value,
                     "单位": v["unit"] or "", "角色": role_name(v["role"]), "类型": label_name(v["label"]),
                     "段落": (v["text"] or "").replace("\t", " ")[:60], "报告": v["doc_id"]})
    units = [r["单位"] for r in rows if r["单位"]]
    return rows, max(set(units), key=units.count) if units else ""  # the most common one


def chart_rows(rows: list[dict], unit: str) -> list[dict]:
    """The values to draw: of a report's table rows, the actual values (not targets or rates),
    and only values in the indicator's ``unit``."""
    actual = {r["报告"] for r in rows if r.get("角色") == role_name("actual")}
    return [r for r in rows if (r["报告"] not in actual or r.get("角色") == role_name("actual"))
            and r.get("单位", unit) in (unit, "")]


def compare_page(data: Path) -> None:
    """Pick an indicator; see it across departments and years."""
    version = data_version(data)
    try:
        names = metric_names(str(data), version)
    except StoreError:
        st.info(NO_REPORTS)
        return
    options = [BUDGET_PREFIX + name for name in BUDGET_FIELDS.values()] + [w for w, _ in names]
    counts = dict(names)
    if st.session_state.get("what") not in options or st.session_state.get(URL_MOVED, False):
        wanted = st.query_params.get("what")
        st.session_state["what"] = wanted if wanted in options else BUDGET_PREFIX + BUDGET_FIELDS["completion_rate"]
    indicator = st.selectbox("指标", options, key="what",
                             format_func=lambda o: f"{o}（{counts[o]} 个）" if o in counts else o)
    sync_url({**search_params(), "view": "compare", "what": indicator})
    rows, unit = indicator_rows(str(data), version, indicator)
    if not rows:
        st.info("没有报告写明这个指标。")
        return
    st.altair_chart(compare_chart(chart_rows(rows, unit), indicator.removeprefix(BUDGET_PREFIX), unit), width="stretch")
    st.dataframe(rows, hide_index=True, width="stretch",
                 column_config={"年份": st.column_config.NumberColumn(format="%d")})
