"""The compare view: one canonical indicator (``?view=compare&indicator=预算执行率``), or one of its
sub-kinds (``&kind=重点`` of 提案数), across departments and years, from the catalogue
(``extract/figures/data/indicators.tsv``): bars with their labels, a department × year pivot to
download, a trend line, and every value with a link to its passage; outliers and values of reports
whose budget checks disagree are marked."""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from extract.figures.units import YUAN_FACTOR, YUAN_PER_WAN
from extract.records import BUDGET_FIELDS
from ui.web.cache import budgets, data_version, department_names, indicator_kinds, indicator_values, indicators
from ui.web.charts import indicator_chart, trend_chart
from ui.web.names import NO_REPORTS, label_name, role_name
from ui.web.state import URL_MOVED, department_url, search_params, sync_url, view_url

DEFAULT_INDICATOR = BUDGET_FIELDS["completion_rate"]
ALL_KINDS = "全部"
"""The sub-kind choice that shows the indicator as a whole (a report's figure of the whole first)."""
CHART_ROLES = ("actual", "rate", "total", None, "target")
"""Which of a report's values the chart and the pivot show, first found first: the actual figure
before the target, as a table states both."""
OUTLIER = "离群值"
CHECK_FAILED = "核对不符"
_CHECKED_FIELDS = {"completion_rate": "completion_rate", "spent": "spent", "adjusted_budget": "budget",
                   "initial_budget": "budget", "basic_spending": "basic", "project_spending": "project"}
"""The budget field an indicator is, and the word its checks name it by."""


def _number(value: str) -> float | None:
    try:
        return float(str(value).split("/")[0])
    except ValueError:
        return None


def _in_unit(value: float, unit: str | None, label: str) -> tuple[float, str]:
    """Money in 万元 whatever unit it was written in; other figures as written."""
    if label == "MONEY" and unit in YUAN_FACTOR:
        return value * YUAN_FACTOR[unit] / YUAN_PER_WAN, "万元"
    return value, unit or ""


def failed_checks(budget_rows: list[dict], indicator: str) -> set[str]:
    """The reports whose budget checks that involve ``indicator`` disagree."""
    key = next((k for k, name in BUDGET_FIELDS.items() if name == indicator), None)
    word = _CHECKED_FIELDS.get(key or "")
    if word is None:
        return set()
    return {r["id"] for r in budget_rows for c in r.get("checks", [])
            if not c.get("agrees", True) and word in c.get("name", "")}


def outliers(values: list[float]) -> set[int]:
    """Indexes of values outside 1.5 interquartile ranges of the quartiles (four values or more)."""
    if len(values) < 4:
        return set()
    q1, _, q3 = statistics.quantiles(values, n=4)
    low, high = q1 - 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1)
    return {i for i, v in enumerate(values) if v < low or v > high}


def value_rows(values: list[dict], failed: set[str], names: dict[str, str] | None = None) -> list[dict]:
    """One row per stored value (its report, role, value in the indicator's unit, link), the unit
    most values have; values in other units are left out, outliers and failed checks marked. A
    department is named by the canonical name of its id (``names``: one department across its
    names and years is one row), and links to its page."""
    rows = []
    names = names or {}
    for v in values:
        number = _number(v["value"])
        if number is None:
            continue
        number, unit = _in_unit(number, v["unit"], v["label"])
        dept_id = v.get("department_id") or ""
        rows.append({"部门": names.get(dept_id) or dept_id or v["department"] or v["doc_id"],
                     "部门页": department_url(dept_id), "年份": v["year"],
                     "数值": round(number, 4), "单位": unit, "角色": role_name(v["role"]),
                     "细类": v.get("indicator_kind") or "",
                     "类型": label_name(v["label"]), "原文写法": v["what"] or "",
                     "报告": v["title"] or v["doc_id"], "标记": "",
                     "段落": view_url("report", doc=v["doc_id"], passage=v["passage_id"]),
                     "_doc": v["doc_id"], "_role": v["role"]})
    units = Counter(r["单位"] for r in rows)
    unit = units.most_common(1)[0][0] if units else ""
    rows = [r for r in rows if r["单位"] == unit]
    far = outliers([r["数值"] for r in rows])
    for i, r in enumerate(rows):
        marks = ([OUTLIER] if i in far else []) + ([CHECK_FAILED] if r["_doc"] in failed else [])
        r["标记"] = "、".join(marks)
    return rows


