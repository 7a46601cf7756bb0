"""The report view: one report's metadata, budget and checks, metrics table and passages by section."""

from __future__ import annotations

import html
import re
from pathlib import Path, PurePath

import streamlit as st

from ui.web.cache import data_version, stored_document, stored_reports
from ui.web.format import html_text, literal, report_title, role_table, section_groups, shorten
from ui.web.names import NO_REPORTS
from ui.web.state import URL_MOVED, search_params, sync_url
from ui.web.widgets import budget_ui, passage_ui, section_ui

META_NAMES = {"title": "标题", "department": "部门", "region": "地区", "year": "年度", "genre": "文种",
              "source": "来源文件"}


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


def report_page(data: Path) -> None:
    """The report view; ``?passage=`` opens that passage first and its section."""
    version = data_version(data)
    rows = stored_reports(data)
    if not rows:
        st.info(NO_REPORTS)
        return
    doc_id = report_choice_ui(rows)
    passage_id = st.query_params.get("passage") if st.query_params.get("doc") == doc_id else None
    sync_url({**search_params(), "view": "report", "doc": doc_id,
              **({"passage": passage_id} if passage_id else {})})
    doc = stored_document(str(data), version, doc_id)
    if doc is None:
        st.warning("这份报告已不在数据目录中。")
        return
    title = doc.meta.get("title") or doc.id
    st.markdown(f"<div class='jixiao-report-title' title='{html.escape(title)}'>"
                f"{html_text(shorten(title, 120))}</div>", unsafe_allow_html=True)
    st.dataframe([{"项目": META_NAMES.get(k, k), "内容": meta_value(k, v)} for k, v in doc.meta.items()
                  if v not in (None, "") and k in META_NAMES], hide_index=True)

    ids = [p.id for p in doc.passages]
    if passage_id in ids:
        st.subheader("检索到的段落")
        index = ids.index(passage_id)
        with st.container(border=True):
            st.caption(literal(" / ".join(doc.passages[index].section) or "（无标题）"))
            passage_ui(doc.passages, index)

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
    wanted_section = " / ".join(doc.passages[ids.index(passage_id)].section) if passage_id in ids else None
    for path, passages in section_groups(doc.passages):
        with st.expander(f"{literal(shorten(path, 80))}（{len(passages)}）",
                         expanded=path == wanted_section):
            section_ui(passages)
