"""Web pages: the report without the site around it, rows as rows, the page's fields and links."""

from __future__ import annotations

import warnings

from extract.evaluation.forms import PUBLISHER, as_page
from extract.nlp.pipeline import tag_report
from extract.text.forms.html import decode_page, densest_block, html_text, without_site_parts
from tests.conftest import REPORTS
from tests.extract.text.forms.conftest import seed_text

PAGE = """<html><head><meta charset="utf-8"><title>某县侨联2023年度部门整体支出绩效自评报告_某县人民政府</title>
<meta name="PubDate" content="2024-03-08"></head><body>
<ul class="nav"><li><a href="/">首页</a></li><li><a href="/zw">政务公开</a></li><li><a href="/bs">办事服务</a></li></ul>
<div class="box">[ 索引号 ] | 4403-2024-0012 | [ 发布机构 ] | 某县归国华侨联合会 | [ 发布日期 ] | 2024-03-08 |</div>
<div id="zoom"><p>某县侨联2023年度部门整体支出绩效自评报告</p><p>一、基本情况</p>
<p>全年走访慰问归侨侨眷326户，征集提案124件，组织开展侨法宣传活动8场，服务对象满意度达到98.5%。</p>
<table><tr><th>项目</th><th>年初预算数</th><th>全年执行数</th><th>执行率</th></tr>
<tr><td>基本支出</td><td>100.00</td><td>98.61</td><td>98.61%</td></tr></table>
<p>附件：<a href="/files/自评表.xls">自评表.xls</a> <a href="report.ofd">报告（OFD版）</a>
<a href="/about.html">关于我们</a></p></div>
<div class="foot">主办单位：某县人民政府 版权所有 <a href="/sitemap">网站地图</a></div></body></html>"""


def _read(page: str | bytes, base: str | None = None):
    data = page.encode("utf-8") if isinstance(page, str) else page
    return html_text(data, "page.html", base_url=base)


def test_the_report_is_read_without_the_site_around_it():
    text, _ = _read(PAGE)
    report, _, furniture = text.partition("\n\n")
    assert "全年走访慰问归侨侨眷326户" in report and "一、基本情况" in report.splitlines()
    for word in ("政务公开", "办事服务", "版权所有", "网站地图", "索引号"):
        assert word not in report
    assert "发布机构：某县归国华侨联合会" in furniture.splitlines()


def test_table_rows_are_rows_with_their_cells_in_order():
    text, _ = _read(PAGE)
    assert "项目\t年初预算数\t全年执行数\t执行率" in text.splitlines()
    assert "基本支出\t100.00\t98.61\t98.61%" in text.splitlines()


def test_the_field_box_and_head_are_offered_to_metadata():
    _, meta = _read(PAGE)
    assert meta["page"]["department"] == "某县归国华侨联合会"
    assert meta["page"]["index_no"] == "4403-2024-0012"
    assert meta["page"]["published"] == "2024-03-08"
    assert meta["page"]["title"].startswith("某县侨联2023年度")


def test_attachment_links_are_listed_absolute_given_the_page_address():
    _, meta = _read(PAGE, "http://example.gov.cn/xxgk/2024/page.html")
    assert meta["attachments"] == ["http://example.gov.cn/files/自评表.xls", "http://example.gov.cn/xxgk/2024/report.ofd"]


def test_a_gbk_page_is_read_by_its_declared_or_sniffed_encoding():
    declared = PAGE.replace('charset="utf-8"', 'charset="gb2312"').encode("gbk")
    assert "归侨侨眷326户" in _read(declared)[0]
    undeclared = PAGE.replace('<meta charset="utf-8">', "").encode("gbk")
    assert "归侨侨眷326户" in decode_page(undeclared)
    assert "归侨侨眷" in decode_page(PAGE.encode("gbk"), declared="GBK")


def test_our_rule_finds_the_densest_block():
    import lxml.html

    tree = lxml.html.document_fromstring(PAGE)
    assert densest_block(without_site_parts(tree.body)).get("id") == "zoom"


def test_each_seed_report_as_a_page_reads_as_its_text(tagged):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in REPORTS:
            text, meta = html_text(as_page(seed_text(name), tagged[name].meta["title"]), name)
            doc = tag_report(name, text, meta)
            want = sorted((e.label, e.value) for e in tagged[name].entities if e.label != "DATE")
            got = sorted((e.label, e.value) for e in doc.entities if e.label != "DATE")
            assert got == want, name
            assert doc.meta["year"] == tagged[name].meta["year"] and meta["page"]["department"] == PUBLISHER
