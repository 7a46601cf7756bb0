import pytest

from extract.text.metadata import detect_year
from tests.conftest import BAIYUN_2022, CAIDIAN_2024, CPPCC_2021, CPPCC_2023, LIWAN_2022


@pytest.mark.parametrize("doc_id,department,region,year,genre", [
    (LIWAN_2022, "中共广州市荔湾区委员会统战部", "广东省广州市荔湾区", 2022, "部门整体支出绩效自评报告"),
    (CPPCC_2021, "中国人民政治协商会议广州市荔湾区委员会办公室", "广东省广州市荔湾区", 2021,
     "部门整体支出绩效自评表"),
    (CAIDIAN_2024, "中共蔡甸区委统战部", "湖北省武汉市蔡甸区", 2024, "整体支出绩效目标表"),
    (BAIYUN_2022, "广州市白云区工商业联合会", "广东省广州市白云区", 2022, "部门整体支出绩效自评报告"),
    (CPPCC_2023, "中国人民政治协商会议广州市荔湾区委员会办公室", "广东省广州市荔湾区", 2023,
     "部门整体支出绩效自评报告"),
])
def test_metadata_detected_from_the_text(tagged, doc_id, department, region, year, genre):
    meta = tagged[doc_id].meta
    assert (meta["department"], meta["region"], meta["year"], meta["genre"]) == (department, region, year, genre)


def test_file_names_say_year_and_genre(tagged):
    for doc_id, doc in tagged.items():
        assert doc_id.startswith(str(doc.meta["year"]))


def test_every_seed_has_a_title_naming_its_year(tagged):
    for doc in tagged.values():
        assert str(doc.meta["year"]) in doc.meta["title"]


@pytest.mark.parametrize("title,department,region,genre", [
    ("2023年度湖北省台湾事务办公室部门决算", "湖北省台湾事务办公室", "湖北省", "部门决算"),
    ("深圳市人民政府侨务办公室2021年部门整体支出绩效评价报告", "深圳市人民政府侨务办公室", "广东省深圳市",
     "部门整体支出绩效评价报告"),
    ("中共某某县委统战部关于2023年度部门整体支出绩效自评的报告", "中共某某县委统战部", None,
     "部门整体支出绩效自评报告"),
    ("2022年度东莞市台港澳事务局部门整体支出绩效自评报告", "东莞市台港澳事务局", "广东省东莞市",
     "部门整体支出绩效自评报告"),
])
def test_metadata_of_title_layouts_beyond_the_seeds(title, department, region, genre):
    from extract.text.metadata import detect_metadata

    meta = detect_metadata(title, f"{title}\n一、部门基本情况\n（一）部门职能")
    assert (meta["department"], meta["region"], meta["genre"]) == (department, region, genre)


def test_a_text_naming_no_year_takes_the_year_of_its_dates():
    assert detect_year("", "区侨联召开座谈会，与会人员围绕侨界联谊交流发言。发布时间：2021-06-18") == 2021


def test_without_a_title_year_the_period_spoken_of_wins_over_event_dates():
    text = ("一、项目概况\n根据2021年3月2日印发的文件,2021-2023年每年安排专项资金。"
            "2022年县级财政安排侨务专项资金50万元,于2021年12月20日提前下达。")
    assert detect_year("", text) == 2022


def test_a_sentence_naming_a_genre_is_no_title_and_an_attachment_label_is_cut():
    from extract.nlp.pipeline import tag_report

    opening = ("根据县财政局的通知，我单位认真开展2023年度整体支出绩效自评，现将绩效自评情况报告如下。\n"
               "一、单位基本情况\n丰都县侨联是由归侨、侨眷组成的人民团体。\n")
    assert "现将" not in tag_report("sentence", opening).meta["title"]
    attached = tag_report("attached",
                          "附件3：丰都县侨联2021年度部门决算公开说明\n一、基本概况\n丰都县侨联是人民团体。\n")
    assert attached.meta["title"] == "丰都县侨联2021年度部门决算公开说明"
    field = tag_report("field", "来源：作者：发布日期： 2024-08-04\n名 称：2023年度丰都县侨联部门决算\n"
                                "一、基本概况\n丰都县侨联是人民团体。\n")
    assert field.meta["title"] == "2023年度丰都县侨联部门决算"
    stamped = tag_report("stamped", "丰都县侨联2021年部门决算公开表20221013044707503.xls\n收入支出决算总表\n")
    assert stamped.meta["title"] == "丰都县侨联2021年部门决算公开表"
    celled = tag_report("celled", "索引号: | 1150022 /2024-00031 | 组配分类: | 部门预算 |\n名称: | "
                                  "丰都县三合街道办事处2024年部门预算 | 文号: | 无 |\n一、主要职责\n执行本级决议。\n")
    assert celled.meta["title"] == "丰都县三合街道办事处2024年部门预算"
    letter = tag_report("letter", "各乡镇人民政府，县级各预算部门：\n现将2024年度预算绩效管理办法印发给你们。\n"
                                  "丰都县财政局\n2024年3月16日\n")
    assert not letter.meta["title"].endswith(("：", ":"))  # an addressee is no title
    site = tag_report("site", "丰都县人民政府\n政府信息公开\n县侨联2023年度决算说明\n第一部分 单位概况\n"
                              "丰都县侨联是人民团体。\n")
    assert site.meta["title"] == "县侨联2023年度决算说明"
