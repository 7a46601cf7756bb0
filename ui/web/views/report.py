"""The report view: one report's metadata, budget and checks, metrics table and passages by section."""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePath
from urllib.parse import quote

import streamlit as st

from extract.errors import QueryError
from extract.records import Document
from index.corpus import highlight, typed_words
from ui.web.cache import data_version, stored_document, stored_reports
from ui.web.format import NO_HEADING, as_text, html_text, report_title, role_table, section_groups, shorten
from ui.web.names import META_SOURCES, NO_REPORTS
from ui.web.state import URL_MOVED, search_params, seed, sync_url
from ui.web.widgets import budget_ui, passage_ui, section_ui

META_NAMES = {"title": "标题", "department": "部门", "department_id": "部门编号", "region": "地区", "year": "年度",
              "genre": "文种", "source": "来源文件"}


def source_name(source: str) -> str:
    """Where a report came from as a reader may see it: a URL as it is, a file by its name only
    (the server's folders are not the reader's business)."""
    return source if re.match(r"(?i)https?://", source) else PurePath(source.replace("\\", "/")).name


def meta_value(key: str, value: object) -> str:
    """A metadata value as the report view shows it."""
    return source_name(str(value)) if key == "source" else str(value)


def report_choice_ui(rows: list[dict]) -> str:
    """The choice of one report (kept in the URL as ``doc``): by department, then newest year first,
    each named by its year and title."""
    ordered = sorted(rows, key=lambda r: (r.get("department") or "", -(r.get("year") or 0), report_title(r)))
    ids = [r["id"] for r in ordered]
    titles = {r["id"]: f"{r['year'] or '年度不详'} · {shorten(report_title(r), 50)}" for r in ordered}
    if st.session_state.get("doc") not in ids or st.session_state.get(URL_MOVED, False):
        wanted = st.query_params.get("doc")
        st.session_state["doc"] = wanted if wanted in ids else ids[0]
    return st.selectbox("报告", ids, key="doc", format_func=titles.get)


def own_words(query: str) -> list[str]:
    """The words and phrases of a search query, to mark in the report (none for a query that
    cannot be read: the search view says why)."""
    try:
        return typed_words(query)
    except QueryError:
        return []


def back_to_search() -> None:
    """Callback of 「返回检索」: the search view, its query and filters read from the URL."""
    st.session_state["view"] = "search"


def focus_on(passage_id: str) -> None:
    """Callback of 上一处 / 下一处: that passage is the one shown first (and the URL's ``passage``)."""
    st.session_state["focus"] = passage_id


def matches_ui(doc: Document, matches: list[int], focus: str | None, terms: list[str]) -> None:
    """The passage shown first (the one the search opened, or the n-th holding the query's
    words), with 上一处 / 下一处 stepping through those that hold them."""
    ids = [p.id for p in doc.passages]
    if focus not in ids:
        return
    index = ids.index(focus)
    st.subheader("检索到的段落")
    if matches:
        at = matches.index(index) if index in matches else -1
        before = matches[at - 1] if at > 0 else (matches[-1] if at == -1 else None)
        after = matches[at + 1] if 0 <= at < len(matches) - 1 else (matches[0] if at == -1 else None)
        prev_col, info_col, next_col = st.columns([1, 2, 1])
        prev_col.button("← 上一处", key="match_prev", disabled=before is None, width="stretch",
                        on_click=focus_on, args=(ids[before] if before is not None else "",))
        info_col.markdown(f"<div style='text-align:center'>查询词出现在 {len(matches)} 个段落"
                          + (f"，这是第 {at + 1} 处" if at >= 0 else "") + "</div>", unsafe_allow_html=True)
        next_col.button("下一处 →", key="match_next", disabled=after is None, width="stretch",
                        on_click=focus_on, args=(ids[after] if after is not None else "",))
    with st.container(border=True):
        st.caption(as_text(" / ".join(doc.passages[index].section) or "（无标题）"))
        passage_ui(doc.passages, index, terms)


def report_page(data: Path) -> None:
    """The report view; ``?passage=`` opens that passage first and its section; a search's query
    (``q``) is marked in the text, with 上一处 / 下一处 through the passages holding it."""
    version = data_version(data)
    rows = stored_reports(data)
    if not rows:
        st.info(NO_REPORTS)
        return
    carried = search_params()
    if carried:
        st.button("← 返回检索", key="back_to_search", on_click=back_to_search, type="tertiary",
                  help="回到带着同样查询词和筛选条件的检索页")
    doc_id = report_choice_ui(rows)
    seed("focus", lambda: st.query_params.get("passage") if st.query_params.get("doc") == doc_id else None)
    doc = stored_document(str(data), version, doc_id)
    if doc is None:
        sync_url({**carried, "view": "report", "doc": doc_id})
        st.warning("这份报告已不在数据目录中。")
        return
    ids = [p.id for p in doc.passages]
    terms = own_words(carried.get("q", ""))
    matches = [i for i, p in enumerate(doc.passages) if terms and "<mark>" in highlight(p.text, terms)]
    focus = st.session_state.get("focus")
    if focus not in ids:
        focus = ids[matches[0]] if matches else None
    sync_url({**carried, "view": "report", "doc": doc_id, **({"passage": focus} if focus else {})})

    title = doc.meta.get("title") or report_title({**doc.meta})
    st.markdown(f"<div class='jixiao-report-title' title='{html.escape(title)}'>"
                f"{html_text(shorten(title, 120))}</div>", unsafe_allow_html=True)
    if doc.meta.get("department_id"):  # the department's own page: its reports of every year
        st.markdown(f"<div class='jixiao-meta'><a href='?view=department&amp;dept="  # a block: no Markdown inside
                    f"{quote(str(doc.meta['department_id']))}' target='_self'>"
                    f"{as_text(doc.meta.get('department') or '部门', html_block=True)} 的历年报告</a></div>",
                    unsafe_allow_html=True)
    sources = doc.meta.get("meta_source") or {}
    st.dataframe([{"项目": META_NAMES.get(k, k), "内容": meta_value(k, v),
                   "依据": META_SOURCES.get(sources.get(k, ""), "")} for k, v in doc.meta.items()
                  if v not in (None, "") and not isinstance(v, dict) and k in META_NAMES], hide_index=True)
    matches_ui(doc, matches, focus, terms)

    budget_ui(doc)
    st.subheader("指标")
    st.caption("表格行的目标值、实际值、完成率并列；点击列名排序。")
    metrics = [row for p in doc.passages
               for row in role_table(p.metrics, shorten(p.text.replace("\t", " "), 50))]
    if metrics:
        st.dataframe(metrics, hide_index=True, width="stretch")
    else:
        st.caption("这份报告没有找到指标。")

    st.subheader(f"段落（{len(doc.passages)}）")
    wanted_section = " / ".join(doc.passages[ids.index(focus)].section) if focus in ids else None
    marked = {" / ".join(doc.passages[i].section) or NO_HEADING for i in matches}
    for path, passages in section_groups(doc.passages):
        with st.expander(f"{as_text(shorten(path, 80))}（{len(passages)}）" + ("　含查询词" if path in marked else ""),
                         expanded=path == wanted_section):
            section_ui(passages, terms)
