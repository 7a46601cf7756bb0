from extract.text.passages import heading_level, split_passages
from tests.conftest import LIWAN_2022


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
