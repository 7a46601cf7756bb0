"""The app's widgets: each ``*_ui`` function draws one part and returns plain values.

Document text, titles, departments, sections and queries are untrusted: they are drawn as plain
text (``st.text``, tables) or escaped before any HTML, never read as Markdown.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import partial

import streamlit as st

from extract.areas.definitions import AREAS
from extract.records import BUDGET_FIELDS, ENTITY_LABELS, Document, Metric, Passage
from index.corpus import SORTS, Filters, SearchResult, highlight
from ui.web.cache import Version
from ui.web.downloads import EXPORT_LIMIT, export_hits
from ui.web.format import (
    area_chips,
    as_text,
    blocks,
    defused,
    entity_rows,
    file_name_part,
    header_above,
    html_text,
    mark_kinds,
    metric_rows,
    number,
    region_path,
    role_table,
    row_table,
    shorten,
    snippet,
    table_cells,
)
from ui.web.names import FILTER_NAMES, LABELS, VIEWS, area_name, check_name
from ui.web.names import SORTS as SORT_NAMES
from ui.web.state import (
    ANY,
    URL_MOVED,
    YUAN_PER_WAN,
    SearchState,
    drop_all_filters,
    drop_filter,
    picked_department,
    picked_region,
    turn_page,
    typed_department,
    view_url,
)

ALL = "全部"


@dataclass
class TableRow:
    """What a table-row hit is shown with: its table's header row (None when unknown), whether the
    hit is that header itself, and its figures with their roles (``Metric.role``)."""

    header: str | None
    is_header: bool
    metrics: list[Metric]


def view_ui(current: str) -> str:
    """The sidebar's choice of view (kept in the URL as ``view``)."""
    if st.session_state.get("view") not in VIEWS or st.session_state.get(URL_MOVED, False):
        st.session_state["view"] = current
    return st.sidebar.radio("视图", list(VIEWS), format_func=VIEWS.get, key="view")


def query_ui() -> tuple[str, str]:
    """The query box (the first text input of the page) and, beside it, the department box."""
    query_col, dept_col = st.columns([3, 1])
    query = query_col.text_input(
        "搜索", key="q", placeholder="侨务   统战 OR 侨联   \"营商环境\"   -疫情",
        help="空格分隔的词都要出现（AND）；词之间写 OR 表示任一；\"引号\" 表示短语；-词语 表示排除。"
             "近义词也会检索，排在字面匹配之后。")
    dept = dept_col.text_input("部门", key="dept", placeholder="统战部、工商联、荔湾",
                               on_change=typed_department,
                               help="部门名称的一部分或常用简称，例如 工商联、统战部、政协、荔湾。")
    return query.strip(), dept.strip()


def _facet_radio(container, label: str, key: str, values: list, counts: dict[str, int] | None,
                 names=None, horizontal: bool = False, on_change=None, args: tuple = ()) -> None:
    """A facet: ``全部`` and every value, each with how many passages choosing it keeps (0 too;
    no numbers when ``counts`` is None: the search could not be counted).

    Counts go in the captions, never in the option names: a radio remembers its choice by the
    name shown, so a name that changed with the counts would lose the choice."""
    chosen = st.session_state.get(key, ANY)
    options = [ANY, *values] + ([chosen] if chosen != ANY and chosen not in values else [])

    def name(value) -> str:  # option names are read as Markdown; values come from the reports
        return ALL if value == ANY else as_text(names(value) if names else str(value))

    captions = [""] + [f"{counts.get(str(v), 0)} 段" if counts is not None else "" for v in options[1:]]
    container.radio(label, options, key=key, format_func=name, captions=captions,
                    horizontal=horizontal, on_change=on_change, args=args)


