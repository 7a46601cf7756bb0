"""DATE forms and a report's signing date (its 落款)."""

import pytest

from extract.figures.dates import date_candidates, date_value, signing_date
from extract.figures.entities import find_entities


def test_date_value_pads_month_and_day():
    assert date_value("2023", "3", "5") == "2023-03-05" and date_value("2023", None, None) == "2023"


@pytest.mark.parametrize("text, value", [
    ("二〇二三年三月十五日", "2023-03-15"), ("二〇二三年四月一号", "2023-04-01"), ("二〇二三年度", "2023"),
    ("二〇二一年十二月卅一日", "2021-12-31"), ("二〇二三年3月15日", "2023-03-15"), ("2010 01 29", "2010-01-29"),
])
def test_candidates_hold_each_form(text, value):
    assert value in {e.value for e in date_candidates(text)}


def test_spaced_numbers_that_are_no_date_stay_apart():
    assert date_candidates("合计 2021 13 5") == [] and date_candidates("人数 2021 1 5") == []


REPORT = ("一、部门概况\n本部门2023年预算执行情况良好，2023年6月30日前完成全部项目。\n\n"
          "某区委统战部\n二〇二四年三月十五日\n")


def test_the_signing_date_is_the_last_full_date_with_only_the_signer_after_it():
    entities = find_entities(REPORT)
    assert signing_date(REPORT, entities) == "2024-03-15"
    body = "2023年6月30日前完成全部项目，并于7月报送总结。"
    assert signing_date(body, find_entities(body)) is None


def test_the_pipeline_keeps_the_signing_date_as_the_documents_date():
    from extract.nlp.pipeline import tag_report

    signed = tag_report("signed", REPORT)
    assert signed.meta["date"] == signed.date == signed.to_dict()["date"] == "2024-03-15"
    assert tag_report("given", REPORT, meta={"date": "2024-04-01"}).date == "2024-04-01"
    assert tag_report("unsigned", "本部门2023年预算执行情况良好。").date == ""


@pytest.mark.parametrize("text, span, value", [
    ("2024年五月九日召开", "2024年五月九日", "2024-05-09"),
    ("于二〇二二年十一月廿六号印发", "二〇二二年十一月廿六号", "2022-11-26"),
    ("一九九九年十月", "一九九九年十月", "1999-10"),
    ("两千零八年五月十二日", "两千零八年五月十二日", "2008-05-12"),
    ("零九年七月一号建成", "零九年七月一号", "2009-07-01"),
    ("八八年5月", "八八年5月", "1988-05"),
    ("16年4月7日成立", "16年4月7日", "2016-04-07"),
    ("十一月18号开展活动", "十一月18号", "--11-18"),
    ("定于9月26举办", "9月26", "--09-26"),
    ("四月十二开幕", "四月十二", "--04-12"),
    ("文件编号20230518", "20230518", "2023-05-18"),
    ("签订于4/21/2019", "4/21/2019", "2019-04-21"),
    ("任期2016.03-2021.06", "2016.03-2021.06", "2016-03/2021-06"),
    ("2022年九月至2023年二月", "2022年九月至2023年二月", "2022-09/2023-02"),
    ("2021年3－5月份", "2021年3－5月份", "2021-03/2021-05"),
    ("2020年7——9月", "2020年7——9月", "2020-07/2020-09"),
    ("2023年10月8-12日", "2023年10月8-12日", "2023-10-08/2023-10-12"),
    ("2024年3月四号到八号", "2024年3月四号到八号", "2024-03-04/2024-03-08"),
    ("二〇一八年至二〇二〇年", "二〇一八年至二〇二〇年", "2018/2020"),
    ("五月六号到六月二号", "五月六号到六月二号", "--05-06/--06-02"),
    ("3月8至4月9", "3月8至4月9", "--03-08/--04-09"),
    ("2021年8月中旬", "2021年8月中旬", "2021-08"),
    ("截至2023年底，", "2023年底", "2023"),
    ("2022年上半年", "2022年上半年", "2022"),
    ("2023-05-06 14:30", "2023-05-06 14:30", "2023-05-06"),
    ("2022年3月1日下午两点半开会", "2022年3月1日下午两点半", "2022-03-01"),
    ("2022年3月1日8:30至2022年3月2日17:00", "2022年3月1日8:30至2022年3月2日17:00", "2022-03-01/2022-03-02"),
    ("九月份开展调研", "九月份", "--09"), ("十一月至次年二月", "十一月", "--11"),
    ("3-5月走访企业", "3-5月", "--03/--05"),
    ("十月至十二月", "十月至十二月", "--10/--12"), ("五月六日上午召开", "五月六日上午", "--05-06"),
])
def test_every_written_date_form(text, span, value):
    dates = [e for e in find_entities(text) if e.label == "DATE"]
    assert [(e.text, e.value) for e in dates] == [(span, value)]


@pytest.mark.parametrize("text", [
    "2022年12月30万元", "2023年6月20家企业", "2023年1月3个批次", "2023年初步完成", "修订于2023年度初稿",
])
def test_what_follows_a_month_or_year_is_no_part_of_it(text):
    dates = [e for e in find_entities(text) if e.label == "DATE"]
    assert len(dates) == 1 and not dates[0].text.endswith(("30", "20", "3", "初"))


def test_a_time_of_day_is_no_count_of_minutes():
    found = find_entities("上午9点30分，下午三点十五分共支出80元")
    assert [(e.label, e.text) for e in found] == [("MONEY", "80元")]


@pytest.mark.parametrize("text, value", [
    ("某区委统战部\n二○二四年三月十五日", "2024-03-15"), ("二O二二年十二月一日", "2022-12-01"),
])
def test_a_circle_or_a_letter_o_for_zero_in_a_year(text, value):
    assert [e.value for e in find_entities(text) if e.label == "DATE"] == [value]
