"""The Streamlit face of jixiao: an analyst's workbench over the stored reports (SPEC "Command contracts").

Run it with ``jixiao ui`` or ``streamlit run ui/app.py``; the data folder is ``$JIXIAO_DATA``
(default ``data/``). Each view has its own URL (``?view=overview|search|report|compare|audit|export``)
and the URL holds the query and every filter (``/?q=侨务&area=overseas_chinese&year=2022``), so a
page can be reloaded or shared. The search view's first text input is the query.

The script is thin: ``*_ui`` functions draw widgets and return plain values, the work is done by
``index/`` and ``extract/``, and the results are cached with ``st.cache_data`` keyed on the index's
modification time, so a re-ingest shows without restarting the app.
"""

from __future__ import annotations

import streamlit as st

from extract.paths import data_dir
from ui.web.chrome import chrome_script
from ui.web.state import current_view, note_url_at_end, note_url_at_start
from ui.web.views.audit import audit_page
from ui.web.views.compare import compare_page
from ui.web.views.department import department_page
from ui.web.views.export import export_page
from ui.web.views.overview import overview_page
from ui.web.views.report import report_page
from ui.web.views.reports import reports_page
from ui.web.views.search import search_page
from ui.web.widgets import view_ui

PAGES = {"overview": overview_page, "search": search_page, "reports": reports_page, "report": report_page,
         "compare": compare_page, "audit": audit_page, "export": export_page, "department": department_page}

STYLE = """<style>
.jixiao-hit mark{background:#ffe58f;padding:0 1px}
.jixiao-hit mark.jixiao-rel,.jixiao-hit-related mark{background:#d6e4ff;border-bottom:1px dashed #1d39c4}
.jixiao-hit,.jixiao-passage{line-height:1.7}
.jixiao-meta{color:#4a4a4a;font-size:0.875rem}
.jixiao-related{font-size:0.75rem;background:#d6e4ff;color:#1d39c4;border-radius:4px;padding:0 4px}
.jixiao-divider{border-top:2px dashed #8c8c8c;margin:1rem 0 .5rem;padding-top:.5rem;color:#262626}
.jixiao-report-title{font-size:1.4rem;font-weight:600;overflow:hidden;text-overflow:ellipsis}
[data-testid="stCaptionContainer"],[data-testid="stCaptionContainer"] *,
[data-testid="stRadioCaption"],[data-testid="stRadioCaption"] *{color:#4a4a4a !important}
</style>"""


def main() -> None:
    """Draw the app: the chosen view on the data folder of ``$JIXIAO_DATA``."""
    st.set_page_config(page_title="jixiao 绩效报告工作台", page_icon="📑", layout="wide")
    st.html(STYLE)
    st.html(chrome_script(), unsafe_allow_javascript=True)  # lang, Chinese chrome, search box first
    data = data_dir()
    note_url_at_start()
    try:
        st.sidebar.title("jixiao 绩效")
        view = view_ui(current_view())
        PAGES[view](data)
    finally:  # also when a view stops early or asks for a rerun
        note_url_at_end()


if __name__ == "__main__":
    main()
