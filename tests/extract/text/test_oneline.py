"""Real report shapes, on texts the team wrote in them (tests/extract/text/data/): one-line web
pages with site furniture, inline numbered items, traditional script, spaced dates, space tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extract.nlp.pipeline import tag_report
from extract.text.blocks import split_blocks
from extract.text.oneline import is_boilerplate, split_run_rows, unflatten

DATA = Path(__file__).parent / "data"


def _tag(name: str, flatten: bool = False):
    text = (DATA / f"{name}.txt").read_text(encoding="utf-8")
    return tag_report(name, re.sub(r"\s*\n\s*", " ", text) if flatten else text)


def test_a_one_line_web_page_becomes_its_report():
    doc = _tag("oneline_site")
    assert doc.meta["title"] == "青岚县归国华侨联合会2022年度部门整体支出绩效自评报告"
    assert doc.meta["department"] == "青岚县归国华侨联合会" and doc.meta["year"] == 2022
    body = [p.text for p in doc.passages if p.kind != "furniture"]
    assert "县侨联是党和政府联系归侨侨眷和海外侨胞的桥梁纽带,主要承担联络联谊、为侨服务、维护侨益等工作。" in body
    assert "一是项目经费测算不够细致;二是绩效指标量化程度不高。" in body  # an enumeration stays whole
    assert not any(re.search(r"发布时间|浏览次数|打印|分享|您现在的位置|主办单位", t) for t in body)
    furniture = " ".join(p.text for p in doc.passages if p.kind == "furniture")
    assert "发布时间" in furniture  # kept apart, its date still read
    assert "2023-07-14" in {e.value for e in doc.entities if e.label == "DATE"}
    assert {"overseas_chinese"} <= {a for p in doc.passages for a in p.areas}


def _body(doc) -> str:
    return re.sub(r"\s", "", "".join(p.text for p in doc.passages if p.kind != "furniture"))


@pytest.mark.parametrize("name", ["oneline_site", "inline_numbered", "traditional", "dates"])
def test_a_report_reads_the_same_as_one_line(name):
    lines, one_line = _tag(name), _tag(name, flatten=True)
    assert one_line.meta == lines.meta
    figures = sorted((e.label, e.value) for e in lines.entities)
    assert sorted((e.label, e.value) for e in one_line.entities) == figures
    assert _body(one_line) == _body(lines)  # nothing lost, nothing added


def test_inline_numbered_items_are_passages_of_their_own():
    body = [p.text for p in _tag("inline_numbered", flatten=True).passages]
    assert "1.贯彻落实统一战线方针政策;" in body
    # 一是…；二是… enumerates inside one paragraph, as a reader sees it
    assert any(t.startswith("一是党外人士培训完成3期") and t.endswith("四是服务对象满意度达到95%。") for t in body)
    assert "(2)项目支出35.58万元。" in body


def test_traditional_furniture_is_recognized():
    doc = _tag("traditional")
    assert doc.meta["department"] == "白鹭市政协办公室"
    assert [p.kind for p in doc.passages if "發布時間" in p.text] == ["furniture"]


def test_spaced_dates_and_space_separated_tables():
    dates = _tag("dates")
    assert {"2023-04-06", "2023-03-01/2023-03-20"} <= {e.value for e in dates.entities if e.label == "DATE"}
    assert not any(p.kind == "table_row" for p in dates.passages)
    rows = [p.text for p in _tag("table_spaces").passages if p.kind == "table_row"]
    assert "项目名称\t少数民族传统节庆活动补助经费" in rows
    assert "年度资金总额\t30.00\t28.50\t27.36\t10\t96.00%\t9.6" in rows


@pytest.mark.parametrize("line, furniture", [
    ("您现在的位置:首页 > 政务公开 > 财政预决算", True),
    ("首页 > 政务公开 > 绩效评价", True),
    ("发布时间:2023-07-14 09:30", True),
    ("【打印本页】 【关闭窗口】", True),
    ("字号:大 中 小", True),
    ("[ 发布机构 ] | 石溪县财政局 | [ 有效性 ] | |", True),
    ("主办单位:某县人民政府办公室", True),
    ("资金来源:财政拨款100万元。", False),
    ("一、部门基本情况", False),
    ("第1页，共47页", False),
])
def test_site_furniture(line, furniture):
    assert is_boilerplate(line) is furniture


def test_a_title_run_into_the_first_heading_is_cut():
    body, _ = unflatten("某区侨联2022年度部门整体支出绩效自评报告一、部门概况")
    assert body == ["某区侨联2022年度部门整体支出绩效自评报告", "一、部门概况"]


def test_a_sharing_site_page_that_opens_mid_sentence_continues_the_page_before():
    page_one = "1、某县侨联2023年度部门整体支出绩效自评报告 一、基本情况 " + "县侨联联系归侨侨眷,开展为侨服务。" * 8 \
        + "二、工作开展情况 全年开展走访慰问,走访困难归侨侨眷"
    lines, _ = unflatten(page_one + "\n\n2、家庭56户,发放慰问金2.8万元。三、存在问题 一是宣传不够。")
    assert "全年开展走访慰问,走访困难归侨侨眷2、家庭56户,发放慰问金2.8万元。" in lines
    flat, _ = unflatten(re.sub(r"\s*\n\s*", " ", page_one + "\n\n2、家庭56户,发放慰问金2.8万元。"))
    assert any("走访困难归侨侨眷 2、家庭56户" in line for line in flat)  # as one line too
    lines, _ = unflatten("1、部门概况。\n2、人员情况。")  # short lines: items as written
    assert lines == ["1、部门概况。", "2、人员情况。"]


def test_a_heading_run_into_a_short_text_on_a_one_line_page_is_cut_from_it():
    lines, _ = unflatten("第一部分 2023年度部门决算报表 报表详见附件 第二部分 部门决算说明 " + "说明文字。" * 40)
    assert "报表详见附件" in lines


def test_a_sharing_site_header_is_furniture_and_its_page_count_is_read():
    header = ("某县侨联2023年度部门整体支出绩效自评报告.docx\n上传人:张三 文档编号:1234567 上传时间:2024-05-06 "
              "格式:DOCX 页数:6 大小:21.5KB\n返回 下载 相关 举报\n"
              + "".join(f"某县侨联2023年度部门整体支出绩效自评报告.docx_第{n}页\n第{n}页 / 共6页\n" for n in (1, 2))
              + "点击查看更多>>\n资源描述\n《某县侨联2023年度部门整体支出绩效自评报告.docx》由会员分享,可在线阅读。\n")
    doc = tag_report("shared", header + "1、某县侨联2023年度部门整体支出绩效自评报告 一、基本情况 县侨联在编5人。")
    assert doc.meta["title"] == "某县侨联2023年度部门整体支出绩效自评报告"
    body = [p.text for p in doc.passages if p.kind != "furniture"]
    assert not any(re.search(r"上传|举报|docx|共6页|会员", t) for t in body)
    pages = [e for e in doc.entities if e.label == "COUNT" and e.unit == "页"]
    assert len(pages) == 2 and {e.what for e in pages} == {"页数"}  # 第1页 is an ordinal, 共6页 a count


def test_a_date_field_and_a_table_of_contents_are_never_the_title():
    text = ("日期: 2023-09-21 浏览量:440 来源:某县侨联 责任编辑:张三 文字大小: 大 中 小\n目 录\n第一部分 部门概况\n"
            "一、主要职责\n第二部分 2022年度部门决算情况说明\n一、收入支出决算总体情况说明\n2022年度收入总计81.5万元。")
    doc = tag_report("toc", text)
    assert not re.search(r"日期|目\s*录", doc.meta["title"] or "") and doc.meta["department"] != "日期:2023-09-21"
    assert doc.meta["year"] == 2022


def test_a_column_name_and_a_list_of_fields_before_a_full_title_are_furniture():
    text = ("预算绩效管理\n- 索引号: abc/2024-00003\n- 发布机构: 某州档案馆\n- 文号:\n- 发布日期: 2024-04-20\n"
            "某州档案馆2023年度项目支出绩效单位自评报告\n一、基本情况\n2023年全馆接收档案1.2万卷。")
    doc = tag_report("fields", text)
    assert doc.meta["title"] == "某州档案馆2023年度项目支出绩效单位自评报告"
    assert doc.meta["department"] == "某州档案馆" and doc.meta["genre"] == "项目支出绩效自评报告"
    assert "预算绩效管理" in [p.text for p in doc.passages if p.kind == "furniture"]
    assert not any(p.text.startswith("-") for p in doc.passages)


# Tables whose cells ran together on one line, on tables the team wrote in that shape.
TARGETS = ("产出指标数量指标开展侨界联谊活动次数≥6次8次1010质量指标归侨侨眷来信来访办结率≥95%100%1010"
           "时效指标补助资金发放及时率100%96%108成本指标联谊活动经费控制数≤12万元11.6万元55")
"""A 侨联's targets table copied from a sharing site: no tab, no space between its cells."""

