"""The app's widgets: each ``*_ui`` function draws one part and returns plain values."""

from __future__ import annotations

from functools import partial
from typing import Any

import streamlit as st

from extract.areas.definitions import AREAS
from extract.records import BUDGET_FIELDS, ENTITY_LABELS, Document
from index.search.service import SORTS, Filters, SearchResult
from ui.web.downloads import EXPORT_LIMIT, export_hits
from ui.web.format import area_chips, entity_rows, literal, metric_rows, number, section_groups
from ui.web.state import ANY, SearchState, turn_page

SORT_NAMES = {"relevance": "相关度 relevance", "year": "年份 year (newest)",
              "amount": "金额 amount (largest)"}
LABEL_NAMES = {"MONEY": "金额 MONEY", "PERCENT": "比例 PERCENT", "COUNT": "数量 COUNT",
               "DATE": "日期 DATE"}
VIEWS = {"search": "搜索 Search", "reports": "报告 Reports"}
ALL = "全部 All"


def view_ui() -> str:
    """The sidebar's choice between the Search and the Reports view."""
    if "view" not in st.session_state:
        st.session_state["view"] = "reports" if st.query_params.get("view") == "reports" else "search"
    return st.sidebar.radio("视图 View", list(VIEWS), format_func=VIEWS.get, key="view")


def query_ui() -> tuple[str, str | None]:
    """The query box (the first text input of the page) and, beside it, the department filter."""
    query_col, dept_col = st.columns([3, 1])
    query = query_col.text_input(
        "搜索 Search", key="q", placeholder="侨务   统战 OR 侨联   \"营商环境\"   -疫情",
        help='Words must all occur (AND); OR between words; "quotes" for a phrase; '
             "-word to exclude. Related words are searched too, ranked below literal matches.")
    dept = dept_col.text_input("部门 Department", key="dept", placeholder="统战部",
                               help="Whole words of a department's name, e.g. 统战部 or 荔湾区 (not 荔湾).")
    return query.strip(), dept.strip() or None


def _counted(counts: dict[str, int], names: dict[str, str] | None = None):
    """A label maker for filter choices: the name with its number of matching passages."""
    def label(value: Any) -> str:
        if value == ANY:
            return ALL
        name = (names or {}).get(value, str(value))
        if not counts:  # no counts to show (no index, or a query that cannot be read)
            return name
        return f"{name} ({counts.get(str(value), 0)})"
    return label


def chosen_filters(dept: str | None) -> Filters:
    """The filters as the sidebar's widgets hold them now (before they are drawn again)."""
    state = st.session_state
    year = state.get("year", ANY)
    return Filters(area=state.get("area") or None, year=None if year == ANY else year, dept=dept,
                   label=state.get("label") or None, min_yuan=state.get("min_yuan"),
                   max_yuan=state.get("max_yuan"))


def filters_ui(facets: dict[str, dict[str, int]], dept: str | None) -> tuple[Filters, str, bool]:
    """The sidebar filters, each choice with how many passages of the query it keeps.

    Choices are radios, not select boxes: a select box is an ``<input type=text>`` too, and the
    sidebar comes first in the page, so the query would no longer be the first text input.
    """
    side = st.sidebar
    side.subheader("筛选 Filters")
    side.caption("(n) = 选择后的匹配段落数 passages this choice keeps (other filters kept)")
    state = st.session_state

    side.radio("工作领域 Work area", [ANY, *AREAS], key="area",
               format_func=_counted(facets.get("areas", {}), AREAS))
    year_counts = facets.get("year", {})
    years = sorted({int(y) for y in year_counts}
                   | ({state["year"]} if state.get("year") != ANY else set()), reverse=True)
    side.radio("年份 Year", [ANY, *years], key="year", horizontal=True,
               format_func=_counted(year_counts))
    side.radio("数据类型 Entity label", [ANY, *ENTITY_LABELS], key="label",
               format_func=_counted(facets.get("labels", {}), LABEL_NAMES))
    low_col, high_col = side.columns(2)
    low_col.number_input("最低金额 min 元", min_value=0.0, value=None, step=10000.0,
                         format="%.2f", key="min_yuan")
    high_col.number_input("最高金额 max 元", min_value=0.0, value=None, step=10000.0,
                          format="%.2f", key="max_yuan")
    sort = side.radio("排序 Sort", list(SORTS), key="sort", format_func=SORT_NAMES.get)
    use_thesaurus = side.checkbox("近义词扩展 Related words", key="thesaurus")
    dept_counts = facets.get("department", {})
    if dept_counts:
        side.caption("部门 Departments (filter by typing part of a name beside the query)")
        side.table([{"department": d, "passages": n} for d, n in dept_counts.items()])
    return chosen_filters(dept), sort, use_thesaurus


