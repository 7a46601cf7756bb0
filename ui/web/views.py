"""The app's two views: Search and Reports, each drawn from widgets over the cached work."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from extract.errors import IndexMissingError, QueryError, StoreError
from index.search.service import Filters
from ui.web.cache import cached_search, data_version, documents_overview, stored_document
from ui.web.format import literal
from ui.web.state import PAGE_SIZE, SEARCH_PARAMS, SearchState, seed_search_state, sync_url
from ui.web.widgets import (
    budget_ui,
    chosen_filters,
    downloads_ui,
    filters_ui,
    hit_ui,
    pager_ui,
    passages_ui,
    query_ui,
    report_choice_ui,
)


def search_page(data: Path) -> None:
    """The Search view: query, filters, ranked hits, pages, downloads."""
    problems = seed_search_state()
    query, dept = query_ui()
    for problem in problems:
        st.warning(literal(problem))
    version = data_version(data)
    state = st.session_state

    # Facet counts come before the sidebar is drawn, from the filters chosen so far: each
    # facet is counted under the other filters, so each choice says what it would keep.
    facets: dict[str, dict[str, int]] = {}
    try:
        facets = cached_search(str(data), version, query, chosen_filters(dept), 1, 1, "amount",
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
        st.warning(f"无法理解这个查询 The query cannot be understood: {literal(exc)}")
        return
    except IndexMissingError as exc:
        st.warning(f"还没有搜索索引 No search index yet: {literal(exc)}\n\n"
                   f"Build it with `jixiao ingest --data {literal(data)}` and reload this page.")
        return
    except StoreError as exc:
        st.warning(f"数据目录有问题 The data folder has a problem: {literal(exc)}")
        return
    except Exception as exc:  # a bug in the library: say so in one line, keep the page usable
        sync_url(wanted.to_params())
        st.error(f"搜索出错 The search failed ({type(exc).__name__}: {literal(exc)}). This is a bug in "
                 f"jixiao, not in your query; another sort order may work meanwhile.")
        return
    sync_url(wanted.to_params())

    if result.total == 0 or not result.hits:  # index.search.service may count a filter that keeps nothing
        st.info(f"没有找到结果 No passages match “{literal(query)}”"
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
        st.warning(f"还没有数据 No store yet: {literal(exc)}")
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
        st.warning(f"{literal(doc_id)}: no longer in the store; it may have been removed.")
        return
    st.subheader(literal(doc.meta.get("title") or doc.id))
    st.table([{"field": k, "value": literal(v)} for k, v in doc.meta.items()])
    budget_ui(doc)
    passages_ui(doc)
