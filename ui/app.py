"""The Streamlit face of jixiao: search the passages, read the reports (SPEC "Command contracts").

Run it with ``jixiao ui`` or ``streamlit run ui/app.py``; the data folder is ``$JIXIAO_DATA``
(default ``data/``). The search page's first text input is the query, and the URL holds the query
and every filter (``/?q=侨务&area=overseas_chinese&year=2022``), so a search can be shared.

The script is thin: ``*_ui`` functions draw widgets and return plain values, the work is done by
``index/`` and ``extract/``, and the results are cached with ``st.cache_data`` keyed on the index's
modification time, so a re-ingest shows without restarting the app.
"""

from __future__ import annotations

import streamlit as st

from extract.paths import data_dir
from ui.web.cache import load_segmenter
from ui.web.views import reports_page, search_page
from ui.web.widgets import view_ui


def main() -> None:
    """Draw the app: the chosen view on the data folder of ``$JIXIAO_DATA``."""
    st.set_page_config(page_title="jixiao 绩效报告检索", page_icon="📑", layout="wide")
    st.markdown("<style>.jixiao-hit mark{background:#ffe58f;padding:0 1px}"
                ".jixiao-hit,.jixiao-passage{line-height:1.7}</style>", unsafe_allow_html=True)
    data = data_dir()
    load_segmenter()
    st.sidebar.title("jixiao 绩效")
    st.sidebar.caption(f"数据 data: `{data}`")
    if view_ui() == "reports":
        reports_page(data)
    else:
        search_page(data)


if __name__ == "__main__":
    main()
