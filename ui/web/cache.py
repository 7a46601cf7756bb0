"""The app's work, cached: searches, stored reports and the data version that keys them."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from extract.nlp.segment import segmenter
from extract.records import Document
from index.search.directory import index_dir
from index.search.service import Filters, SearchResult, search
from index.store import Store


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
