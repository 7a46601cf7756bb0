import re

import pytest

from extract.text.blocks import split_blocks
from extract.text.characters import fold_characters, remove_stray_spaces
from extract.text.lines import is_row_of_numbers
from tests.conftest import CORPUS, LIWAN_2022, normalize


def test_word_broken_across_lines_is_joined(tagged):
    assert "调查研究我区统一战线情况" in tagged[LIWAN_2022].text
    assert "调查研\n" not in tagged[LIWAN_2022].text


def test_number_broken_from_its_unit_is_rejoined():
    assert "解决企业诉求90余条。" in normalize("重点服务 266家企业，解决企业诉求 90\n\n余条。\n")


def test_footer_lines_are_dropped():
    text = normalize("一、基本情况\n\n第一行没有句号\n\n— 8 —\n\n接着说完。\n\n第1页，共47页\n")
    assert "8" not in text and "页" not in text
    assert "第一行没有句号接着说完。" in text


def test_markup_is_stripped_and_bold_lines_are_headings():
    blocks = split_blocks("# 2024年绩效目标表\n\n**年度目标 4：工作经费项目**\n\n<p>计出力；完成任务。</p>\n\n"
                    "# 二、综合评价\n")
    assert blocks[0].kind == "title" and blocks[0].text == "2024年绩效目标表"
    assert [b.kind for b in blocks][-3:] == ["heading", "paragraph", "heading"]
    assert "<p>" not in normalize("<p>计出力。</p>") and "**" not in normalize("**强化。**")


def test_full_width_digits_and_percent_are_folded():
    assert fold_characters("完成率９８．５％") == "完成率98.5%"


def test_stray_spaces_inside_chinese_are_removed_but_latin_words_keep_theirs():
    assert remove_stray_spaces("对 民主党派的 方针") == "对民主党派的方针"
    assert remove_stray_spaces("区政协 APP 和 Open Data") == "区政协APP和Open Data"


def test_flattened_table_rows_become_tab_separated_cells(tagged):
    rows = [p.text for p in tagged["2022_baiyun_federation_of_industry_and_commerce_self_evaluation_report"].passages
            if p.kind == "table_row"]
    assert "走访企业数\t50家\t56家\t112%" in rows


def test_normalized_text_of_every_seed_has_one_block_a_line():
    for path in CORPUS.glob("*.txt"):
        text = normalize(path.read_text(encoding="utf-8"))
        assert "\n\n" not in text and "  " not in text and "**" not in text


def test_a_cell_wrapped_a_character_a_line_is_one_cell():
    raw = "产出指标\n\n帮\n扶\n地\n区\n数\n\n1\n个\n\n1\n个\n\n100%\n\n加强组织领导 1次 1次 100%"
    rows = [b.text for b in split_blocks(raw) if b.kind == "table_row"]
    assert any("帮扶地区数" in r and "1个\t1个\t100%" in r for r in rows), rows


def test_a_row_of_numbers_is_not_joined_to_the_next_row_by_its_first_character():
    raw = ("某部门2024年整体支出绩效目标表\n\n合计 746.12 100% 576.63 714.21\n\n"
           "支出构成 基本支出 597.12 80.03% 413.51 559.21")
    assert [b.text for b in split_blocks(raw)][1:] == ["合计\t746.12\t100%\t576.63\t714.21",
                                                 "支出构成\t基本支出\t597.12\t80.03%\t413.51\t559.21"]


def test_rows_of_a_self_evaluation_table_stay_rows():
    blocks = split_blocks("某馆2023年度项目支出绩效自评表\n"
                          "一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因分析及改进措施\n"
                          "产出指标 数量指标 指标1：举办讲座场次 ≥12场 15场 10 10\n"
                          "质量指标 指标1：讲座满意率 90% 97% 10 10\n")
    rows = [b.text for b in blocks if b.kind == "table_row"]
    assert rows[0].split("\t")[:3] == ["一级指标", "二级指标", "三级指标"]
    assert rows[1] == "产出指标\t数量指标\t指标1：举办讲座场次\t≥12场\t15场\t10\t10"
    assert rows[2] == "质量指标\t指标1：讲座满意率\t90%\t97%\t10\t10"


