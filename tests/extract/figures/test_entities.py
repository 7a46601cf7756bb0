from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings

from extract.figures.entities import find_entities
from tests.conftest import LIWAN_2022, figures, report_like_text


def tagged_text(text):
    return figures(text)


def one(text, label=None):
    found = [e for e in tagged_text(text) if label is None or e.label == label]
    assert len(found) == 1, found
    return found[0]


def test_sister_schools_count_in_the_liwan_report(tagged):
    passage = next(p for p in tagged[LIWAN_2022].passages if "累计缔结穗港澳姊妹学校37对" in p.text)
    count = next(e for e in passage.entities if e.text == "37对")
    assert (count.label, count.value, count.unit) == ("COUNT", "37", "对")
    assert "姊妹学校" in count.what


def test_money_has_yuan_and_what():
    e = one("执行数1,288.68万元，", "MONEY")
    assert (e.text, e.value, e.unit, e.yuan, e.what) == ("1,288.68万元", "1288.68", "万元", 12886800.0, "执行数")


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("累计组织近400名企业家参加", "400", "名", "approx"),
    ("解决企业诉求90余条", "90", "条", "approx"),
    ("累计捐赠超过1000万元的善款", "1000", "万元", "gt"),
    ("满意度95%以上", "95", "%", "gte"),
    ("不少于2件", "2", "件", "gte"),
    ("参训人数不足30人", "30", "人", "lt"),
    ("控制在5万元以内", "5", "万元", "lte"),
    ("组织两场座谈", "2", "场", None),
    ("覆盖十二个镇街", "12", "个", None),
    ("参保率百分之九十五", "95", "%", None),
    ("补助三千元", "3000", "元", None),
    ("接待海内外华人华侨近千人次", "1000", "人次", "approx"),
    ("预算执行数1288.68万\n元", "1288.68", "万元", None),
    ("来信来访１２３件", "123", "件", None),
    ("財政撥款1.05億元", "1.05", "亿元", None),
    ("调研报告全文共12页", "12", "页", None),
    ("梳理意见建议6大类31小项", "6", "大类", None),
    ("帮助销售农产品3万斤", "30000", "斤", None),
    ("东山、西岭、南湖3县建立侨胞之家", "3", "县", None),
    ("2023年决算收入512.6万,其中财政拨款", "512.6", "万", None),
    ("年度指标值：培训人数≥120人", "120", "人", "gte"),
    ("会议费≤3万元", "3", "万元", "lte"),
    ("结余率<5%", "5", "%", "lt"),
])
def test_values_units_and_qualifiers(text, value, unit, qualifier):
    e = [x for x in tagged_text(text) if x.label != "DATE"][0]
    assert (Decimal(e.value), e.unit, e.qualifier) == (Decimal(value), unit, qualifier)
    assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("text,value", [
    ("2022年", "2022"), ("2022年6月", "2022-06"), ("2024年1月16日", "2024-01-16"),
    ("2021-2025年", "2021/2025"), ("2022—2026年", "2022/2026"),
    ("某县侨联 2023 部门预算", "2023"), ("附件:1.2022年专项资金分配表", "2022"),
])
def test_dates(text, value):
    assert one(text, "DATE").value == value


@pytest.mark.parametrize("text", [
    "增强“四个意识”、坚定“四个自信”、做到“两个维护”", "一是加强领导", "第九批中国华侨国际文化交流基地",
    "十五届六次会议", "连续8年支援", "联系电话 84942516", "〔2023〕24号", "“1+24”培训体系",
    "建立“三批一库”", "“十大发展提案”", "推动“两个健康”", "2024部门整体支出", "分类指导3家庭农场",
    "本县是一个多民族聚居县", "全县人口12万", "2市场主体", "数字城管二期建设项目已验收", "推进三期扩建",
    "收入合计 26 本年收入合计",
])
def test_exclusions_are_not_entities(text):
    assert [e for e in tagged_text(text) if e.label != "DATE"] == []


def test_table_row_yields_target_actual_and_rate(tagged):
    doc = tagged["2022_baiyun_federation_of_industry_and_commerce_self_evaluation_report"]
    row = next(p for p in doc.passages if p.text.startswith("走访企业数"))
    roles = {(m.role, m.value, m.unit) for m in row.metrics}
    assert roles == {("target", "50", "家"), ("actual", "56", "家"), ("rate", "112", "%")}
    assert {m.what for m in row.metrics} == {"走访企业数"}


def test_traditional_script_offsets_are_valid_in_the_original_text():
    text = "預算執行數1,288.68萬元，完成率90.79%；接待僑胞77批112人次。"
    entities = tagged_text(text)
    assert [e.text for e in entities] == ["1,288.68萬元", "90.79%", "77批", "112人次"]
    assert entities[0].unit == "万元" and entities[0].what == "預算執行數"  # as written


