"""Organisation names read by their shape; one key for one department's names."""

from __future__ import annotations

import pytest

from extract.identity.organisations import (
    department_id,
    department_key,
    find_organisations,
    name_region,
    organisation_name,
)

NAMES = ["中共丰都县委统战部", "中国共产党济南市钢城区委员会统一战线工作部", "政协广州市荔湾区委员会办公室",
         "中国人民政治协商会议广州市荔湾区委员会", "湖南省归国华侨联合会", "广州市白云区工商业联合会",
         "上海市人民政府侨务办公室", "国家宗教事务局", "中共黄石市委党校", "中国民主同盟阜新市委员会",
         "乐清市民族宗教事务局", "福建省台湾同胞联谊会", "红河州数据发展中心", "湛江市人民政府行政服务中心",
         "长沙市开福区人大常委会办公室", "区委统战部", "九三学社北京市委员会", "民盟丰都县委", "共青团丰都县委员会",
         "共青团丰都县委", "中共丰都县委台湾工作办公室", "丰都县外办", "丰都县港澳办", "丰都县人大办",
         "丰都县机关事务服务中心", "丰都县第一中学"]
NOT_NAMES = ["及", "现将绩效自评情况报告", "财政专项扶贫资金", "首页要闻统战时讯民族宗教", "更新时间:-02-14",
             "1.龙岩市民族发展专项资金分配表", "一、部门基本情况", "荔湾区部门整体支出绩效自评表", "中评社北京8月9日电"]


@pytest.mark.parametrize("name", NAMES)
def test_real_shapes_of_department_names_are_names(name):
    assert organisation_name(name) is not None


@pytest.mark.parametrize("text", NOT_NAMES)
def test_headings_funds_fragments_and_furniture_are_not(text):
    assert organisation_name(text) is None


@pytest.mark.parametrize(("a", "b"), [
    ("中共丰都县委统战部", "中共丰都县委统一战线工作部"), ("中共丰都县委统战部", "丰都县委统战部"),
    ("湖南省侨联", "湖南省归国华侨联合会"), ("北京市工商联", "北京市工商业联合会"),
    ("政协广州市荔湾区委员会", "中国人民政治协商会议广州市荔湾区委员会办公室"),
    ("中共丰都县委台湾工作办公室", "丰都县台办"), ("丰都县人民政府外事办公室", "丰都县外办"),
    ("丰都县人民政府办公室", "丰都县政府办"), ("丰都县人大办", "丰都县人民代表大会常务委员会办公室"),
    ("共青团丰都县委", "共青团丰都县委员会"), ("民盟丰都县委", "中国民主同盟丰都县委员会")])
def test_one_department_one_id_across_its_names(a, b):
    name_a, name_b = organisation_name(a), organisation_name(b)
    assert department_key(name_a) == department_key(name_b)
    assert department_id(name_a, name_region(name_a)) == department_id(name_b, name_region(name_b))


def test_the_same_body_elsewhere_is_another_department():
    a, b = organisation_name("中共丰都县委统战部"), organisation_name("中共忠县县委统战部")
    assert department_id(a, name_region(a)) != department_id(b, name_region(b))


def test_names_are_found_whole_in_running_text():
    text = "根据安排，中共丰都县委统一战线工作部（以下简称县委统战部）会同县财政局开展自评。"
    assert [n.text for n in find_organisations(text)][:2] == ["中共丰都县委统一战线工作部", "县委统战部"]