def chart_rows(rows: list[dict]) -> list[dict]:
    """One value per report: its actual figure, else rate, total, unnamed, target (``CHART_ROLES``)."""
    chosen: dict[str, dict] = {}
    rank = {role: i for i, role in enumerate(CHART_ROLES)}
    for r in rows:
        held = chosen.get(r["_doc"])
        if held is None or rank.get(r["_role"], len(rank)) < rank.get(held["_role"], len(rank)):
            chosen[r["_doc"]] = r
    return sorted(chosen.values(), key=lambda r: (str(r["部门"]), r["年份"] or 0))


def pivot(rows: list[dict]) -> tuple[list[str], list[dict]]:
    """Departments × years of the charted values: the years, and one row per department."""
    years = sorted({str(r["年份"] or "未注明") for r in rows})
    table: dict[str, dict] = {}
    for r in rows:
        line = table.setdefault(str(r["部门"]), {"部门": str(r["部门"])})
        line[str(r["年份"] or "未注明")] = r["数值"]
    return years, [table[name] for name in sorted(table)]


def pivot_csv(years: list[str], table: list[dict]) -> bytes:
    """The pivot as CSV (UTF-8 with BOM, as spreadsheets open it)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=["部门", *years])
    writer.writeheader()
    writer.writerows(table)
    return out.getvalue().encode("utf-8-sig")


def _url_choice(label: str, key: str, param: str, options: list[str], default: str,
                counts: dict[str, int]) -> str:
    """A choice among ``options``, seeded from the URL (``param``) when the session holds no valid
    one or the URL moved, else ``default``; an option with a count shows how many reports state it."""
    if st.session_state.get(key) not in options or st.session_state.get(URL_MOVED, False):
        wanted = st.query_params.get(param)
        st.session_state[key] = wanted if wanted in options else default
    return st.selectbox(label, options, key=key,
                        format_func=lambda o: f"{o}（{counts[o]} 份报告）" if o in counts else o)


def _indicator_ui(names: list[tuple[str, int]]) -> str:
    """The indicator chosen, seeded from the URL (``indicator``), default 预算执行率."""
    options = [name for name, _ in names]
    default = DEFAULT_INDICATOR if DEFAULT_INDICATOR in options else options[0]
    return _url_choice("指标", "indicator", "indicator", options, default, dict(names))


def _kind_ui(kinds: list[tuple[str, int]]) -> str | None:
    """The sub-kind chosen (None: the indicator as a whole), seeded from the URL (``kind``); no
    choice when the indicator has no sub-kind stored."""
    if not kinds:
        return None
    options = [ALL_KINDS, *(kind for kind, _ in kinds)]
    chosen = _url_choice("细类", "indicator_kind", "kind", options, ALL_KINDS, dict(kinds))
    return None if chosen == ALL_KINDS else chosen


def compare_page(data: Path) -> None:
    """Pick an indicator; see it across departments and years."""
    version = data_version(data)
    try:
        names = indicators(str(data), version)
    except StoreError:
        st.info(NO_REPORTS)
        return
    if not names:
        st.info("还没有报告写明目录中的指标。")
        return
    indicator = _indicator_ui(names)
    kinds = indicator_kinds(str(data), version, indicator)
    kind = _kind_ui(kinds)
    sync_url({**search_params(), "view": "compare", "indicator": indicator, **({"kind": kind} if kind else {})})
    rows = value_rows(indicator_values(str(data), version, indicator, kind),
                      failed_checks(budgets(str(data), version), indicator), department_names(str(data), version))
    if not rows:
        whole_missing = kind is None and kinds  # only its sub-kinds are stated (重点提案, no 提案 total)
        st.info("没有报告写明这个指标的总数，请在「细类」中选一类。" if whole_missing else "没有报告写明这个指标。")
        return
    unit, named = rows[0]["单位"], f"{indicator}（{kind}）" if kind else indicator
    shown = chart_rows(rows)
    st.altair_chart(indicator_chart(shown, named, unit), width="stretch")
    if len({r["年份"] for r in shown}) > 1:
        st.altair_chart(trend_chart(shown, named, unit), width="stretch")
    years, table = pivot(shown)
    st.subheader("部门 × 年份")
    st.dataframe(table, hide_index=True, width="stretch")
    st.download_button("下载透视表（CSV，可用 Excel 打开）", pivot_csv(years, table),
                       file_name=f"{named}_部门年份.csv", mime="text/csv", on_click="ignore")
    st.subheader("每个数值及其出处")
    st.dataframe([{k: v for k, v in r.items() if not k.startswith("_")} for r in rows], hide_index=True,
                 width="stretch", column_config={
                     "年份": st.column_config.NumberColumn(format="%d"),
                     "部门页": st.column_config.LinkColumn("部门页", display_text="历年报告"),
                     "段落": st.column_config.LinkColumn("段落", display_text="查看原文")})