def test_a_table_printed_a_cell_a_line_keeps_its_header_and_lone_numbers():
    blocks = split_blocks("某站2022年度项目支出绩效自评表\n\n一级指标\n\n二级指标\n\n三级指标\n\n年度\n\n指标值\n\n"
                          "实际\n\n完成值\n\n分值\n\n得分\n\n产出指标\n\n数量指标\n\n指标1：检测样品批次\n\n"
                          "300批\n\n320批\n\n20\n\n18\n")
    rows = [b.text for b in blocks if b.kind == "table_row"]
    assert rows[0] == "一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分"
    assert rows[1].endswith("\t300批\t320批\t20\t18")  # 20 and 18 are cells, not page numbers


def test_a_heading_at_the_very_end_is_an_item_cut_short():
    blocks = split_blocks("一、主要职能\n(1)负责全县民族团结进步创建工作。\n(2)负责宗教事务管理和活动场所安全检\n")
    assert [b.kind for b in blocks[-2:]] == ["paragraph", "paragraph"]


def test_the_wrap_width_is_measured_on_text_not_on_a_table_of_contents():
    contents = "".join(f"{n}、情况说明第{n}部分\n" for n in "一二三四五六七八九十") * 2
    body = ("本单位主要工作任务是贯彻落实国家关于侨务\n工作的方针政策,组织开展侨情调查研究工作;\n"
            "拟订全县侨务工作规划并组织实施,联系海外侨\n胞和归侨侨眷,维护其合法权益;指导涉侨社\n"
            "团开展工作;联系和服务在外乡贤,促进交流;\n承办县委县政府交办的其他事项。\n")
    paragraphs = [b.text for b in split_blocks("目录\n" + contents + "一、主要职能\n" + body)
                  if b.kind == "paragraph"]
    assert paragraphs == [re.sub(r"\n", "", body)]


def test_a_title_wrapped_after_its_year_is_joined():
    from extract.nlp.pipeline import tag_report
    doc = tag_report("t", "某县民族宗教事务局 2023\n部门预算及三公经费预算情况\n一、主要职能\n负责全县民族宗教工作。\n")
    assert doc.meta["title"] == "某县民族宗教事务局2023部门预算及三公经费预算情况"
    assert doc.meta["department"] == "某县民族宗教事务局" and doc.meta["year"] == 2023


def test_a_latin_fonts_spaces_around_a_figure_in_running_text_are_dropped():
    text = normalize("一、基本情况\n困难户每月每人 200 元、高龄老人 300 元,共 432 人。\n"
                     "外贸进出口总额 25 亿元 17.5 28.6\n")
    assert "每月每人200元、高龄老人300元,共432人。" in text
    assert "外贸进出口总额\t25亿元\t17.5\t28.6" in text  # a row without punctuation keeps its cells


@pytest.mark.parametrize("kind, text, row", [
    ("paragraph", "某镇某村少数民族文化长廊项目 8", True),  # a project's name and its amount, tabs lost
    ("paragraph", "公务用车运行维护经费 6.2万元", True),
    ("table_row", "项目名称\t宗教管理经费补助", True),  # the project a funds table is about
    ("paragraph", "专项名称：民族团结进步示范创建经费", True),
    ("table_row", "走访企业数\t50家\t56家\t112%", True),  # as before: a row stating figures
    ("paragraph", "全年实施民族团结项目8个，投入资金30万元。", False),  # a sentence is no row
    ("paragraph", "推进少数民族文化长廊项目建设", False),  # no amount
    ("furniture", "项目名称 宗教管理经费补助", False),
])
def test_rows_of_funds_and_projects_tables_are_rows_of_numbers(kind, text, row):
    assert is_row_of_numbers(kind, text) is row


def test_a_table_printed_a_cell_a_line_with_bars_reads_as_its_cells():
    cells = ["丰都县侨联2023年度部门整体支出绩效自评表", "项目名称", "侨务工作经费", "实施单位", "丰都县侨联",
             "预算执行情况", "调整后预算数", "预算执行数", "预算执行率", "总额", "12.5", "12.1", "96.80%",
             "产出指标", "开展侨情调研次数", "5次", "效益指标", "侨界群众满意度", "98%"]
    barred = "\n".join(f"{cell} |" for cell in cells)
    texts = [b.text for b in split_blocks(barred)]
    assert not any("|" in text for text in texts)  # the bars were cell ends
    assert texts[0] == "丰都县侨联2023年度部门整体支出绩效自评表"
    prose = "第一段说明 | 含一条竖线。\n" + "\n".join(["正文一行。"] * 12)
    assert any("|" in b.text for b in split_blocks(prose))  # one bar among prose stays