@pytest.mark.parametrize(("name", "kinds", "region"), [
    ("丰都县青石镇人民政府", ["place", "town", "connector"], "重庆市丰都县"),
    ("荔湾区西关街道办事处", ["place", "town", "body"], "广东省广州市荔湾区"),
    ("寻甸县柳林乡卫生院", ["place", "town", "body"], "云南省昆明市寻甸回族彝族自治县"),
    ("青石镇人民政府", ["town", "connector"], ""),
    ("丰都县青石镇", ["place", "town"], "重庆市丰都县"),
    ("开远经济开发区管理委员会", ["zone", "body"], "云南省红河哈尼族彝族自治州开远市"),
    ("重庆丰都工业园区管委会", ["zone", "body"], "重庆市丰都县"),
    ("南县住房和城乡建设局", ["place", "body"], "湖南省益阳市南县"),
    ("长沙市人民代表大会常务委员会办公厅", ["place", "body"], "湖南省长沙市"),
    ("九江市民主党派", ["place", "body"], "江西省九江市"),
])
def test_towns_zones_and_short_counties_are_names_with_their_region(name, kinds, region):
    found = organisation_name(name)
    assert found is not None and [t.kind for t in found.tokens] == kinds
    assert name_region(found).name == region


@pytest.mark.parametrize("text", ["推进乡村振兴局", "各乡镇人民政府", "加强镇街商会建设", "统筹街道和社区工作",
                                  "工业园区管委会", "现将我镇人民政府", "第一部分镇康县", "丰都县青石镇，"])
def test_words_that_hold_a_town_or_a_zone_are_no_names(text):
    assert all(t.kind not in ("town", "zone") for n in find_organisations(text) for t in n.tokens)


def test_a_site_is_no_part_of_the_name_it_is_named_after():
    assert [n.text for n in find_organisations("欢迎来到丰都县政协网站！")] == ["丰都县政协"]
    assert organisation_name("丰都县人社局") is not None


def test_a_heading_run_into_a_town_name_leaves_the_name_whole():
    assert [n.text for n in find_organisations("第一部分三合街道办事处部门概况")] == ["三合街道办事处"]


def test_a_town_in_a_cut_county_is_no_town():
    names = find_organisations("机构设置情况。闻县青石镇人民政府为行政单位")
    assert all(not n.text.startswith("闻县青石镇") for n in names)


def test_bodies_of_one_place_back_to_back_are_one_unit_but_a_government_and_its_office_are_two():
    joint = find_organisations("中国共产党丰都县纪律检查委员会丰都县监察委员会2023年度部门决算")
    assert [n.text for n in joint] == ["中国共产党丰都县纪律检查委员会丰都县监察委员会"]
    assert department_key(joint[0]) == "纪委监委"
    assert [n.text for n in find_organisations("文山市人民政府文山市财政局")] == ["文山市人民政府", "文山市财政局"]


def test_a_town_keeps_its_own_key_within_its_county():
    a, b = organisation_name("丰都县青石镇人民政府"), organisation_name("丰都县三合镇人民政府")
    assert department_id(a, name_region(a)) != department_id(b, name_region(b))
    assert department_key(organisation_name("丰都县青石镇政府")) == department_key(a)


def test_a_town_named_alone_is_placed_by_the_town_table_when_one_county_holds_it():
    one = name_region(organisation_name("贾塘乡人民政府"))
    assert (one.county, one.town) == ("海原县", "贾塘乡")
    assert name_region(organisation_name("城关镇人民政府")).county == ""  # hundreds of 城关镇: no county


def test_an_office_of_two_fields_joined_by_he_is_one_body_but_two_bodies_are_two():
    assert organisation_name("丰都县文化广播电视和旅游局") is not None
    assert organisation_name("兴县文学艺术工作者联合会") is not None
    assert [n.text for n in find_organisations("丰都县财政局和审计局")] == ["丰都县财政局"]
    assert find_organisations("和平中心") == []


def test_a_session_and_a_county_cppcc_are_one_department():
    written = ("政协丰都县第十二届委员会", "丰都县政协", "中国人民政治协商会议丰都县委员会")
    names = [organisation_name(n) for n in written]
    assert all(names) and len({department_id(n, name_region(n)) for n in names}) == 1


@pytest.mark.parametrize(("text", "fragment"), [("县政协党组书记王某代表常委会作报告", "县政协党组"),
                                                ("推动丰都县经济社会高质量发展", "丰都县经济社"),
                                                ("设置区政协机关", "设置区")])
def test_persons_sentences_and_unknown_places_before_a_cppcc_are_no_names(text, fragment):
    assert all(not n.text.startswith(fragment) for n in find_organisations(text))
