"""Money in every written form (extract/figures/money.py with entities.py), on sentences we wrote."""

import pytest

from extract.figures.entities import find_entities
from extract.figures.money import range_low, small_change


def money(text):
    found = [e for e in find_entities(text) if e.label == "MONEY"]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize("text, span, value, unit, yuan", [
    ("会议室租金共计壹万贰仟伍佰元整。", "壹万贰仟伍佰元整", "12500", "元", 12500.0),
    ("拨付慰问金壹万二千元", "壹万二千元", "12000", "元", 12000.0),
    ("印刷费七十二元五角四分", "七十二元五角四分", "72.54", "元", 72.54),
    ("每份资料成本两块五", "两块五", "2.5", "元", 2.5),
    ("单价四块零六", "四块零六", "4.06", "元", 4.06),
    ("矿泉水每瓶一块八毛钱", "一块八毛钱", "1.8", "元", 1.8),
    ("车费九块钱", "九块钱", "9", "元", 9.0),
    ("邮费6毛", "6毛", "0.6", "元", 0.6),
    ("每张复印三毛五", "三毛五", "0.35", "元", 0.35),
    ("捐款共3.56人民币", "3.56人民币", "3.56", "元", 3.56),
    ("补助五十五人民币", "五十五人民币", "55", "元", 55.0),
    ("项目总投资约2千万元", "2千万元", "2", "千万元", 20_000_000.0),
    ("援建资金三百万元人民币", "三百万元人民币", "300", "万元", 3_000_000.0),
    ("账面余额 82，150.30元", "82，150.30元", "82150.3", "元", 82150.3),
])
def test_amounts_in_yuan(text, span, value, unit, yuan):
    e = money(text)
    assert (e.text, e.value, e.unit, e.yuan) == (span, value, unit, yuan)


@pytest.mark.parametrize("text, span, value, unit", [
    ("侨胞捐赠12.5万美元", "12.5万美元", "12.5", "万美元"),
    ("采购设备花费3800欧元", "3800欧元", "3800", "欧元"),
    ("交流团旅费约二十六万日元", "二十六万日元", "26", "万日元"),
    ("港币四千三百元的差旅补贴", "港币四千三百元", "4300", "港币"),
    ("收到港币12.8的找零", "港币12.8", "12.8", "港币"),
    ("两岸交流基金 35.2 亿新台币", "35.2 亿新台币", "35.2", "亿新台币"),
    ("奖学金500英镑", "500英镑", "500", "英镑"),
    ("援助物资价值七百万卢布", "七百万卢布", "700", "万卢布"),
    ("合同金额两个亿日元", "两个亿日元", "2", "亿日元"),
])
def test_a_foreign_currency_is_kept_as_the_unit_without_yuan(text, span, value, unit):
    e = money(text)
    assert (e.text, e.value, e.unit, e.yuan) == (span, value, unit, None)


@pytest.mark.parametrize("text, span, value, unit", [
    ("每场补贴3万-8万元", "3万-8万元", "3/8", "万元"),
    ("单项奖励2万元--6万元", "2万元--6万元", "2/6", "万元"),
    ("经费在2万(含)-5万元之间", "2万(含)-5万元", "2/5", "万元"),
    ("培训费四到六万元", "四到六万元", "4/6", "万元"),
    ("从6000到2万港元不等", "6000到2万港元", "0.6/2", "万港元"),
    ("报价十五至二十万日元", "十五至二十万日元", "15/20", "万日元"),
    ("门票三块五到四块二毛", "三块五到四块二毛", "3.5/4.2", "元"),
    ("茶水费一元五角-二元八毛五分", "一元五角-二元八毛五分", "1.5/2.85", "元"),
    ("每人两块到三块", "两块到三块", "2/3", "元"),
    ("投入七八亿元", "七八亿元", "7/8", "亿元"),
    ("花了三五百块", "三五百块", "300/500", "元"),
    ("每户补贴六七千块钱", "六七千块钱", "6000/7000", "元"),
])
def test_a_range_with_one_unit_is_one_figure_with_both_ends(text, span, value, unit):
    e = money(text)
    assert (e.text, e.value, e.unit) == (span, value, unit)


