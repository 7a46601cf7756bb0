"""The Streamlit face of jixiao: search the passages, read the reports (SPEC "Command contracts").

Run it with ``jixiao ui`` or ``streamlit run ui/app.py``; the data folder is ``$JIXIAO_DATA``
(default ``data/``). The search page's first text input is the query, and the URL holds the query
and every filter (``/?q=侨务&area=overseas_chinese&year=2022``), so a search can be shared.

The script is thin: ``*_ui`` functions draw widgets and return plain values, the work is done by
``index/`` and ``extract/``, and the results are cached with ``st.cache_data`` keyed on the index's
modification time, so a re-ingest shows without restarting the app.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

import streamlit as st

from extract.areas.definitions import AREAS
from extract.errors import IndexMissingError, QueryError, StoreError
from extract.records import Document, Entity, Metric, Passage
from extract.nlp.segment import segmenter
from index.search.service import LABELS, SORTS, Filters, SearchResult, search
from index.store import Store
from index.search.writer import index_dir

PAGE_SIZE = 10
EXPORT_LIMIT = 1000  # hits in a download; a download is a sample to read, not a dump of the store
SEARCH_PARAMS = ("q", "area", "year", "dept", "label", "min_yuan", "max_yuan", "sort", "page",
                 "thesaurus")
SORT_NAMES = {"relevance": "相关度 relevance", "year": "年份 year (newest)",
              "amount": "金额 amount (largest)"}
LABEL_NAMES = {"MONEY": "金额 MONEY", "PERCENT": "比例 PERCENT", "COUNT": "数量 COUNT",
               "DATE": "日期 DATE"}
VIEWS = {"search": "搜索 Search", "reports": "报告 Reports"}
BUDGET_FIELDS = {
    "initial_budget": "年初预算 initial budget", "adjusted_budget": "调整后预算 adjusted budget",
    "spent": "支出 spent", "completion_rate": "预算执行率 completion rate",
    "basic_spending": "基本支出 basic spending", "project_spending": "项目支出 project spending",
    "carryover": "结转结余 carryover",
}
ALL = "全部 All"
ANY = ""  # the "no filter" choice of a radio (None would read as "nothing chosen")


# ---------------------------------------------------------------- work (cached, no widgets)

def data_dir() -> Path:
    """The data folder the app reads: ``$JIXIAO_DATA`` or ``data/``."""
    return Path(os.environ.get("JIXIAO_DATA") or "data")


def data_version(data: Path) -> int:
    """The latest modification time of the index and the store, 0 when neither exists.

    Part of every cache key, so results computed before a re-ingest are not shown after it.
    """
    paths = [data / Store.FILENAME, index_dir(data)]
    if index_dir(data).is_dir():
        paths.extend(index_dir(data).iterdir())
    times = [p.stat().st_mtime_ns for p in paths if p.exists()]
    return max(times, default=0)


@st.cache_resource(show_spinner="加载分词器 Loading the segmenter…")
def load_segmenter() -> object:
    """The shared jieba segmenter, loaded once per server (it is read-only once loaded)."""
    return segmenter()


@st.cache_data(show_spinner=False, max_entries=256)
def cached_search(data: str, version: int, query: str, filters: Filters, page: int,
                  page_size: int, sort: str, use_thesaurus: bool) -> SearchResult:
    """``index.search.service.search``, cached on its arguments and the data version."""
    return search(Path(data), query, filters, page=page, page_size=page_size, sort=sort,
                  use_thesaurus=use_thesaurus, facets=True)


@st.cache_data(show_spinner=False, max_entries=16)
def documents_overview(data: str, version: int) -> list[dict]:
    """One row per stored document (see ``Store.documents_overview``)."""
    with Store(Path(data), create=False) as store:
        return store.documents_overview()


@st.cache_data(show_spinner=False, max_entries=64)
def stored_document(data: str, version: int, doc_id: str) -> Document | None:
    """The stored document ``doc_id`` with its passages and budget, or None."""
    with Store(Path(data), create=False) as store:
        return store.get_document(doc_id)


def hit_rows(result: SearchResult) -> list[dict[str, Any]]:
    """The hits of ``result`` as flat rows for a table or a CSV file."""
    first = (result.page - 1) * result.page_size
    return [{
        "rank": first + i, "score": h.score, "doc_id": h.doc_id, "passage_id": h.passage_id,
        "title": h.title, "department": h.department, "year": h.year, "section": h.section,
        "areas": "、".join(AREAS.get(a, a) for a in h.areas), "text": h.text,
        "entities": json.dumps([e.to_dict() for e in h.entities], ensure_ascii=False),
    } for i, h in enumerate(result.hits, start=1)]


def export_hits(data: str, version: int, query: str, filters: Filters, sort: str,
                use_thesaurus: bool, fmt: str) -> bytes:
    """Up to EXPORT_LIMIT hits of a search as CSV or JSON (run when the download is clicked)."""
    result = cached_search(data, version, query, filters, 1, EXPORT_LIMIT, sort, use_thesaurus)
    if fmt == "json":
        payload = {"query": query, "filters": filters.__dict__, "sort": sort,
                   "total": result.total, "hits": [h.to_dict() for h in result.hits]}
        return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    rows = hit_rows(result)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["rank"])
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read Chinese


def section_groups(passages: list[Passage]) -> list[tuple[str, list[Passage]]]:
    """Consecutive passages under the same headings, as (section path, passages)."""
    groups: list[tuple[str, list[Passage]]] = []
    for p in passages:
        path = " / ".join(p.section) or "（无标题 no heading）"
        if groups and groups[-1][0] == path:
            groups[-1][1].append(p)
        else:
            groups.append((path, [p]))
    return groups


def number(value: float | None) -> str:
    """A figure as the reports write it, without float noise: 1288.68, 0.38, 99.236567."""
    if value is None:
        return "—"
    return f"{value:.6f}".rstrip("0").rstrip(".")


def area_chips(codes: list[str]) -> str:
    """Markdown badges with the Chinese names of work areas."""
    return " ".join(f":blue-badge[{AREAS.get(code, code)}]" for code in codes)


def entity_rows(entities: list[Entity]) -> list[dict[str, str]]:
    """A small table of entities: label, text, value, unit, qualifier, what."""
    return [{"label": e.label, "text": e.text, "value": e.value or "", "unit": e.unit or "",
             "qualifier": e.qualifier or "", "what": e.what or ""} for e in entities]


def metric_rows(metrics: list[Metric]) -> list[dict[str, str]]:
    """A small table of metrics: what, value, unit, qualifier, label, role."""
    return [{"what": m.what or "", "value": m.value or "", "unit": m.unit or "",
             "qualifier": m.qualifier or "", "label": m.label, "role": m.role or ""}
            for m in metrics]


# ---------------------------------------------------------------- URL <-> widget state

@dataclass
class SearchState:
    """What the search page asks for: query, filters, sort, page and the thesaurus switch."""

    query: str
    filters: Filters
    sort: str
    page: int
    use_thesaurus: bool

    def signature(self) -> tuple:
        """Everything but the page: when it changes, the page goes back to 1."""
        return (self.query, tuple(self.filters.__dict__.items()), self.sort, self.use_thesaurus)

    def to_params(self) -> dict[str, str]:
        """The URL parameters of this search, defaults left out."""
        f = self.filters
        params = {"q": self.query, "area": f.area, "year": f.year, "dept": f.dept,
                  "label": f.label, "min_yuan": f.min_yuan, "max_yuan": f.max_yuan,
                  "sort": None if self.sort == "relevance" else self.sort,
                  "page": None if self.page == 1 else self.page,
                  "thesaurus": None if self.use_thesaurus else "0"}
        return {k: number(v) if isinstance(v, float) else str(v)
                for k, v in params.items() if v not in (None, "")}


def _param_int(name: str, problems: list[str]) -> int | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except ValueError:
        problems.append(f"URL parameter {name}={raw!r} is not a whole number; ignored.")
        return None


def _param_float(name: str, problems: list[str]) -> float | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw.replace(",", ""))
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):  # also NaN: the amount inputs start at 0
        problems.append(f"URL parameter {name}={raw!r} is not an amount in 元; ignored.")
        return None
    return value


def _param_choice(name: str, choices: tuple[str, ...] | list[str], problems: list[str]) -> str | None:
    raw = st.query_params.get(name)
    if raw in (None, ""):
        return None
    if raw not in choices:
        problems.append(f"URL parameter {name}={raw!r} is not one of {', '.join(choices)}; ignored.")
        return None
    return raw


def seed_search_state() -> list[str]:
    """Fill the search widgets' state from the URL where the session has none yet.

    Streamlit forgets the state of widgets a run does not draw (the Reports view draws none of
    them), so the URL is what a session comes back to. Returns what could not be read.
    """
    state = st.session_state
    problems: list[str] = []
    seeds = {
        "q": lambda: st.query_params.get("q", ""),
        "area": lambda: _param_choice("area", list(AREAS), problems) or ANY,
        "year": lambda: _param_int("year", problems) or ANY,
        "dept": lambda: st.query_params.get("dept", ""),
        "label": lambda: _param_choice("label", LABELS, problems) or ANY,
        "min_yuan": lambda: _param_float("min_yuan", problems),
        "max_yuan": lambda: _param_float("max_yuan", problems),
        "sort": lambda: _param_choice("sort", SORTS, problems) or "relevance",
        "thesaurus": lambda: st.query_params.get("thesaurus", "1") not in ("0", "false", "no"),
    }
    for key, seed in seeds.items():
        if key not in state:
            state[key] = seed()
    if "page" not in state:
        page = _param_int("page", problems) or 1
        if page < 1:
            problems.append("URL parameter page starts at 1; showing page 1.")
            page = 1
        state["page"] = page
    return problems


def sync_url(params: dict[str, str]) -> None:
    """Make the browser's URL show ``params`` (only when it differs, to keep history calm)."""
    if {k: st.query_params[k] for k in st.query_params} != params:
        st.query_params.from_dict(params)