PROJECTS = ("某县少数民族发展资金项目表单位：万元项目名称金额某镇某村少数民族文化广场项目8某乡某村民族团结"
            "进步示范村创建项目6某镇某村畲族传统村落保护项目5合计19")
"""A 民宗局's projects table run together: each row a project and its amount."""


def test_a_run_of_cells_is_cut_where_each_row_ends():
    rows = split_run_rows(TARGETS)
    assert rows == [
        "产出指标数量指标开展侨界联谊活动次数≥6次8次1010",
        "质量指标归侨侨眷来信来访办结率≥95%100%1010",
        "时效指标补助资金发放及时率100%96%108",
        "成本指标联谊活动经费控制数≤12万元11.6万元55",  # 12万元: a unit goes on with its figure
    ]
    assert "".join(rows) == TARGETS  # nothing lost, nothing added


def test_a_yes_or_no_cell_ends_its_row():
    run = "预算执行率%100%97%1010是资金使用合规性合规合规55否信息公开及时性及时及时55是"
    assert split_run_rows(run) == [
        "预算执行率%100%97%1010是", "资金使用合规性合规合规55否", "信息公开及时性及时及时55是"]


def test_sentences_with_figures_are_left_whole():
    prose = ("2023年县侨联走访归侨侨眷112户，举办联谊活动6场，发放慰问金3.6万元，"
             "组织侨界人士参加培训2期120人次，全年支出预算执行率达98.5%。")
    assert split_run_rows(prose) == [prose]
    assert split_run_rows("2022年度部门整体支出绩效自评报告") == ["2022年度部门整体支出绩效自评报告"]


