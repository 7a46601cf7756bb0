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
         "长沙市开福区人大常委会办公室", "区委统战部", "九三学社北京市委员会"]
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
    ("政协广州市荔湾区委员会", "中国人民政治协商会议广州市荔湾区委员会办公室")])
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