def turn_page(step: int) -> None:
    """Button callback: move the result page by ``step``."""
    st.session_state["page"] = max(1, st.session_state.get("page", 1) + step)


# ---------------------------------------------------------------- widgets

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


def _chosen_filters(dept: str | None) -> Filters:
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
    side.radio("数据类型 Entity label", [ANY, *LABELS], key="label",
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
    return _chosen_filters(dept), sort, use_thesaurus


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
        st.markdown(f"<div class='jixiao-title'><b>{rank}.</b> {html.escape(hit.title)}</div>",
                    unsafe_allow_html=True)
        st.caption(" · ".join(str(x) for x in (hit.year, hit.department, hit.section) if x))
        # The highlight is escaped HTML with <mark>; a <div> keeps Markdown from reading it.
        st.markdown(f"<div class='jixiao-hit'>{hit.highlight}</div>", unsafe_allow_html=True)
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
        with st.expander(f"{path} ({len(passages)})", expanded=False):
            for p in passages:
                st.markdown(f"<div class='jixiao-passage'>{html.escape(p.text)}</div>",
                            unsafe_allow_html=True)
                if p.areas:
                    st.markdown(area_chips(p.areas))
                if p.entities:
                    st.table(entity_rows(p.entities))
                if p.metrics:
                    st.caption("指标 Metrics")
                    st.table(metric_rows(p.metrics))
                st.divider()


# ---------------------------------------------------------------- pages

def search_page(data: Path) -> None:
    """The Search view: query, filters, ranked hits, pages, downloads."""
    problems = seed_search_state()
    query, dept = query_ui()
    for problem in problems:
        st.warning(problem)
    version = data_version(data)
    state = st.session_state

    # Facet counts come before the sidebar is drawn, from the filters chosen so far: each
    # facet is counted under the other filters, so each choice says what it would keep.
    facets: dict[str, dict[str, int]] = {}
    try:
        facets = cached_search(str(data), version, query, _chosen_filters(dept), 1, 1, "amount",
                               state.get("thesaurus", True)).facets
    except Exception:  # the search below says what is wrong
        pass
    filters, sort, use_thesaurus = filters_ui(facets, dept)

    wanted = SearchState(query, filters, sort, state["page"], use_thesaurus)
    if state.get("_search_signature") not in (None, wanted.signature()):
        state["page"] = wanted.page = 1
    state["_search_signature"] = wanted.signature()

    if not query and filters == Filters():
        sync_url(wanted.to_params())
        st.info("输入查询词开始搜索，例如 侨务、统战 OR 侨联、\"营商环境\"。"
                "Type a query to search the reports (or pick a filter to list passages).")
        return
    try:
        result = cached_search(str(data), version, query, filters, wanted.page, PAGE_SIZE,
                               sort, use_thesaurus)
        last = max(1, -(-result.total // PAGE_SIZE))
        if wanted.page > last:  # a shared link past the end, or a re-ingest that shrank it
            state["page"] = wanted.page = last
            result = cached_search(str(data), version, query, filters, last, PAGE_SIZE, sort,
                                   use_thesaurus)
    except QueryError as exc:
        sync_url(wanted.to_params())
        st.warning(f"无法理解这个查询 The query cannot be understood: {exc}")
        return
    except IndexMissingError as exc:
        st.warning(f"还没有搜索索引 No search index yet: {exc}\n\n"
                   f"Build it with `jixiao ingest --data {data}` and reload this page.")
        return
    except StoreError as exc:
        st.warning(f"数据目录有问题 The data folder has a problem: {exc}")
        return
    except Exception as exc:  # a bug in the library: say so in one line, keep the page usable
        sync_url(wanted.to_params())
        st.error(f"搜索出错 The search failed ({type(exc).__name__}: {exc}). This is a bug in "
                 f"jixiao, not in your query; another sort order may work meanwhile.")
        return
    sync_url(wanted.to_params())

    if result.total == 0 or not result.hits:  # index.search.service may count a filter that keeps nothing
        st.info(f"没有找到结果 No passages match “{query}”"
                + (" with these filters; try removing one." if filters != Filters() else "."))
        return
    st.markdown(f"**{result.total}** 个段落 passages match · 第 {result.page} 页 page "
                f"{result.page}")
    downloads_ui(str(data), version, wanted, result.total)
    first = (result.page - 1) * result.page_size
    for rank, hit in enumerate(result.hits, start=first + 1):
        hit_ui(rank, hit)
    pager_ui(result, "bottom")


def reports_page(data: Path) -> None:
    """The Reports view: the stored reports, one report's metadata, budget and passages."""
    version = data_version(data)
    try:
        rows = documents_overview(str(data), version)
    except StoreError as exc:
        st.warning(f"还没有数据 No store yet: {exc}")
        return
    if not rows:
        st.info("数据目录里还没有报告。No reports stored yet; run `jixiao ingest`.")
        return
    st.header("报告 Reports")
    doc_id = report_choice_ui(rows)
    params = {k: st.query_params[k] for k in st.query_params if k in SEARCH_PARAMS}
    sync_url({**params, "view": "reports", "doc": doc_id})
    doc = stored_document(str(data), version, doc_id)
    if doc is None:
        st.warning(f"{doc_id}: no longer in the store; it may have been removed.")
        return
    st.subheader(doc.meta.get("title") or doc.id)
    st.table([{"field": k, "value": str(v)} for k, v in doc.meta.items()])
    budget_ui(doc)
    passages_ui(doc)


def main() -> None:
    """Draw the app: the chosen view on the data folder of ``$JIXIAO_DATA``."""
    st.set_page_config(page_title="jixiao 绩效报告检索", page_icon="📑", layout="wide")
    st.markdown("<style>.jixiao-hit mark{background:#ffe58f;padding:0 1px}"
                ".jixiao-hit,.jixiao-passage{line-height:1.7}</style>", unsafe_allow_html=True)
    data = data_dir()
    load_segmenter()
    st.sidebar.title("jixiao 绩效")
    st.sidebar.caption(f"数据 data: `{data}`")
    if view_ui() == "reports":
        reports_page(data)
    else:
        search_page(data)


if __name__ == "__main__":
    main()
