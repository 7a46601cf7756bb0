"""Tables whose cells ran together on one line, on tables the team wrote in that shape."""

from __future__ import annotations

from extract.text.blocks import split_blocks
from extract.text.run_rows import split_run_rows

TARGETS = ("产出指标数量指标开展侨界联谊活动次数≥6次8次1010质量指标归侨侨眷来信来访办结率≥95%100%1010"
           "时效指标补助资金发放及时率100%96%108成本指标联谊活动经费控制数≤12万元11.6万元55")
"""A 侨联's targets table copied from a sharing site: no tab, no space between its cells."""

PROJECTS = ("某县少数民族发展资金项目表单位：万元项目名称金额某镇某村少数民族文化广场项目8某乡某村民族团结"
            "进步示范村创建项目6某镇某村畲族传统村落保护项目5合计19")
"""A 民宗局's projects table run together: each row a project and its amount."""


def test_a_run_of_cells_is_cut_where_each_row_ends():
    rows = split_run_rows(TARGETS)
    assert [r.replace("\t", "") for r in rows] == [
        "产出指标数量指标开展侨界联谊活动次数≥6次8次1010",
        "质量指标归侨侨眷来信来访办结率≥95%100%1010",
        "时效指标补助资金发放及时率100%96%108",
        "成本指标联谊活动经费控制数≤12万元11.6万元55",  # 12万元: a unit goes on with its figure
    ]
    assert rows[1] == "质量指标归侨侨眷来信来访办结率≥\t95%100%1010"  # name, tab, figures
    assert "".join(rows).replace("\t", "") == TARGETS  # nothing lost


def test_a_yes_or_no_cell_ends_its_row():
    run = "预算执行率%100%97%1010是资金使用合规性合规合规55否信息公开及时性及时及时55是"
    assert [r.replace("\t", "") for r in split_run_rows(run)] == [
        "预算执行率%100%97%1010是", "资金使用合规性合规合规55否", "信息公开及时性及时及时55是"]


def test_sentences_with_figures_are_left_whole():
    prose = ("2023年县侨联走访归侨侨眷112户，举办联谊活动6场，发放慰问金3.6万元，"
             "组织侨界人士参加培训2期120人次，全年支出预算执行率达98.5%。")
    assert split_run_rows(prose) == [prose]
    assert split_run_rows("2022年度部门整体支出绩效自评报告") == ["2022年度部门整体支出绩效自评报告"]


def test_the_rows_become_table_rows_and_a_sentence_before_them_stays_a_paragraph():
    text = "县民宗局2023年度项目支出情况如下。" + PROJECTS
    blocks = split_blocks("某县民族宗教事务局2023年度项目支出绩效自评报告\n" + text)
    rows = [b.text.replace("\t", "") for b in blocks if b.kind == "table_row"]
    assert "某乡某村民族团结进步示范村创建项目6" in rows and "某镇某村畲族传统村落保护项目5" in rows
    assert "县民宗局2023年度项目支出情况如下。" in [b.text for b in blocks if b.kind == "paragraph"]
