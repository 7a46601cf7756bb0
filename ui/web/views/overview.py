"""The overview (home page): corpus counts, reports by year, department and genre, budgets and
执行率 as charts, and the upload box that ingests new reports through ``Corpus.ingest``."""

from __future__ import annotations

import hashlib
import html
from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from extract.text.limits import MAX_FILE_BYTES
from extract.text.reading import SUPPORTED_SUFFIXES
from index.corpus import Corpus, file_sources
from ui.web.cache import (
    budgets,
    corpus_counts,
    data_version,
    documents_overview,
    short_names,
    stored_departments,
    stored_reports,
    warm_tagging,
)
from ui.web.charts import budget_chart, count_chart, rate_chart
from ui.web.chrome import QUERY_LABEL
from ui.web.format import as_text, html_text, safe_file_stem, shorten
from ui.web.names import COUNTS, LABELS, failure_cause
from ui.web.state import sync_url, view_url

UPLOAD_FOLDER = "uploads"  # inside the data folder: the uploaded files, kept as the reports' sources
MAX_UPLOAD_MB = MAX_FILE_BYTES // (1024 * 1024)


def upload_name(name: str) -> str:
    """A safe file name for an upload: no folders, no characters a shell or a path would read.

    Names that cleaning changes get a short digest of the name as given, so two names that clean
    alike (报告(1).txt, 报告（1）.txt) never overwrite each other, while the same name uploaded again
    still replaces its report."""
    path = Path(Path(name).name)
    stem = safe_file_stem(path.stem) or "report"
    if stem != path.stem:
        stem += "-" + hashlib.sha256(path.name.encode("utf-8")).hexdigest()[:6]
    return f"{stem}{path.suffix.lower()}"


def upload_ui(data: Path) -> None:
    """The upload box: every form a reader takes (text, PDF, Word, WPS, web pages, sheets, OFD,
    images, ZIP bundles), several at once; each is ingested, a bad file is one line."""
    st.subheader("上传报告")
    warm_tagging()  # an upload will not wait for the pipeline to load (a search page never starts it)
    for kind, message in st.session_state.pop("upload_messages", []):
        if kind == "ok":
            st.markdown(f"<div class='jixiao-imported'>{message}</div>", unsafe_allow_html=True)
        else:
            st.error(as_text(message))  # names come from the user
    # A new key after each import: the box is drawn empty again.
    box = f"uploads_{st.session_state.get('upload_round', 0)}"
    files = st.file_uploader(
        f"选择报告文件：.txt、.pdf、.docx、.doc、.wps、网页、表格（.xlsx、.xls、.et、.ods）、.ofd、图片或 .zip"
        f"（可多选，每个不超过 {MAX_UPLOAD_MB} MB）",
        type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True,
        max_upload_size=MAX_UPLOAD_MB, key=box,
        help="报告编号取自文件名：与已有报告同名的文件会替换那份报告。")
    if not files or not st.button(f"导入 {len(files)} 个文件", type="primary", key="ingest"):
        return
    folder = data / UPLOAD_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    refused: list[tuple[str, str]] = []
    for file in files:
        if Path(file.name).suffix.lower() not in SUPPORTED_SUFFIXES:
            refused.append(("error", f"{file.name}：不支持的文件类型。"))
            continue
        if file.size > MAX_FILE_BYTES:
            refused.append(("error", f"{file.name}：文件太大（上限 {MAX_UPLOAD_MB} MB）。"))
            continue
        path = folder / upload_name(file.name)
        if path in paths:
            refused.append(("error", f"{file.name}：本次已选了同名的文件，未重复导入。"))
            continue
        path.write_bytes(file.getvalue())
        paths.append(path)
    if not paths:
        st.session_state["upload_messages"] = refused
        st.rerun()

    bar = st.progress(0.0, text="正在导入…")
    warm_tagging().join()  # the pipeline loading since the box was drawn: once, not twice
    done: list[str] = []

    def progress(name: str) -> None:
        done.append(name)
        bar.progress(len(done) / len(paths), text=f"已处理 {len(done)} / {len(paths)}：{Path(name).name}")

    report = Corpus(data).ingest(file_sources(paths), progress=progress)
    messages = refused + [("error", f"{Path(name).name}：无法导入（{failure_cause(cause)}）")
                          for name, cause in report.failures]
    if report.stored:
        messages.append(("ok", imported_line(report.stored, report.passages, stored_reports(data))))
    st.session_state["upload_messages"] = messages
    st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
    st.rerun()  # the counts and charts above now include the new reports


def imported_line(stored: list[str], passages: int, reports: list[dict]) -> str:
    """HTML: how many reports were imported, each named by its title and linked to its page."""
    titles = {r["id"]: r.get("title") or r["id"] for r in reports}
    links = "、".join(f"<a href='{html.escape(view_url('report', doc=doc_id))}' target='_self'>"
                     f"{html_text(shorten(titles.get(doc_id, doc_id)))}</a>" for doc_id in stored)
    return f"已导入 {len(stored)} 份报告（{passages} 个段落），现在即可检索：{links}"


def go_search() -> None:
    """Callback of the home page's search box: the search view, with the query typed."""
    st.session_state["q"] = st.session_state.get("home_q", "")
    st.session_state["view"] = "search"


def home_search_ui() -> None:
    """The home page's search box (focused on load, first in Tab order: ``ui/web/chrome.py``)."""
    st.text_input(QUERY_LABEL, key="home_q", on_change=go_search,
                  placeholder="输入关键词，回车检索：侨务、统战 OR 侨联、\"营商环境\"",
                  help="在全部报告的段落中检索；近义词也会检索，排在字面匹配之后。")


def overview_page(data: Path) -> None:
    """Counts, charts and the upload box."""
    sync_url({"view": "overview"})
    home_search_ui()
    version = data_version(data)
    try:
        rows = documents_overview(str(data), version)
        counts = corpus_counts(str(data), version)
        budget_rows = budgets(str(data), version)
        short = short_names(str(data), version)
    except StoreError:
        rows, counts, budget_rows, short = [], {}, [], {}
    if rows:
        corpus = " · ".join(f"**{counts.get(key, 0):,}** {name}" for key, name in COUNTS.items())
        figures = "、".join(f"{name} {counts.get(key, 0):,}" for key, name in LABELS.items())
        st.markdown(f"{corpus}  \n数字：{figures}")  # one line each, also on a phone
        left, right = st.columns(2)
        left.altair_chart(count_chart(rows, "year", "年度"), width="stretch")
        right.altair_chart(count_chart(rows, "genre", "文种"), width="stretch")
        names = stored_departments(data)  # one bar for each department, whatever name each report gave
        by_id = [{**r, "department": names.get(r.get("department_id") or "", r.get("department"))} for r in rows]
        st.altair_chart(count_chart(by_id, "department", "部门", short), width="stretch")
        stated = [r for r in budget_rows if r.get("spent") is not None]
        if stated:
            left, right = st.columns(2)
            left.altair_chart(budget_chart(stated, short), width="stretch")
            right.altair_chart(rate_chart(stated, short), width="stretch")
    else:
        st.info("数据目录里还没有报告：在下面上传 .txt、.pdf 或 .docx 文件即可开始。")
    upload_ui(data)
