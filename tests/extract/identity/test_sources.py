"""Every source in order of trust, recorded as the value's provenance; unsure is empty, with a reason."""

from __future__ import annotations

from extract.identity.sources import identify
from extract.text.metadata import detect_metadata

BODY = ("一、部门基本情况\n中共丰都县委统一战线工作部是县委主管统一战线工作的职能部门。\n"
        "二、绩效情况\n全年开展调研12次。\n中共丰都县委统一战线工作部\n2023年3月1日")


def test_user_wins_then_page_then_field_then_title_then_text():
    assert identify("", BODY, user={"department": "丰都县委统战部"}).source["department"] == "user"
    assert identify("", BODY, page={"department": "重庆市丰都县工商业联合会"}).department == "重庆市丰都县工商业联合会"
    field = identify("", "部门名称：丰都县工商业联合会\n" + BODY)
    assert (field.department, field.source["department"]) == ("丰都县工商业联合会", "field")
    title = identify("丰都县工商业联合会2023年度部门整体支出绩效自评报告", BODY)
    assert title.source["department"] == "title"
    text = identify("", BODY)
    assert (text.department, text.source["department"]) == ("中共丰都县委统一战线工作部", "text")
    assert text.region.code == "500230"


def test_a_page_value_that_is_no_name_is_no_value():
    found = identify("", BODY, page={"department": "首页 > 政务公开 > 财政信息"})
    assert found.source["department"] == "text"


def test_names_cited_by_the_text_are_not_the_reporter():
    body = "根据《中共重庆市委关于加强统战工作的意见》和重庆市财政局印发的通知要求，现将自评情况报告如下。"
    found = identify("", body)
    assert found.department == "" and "department" in found.reason


def test_metadata_records_sources_and_derives_a_missing_title():
    meta = detect_metadata("", BODY)
    assert meta["meta_source"]["department"] == "text" and meta["department_id"].startswith("500230-")
    assert meta["region_levels"] == {"province": "重庆市", "city": "", "county": "丰都县", "code": "500230"}
    assert meta["title"] == "中共丰都县委统一战线工作部2023年度报告"  # no genre named: 报告
    derived = detect_metadata("", "部门整体支出绩效自评报告\n" + BODY)
    assert derived["year"] == 2023


def test_a_doubled_title_is_given_once():
    title = "乐清市民族宗教事务局2019年度部门决算"
    assert detect_metadata(title + title, "正文")["title"] == title


def test_a_title_that_is_only_a_name_or_an_addressee_is_not_read():
    body = "各有关单位：\n中共丰都县委统一战线工作部是县委主管统一战线工作的职能部门。"
    assert identify("丰都县财政局：", body).department == "中共丰都县委统一战线工作部"
    assert identify("丰都县人民政府", body).source["department"] == "text"


def test_a_site_header_is_no_title_and_one_is_derived():
    meta = detect_metadata("中国政府网|重庆市人民政府网", "部门名称：中共丰都县委统战部\n2022年度部门决算说明")
    assert meta["title"] == "中共丰都县委统战部2022年度部门决算" and meta["meta_source"]["title"] == "derived"


def test_a_publisher_the_title_contradicts_is_not_the_department():
    found = identify("中共丰都县委统战部2022年度部门整体绩效自评公开报告", BODY, page={"department": "丰都县财政局"})
    assert (found.department, found.source["department"]) == ("中共丰都县委统战部", "title")


def test_an_evaluating_unit_field_and_the_supervisor_after_the_title():
    assert identify("", "评价单位（公章）：丰都县青石镇人民政府\n" + BODY).department == "丰都县青石镇人民政府"
    table = "主管部门\t丰都县教育委员会\n实施单位：\n" + BODY
    assert identify("丰都县青石镇中心学校2023年度项目支出绩效自评表", table).department == "丰都县青石镇中心学校"
    assert identify("", "主管部门：丰都县教育委员会\n全年完成培训3次。").department == "丰都县教育委员会"


def test_site_furniture_before_a_title_is_cut():
    found = identify("丰都县人民政府政府信息公开县政协2023年度部门决算说明",
                     "第一部分 政协丰都县委员会办公室概况\n一、部门职责")
    # the title's 县政协 (its level alone), completed by the fuller name the text gives
    assert found.department == "政协丰都县委员会办公室" and found.source["department"] == "title"


