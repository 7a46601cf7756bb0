"""Regions from the division table: whole names only, ambiguous ones settled or kept at the certain level."""

from __future__ import annotations

import pytest

from extract.identity.regions import division_table, find_places, region_of, town_table, with_town


@pytest.mark.parametrize(("name", "province", "city", "county", "code"), [
    ("中共丰都县委统战部", "重庆市", "", "丰都县", "500230"),
    ("政协广州市荔湾区委员会办公室", "广东省", "广州市", "荔湾区", "440103"),
    ("云南省文山州文山市", "云南省", "文山壮族苗族自治州", "文山市", "532601"),
    ("寻甸县民族宗教事务局", "云南省", "昆明市", "寻甸回族彝族自治县", "530129"),
    ("内蒙古自治区", "内蒙古自治区", "", "", "150000"),
    ("南县人民政府办公室", "湖南省", "益阳市", "南县", "430921"),
])
def test_a_name_gives_every_level_above_it(name, province, city, county, code):
    region = region_of(name)
    assert (region.province, region.city, region.county, region.code) == (province, city, county, code)


def test_never_a_cut_name():
    assert region_of("构昌宁县").county == "昌宁县"
    assert [m.end - m.start for m in find_places("古自治区族自治县")] == []


def test_ambiguous_names_are_settled_by_the_text_or_kept_at_the_certain_level():
    assert region_of("朝阳区委统战部").is_empty()  # 北京 or 长春: nothing is certain
    assert region_of("朝阳区委统战部", "北京市朝阳区召开会议").code == "110105"
    assert region_of("白云区工商联", "广州市白云区").city == "广州市"
    assert region_of("白云区工商联", "贵阳市白云区").city == "贵阳市"


def test_two_character_names_need_their_context():
    assert not find_places("城区人口增长")
    assert region_of("阳泉市城区").county == "城区"


def test_the_table_holds_every_province_and_unique_codes():
    table = division_table()
    assert sum(d.level == "province" for d in table.by_code.values()) >= 34
    assert len(table.by_code) > 3000


def test_current_and_older_names_of_a_division():
    assert region_of("重庆市梁平区委统战部").code == "500155"  # a district since 2016
    assert region_of("梁平县民族宗教事务委员会").code == "500228"  # the county before it, in older reports
    older = region_of("龙南县民宗局")  # a city since 2020 under the same code: shown by its current name
    assert (older.code, older.county) == ("360727", "龙南市")
    assert region_of("杭州市钱塘区综合行政执法局").county == "钱塘区"


def test_a_town_is_kept_under_its_county_and_outside_the_region_name():
    region = with_town(region_of("岳阳县"), "新开镇")
    assert region.town == "新开镇" and region.name == "湖南省岳阳市岳阳县"
    assert region.to_dict()["town"] == "新开镇" and "town" not in region_of("岳阳县").to_dict()
    assert with_town(region_of("丰都县"), "新开镇").town == ""  # not a town of that county
    assert "新开镇" in town_table() and len(town_table()) > 30000
