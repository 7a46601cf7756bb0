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