def test_bare_table_numbers_are_not_money():
    assert [e.label for e in tagged_text("合计\t2165.98\t153.56\t2287.19\t98.61%")] == ["PERCENT"]


@pytest.mark.parametrize("text, expected", [
    ("增长率为-22.2%。", [("PERCENT", "-22.2%", "-22.2", "%")]),
    ("同比减少－5%。", [("PERCENT", "－5%", "-5", "%")]),
    ("同比负3.9%。", [("PERCENT", "负3.9%", "-3.9", "%")]),
    ("完成百分之22和百分之３.２。",
     [("PERCENT", "百分之22", "22", "%"), ("PERCENT", "百分之３.２", "3.2", "%")]),
    ("较上年下降2.3个百分点。", [("PERCENT", "2.3个百分点", "2.3", "个百分点")]),
    ("覆盖百分之二三十的群众。", [("PERCENT", "百分之二三十", "20/30", "%")]),
    ("比例为20%-30%。", [("PERCENT", "20%-30%", "20/30", "%")]),
    ("约二三十人参加。", [("COUNT", "二三十人", "20/30", "人")]),
    ("详见http://www.example.gov.cn/2023/0625/123.html，邮箱ab12@qq.com。", []),
    ("三千万元、1.2亿元、500千元、１２万元。",
     [("MONEY", "三千万元", "3000", "万元"), ("MONEY", "1.2亿元", "1.2", "亿元"),
                                   ("MONEY", "500千元", "500", "千元"), ("MONEY", "１２万元", "12", "万元")]),
    ("2023-06-25发布，2023/6/25，2023.06.25。",
     [("DATE", t, "2023-06-25", None) for t in ("2023-06-25", "2023/6/25", "2023.06.25")]),
    ("2021 年 1 月 28 日", [("DATE", "2021 年 1 月 28 日", "2021-01-28", None)]),
    ("7月25日召开，9月完成。", [("DATE", "7月25日", "--07-25", None), ("DATE", "9月", "--09", None)]),
    ("2022年度", [("DATE", "2022年度", "2022", None)]),
])
def test_figures_in_every_written_form(text, expected):
    assert [(e.label, e.text, e.value, e.unit) for e in find_entities(text)] == expected


def test_title_and_heading_figures_belong_to_the_document():
    from extract.nlp.pipeline import tag_report

    doc = tag_report("t", "某县侨联2023年度部门整体支出绩效自评报告\n一、2023年度基本情况\n走访侨户56户。")
    dates = [e for e in doc.entities if e.label == "DATE"]
    assert [e.value for e in dates] == ["2023", "2023"]
    assert all(doc.text[e.start:e.end] == e.text for e in doc.entities)


@pytest.mark.parametrize("text, whats", [
    ("全年预算数：1110.36万元，执行数：1000万元。", ["全年预算数", "执行数"]),
    ("1.项目支出：35.58万元", ["项目支出"]),
    ("培训人数: 120人次", ["培训人数"]),
])
def test_what_after_a_colon_is_the_label_before_it(text, whats):
    entities = figures(text)
    assert [e.what for e in entities] == whats


@pytest.mark.parametrize("text, what", [
    ("困难群众每人每月生活补助300元", "生活补助"),
    ("会员发展到1100多人", "会员"),
    ("高龄老人每月每人100元", "高龄老人"),
    ("2023年三公经费预算数57.17万元", "三公经费预算数"),
    ("每户分得分红款700元", "分红款"),
    ("否侨情调研次数次12次", "侨情调研次数"),  # a row run together: the unit column and 否 dropped
    ("第1页/共9页", "页数"),
])
def test_what_skips_distributives_growth_verbs_and_years(text, what):
    assert [e.what for e in tagged_text(text) if e.label != "DATE"] == [what]


def test_a_number_with_two_decimal_points_is_no_figure_and_no_crash():
    assert [e for e in tagged_text("收入1.2.3万元，共1..5人") if e.label != "DATE"] == []


def test_an_amount_of_thirty_digits_is_read_not_raised():
    assert one("10000000000000000000100000000万元", "MONEY").value == "10000000000000000000100000000"