def test_an_approving_government_is_not_the_reporter():
    found = identify("", "工业园区管委会是经丰都县人民政府批准设立的派出机构，丰都县人民政府赋权管理园区。")
    assert found.department == ""


def test_a_town_without_its_county_is_placed_by_the_county_written_before_it():
    body = "所属机构\t丰都县青石镇\t责任部门\t青石镇人民政府\n一、部门职责\n青石镇人民政府是基层国家行政机关。"
    found = identify("", body)
    assert found.department == "青石镇人民政府" and found.region.name == "重庆市丰都县"
    assert identify("", "青石镇人民政府是基层国家行政机关。").region.is_empty()


def test_a_publisher_label_names_the_site_not_the_reporter():
    title = "索引号123/2023-00088发布机构丰都县卫生健康委员会体裁分类财政预算、决算"
    body = "重庆市丰都县红十字会2022年度部门决算公开说明\n一、部门基本情况\n丰都县红十字会为二级预算单位。"
    assert identify(title, body).department.endswith("丰都县红十字会")  # not the 卫生健康委员会 that published it
    alone = identify("", "来源：丰都县财政局\n一、部门职责\n负责红十字工作。")
    assert alone.department == "" and alone.region.county == "丰都县"  # no department, but its place


def test_the_first_lines_of_a_short_text_are_no_signature():
    body = ("丰都县人民政府\n政府信息公开\n丰都县文学艺术界联合会2021年度部门决算公开\n一、部门基本情况\n"
            "丰都县文学艺术界联合会隶属县委宣传部管理，正科级建制。")
    assert identify("", body).department == "丰都县文学艺术界联合会"


def test_a_long_title_block_ending_in_a_colon_is_still_a_title():
    title = "丰都县文联2021年部门预算公开说明按照《预算法》的规定，现将2021年部门预算公开如下："
    found = identify(title, "丰川县文联为全额预算拨款的正科级事业单位。")
    assert (found.department, found.source["department"]) == ("丰都县文联", "title")


def test_a_news_page_without_names_is_placed_by_the_one_county_it_names_most():
    news = "县政协十一届二次会议1月4日召开。委员们为丰都县文化建设建言，助推丰都县高质量发展。"
    found = identify("", news)
    assert found.department == "" and found.region.county == "丰都县"
    assert identify("", "委员们为丰都县和忠县的发展建言。").region.is_empty()  # two places, once each


def test_a_name_given_only_by_its_level_is_taken_when_repeated_and_placed_by_the_text():
    news = "区政协召开常委会议，协商城市更新工作。番禺区各界委员建言献策，区政协将持续跟踪。"
    found = identify("", news)
    assert (found.department, found.region.county) == ("区政协", "番禺区")
    assert identify("", "区政协召开常委会议。区政协将持续跟踪。").department == ""  # no district to place it
    assert identify("", "区政协召开会议，区工商联参加。番禺区企业代表发言。").department == ""  # two, once each


def test_a_provincial_body_named_by_its_level_is_placed_by_the_province_s_short_name():
    news = "省侨联召开全委会议。省侨联负责同志出席。四川各市州侨联参加。"
    found = identify("", news)
    assert (found.department, found.region.province) == ("省侨联", "四川省")
    assert identify("", "省侨联召开会议。省侨联负责同志出席。四川、云南两省代表参加。").department == ""


def test_a_unit_that_belongs_to_another_opens_its_own_sentence():
    body = "工作开展情况。丰都县文学艺术界联合会隶属县委宣传部管理。丰都县财政局拨付经费，丰都县财政局监督使用。"
    assert identify("", body).department == "丰都县文学艺术界联合会"


def test_the_title_names_the_name_its_report_words_follow():
    site = identify("丰都县人民政府门户网站中国人民政治协商会议重庆市丰都县委员会2022年度部门整体支出绩效自评报告", "")
    assert site.department == "中国人民政治协商会议重庆市丰都县委员会"
    crumb = identify("首页>部门预决算>丰都县财政局丰都县各民主党派2021年决算说明", "一、部门职责")
    assert crumb.department == "" and "department" in crumb.reason  # a breadcrumb's section is no department
    cited = identify("根据《丰都县财政局关于开展绩效自评的通知》要求，现将丰都县侨联自评情况报告如下：",
                     "丰都县归国华侨联合会是人民团体。")
    assert cited.department == "丰都县归国华侨联合会"