def filters_ui(facets: dict[str, dict[str, int]], corpus: list[dict], departments: dict[str, str]
               ) -> tuple[str, bool]:
    """The sidebar's filters, each choice with how many passages of the search it keeps (under
    the other filters), and the sort order and thesaurus switch; returns those two. The 部门
    choices are departments by id (``departments``: id → canonical name), one for all the names
    and years of each."""
    side = st.sidebar
    side.subheader("筛选")
    side.caption("每个选项下的数字：选择后匹配的段落数（其他筛选保持不变）。")

    def values(field: str) -> list:
        return sorted({r[field] for r in corpus if r.get(field)}, reverse=field == "year")

    def counted(facet: str) -> dict[str, int] | None:
        return facets.get(facet, {}) if facets else None

    _facet_radio(side, "工作领域", "area", list(AREAS), counted("areas"), area_name)
    _facet_radio(side, "年份", "year", values("year"), counted("year"), horizontal=True)
    _facet_radio(side, "数据类型", "label", list(ENTITY_LABELS), counted("labels"), LABELS.get,
                 horizontal=True)
    low_col, high_col = side.columns(2)
    low_col.number_input("最低金额（万元）", min_value=0.0, value=None, step=10.0, format="%.2f",
                         key="min_wan")
    high_col.number_input("最高金额（万元）", min_value=0.0, value=None, step=10.0, format="%.2f",
                          key="max_wan")
    with side.expander("部门", expanded=st.session_state.get("dept_id", ANY) != ANY):
        ids = sorted(departments, key=lambda i: (departments[i], i))
        _facet_radio(st, "部门", "dept_id", ids, counted("department_id"), lambda i: departments.get(i, i),
                     on_change=picked_department)
    with side.expander("文种", expanded=st.session_state.get("genre", ANY) != ANY):
        _facet_radio(st, "文种", "genre", values("genre"), counted("genre"))
    with side.expander("地区", expanded=any(st.session_state.get(k, ANY) != ANY for k in REGION_KEYS)):
        region_facets_ui(counted)
        _facet_radio(st, "地区", "region", values("region"), counted("region"))
    sort = side.radio("排序", list(SORTS), key="sort", format_func=SORT_NAMES.get)
    use_thesaurus = side.checkbox("近义词扩展", key="thesaurus")
    return sort, use_thesaurus


REGION_KEYS = ("province", "city", "county", "region")
"""The widgets of the 地区 box: the three levels and the region as stored."""


def region_facets_ui(counted) -> None:
    """省份 › 城市 › 区县, cascading: each level lists the places the search finds under the other
    filters (so a chosen province lists only its cities and counties), a level below shown once
    one above it is chosen; choosing a place drops the choices under it (``picked_region``)."""
    state = st.session_state
    chosen = {level: state.get(level, ANY) != ANY for level in ("province", "city", "county")}
    shown = {"province": True, "city": chosen["province"] or chosen["city"],
             "county": chosen["province"] or chosen["city"] or chosen["county"]}
    for level, label in (("province", "省份"), ("city", "城市"), ("county", "区县")):
        if shown[level]:
            counts = counted(level)
            _facet_radio(st, label, level, sorted(v for v in (counts or {}) if v), counts,
                         on_change=picked_region, args=(level,))


def filter_name(name: str, value, departments: dict[str, str] | None = None) -> str:
    """A filter as a chip says it: 年份 2022, 领域 侨务, 金额 ≥ 100 万元; a department id by the
    department's name where ``departments`` (id → name) knows it."""
    if name in ("min_yuan", "max_yuan"):
        return f"金额 {'≥' if name == 'min_yuan' else '≤'} {number(value / YUAN_PER_WAN)} 万元"
    if name == "dept_id" and value in (departments or {}):
        return f"{FILTER_NAMES['dept']} {shorten(departments[value], 24)}"
    shown = {"area": area_name, "label": LABELS.get}.get(name, str)(value)
    return f"{FILTER_NAMES[name]} {shorten(str(shown), 24)}"


def active_filters_ui(filters: Filters, departments: dict[str, str] | None = None) -> None:
    """The filters in force as chips: a click on one drops it; 「清除全部」 drops them all
    (``departments``: id → name, for a department chosen by its id)."""
    active = {k: v for k, v in filters.__dict__.items() if v is not None}
    if not active:
        return
    row = st.container(horizontal=True, gap="small")
    row.markdown("<span class='jixiao-chips'>已选筛选：</span>", unsafe_allow_html=True)
    for name, value in active.items():
        row.button(f"{as_text(filter_name(name, value, departments))} ×", key=f"chip_{name}", on_click=drop_filter,
                   args=(name,), help="去掉这个筛选条件", type="secondary")
    if len(active) > 1:
        row.button("清除全部", key="chip_all", on_click=drop_all_filters, type="tertiary")