@pytest.mark.parametrize("text, amounts", [
    ("2023年度收、支总计各是612.5,608.25万元。", [("612.5", "612.5"), ("608.25万元", "608.25")]),
    ("与上年相比，收、支总计各减少31.6,27.05万元。", [("31.6", "31.6"), ("27.05万元", "27.05")]),
    ("基本支出、项目支出分别为85.2、40.3万元。", [("85.2", "85.2"), ("40.3万元", "40.3")]),
])
def test_numbers_listed_before_one_unit_are_amounts_in_it(text, amounts):
    found = [e for e in find_entities(text) if e.label == "MONEY"]
    assert [(e.text, e.value) for e in found] == amounts and {e.unit for e in found} == {"万元"}


def test_a_number_is_never_read_from_inside_another():
    assert [e.text for e in find_entities("收支为4125.49,4143.91万元") if e.label == "MONEY"] == ["4143.91万元"]


@pytest.mark.parametrize("text, value, qualifier", [
    ("至少六块三毛", "6.3", "gte"), ("两块钱以上", "2", "gte"),
    ("最多一块二", "1.2", "lte"), ("2.5块以上", "2.5", "gte"),
    ("预算100万元（含）以上的项目", "100", "gte"), ("近60万元", "60", "approx"), ("约3.2亿美元", "3.2", "approx"),
    ("不到8万台币", "8", "lt"), ("5000多欧元", "5000", "approx"), ("价值3000余元", "3000", "approx"),
])
def test_qualifiers_of_money_are_kept(text, value, qualifier):
    e = money(text)
    assert (e.value, e.qualifier) == (value, qualifier)


@pytest.mark.parametrize("text, label, value, unit", [
    ("修缮宣传栏3块", "COUNT", "3", "块"),
    ("制作展板12块，横幅5条", "COUNT", "12", "块"),
    ("每张3块2处标注", "COUNT", "3", "块"),
    ("上午花了30块", "MONEY", "30", "元"),
    ("9块", "MONEY", "9", "元"),
])
def test_kuai_is_money_only_where_money_is_meant(text, label, value, unit):
    e = [x for x in find_entities(text) if x.label != "DATE"][0]
    assert (e.label, e.value, e.unit) == (label, value, unit)


def test_words_with_jiao_or_mao_are_no_money():
    assert find_entities("绘制三角形图案，发放毛巾") == []


def test_small_change_and_the_lower_end_read_alone():
    assert small_change("五角八分", 0, kuai=False)[0] == small_change("五毛八", 0, kuai=True)[0]
    assert small_change("3人", 0, kuai=False) == (0, 0)
    low = range_low("两到三万元", 2, "万", 3)
    assert low is not None and low[1] == 2



@pytest.mark.parametrize("text, span, value, unit, qualifier", [
    ("赞助费十五六万元", "十五六万元", "15/16", "万元", "approx"),
    ("每期七百三四十欧元", "七百三四十欧元", "730/740", "欧元", "approx"),
    ("收到捐款十几块钱", "十几块钱", "10/20", "元", "approx"),
    ("投资数十亿元人民币", "数十亿元人民币", "10/100", "亿元", "approx"),
    ("花了几百块", "几百块", "100/1000", "元", "approx"),
    ("门票8佰日元", "8佰日元", "800", "日元", None),
    ("两~4百港币", "两~4百港币", "200/400", "港币", None),
])
def test_rough_vague_and_hundreds_amounts(text, span, value, unit, qualifier):
    e = money(text)
    assert (e.text, e.value, e.unit, e.qualifier) == (span, value, unit, qualifier)


@pytest.mark.parametrize("text, span, value, unit", [
    ("月薪8k左右", "8k", "8", "千元"), ("报价2.5w元", "2.5w元", "2.5", "万元"),
    ("工资在6k~9k之间", "6k~9k", "6/9", "千元"), ("12~20w元", "12~20w元", "12/20", "万元"),
])
def test_k_and_w_are_thousands_and_ten_thousands_of_yuan_where_money_is_meant(text, span, value, unit):
    e = money(text)
    assert (e.text, e.value, e.unit) == (span, value, unit)


def test_k_and_w_elsewhere_are_no_money():
    assert [e for e in find_entities("功率3kW的设备，型号B2k，覆盖5w人") if e.label == "MONEY"] == []
