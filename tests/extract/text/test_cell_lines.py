"""Tables a cell a line: numbered row labels followed by their figures are rows, not headings."""

from __future__ import annotations

from extract.text.blocks import split_blocks

FLATTENED = """某县统战部2023年度部门决算
单位：万元
一、一般公共预算财政拨款收入
1
1,234.56
一、一般公共服务支出
31
1,180.20
二、政府性基金预算财政拨款收入
2
0.00
二、外交支出
32
12.50
三、基本情况
本部门共有在编人员12人，全年召开专题会议4次。
"""


def test_numbered_labels_with_their_figures_are_rows_of_two_interleaved_columns():
    blocks = split_blocks(FLATTENED)
    rows = [b.text for b in blocks if b.kind == "table_row"]
    assert rows == ["一、一般公共预算财政拨款收入\t1\t1,234.56", "一、一般公共服务支出\t31\t1,180.20",
                    "二、政府性基金预算财政拨款收入\t2\t0.00", "二、外交支出\t32\t12.50"]
    assert [b.text for b in blocks if b.kind == "heading"] == ["三、基本情况"]


def test_a_heading_over_text_stays_a_heading():
    blocks = split_blocks("一、基本情况\n2023年，本部门共有在编人员12人。\n二、绩效目标\n95\n分\n")
    assert [b.text for b in blocks if b.kind == "heading"][:1] == ["一、基本情况"]
