"""Main content of web pages: trafilatura against our own rule (the densest block) and the two
together (what ``extract.text.forms.html`` does), on documents of a gold folder set in three
kinds of government page: a field box as a table, as a list, as bracketed fields, each with a
navigation bar, a column of related links and a footer.

Figures: share of the document's characters (ideographs and digits) found in the text read (the
dev texts were harvested with furniture of their own, which the reader keeps apart after the
report), share of the page's furniture characters found in the report part, and ms per page.

    .venv/bin/python -m bench.pages ../shared/dev
"""

from __future__ import annotations

import html
import sys
import time
import warnings
from pathlib import Path

from extract.evaluation.gold import read_gold
from extract.text.blocks import split_blocks

_NAV = "".join(f'<li><a href="/c{n}/">{w}</a></li>' for n, w in enumerate(
    ("首页", "机构概况", "政务公开", "政策文件", "财政资金", "办事服务", "互动交流", "专题专栏")))
_RELATED = "".join(f'<li><a href="/art/{n}.html">{t}</a><span>2024-0{n % 9 + 1}-1{n}</span></li>'
                   for n, t in enumerate(("关于公开2023年度部门决算的说明", "区财政局2024年部门预算公开",
                                          "关于做好预算绩效管理工作的通知", "2023年度政府采购意向公开",
                                          "区机关事务局部门整体支出绩效自评报告", "财政专项资金管理办法解读")))
_FIELDS = {
    "table": ("<table class='xxgk'><tr><td>索引号：</td><td>1144-2024-0031</td><td>分类：</td><td>预决算</td></tr>"
              "<tr><td>发布机构：</td><td>{pub}</td><td>发布日期：</td><td>2024-05-20</td></tr></table>"),
    "list": ("<ul class='meta'><li>索引号: zsj/2024-00002</li><li>发布机构: {pub}</li><li>文号:</li>"
             "<li>发布日期: 2024-04-29</li><li>时效性: 有效</li></ul>"),
    "brackets": ("<div class='info'>[ 索引号 ] | 4403-2024-0012 | [ 发布机构 ] | {pub} | "
                 "[ 发布日期 ] | 2024-03-08 |</div>"),
}
_FOOTER = ("<div class='footer'><p>主办单位：{pub} 承办单位：区政务服务数据管理局</p>"
           "<p>网站标识码：4401030001 粤ICP备05080001号 粤公网安备 44010302000123号</p>"
           "<p><a href='/map'>网站地图</a> <a href='/contact'>联系我们</a></p></div>")
PUBLISHER = "某区财政局"


def page(text: str, style: str) -> tuple[bytes, str]:
    """A page of ``style`` around the document, and the furniture's own text."""
    body = []
    for block in split_blocks(text):
        if block.kind == "table_row":
            body.append("<table><tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in block.text.split("\t"))
                        + "</tr></table>")
        else:
            body.append(f"<p>{html.escape(block.text)}</p>")
    fields = _FIELDS[style].format(pub=PUBLISHER)
    footer = _FOOTER.format(pub=PUBLISHER)
    document = (f"<html><head><meta charset='utf-8'><title>报告_{PUBLISHER}</title></head><body>"
                f"<div class='top'><ul class='nav'>{_NAV}</ul></div>"
                f"<div class='crumbs'>当前位置：<a href='/'>首页</a> &gt; <a href='/zw'>政务公开</a> &gt; 预决算</div>"
                f"<div class='main'><div class='left'>{fields}<div class='article'>{''.join(body)}</div>"
                f"<div class='tools'>【打印本页】【关闭窗口】 分享到：</div></div>"
                f"<div class='right'><h3>相关文章</h3><ul>{_RELATED}</ul></div></div>{footer}</body></html>")
    furniture = "".join(html.unescape(part) for part in (_NAV, _RELATED, footer))
    return document.encode("utf-8"), furniture


def _chars(text: str) -> str:
    return "".join(ch for ch in text if "\u4e00" <= ch <= "\u9fff" or ch.isdigit())


def _shares(lines: list[str], gold: str, furniture: str) -> tuple[float, float]:
    """(share of the gold's characters kept, share of the furniture's characters kept), by multiset."""
    from collections import Counter

    got = Counter(_chars("".join(lines)))
    want = Counter(_chars(gold))
    noise = Counter(_chars(furniture)) - want
    return sum((got & want).values()) / max(1, sum(want.values())), \
        sum(((got - want) & noise).values()) / max(1, sum(noise.values()))


def main(gold: Path) -> None:
    import lxml.html

    from extract.text.forms.html import block_lines, densest_block, html_text, trafilatura_lines, without_site_parts

    warnings.simplefilter("ignore")
    documents = read_gold(gold)
    readers = {
        "trafilatura (precision)": lambda tree: trafilatura_lines(tree),
        "ours (densest block)": lambda tree: block_lines(densest_block(without_site_parts(tree.body))),
    }
    results: dict[str, list[tuple[float, float, float]]] = {}
    for style in _FIELDS:
        for doc in documents:
            data, furniture = page(doc.text, style)
            for name, read in readers.items():
                start = time.perf_counter()
                lines = read(lxml.html.document_fromstring(data))
                took = time.perf_counter() - start
                results.setdefault(name, []).append((*_shares(lines, doc.text, furniture), took))
            start = time.perf_counter()
            text, meta = html_text(data, doc.id)
            took = time.perf_counter() - start
            report = text.split("\n\n")[0]  # the furniture the reader sets after the report is not in it
            results.setdefault("both (the reader)", []).append(
                (_shares([text], doc.text, furniture)[0], _shares([report], doc.text, furniture)[1], took))
            results.setdefault("publisher taken", []).append(
                (float(meta.get("page", {}).get("department") == PUBLISHER), 0.0, 0.0))
    print(f"{len(documents)} documents × {len(_FIELDS)} page styles")
    for name, rows in results.items():
        kept = sum(r[0] for r in rows) / len(rows)
        leaked = sum(r[1] for r in rows) / len(rows)
        worst = min(r[0] for r in rows)
        ms = 1000 * sum(r[2] for r in rows) / len(rows)
        print(f"  {name:<22} kept {kept:.3f} (lowest {worst:.3f})  furniture in it {leaked:.3f}  {ms:.1f} ms/page")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "../shared/dev"))
