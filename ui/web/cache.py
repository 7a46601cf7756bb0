"""The app's work, cached: searches, stored reports, corpus figures and the data version that keys them."""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from extract.nlp.segment import segmenter
from extract.records import Document
from index.export import export_bytes
from index.search.directory import index_dir
from index.search.service import Filters, SearchResult, search
from index.store import Store


def data_version(data: Path) -> int:
    """The latest modification time of the index and the store, 0 when neither exists.

    Part of every cache key, so results computed before a re-ingest are not shown after it.
    """
    paths = [data / Store.FILENAME, data / f"{Store.FILENAME}-wal", index_dir(data)]
    if index_dir(data).is_dir():
        paths.extend(index_dir(data).iterdir())
    times = [p.stat().st_mtime_ns for p in paths if p.exists()]
    return max(times, default=0)


@st.cache_resource(show_spinner="正在加载分词器…")
def load_segmenter() -> object:
    """The shared jieba segmenter, loaded once per server (it is read-only once loaded)."""
    return segmenter()


@st.cache_resource(show_spinner=False)
def warm_tagging() -> threading.Thread:
    """Start loading the tagging pipeline (spaCy, jieba, the area classifier) in the background,
    once per server, so that an upload does not wait for it; ``join`` the thread to wait."""
    def load() -> None:
        from extract.nlp.pipeline import tag_report  # its parts load under locks: an ingest waits

        tag_report("warm-up", "一、基本情况\n开展调研3次。")  # loads the classifier model too

    thread = threading.Thread(target=load, name="jixiao-warm-tagging", daemon=True)
    thread.start()
    return thread


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


def stored_reports(data: Path) -> list[dict]:
    """``documents_overview`` of the data folder now; empty when it holds no store yet."""
    try:
        return documents_overview(str(data), data_version(data))
    except StoreError:
        return []


@st.cache_data(show_spinner=False, max_entries=16)
def corpus_counts(data: str, version: int) -> dict[str, int]:
    """Documents, passages, metrics and entities per label (see ``Store.corpus_counts``)."""
    with Store(Path(data), create=False) as store:
        return store.corpus_counts()


@st.cache_data(show_spinner=False, max_entries=16)
def budgets(data: str, version: int) -> list[dict]:
    """Every report's budget figures and checks (see ``Store.budgets``)."""
    with Store(Path(data), create=False) as store:
        return store.budgets()


@st.cache_data(show_spinner=False, max_entries=16)
def metric_names(data: str, version: int) -> list[tuple[str, int]]:
    """Every ``what`` of the stored metrics with its count (see ``Store.metric_names``)."""
    with Store(Path(data), create=False) as store:
        return store.metric_names()


@st.cache_data(show_spinner=False, max_entries=16)
def indicators(data: str, version: int) -> list[tuple[str, int]]:
    """Every canonical indicator stored with how many reports state it (``Store.indicators``)."""
    with Store(Path(data), create=False) as store:
        return store.indicators()


@st.cache_data(show_spinner=False, max_entries=64)
def indicator_values(data: str, version: int, indicator: str) -> list[dict]:
    """The values of one canonical indicator (``Store.indicator_values``)."""
    with Store(Path(data), create=False) as store:
        return store.indicator_values(indicator)


@st.cache_data(show_spinner=False, max_entries=64)
def metric_values(data: str, version: int, what: str) -> list[dict]:
    """Every metric measuring ``what`` (see ``Store.metric_values``)."""
    with Store(Path(data), create=False) as store:
        return store.metric_values(what)


@st.cache_data(show_spinner=False, max_entries=64)
def stored_document(data: str, version: int, doc_id: str) -> Document | None:
    """The stored document ``doc_id`` with its passages and budget, or None."""
    with Store(Path(data), create=False) as store:
        return store.get_document(doc_id)


def corpus_file(data: str, version: int, doc_ids: tuple[str, ...] | None, fmt: str) -> bytes:
    """The stored reports (those of ``doc_ids``, or all) in export format ``fmt``, as file bytes.
    Built when a download is clicked, not cached: a corpus file can be large."""
    with Store(Path(data), create=False) as store:
        ids = store.doc_ids() if doc_ids is None else [i for i in store.doc_ids() if i in set(doc_ids)]
        return export_bytes((doc for i in ids if (doc := store.get_document(i)) is not None), fmt)
