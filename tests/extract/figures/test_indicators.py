"""The indicator catalogue: written forms to one canonical name, noise to none."""

import pytest

from extract.figures.indicators import (
    catalogue,
    indicator_kind,
    indicator_names,
    indicator_of,
    is_noise,
    named_indicator,
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
    ("公务用车购置及运行维护费", "MONEY", "公务用车购置及运行维护费"), ("公务接待费", "MONEY", "公务接待费"),
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
    from tests.conftest import figures

    entities = figures(text)
    assert [(e.text, indicator_of(e.what, e.label)) for e in entities if e.label != "DATE"] == expected


WRITTEN_FORMS = {
    "年初预算数": ("部门年初批复预算", "MONEY"), "调整后预算数": ("全年预算数", "MONEY"),
    "预算调整数": ("年中追加经费", "MONEY"), "执行数": ("全年实际支出数", "MONEY"),
    "收入总计": ("2022年度收入总计", "MONEY"), "支出总计": ("总支出", "MONEY"),
    "财政拨款收入": ("一般公共预算财政拨款收入", "MONEY"), "财政拨款支出": ("财政拨款支出决算", "MONEY"),
    "政府性基金预算财政拨款收入": ("政府性基金预算收入", "MONEY"),
    "政府性基金预算财政拨款支出": ("政府性基金预算财政拨款支出", "MONEY"),
    "国有资本经营预算财政拨款收入": ("国有资本经营预算收入", "MONEY"),
    "国有资本经营预算财政拨款支出": ("国有资本经营预算支出", "MONEY"),
    "基本支出": ("一般公共预算财政拨款基本支出", "MONEY"), "项目支出": ("项目支出决算数", "MONEY"),
    "本年收入合计": ("本年收入合计", "MONEY"), "本年支出合计": ("支出合计", "MONEY"),
    "上级补助收入": ("上级补助收入", "MONEY"), "事业收入": ("事业收入", "MONEY"),
    "经营收入": ("经营收入", "MONEY"), "附属单位上缴收入": ("附属单位上缴收入", "MONEY"),
    "其他收入": ("其他收入", "MONEY"), "年初结转和结余": ("上年结转和结余", "MONEY"),
    "使用非财政拨款结余": ("使用非财政拨款结余（含专用结余）", "MONEY"),
    "上缴上级支出": ("上缴上级支出", "MONEY"), "经营支出": ("经营支出", "MONEY"),
    "对附属单位补助支出": ("对附属单位补助支出", "MONEY"), "工资福利支出": ("工资福利支出", "MONEY"),
    "商品和服务支出": ("商品和服务支出", "MONEY"), "对个人和家庭的补助": ("对个人和家庭补助支出", "MONEY"),
    "机关运行经费": ("机关运行经费支出", "MONEY"), "公务用车购置费": ("公车购置费", "MONEY"),
    "公务用车运行维护费": ("公务用车运行维护费", "MONEY"),
    "授予中小企业合同金额": ("授予中小微企业合同金额", "MONEY"), "资产总额": ("资产原值合计", "MONEY"),
    "固定资产": ("固定资产原值", "MONEY"), "培训合格率": ("学员考核合格率", "PERCENT"),
    "人员经费": ("人员经费支出", "MONEY"), "公用经费": ("日常公用经费", "MONEY"),
    "结转结余": ("年末结转和结余", "MONEY"), "三公经费": ("“三公”经费财政拨款支出", "MONEY"),
    "因公出国（境）费": ("因公出国（境）经费", "MONEY"), "公务接待费": ("国内公务接待费", "MONEY"),
    "公务用车购置及运行维护费": ("公务用车购置及运行费", "MONEY"), "会议费": ("会议经费", "MONEY"),
    "培训费": ("培训费支出", "MONEY"), "政府采购金额": ("政府采购支出总额", "MONEY"),
    "预算执行率": ("项目资金执行率", "PERCENT"), "预算调整率": ("预算调整率", "PERCENT"),
    "结转结余率": ("结余率", "PERCENT"), "三公经费变动率": ("三公经费下降率", "PERCENT"),
    "三公经费控制率": ("“三公”经费控制率", "PERCENT"), "在职人员控制率": ("财政供养人员控制率", "PERCENT"),
    "政府采购执行率": ("政府采购执行率", "PERCENT"), "公用经费控制率": ("公用经费控制率", "PERCENT"),
    "支付进度率": ("资金支付率", "PERCENT"), "资金到位率": ("预算资金到位率", "PERCENT"),
    "提案办结率": ("提案办复率", "PERCENT"), "完成及时率": ("项目按时完成率", "PERCENT"),
    "验收合格率": ("工程验收合格率", "PERCENT"), "资金拨付及时率": ("资金拨付及时率", "PERCENT"),
    "成本控制率": ("成本控制率", "PERCENT"), "服务对象满意度": ("参训学员满意度", "PERCENT"),
    "提案数": ("民主党派提案", "COUNT"), "社情民意信息": ("社情民意信息", "COUNT"),
    "行政编制": ("核定行政编制", "COUNT"), "事业编制": ("事业编制数", "COUNT"),
    "编制数": ("人员编制", "COUNT"), "在职人员": ("在编在岗人员", "COUNT"),
    "退休人员": ("离退休人数", "COUNT"), "内设机构": ("内设职能委室", "COUNT"),
    "离休人员": ("离休干部", "COUNT"), "下属单位": ("直属事业单位", "COUNT"),
    "公务用车保有量": ("公务用车保有量", "COUNT"), "公务接待批次": ("国内公务接待批次", "COUNT"),
    "公务接待人次": ("接待人次", "COUNT"), "因公出国（境）团组": ("因公出国（境）团组", "COUNT"),
    "因公出国（境）人次": ("因公出国（境）人次", "COUNT"),
}
"""One written form of each canonical name (our own phrases; the catalogue's test coverage)."""


def test_every_canonical_name_has_a_written_form_that_reaches_it():
    assert set(WRITTEN_FORMS) == set(indicator_names())
    wrong = {name: indicator_of(what, label) for name, (what, label) in WRITTEN_FORMS.items()
             if indicator_of(what, label) != name}
    assert wrong == {}


@pytest.mark.parametrize("what, label, indicator", [
    ("年初结转和结余", "MONEY", "年初结转和结余"), ("年末结转和结余", "MONEY", "结转结余"),
    ("本年收入合计", "MONEY", "本年收入合计"), ("收入总计", "MONEY", "收入总计"),
    ("公务用车购置费", "MONEY", "公务用车购置费"), ("公务用车运行费", "MONEY", "公务用车运行维护费"),
    ("离退休人员", "COUNT", "退休人员"), ("离休人员", "COUNT", "离休人员"),
])
def test_neighbouring_measures_keep_their_own_names(what, label, indicator):
    assert indicator_of(what, label) == indicator


def test_kinds_of_proposals_and_satisfaction_are_kept():
    assert indicator_kind("民主党派提案", "COUNT") == "民主党派"
    assert indicator_kind("群众满意度", "PERCENT") == "群众"
    assert indicator_kind("满意度", "PERCENT") == ""


def test_a_count_is_read_with_its_measure_word_when_its_name_alone_names_nothing():
    assert named_indicator("国内公务接待", "COUNT", "批次") == ("公务接待批次", "")
    assert named_indicator("立案", "COUNT", "件") == ("提案数", "立案")
    assert named_indicator("培训基层干部", "COUNT", "人次") == ("", "")


def test_this_year_stays_when_it_is_most_of_the_name():
    assert normalized_what("本年收入") == "本年收入" and normalized_what("本年度基本支出") == "基本支出"
    assert indicator_of("本年收入", "MONEY") == "本年收入合计"


REPORT_A = ("某县委统战部2023年度部门整体支出绩效自评报告\n一、部门基本情况\n"
            "本部门内设4个股室，核定行政编制12名，退休人员6人。\n二、部门整体支出情况\n"
            "2023年年初预算数为356.2万元，全年执行数372.1万元，预算执行率为97.79%。其中基本支出290.3万元。"
            "2023年度收入总计382.1万元。\n三、绩效情况\n服务对象满意度达到96%。\n")
REPORT_B = ("某市侨联2022年度部门决算\n一、机构和人员情况\n"
            "市侨联设办公室、联络部、权益保障部3个内设机构，行政编制9人，离退休人员4人。\n二、收入支出决算总体情况\n"
            "2022年度收、支总计均为215.6万元。年初预算安排200万元，全年实际支出198.4万元，预算完成率99.2%。"
            "一般公共预算财政拨款基本支出160.2万元。\n三、绩效自评\n归侨侨眷满意度为95%。\n")

REPORT_C = ("某区民宗局2021年度整体支出绩效评价报告\n（一）机构设置及人员情况\n"
            "我局下设3个科室，行政编制数8名，在编在岗9人，退休干部5人。\n（二）资金情况\n"
            "2021年部门年初批复预算168.5万元，预算调整后为175.2万元，全年支出170.4万元，资金使用率97.3%。"
            "全年收入总额176.0万元。基本支出决算数140.1万元。\n（三）满意度\n经问卷调查，宗教界人士满意率为98.2%。\n")


def test_the_same_measures_written_three_ways_in_three_reports_carry_one_name_each():
    from extract.nlp.pipeline import tag_report

    named = [{m.value: m.indicator for p in tag_report(i, text).passages for m in p.metrics}
             for i, text in (("a", REPORT_A), ("b", REPORT_B), ("c", REPORT_C))]
    values = {"内设机构": ("4", "3", "3"), "行政编制": ("12", "9", "8"), "退休人员": ("6", "4", "5"),
              "年初预算数": ("356.2", "200", "168.5"), "执行数": ("372.1", "198.4", "170.4"),
              "预算执行率": ("97.79", "99.2", "97.3"), "基本支出": ("290.3", "160.2", "140.1"),
              "收入总计": ("382.1", "215.6", "176"), "服务对象满意度": ("96", "95", "98.2")}
    assert {name: tuple(named[i][v] for i, v in enumerate(vs)) for name, vs in values.items()} == \
        {name: (name, name, name) for name in values}
