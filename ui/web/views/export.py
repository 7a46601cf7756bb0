"""The export view: the five corpus formats of ``index.export``, for the whole corpus or the reports
the current search and filters find, as downloads with meaningful file names."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import streamlit as st

from extract.errors import JixiaoError
from index.corpus import FORMATS, SUFFIXES
from ui.web.cache import data_version, matching_documents, stored_reports
from ui.web.downloads import corpus_download
from ui.web.format import file_name_part
from ui.web.names import NO_REPORTS
from ui.web.state import URL_MOVED, chosen_filters, search_params, seed_search_state, sync_url

FORMAT_NOTES = {"jsonl": "每行一份报告：元数据、全文、段落、数字与指标", "doccano": "每行一个段落，供 doccano 标注",
                "spacy": "spaCy DocBin（二进制），供训练", "conll": "CoNLL：每行一个词与 BIO 标签",
                "csv": "每行一个数字（UTF-8 带 BOM，可用表格软件打开）"}
MIMES = {"jsonl": "application/jsonl", "doccano": "application/jsonl", "spacy": "application/octet-stream",
         "conll": "text/plain", "csv": "text/csv"}


def file_stem(params: dict[str, str], count: int) -> str:
    """``jixiao_corpus_<filters or all>_<n>reports_<date>``: says what the file holds."""
    return f"jixiao_corpus_{file_name_part(params)}_{count}reports_{date.today():%Y%m%d}"


def export_page(data: Path) -> None:
    """Five downloads, for the whole corpus or the current filters (when the URL holds any)."""
    version = data_version(data)
    rows = stored_reports(data)
    if not rows:
        st.info(NO_REPORTS)
        return
    params = search_params()
    seed_search_state({r["department"]: r["department_id"] for r in rows
                       if r.get("department") and r.get("department_id")})
    scopes = {"all": f"全部报告（{len(rows)} 份）"}
    doc_ids: tuple[str, ...] | None = None
    if params:
        try:
            doc_ids = matching_documents(str(data), version, params.get("q", ""), chosen_filters(),
                                         params.get("thesaurus") != "0")
            scopes["filtered"] = f"当前检索与筛选找到的报告（{len(doc_ids)} 份）"
        except JixiaoError as exc:
            st.warning(f"当前的检索条件无法使用（{exc}），只能导出全部报告。")
    if st.session_state.get("scope") not in scopes or st.session_state.get(URL_MOVED, False):
        st.session_state["scope"] = st.query_params.get("scope") if st.query_params.get("scope") in scopes else "all"
    scope = st.radio("范围", list(scopes), format_func=scopes.get, key="scope", horizontal=True)
    sync_url({**params, "view": "export", **({"scope": scope} if scope != "all" else {})})
    chosen = None if scope == "all" else doc_ids
    stem = file_stem(params if chosen is not None else {}, len(rows) if chosen is None else len(chosen))
    st.caption("文件在点击下载时生成。" + ("" if params else "（检索页的查询词和筛选条件会带到本页，"
                                         "可只导出筛选出的报告。）"))
    for fmt in FORMATS:
        left, right = st.columns([1, 3])
        left.download_button(f"下载 {fmt.upper()}", data=partial(corpus_download, str(data), version, chosen, fmt),
                             file_name=f"{stem}{SUFFIXES[fmt]}", mime=MIMES[fmt], on_click="ignore",
                             key=f"export_{fmt}", width="stretch")
        right.markdown(FORMAT_NOTES[fmt])
