"""The indicator catalogue: written forms to one canonical name, noise to none."""

import pytest

from extract.figures.indicators import (
    catalogue,
    indicator_kind,
    indicator_of,
    is_noise,
    names_nothing,
    normalized_what,
)


@pytest.mark.parametrize("what, label, indicator", [
    ("预算执行率", "PERCENT", "预算执行率"), ("预算完成率", "PERCENT", "预算执行率"),
    ("执行率", "PERCENT", "预算执行率"), ("资金执行率", "PERCENT", "预算执行率"),
    ("部门预算资金执行率", "PERCENT", "预算执行率"), ("預算執行率", "PERCENT", "预算执行率"),
    ("预算调整率", "PERCENT", "预算调整率"), ("群众满意度（16 个）", "PERCENT", "服务对象满意度"),
    ("服务对象满意度年度指标值", "PERCENT", "服务对象满意度"), ("重点提案", "COUNT", "提案数"),
    ("集体提案", "COUNT", "提案数"), ("经政协提案", "COUNT", "提案数"), ("提案", "COUNT", "提案数"),
    ("“三公”经费支出", "MONEY", "三公经费"), ("因公出国(境)费支出", "MONEY", "因公出国（境）费"),
    ("公务用车运行维护费", "MONEY", "公务用车购置及运行维护费"), ("公务接待费", "MONEY", "公务接待费"),
    ("基本支出", "MONEY", "基本支出"), ("项目支出", "MONEY", "项目支出"),
    ("年初预算数", "MONEY", "年初预算数"), ("调整后预算数", "MONEY", "调整后预算数"),
    ("全年执行数", "MONEY", "执行数"), ("年末结转和结余", "MONEY", "结转结余"),
    ("行政编制", "COUNT", "行政编制"), ("内设机构", "COUNT", "内设机构"), ("退休人员", "COUNT", "退休人员"),
    ("2023年度收入总计", "MONEY", "收入总计"),
])
def test_written_forms_have_one_name(what, label, indicator):
    assert indicator_of(what, label) == indicator


@pytest.mark.parametrize("what, label", [
    ("预算执行率", "MONEY"), ("页数", "COUNT"), ("下降", "PERCENT"), ("合计", "PERCENT"), ("O", "COUNT"),
    ("费支出", "MONEY"), ("万元", "MONEY"), (None, "MONEY"), ("培训班次", "COUNT"),
])
def test_noise_other_labels_and_unknown_names_have_none(what, label):
    assert indicator_of(what, label) == ""


def test_a_kind_of_proposal_is_kept():
    assert indicator_kind("重点提案", "COUNT") == "重点" and indicator_kind("提案", "COUNT") == ""


def test_noise_and_names():
    assert names_nothing("O") and names_nothing("页/") and not names_nothing("增长")
    assert is_noise("增长") and is_noise("页数") and not is_noise("受益群众人数")
    assert normalized_what("「三公」经费（16 个）年度指标值") == "三公经费"


def test_no_two_labels_share_a_name_and_every_form_compiles():
    names = [entry.name for entry in catalogue()]
    assert len(names) == len(set(names)) and len(names) >= 30


@pytest.mark.parametrize("text, expected", [
    ("2024年度收、支总计均为1523.26万元。", [("1523.26万元", "收入总计")]),
    ("本单位内设5个职能科室，行政编制12名，实有人数11人，退休人员8人。",
     [("5个", "内设机构"), ("12名", "行政编制"), ("11人", "在职人员"), ("8人", "退休人员")]),
    ("全年执行1288.6万元，预算执行率为96.5%，群众满意度达98%。",
     [("1288.6万元", "执行数"), ("96.5%", "预算执行率"), ("98%", "服务对象满意度")]),
    ("年初预算安排356.2万元，其中基本支出300万元、项目支出56.2万元；年末结转和结余10万元。",
     [("356.2万元", "年初预算数"), ("300万元", "基本支出"), ("56.2万元", "项目支出"), ("10万元", "结转结余")]),
    ("政府性基金预算财政拨款支出0万元，国有资本经营预算财政拨款收入0万元。",
     [("0万元", "政府性基金预算财政拨款支出"), ("0万元", "国有资本经营预算财政拨款收入")]),
    ("公务用车购置及运行维护费5万元，公务接待费1.2万元。",
     [("5万元", "公务用车购置及运行维护费"), ("1.2万元", "公务接待费")]),
])
def test_sentences_name_their_indicators(text, expected):
    from extract.figures.entities import find_entities
    from extract.figures.what import infer_what

    entities = find_entities(text)
    infer_what(text, entities)
    assert [(e.text, indicator_of(e.what, e.label)) for e in entities if e.label != "DATE"] == expected