@pytest.mark.parametrize("text, expected", [
    ("拨付补助资金壹拾贰万叁仟元整。", [("MONEY", "壹拾贰万叁仟元整", "123000", "元")]),
    ("收到伍仟元整，另付贰佰叁拾圆伍角。",
     [("MONEY", "伍仟元整", "5000", "元"), ("MONEY", "贰佰叁拾圆伍角", "230.5", "元")]),
    ("每人发放50元6角三分。", [("MONEY", "50元6角三分", "50.63", "元")]),
    ("捐款人民币300元，另收¥120和RMB 5万。",
     [("MONEY", "人民币300元", "300", "元"), ("MONEY", "¥120", "120", "元"), ("MONEY", "RMB 5万", "5", "万元")]),
    ("单价3.14人民币。", [("MONEY", "3.14人民币", "3.14", "元")]),
    ("票价5.6到5.78元不等。", [("MONEY", "5.6到5.78元", "5.6/5.78", "元")]),
    ("捐了一百块钱，每份至少三块四分。",
     [("MONEY", "一百块钱", "100", "元"), ("MONEY", "三块四分", "3.04", "元")]),
    ("修缮围墙3块。", [("COUNT", "3块", "3", "块")]),
    ("收回一千零十个、一千零十一个、五百卅四个。",
     [("COUNT", "一千零十个", "1010", "个"), ("COUNT", "一千零十一个", "1011", "个"),
      ("COUNT", "五百卅四个", "534", "个")]),
    ("参训3到5人。", [("COUNT", "3到5人", "3/5", "人")]),
    ("提高六个百分点、二十个百分点和四点五个百分点。",
     [("PERCENT", "六个百分点", "6", "个百分点"), ("PERCENT", "二十个百分点", "20", "个百分点"),
      ("PERCENT", "四点五个百分点", "4.5", "个百分点")]),
    ("增速为百分之负三点八，差错率千分之五。",
     [("PERCENT", "百分之负三点八", "-3.8", "%"), ("PERCENT", "千分之五", "5", "‰")]),
    ("降低负百分之点二八，误差万分之三。",
     [("PERCENT", "负百分之点二八", "-0.28", "%"), ("PERCENT", "万分之三", "3", "‱")]),
    ("概率为二分之一，为期一到二个月。", [("PERCENT", "二分之一", "50", "%")]),
    ("二〇二三年三月十五日印发，二〇二三年四月一号施行。",
     [("DATE", "二〇二三年三月十五日", "2023-03-15", None), ("DATE", "二〇二三年四月一号", "2023-04-01", None)]),
    ("二〇二一年十二月卅一日", [("DATE", "二〇二一年十二月卅一日", "2021-12-31", None)]),
    ("三月十五日召开。", [("DATE", "三月十五日", "--03-15", None)]),
    ("签发日期 2010 01 29", [("DATE", "2010 01 29", "2010-01-29", None)]),
    ("二〇二三年3月15日", [("DATE", "二〇二三年3月15日", "2023-03-15", None)]),
    ("补助12万5千元，另拨1万600元。", [("MONEY", "12万5千元", "125000", "元"), ("MONEY", "1万600元", "10600", "元")]),
    ("三块五毛、三十二块六毛四分", [("MONEY", "三块五毛", "3.5", "元"), ("MONEY", "三十二块六毛四分", "32.64", "元")]),
])
def test_numeral_money_percent_and_date_forms(text, expected):
    assert [(e.label, e.text, e.value, e.unit) for e in find_entities(text)] == expected


def test_a_range_of_money_keeps_its_lower_end_in_yuan():
    assert one("补助5.6到5.78万元", "MONEY").yuan == 56000.0


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like_text())
def test_every_entity_span_lies_inside_the_text_and_reads_as_its_text(text):
    for entity in find_entities(text):
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start:entity.end] == entity.text


@pytest.mark.parametrize("text, span, value, unit, qualifier", [
    ("参保率百分九十八", "百分九十八", "98", "%", None),
    ("完成率达到百分百", "百分百", "100", "%", None),
    ("补助标准提高百分之五到八", "百分之五到八", "5/8", "%", None),
    ("增幅为百分之十二至百分之十五", "百分之十二至百分之十五", "12/15", "%", None),
    ("同比下降负的百分之四", "负的百分之四", "-4", "%", None),
    ("占全部经费的四分之一以上", "四分之一", "25", "%", "gte"),
    ("约三分之二的会员参加", "三分之二", "66.67", "%", "approx"),
    ("误差在千分之二以内", "千分之二", "2", "‰", "lte"),
])
def test_percent_forms(text, span, value, unit, qualifier):
    found = [e for e in find_entities(text) if e.label == "PERCENT"]
    assert [(e.text, e.value, e.unit, e.qualifier) for e in found] == [(span, value, unit, qualifier)]


@pytest.mark.parametrize("text, value, unit", [
    ("发放大米二十五千克", "25", "千克"), ("硬化道路800米", "800", "米"), ("捐赠口罩3000盒", "3000", "盒"),
    ("药品12.5克", "12.5", "克"), ("消毒液50升", "50", "升"),
])
def test_measures_of_weight_length_and_packs_are_counts(text, value, unit):
    e = one(text, "COUNT")
    assert (e.value, e.unit) == (value, unit)


def test_a_measure_word_that_opens_a_word_is_no_count():
    assert [e for e in tagged_text("为5克服困难，推动2升级改造") if e.label == "COUNT"] == []


def test_a_decimal_before_a_measure_word_of_things_is_a_section_number_not_a_count():
    found = tagged_text("2.3本项目计划投入经费，面积415.32平方米，得分96.5分")
    assert [(e.label, e.text) for e in found if e.label == "COUNT"] == [("COUNT", "415.32平方米"), ("COUNT", "96.5分")]
