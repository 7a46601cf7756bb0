"""The app's work, cached: searches, stored reports, corpus figures, all keyed by the data version.

Every call goes through the data folder's front door, ``index.corpus.Corpus``; the version that
keys the caches is ``Corpus.version()`` (the store's generation and the one the index reflects),
so results computed before a write are never shown after it.
"""

from __future__ import annotations

import threading
from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from extract.records import Document
from extract.words.segmenter import segmenter
from index.corpus import Corpus, Filters, SearchResult

Version = tuple[int, int | None]
"""``Corpus.version()``: part of every cache key."""


def data_version(data: Path) -> Version:
    """The data folder's version now (``Corpus.version``); (0, None) when it holds no store yet."""
    return Corpus(data).version()


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
def cached_search(data: str, version: Version, query: str, filters: Filters, page: int,
                  page_size: int, sort: str, use_thesaurus: bool) -> SearchResult:
    """``Corpus.search``, cached on its arguments and the data version."""
    return Corpus(Path(data)).search(query, filters, page=page, page_size=page_size, sort=sort,
                                     use_thesaurus=use_thesaurus, facets=True)


@st.cache_data(show_spinner=False, max_entries=64)
def matching_documents(data: str, version: Version, query: str, filters: Filters,
                       use_thesaurus: bool) -> tuple[str, ...]:
    """The ids of the reports a search finds (``Corpus.matching_documents``), sorted."""
    return tuple(Corpus(Path(data)).matching_documents(query, filters, use_thesaurus))


@st.cache_data(show_spinner=False, max_entries=16)
def documents_overview(data: str, version: Version) -> list[dict]:
    """One row per stored document (see ``Corpus.documents``)."""
    return Corpus(Path(data)).documents()


def stored_reports(data: Path) -> list[dict]:
    """``documents_overview`` of the data folder now; empty when it holds no store yet."""
    try:
        return documents_overview(str(data), data_version(data))
    except StoreError:
        return []


@st.cache_data(show_spinner=False, max_entries=16)
def short_names(data: str, version: Version) -> dict[str, str]:
    """Each stored department name with its known short form, for chart labels."""
    corpus = Corpus(Path(data))
    return corpus.short_names(row["department"] for row in corpus.departments())


@st.cache_data(show_spinner=False, max_entries=16)
def corpus_counts(data: str, version: Version) -> dict[str, int]:
    """Documents, passages, metrics and entities per label (see ``Corpus.counts``)."""
    return Corpus(Path(data)).counts()


@st.cache_data(show_spinner=False, max_entries=16)
def budgets(data: str, version: Version) -> list[dict]:
    """Every report's budget figures and checks (see ``Corpus.budgets``)."""
    return Corpus(Path(data)).budgets()


@st.cache_data(show_spinner=False, max_entries=16)
def metric_names(data: str, version: Version) -> list[tuple[str, int]]:
    """Every ``what`` of the stored metrics with its count (see ``Corpus.metric_names``)."""
    return Corpus(Path(data)).metric_names()


@st.cache_data(show_spinner=False, max_entries=16)
def indicators(data: str, version: Version) -> list[tuple[str, int]]:
    """Every canonical indicator stored with how many reports state it (``Corpus.indicators``)."""
    return Corpus(Path(data)).indicators()


@st.cache_data(show_spinner=False, max_entries=16)
def department_names(data: str, version: Version) -> dict[str, str]:
    """Each stored department's id with its canonical name (``Corpus.department_list``)."""
    return {dept.id: dept.name for dept in Corpus(Path(data)).department_list()}


def stored_departments(data: Path) -> dict[str, str]:
    """``department_names`` of the data folder now; empty when it holds no store yet."""
    try:
        return department_names(str(data), data_version(data))
    except StoreError:
        return {}


@st.cache_data(show_spinner=False, max_entries=64)
def indicator_values(data: str, version: Version, indicator: str, kind: str | None = None) -> list[dict]:
    """The values of one canonical indicator, or of one of its sub-kinds (``Corpus.indicator_values``)."""
    return Corpus(Path(data)).indicator_values(indicator, kind)


@st.cache_data(show_spinner=False, max_entries=64)
def indicator_kinds(data: str, version: Version, indicator: str) -> list[tuple[str, int]]:
    """The sub-kinds stored of one canonical indicator (``Corpus.indicators``)."""
    return Corpus(Path(data)).indicators(of=indicator)


@st.cache_data(show_spinner=False, max_entries=64)
def metric_values(data: str, version: Version, what: str) -> list[dict]:
    """Every metric measuring ``what`` (see ``Corpus.metric_values``)."""
    return Corpus(Path(data)).metric_values(what)


@st.cache_data(show_spinner=False, max_entries=64)
def stored_document(data: str, version: Version, doc_id: str) -> Document | None:
    """The stored document ``doc_id`` with its passages and budget, or None."""
    return Corpus(Path(data)).document(doc_id)


def corpus_file(data: str, version: Version, doc_ids: tuple[str, ...] | None, fmt: str) -> bytes:
    """The stored reports (those of ``doc_ids``, or all) in export format ``fmt``, as file bytes.
    Built when a download is clicked, not cached: a corpus file can be large."""
    return Corpus(Path(data)).export_bytes(fmt, doc_ids)
