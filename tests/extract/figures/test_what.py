"""What a figure measures in running text: budget lines' names whole, no comparison year, no cut word."""

import pytest

from tests.conftest import figures


@pytest.mark.parametrize("text, expected", [
    ("其他收入32.25万元，占5.27%。", [("32.25万元", "其他收入"), ("5.27%", "其他收入")]),
    ("与上年相比，收入总计增加56.8万元。", [("56.8万元", "收入总计增加")]),
    ("公用经费支出12.6万元，比上年下降12.5%。", [("12.6万元", "公用经费支出"), ("12.5%", "下降")]),
    ("部门整体支出绩效自评得分为96.5分。", [("96.5分", "部门整体支出绩效自评得分")]),
    ("其中本年收入合计612.35万元，本年支出合计600万元。",
     [("612.35万元", "本年收入合计"), ("600万元", "本年支出合计")]),
    ("2023年度收入总计382.1万元。", [("382.1万元", "收入总计")]),
    ("项目资金执行率较高，达97%。", [("97%", "项目资金执行率")]),
    ("会员满意度较高，为95%。", [("95%", "会员满意度")]),
    ("项目支出占比仅为3.2%。", [("3.2%", "项目支出占比")]),
    ("全年编发《侨务信息》24期。", [("24期", "侨务信息")]),
    ("收入较去年同期增长幅度较大，约20%。", [("20%", "收入增长幅度")]),
    ("会议费较上年压减了15%。", [("15%", "压减")]),
])
def test_whats_of_budget_sentences(text, expected):
    assert [(e.text, e.what) for e in figures(text) if e.label != "DATE"] == expected


def test_a_clause_of_a_linking_word_alone_takes_a_measure_only_from_the_clause_before():
    assert [e.what for e in figures("各项工作推进顺利，达到95%。")] == [None]
