from extract.text.passages import heading_level
from tests.conftest import LIWAN_2022, split_passages


def test_passages_know_their_section_path(tagged):
    passage = next(p for p in tagged[LIWAN_2022].passages if "共5个科室" in p.text)
    assert passage.section == ["一、基本情况", "（一）部门概况", "1.机构设置"]


def test_offsets_index_the_normalized_text(tagged):
    for doc in tagged.values():
        for passage in doc.passages:
            assert doc.text[passage.start:passage.end] == passage.text


def test_headings_are_not_passages_and_title_is_not_either(tagged):
    texts = [p.text for p in tagged[LIWAN_2022].passages]
    assert "一、基本情况" not in texts
    assert not any(t.startswith("中共广州市荔湾区委员会统战部2022年部门整体") for t in texts)


def test_heading_levels_nest():
    assert heading_level("一、基本情况") < heading_level("（一）部门概况") < heading_level("1.机构设置")


def test_numbered_items_start_new_passages():
    _, passages = split_passages("x", "三、问题\n（一）第一个问题还需细化。因为原因\n说明完毕。\n（二）第二个问题。\n")
    assert [p.text for p in passages] == ["（一）第一个问题还需细化。因为原因说明完毕。", "（二）第二个问题。"]


def test_table_rows_carry_the_header_row_of_their_table():
    raw = ("二、绩效指标\n一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\n"
           "产出指标\t数量指标\t培训人次\t≥100人次\t120人次\n三、说明\n本表为自评结果。\n项目\t合计\t50\n")
    _, passages = split_passages("x", raw)
    header, row, note, other = passages
    assert header.is_header and row.header == header.text and not row.is_header
    assert note.header == "" and other.header == ""  # a paragraph ends the table; a new one has none


def test_stored_header_is_what_the_pipeline_labels_columns_with(tagged):
    rows = [p for doc in tagged.values() for p in doc.passages if p.kind == "table_row" and p.header]
    assert rows and all(p.header.count("\t") >= 2 for p in rows)
    assert any(m.role for p in rows for m in p.metrics)