def pager_ui(result: SearchResult, where: str) -> None:
    """Previous / next buttons and where we are."""
    last = max(1, -(-result.total // result.page_size))
    prev_col, info_col, next_col = st.columns([1, 2, 1])
    prev_col.button("← 上一页 Previous", key=f"prev_{where}", on_click=turn_page, args=(-1,),
                    disabled=result.page <= 1, width="stretch")
    info_col.markdown(f"<div style='text-align:center'>第 {result.page} / {last} 页 · page "
                      f"{result.page} of {last}</div>", unsafe_allow_html=True)
    next_col.button("下一页 Next →", key=f"next_{where}", on_click=turn_page, args=(1,),
                    disabled=result.page >= last, width="stretch")


def hit_ui(rank: int, hit) -> None:
    """One ranked passage: where it is from, its highlighted text, areas and figures."""
    with st.container(border=True):
        st.markdown(f"<div class='jixiao-title'><b>{rank}.</b> {literal(hit.title, html_block=True)}</div>",
                    unsafe_allow_html=True)
        st.caption(literal(" · ".join(str(x) for x in (hit.year, hit.department, hit.section) if x)))
        # The highlight is escaped HTML with <mark>; a <div> with no blank line in it (see
        # format.literal) keeps Markdown from reading it.
        st.markdown(f"<div class='jixiao-hit'>{hit.highlight.replace(chr(10), '<br>')}</div>",
                    unsafe_allow_html=True)
        if hit.areas:
            st.markdown(area_chips(hit.areas))
        if hit.entities:
            st.table(entity_rows(hit.entities))


def downloads_ui(data: str, version: int, wanted: SearchState, total: int) -> None:
    """CSV and JSON downloads of the current search's hits (made when clicked)."""
    args = (data, version, wanted.query, wanted.filters, wanted.sort, wanted.use_thesaurus)
    label = f"(first {EXPORT_LIMIT})" if total > EXPORT_LIMIT else f"({total})"
    csv_col, json_col, _ = st.columns([1, 1, 2])
    csv_col.download_button(f"下载 CSV {label}", data=partial(export_hits, *args, "csv"),
                            file_name="jixiao_hits.csv", mime="text/csv", on_click="ignore")
    json_col.download_button(f"下载 JSON {label}", data=partial(export_hits, *args, "json"),
                             file_name="jixiao_hits.json", mime="application/json",
                             on_click="ignore")


def report_choice_ui(rows: list[dict]) -> str:
    """The table of stored reports and the choice of one (also kept in the URL as ``doc``)."""
    st.dataframe(
        [{"year": r["year"], "title": r["title"], "department": r["department"],
          "region": r["region"], "genre": r["genre"], "passages": r["passages"]} for r in rows],
        hide_index=True, width="stretch",
        column_config={"year": st.column_config.NumberColumn(format="%d", width="small"),
                       "title": st.column_config.TextColumn(width="large"),
                       "passages": st.column_config.NumberColumn(width="small")})
    ids = [r["id"] for r in rows]
    titles = {r["id"]: f"{r['year'] or '?'} · {r['title'] or r['id']}" for r in rows}
    if st.session_state.get("doc") not in ids:
        wanted = st.query_params.get("doc")
        st.session_state["doc"] = wanted if wanted in ids else ids[0]
    return st.selectbox("报告 Report", ids, key="doc", format_func=titles.get)


def budget_ui(doc: Document) -> None:
    """The budget figures (万元, rate in %) and each check, a disagreement in red."""
    st.subheader("预算摘要 Budget summary")
    b = doc.budget
    if b.is_empty():
        st.info("这份报告没有写明预算数字。This report states no budget figures.")
        return
    st.table([{"figure": name, "value": number(getattr(b, key)),
               "unit": "%" if key == "completion_rate" else "万元"}
              for key, name in BUDGET_FIELDS.items() if getattr(b, key) is not None])
    if not b.checks:
        st.caption("数字不足以核对。Too few figures to cross-check.")
        return
    st.table([{"check": c.name, "stated": number(c.stated), "computed": number(c.computed),
               "difference": number(c.difference), "agrees": "✅ yes" if c.agrees else "❌ NO"}
              for c in b.checks])
    wrong = [c for c in b.checks if not c.agrees]
    for c in wrong:
        st.error(f"核对不一致 Check fails: {c.name} — stated {number(c.stated)}, "
                 f"computed {number(c.computed)} (difference {number(c.difference)}).")
    if not wrong:
        st.success("所有核对一致 All budget checks agree.")


def passages_ui(doc: Document) -> None:
    """The passages, grouped by section, each with its areas and figures."""
    st.subheader(f"段落 Passages ({len(doc.passages)})")
    for path, passages in section_groups(doc.passages):
        with st.expander(f"{literal(path)} ({len(passages)})", expanded=False):
            for p in passages:
                st.markdown(f"<div class='jixiao-passage'>{literal(p.text, html_block=True)}</div>",
                            unsafe_allow_html=True)
                if p.areas:
                    st.markdown(area_chips(p.areas))
                if p.entities:
                    st.table(entity_rows(p.entities))
                if p.metrics:
                    st.caption("指标 Metrics")
                    st.table(metric_rows(p.metrics))
                st.divider()
