"""The audit view: every report whose budget checks disagree, with stated, computed and difference."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from extract.errors import StoreError
from ui.web.cache import budgets, data_version
from ui.web.format import number, shorten
from ui.web.names import check_name
from ui.web.state import search_params, sync_url, view_url


def audit_page(data: Path) -> None:
    """The failing budget checks of every report, and how many reports could be checked at all."""
    sync_url({**search_params(), "view": "audit"})
    try:
        rows = budgets(str(data), data_version(data))
    except StoreError:
        rows = []
    checked = [r for r in rows if r["checks"]]
    failing = [{"报告": shorten(r["title"] or r["id"], 40), "部门": r["department"] or "", "年度": r["year"],
                "核对": check_name(c["name"]), "报告所写": number(c["stated"]),
                "计算所得": number(c["computed"]), "差额": number(c["difference"]),
                "打开": view_url("report", doc=r["id"])}
               for r in checked for c in r["checks"] if not c["agrees"]]
    st.markdown(f"共 {len(rows)} 份报告，其中 {len(checked)} 份写明的预算数字足以核对；"
                f"**{len({f['打开'] for f in failing})}** 份有不一致。")
    if not failing:
        st.success("所有可核对的报告，预算数字都一致。")
        return
    st.dataframe(failing, hide_index=True, width="stretch",
                 column_config={"打开": st.column_config.LinkColumn("打开", display_text="查看报告"),
                                "年度": st.column_config.NumberColumn(format="%d")})