def pager_ui(result: SearchResult) -> None:
    """Previous / next buttons and where we are."""
    last = max(1, -(-result.total // result.page_size))
    prev_col, info_col, next_col = st.columns([1, 2, 1])
    prev_col.button("← 上一页", key="prev", on_click=turn_page, args=(-1,),
                    disabled=result.page <= 1, width="stretch")
    info_col.markdown(f"<div style='text-align:center'>第 {result.page} / {last} 页</div>",
                      unsafe_allow_html=True)
    next_col.button("下一页 →", key="next", on_click=turn_page, args=(1,),
                    disabled=result.page >= last, width="stretch")


def table_hit_ui(hit, row: TableRow) -> None:
    """A table-row hit: under its table's header row (the header itself, when the hit is one, as
    its column names); a row whose header is unknown as its cells in a line, not under made-up
    column names. Its figures with the 目标值/实际值/完成率 roles of their columns."""
    if row.is_header:
        st.markdown(f"<div class='jixiao-table-head'>表头：{html_text(' ｜ '.join(table_cells(hit.text)))}</div>",
                    unsafe_allow_html=True)
    elif row.header:
        st.dataframe(row_table([hit.text], row.header), hide_index=True)
    else:
        css = "jixiao-hit" if hit.exact else "jixiao-hit jixiao-hit-related"
        st.markdown(f"<div class='{css}'>{html_text(' ｜ '.join(table_cells(hit.text)))}</div>",
                    unsafe_allow_html=True)
    if row.metrics:
        st.dataframe([{k: v for k, v in r.items() if k != "段落" and v} for r in role_table(row.metrics, "")],
                     hide_index=True)


def department_link(name: str, dept_id: str) -> str:
    """HTML of a department's name linking to its page (``?view=department&dept=ID``, the search
    kept), or the name alone when its report has no department id; '' without a name."""
    if not name:
        return ""
    if not dept_id:
        return html_text(name)
    link = view_url("department", dept=dept_id)
    return f"<a href='{html.escape(link)}' target='_self'>{html_text(name)}</a>"


def hit_ui(rank: int, hit, row: TableRow | None = None, own_words: list[str] | None = None) -> None:
    """One ranked passage: its report, a snippet around the matches (centred on a word the user
    typed; related words marked apart), the whole passage on demand, its figures in a small table
    and a link to the passage in its report. A table row is shown by ``table_hit_ui``."""
    with st.container(border=True):
        kind = "" if hit.exact else " <span class='jixiao-related'>近义</span>"
        link = view_url("report", doc=hit.doc_id, passage=hit.passage_id)
        st.markdown(f"<div class='jixiao-title'><b>{rank}.</b> {html_text(shorten(hit.title))}{kind}"
                    f" · <a href='{html.escape(link)}' target='_self'>在报告中打开 ›</a></div>",
                    unsafe_allow_html=True)
        where = [html_text(hit.year) if hit.year else "", department_link(hit.department, hit.department_id),
                 html_text(region_path(hit.region_levels)), html_text(hit.section)]
        st.markdown(f"<div class='jixiao-meta'>{' · '.join(w for w in where if w)}</div>", unsafe_allow_html=True)
        if row is not None:
            table_hit_ui(hit, row)
        else:
            # The highlight is escaped HTML with <mark>; a <div> keeps Markdown from reading it.
            css = "jixiao-hit" if hit.exact else "jixiao-hit jixiao-hit-related"
            marked = mark_kinds(hit.highlight, own_words or [])
            st.markdown(f"<div class='{css}'>{defused(snippet(marked))}</div>", unsafe_allow_html=True)
            if snippet(marked) != marked:
                with st.expander("全文"):
                    st.markdown(f"<div class='{css} jixiao-full'>{defused(marked)}</div>",
                                unsafe_allow_html=True)
        if hit.areas:
            st.markdown(area_chips(hit.areas))
        if hit.entities and (row is None or not row.metrics):
            st.dataframe(entity_rows(hit.entities), hide_index=True)


def downloads_ui(data: str, version: Version, wanted: SearchState, total: int) -> None:
    """CSV and JSON downloads of the current search's hits (made when clicked)."""
    args = (data, version, wanted.query, wanted.filters, wanted.sort, wanted.use_thesaurus)
    label = f"（前 {EXPORT_LIMIT} 条）" if total > EXPORT_LIMIT else f"（{total} 条）"
    stem = f"jixiao_hits_{file_name_part(wanted.to_params())}"
    csv_col, json_col, _ = st.columns([1, 1, 2])
    csv_col.download_button(f"下载 CSV {label}", data=partial(export_hits, *args, "csv"),
                            file_name=f"{stem}.csv", mime="text/csv", on_click="ignore")
    json_col.download_button(f"下载 JSON {label}", data=partial(export_hits, *args, "json"),
                             file_name=f"{stem}.json", mime="application/json", on_click="ignore")


def budget_ui(doc: Document) -> None:
    """The budget figures (万元, rate in %) and each check, a disagreement in red."""
    st.subheader("预算摘要")
    b = doc.budget
    if b.is_empty():
        st.info("这份报告没有写明预算数字。")
        return
    st.dataframe([{"项目": name, "数值": number(getattr(b, key)),
                   "单位": "%" if key == "completion_rate" else "万元"}
                  for key, name in BUDGET_FIELDS.items() if getattr(b, key) is not None], hide_index=True)
    if not b.checks:
        st.caption("数字不足以核对。")
        return
    st.dataframe([{"核对": check_name(c.name), "报告所写": number(c.stated), "计算所得": number(c.computed),
                   "差额": number(c.difference), "结果": "一致" if c.agrees else "不一致"}
                  for c in b.checks], hide_index=True)
    wrong = [c for c in b.checks if not c.agrees]
    for c in wrong:
        st.error(f"核对不一致：{check_name(c.name)}，报告所写 {number(c.stated)}，"
                 f"计算所得 {number(c.computed)}（差额 {number(c.difference)}）。")
    if not wrong:
        st.success("所有预算核对一致。")


def marked_text(text: str, terms: list[str]) -> str | None:
    """HTML of ``text`` with ``terms`` marked (escaped, line breaks as <br>), None when none occurs."""
    marked = highlight(text, terms) if terms else ""
    return defused(mark_kinds(marked, terms)).replace("\n", "<br>") if "<mark>" in marked else None


def paragraph_ui(text: str, terms: list[str]) -> None:
    """A paragraph as plain text, or with the query's words marked where they occur."""
    marked = marked_text(text, terms)
    if marked is None:
        st.text(text)
    else:
        st.markdown(f"<div class='jixiao-hit jixiao-passage'>{marked}</div>", unsafe_allow_html=True)


def passage_ui(passages: list[Passage], index: int, terms: list[str] | None = None) -> None:
    """One passage as plain text, the query's words marked (a table row as a table under its
    header), its areas and figures."""
    p = passages[index]
    if p.kind == "table_row":
        st.dataframe(row_table([p.text], header_above(p)), hide_index=True)
    else:
        paragraph_ui(p.text, terms or [])
    if p.areas:
        st.markdown(area_chips(p.areas))
    if p.metrics:
        st.dataframe(metric_rows(p.metrics), hide_index=True)


def section_ui(passages: list[Passage], terms: list[str] | None = None) -> None:
    """The passages of one section: paragraphs as text (the query's words marked), consecutive
    table rows as one table."""
    for kind, group in blocks(passages):
        if kind == "table":
            header = group[0].text if len(group) > 1 and group[0].is_header else None
            rows = [p.text for p in group[1:]] if header else [p.text for p in group]
            st.dataframe(row_table(rows, header), hide_index=True)
            metrics = [m for p in group for m in p.metrics]
            if metrics:
                st.dataframe(metric_rows(metrics), hide_index=True)
        else:
            passage_ui(group, 0, terms)