def test_each_row_is_a_block_of_its_own_and_a_sentence_before_them_stays_whole():
    text = "县民宗局2023年度项目支出情况如下。" + PROJECTS
    blocks = split_blocks("某县民族宗教事务局2023年度项目支出绩效自评报告\n" + text)
    rows = [b.text for b in blocks if b.kind == "paragraph"]
    assert "某乡某村民族团结进步示范村创建项目6" in rows and "某镇某村畲族传统村落保护项目5" in rows
    assert "县民宗局2023年度项目支出情况如下。" in rows and "合计19" in rows


@pytest.mark.parametrize("line", ["进入老年模式", "| 无障碍浏览 | 打开适老化模式", "x",
                                  "> 部门预决算 > 统战部", "索引号 11500-2023-001 发布机构 丰都县财政局",
                                  "主题词", "海量精品文档，下载即用", "上传者：某某 12 页 95.5 KB下载文档",
                                  "来源：作者：发布日期： 2024-08-04", "索引号: | 1150022 /2024-00031",
                                  "生效日期: | 废止日期:"])
def test_site_buttons_crumb_tails_and_rows_of_page_fields_are_furniture(line):
    assert all(is_boilerplate(piece) for piece in unflatten(line)[0] + unflatten(line)[1] if piece.strip())


@pytest.mark.parametrize("line", ["2023年度丰都县委统战部部门决算", "资金来源：县级财政拨款 120万元",
                                  "x轴为年份", "> 5万元的项目须经集体研究"])
def test_report_lines_that_hold_such_words_are_not(line):
    assert not is_boilerplate(line)


def test_a_page_behind_an_elder_mode_button_and_a_cut_breadcrumb_keeps_its_title():
    page = ("进入老年模式\n您现在的位置：当前位置：首页 > 财政预决算 > 部门预决算 > 统战部\n\n"
            "2023年度丰都县委统战部部门决算\n\n来源：丰都县财政局 发布时间：2024-08-12 10:20\n\n"
            "第一部分 丰都县委统战部单位概况\n一、部门职责\n（一）调查研究统一战线的理论和政策。\n")
    doc = tag_report("crumb", page)
    assert doc.meta["title"] == "2023年度丰都县委统战部部门决算" and doc.meta["department"] == "丰都县委统战部"


def test_a_page_field_whose_value_is_on_the_next_line_takes_that_line_but_never_a_title():
    page = ("来源:\n县发改局\n发布时间:\n2024-04-26 10:57\n丰都县价格认证中心2024年度整体绩效目标表\n"
            "一、部门职责\n负责价格认定。\n")
    body, furniture = unflatten(page)
    assert "县发改局" in furniture and "2024-04-26 10:57" in furniture
    assert "丰都县价格认证中心2024年度整体绩效目标表" in body
    titled = "来源:\n丰都县侨联2023年度部门决算\n一、基本概况\n"
    assert "丰都县侨联2023年度部门决算" in unflatten(titled)[0]


def test_rows_of_cells_between_bars_are_rows_at_tabs():
    rows = ("一级指标 | 二级指标 | 三级指标 | 指标值 |\n|---|---|---|---|\n"
            "产出指标 | 数量指标 | 开展侨情调研次数 | 5次 |\n")
    texts = [b.text for b in split_blocks(rows)]
    assert "产出指标\t数量指标\t开展侨情调研次数\t5次" in texts and not any("---" in t for t in texts)
