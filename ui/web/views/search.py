"""The search view: query, filters with counts, exact hits then related ones, pages, downloads."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import streamlit as st

from extract.errors import IndexMissingError, JixiaoError, QueryError, StoreError
from index.corpus import MAX_QUERY_CHARS, Filters, typed_words
from ui.web.cache import (
    Version,
    cached_search,
    data_version,
    load_segmenter,
    stored_departments,
    stored_document,
    stored_reports,
)
from ui.web.format import as_text, header_above, shorten
from ui.web.names import QUERY_PROBLEMS
from ui.web.state import PAGE_SIZE, SearchState, chosen_filters, seed_search_state, sync_url
from ui.web.widgets import (
    TableRow,
    active_filters_ui,
    downloads_ui,
    filter_name,
    filters_ui,
    hit_ui,
    pager_ui,
    query_ui,
)

QUERY_ECHO_CHARS = 40  # a query repeated in a message: its start only
SCROLL_TOP = ("<script>for (const el of [document.scrollingElement, "
              "document.querySelector('[data-testid=stMain]')]) { if (el) el.scrollTo(0, 0); }</script>")


def query_notice(exc: QueryError) -> str:
    """The one line the page says for a query or filter that cannot be used."""
    notice = QUERY_PROBLEMS.get(exc.reason)
    if notice is None:
        return f"无法使用这个查询或筛选：{shorten(str(exc), 120)}"
    return notice.format(limit=MAX_QUERY_CHARS)


def table_row_of(data: str, version: Version, hit) -> TableRow | None:
    """How a table-row hit is shown: its table's header row and its figures with their roles,
    read from the stored report (its header as the pipeline stored it with the row, the roles
    of its metrics) the way the report view shows them; None for a paragraph."""
    if "\t" not in hit.text:
        return None
    doc = stored_document(data, version, hit.doc_id)
    ids = [p.id for p in doc.passages] if doc else []
    if hit.passage_id not in ids:
        return TableRow(header=None, is_header=False, metrics=[])
    index = ids.index(hit.passage_id)
    passage = doc.passages[index]
    return TableRow(header=header_above(passage), is_header=passage.is_header, metrics=passage.metrics)


def filter_advice(data: str, version: Version, wanted: SearchState) -> str:
    """With no hit under filters: which filter to drop, and how many passages each drop finds."""
    found: list[tuple[int, str]] = []
    for name, value in wanted.filters.__dict__.items():
        if value is None:
            continue
        fewer = replace(wanted.filters, **{name: None})
        try:
            total = cached_search(data, version, wanted.query, fewer, 1, 1, wanted.sort, wanted.use_thesaurus).total
        except JixiaoError:
            continue
        found.append((total, filter_name(name, value, stored_departments(Path(data)))))
    useful = sorted((f for f in found if f[0]), reverse=True)
    if useful:
        return "去掉筛选条件" + "、".join(f"「{as_text(name)}」可找到 {total} 个" for total, name in useful) + "。"
    return "去掉所有筛选条件再试。" if found else ""


def search_page(data: Path) -> None:
    """The search view: query, filters, exact hits, then related hits under a divider."""
    load_segmenter()
    version = data_version(data)
    corpus = stored_reports(data)
    problems = seed_search_state({r["department"]: r["department_id"] for r in corpus
                                  if r.get("department") and r.get("department_id")})
    query, _ = query_ui()
    for problem in problems:
        st.warning(problem)
    state = st.session_state

    # Facet counts come before the sidebar is drawn, from the filters chosen so far: each
    # facet is counted under the other filters, so each choice says what it would keep.
    facets: dict[str, dict[str, int]] = {}
    try:
        facets = cached_search(str(data), version, query, chosen_filters(), 1, 1, "amount",
                               state.get("thesaurus", True)).facets
    except Exception:  # the search below says what is wrong
        pass
    names = stored_departments(data)
    sort, use_thesaurus = filters_ui(facets, corpus, names)
    filters = chosen_filters()

    wanted = SearchState(query, filters, sort, state["page"], use_thesaurus)
    if state.get("_search_signature") not in (None, wanted.signature()):
        state["page"] = wanted.page = 1
    state["_search_signature"] = wanted.signature()
    sync_url({**wanted.to_params(), "view": "search"})

    active_filters_ui(filters, names)
    if not query and filters == Filters():
        st.info("输入查询词开始检索，例如 侨务、统战 OR 侨联、\"营商环境\"；也可以只选筛选条件列出段落。")
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
        st.warning(query_notice(exc))
        return
    except IndexMissingError:
        st.warning(f"还没有检索索引：请在概览页上传报告，或运行 `jixiao ingest --data {data}` 后刷新本页。")
        return
    except StoreError as exc:
        st.warning(f"数据目录有问题：{shorten(str(exc), 120)}")
        return
    except Exception as exc:  # a bug in the library: say so in one line, keep the page usable
        st.error(f"检索出错（{type(exc).__name__}）：这是 jixiao 的程序错误，不是查询的问题；"
                 f"换一种排序也许可用。")
        return

    if state.pop("_scroll_top", False):
        st.html(SCROLL_TOP, unsafe_allow_javascript=True)
    echo = as_text(shorten(query, QUERY_ECHO_CHARS))  # a query is untrusted text
    if result.total == 0 or not result.hits:
        st.info(f"没有找到与“{echo}”匹配的段落。" + filter_advice(str(data), version, wanted))
        return
    related = result.total - result.exact_total
    found = f"**{result.exact_total}** 个段落含有查询词" if query else f"**{result.total}** 个段落符合筛选条件"
    st.markdown(found + (f"，另有 **{related}** 个近义匹配" if related else "") + f" · 第 {result.page} 页")
    downloads_ui(str(data), version, wanted, result.total)
    own_words = typed_words(query)
    first = (result.page - 1) * result.page_size + 1
    divided = False
    for rank, hit in enumerate(result.hits, start=first):
        if not hit.exact and not divided and sort == "relevance":  # otherwise the tiers are mixed
            st.markdown(f"<div class='jixiao-divider'>近义匹配 {related} 个："
                        "通过近义词或工作领域找到，不含查询词本身</div>", unsafe_allow_html=True)
            divided = True
        hit_ui(rank, hit, table_row_of(str(data), version, hit), own_words)
    pager_ui(result)
