"""Property tests (hypothesis): normalization and tagging never raise on any text, and every span
they report lies inside the text it indexes."""

from __future__ import annotations

import warnings

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.figures.entities import find_entities
from extract.text.characters import same_length_view
from tests.conftest import normalize

# Report-like text: ideographs, digits, units, heading marks, punctuation of both widths, spaces,
# line breaks, tabs, radicals and full-width forms, plus anything else now and then.
PIECES = st.sampled_from(["一、", "（二）", "3.", "万元", "亿元", "%", "％", "百分之", "个百分点", "人次",
                          "2023年", "4月6日", "-", "－", "负", "约", "余", "以上", "\n", "\t", "   ", "\f",
                          "侨务", "预算", "执行率", "⼀", "１２３", "：", "《", "》", "\"", "“", "，", "。"])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6), st.integers(0, 10**9).map(str)), max_size=40).map("".join)
FEW = settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(TEXT)
def test_the_same_length_view_keeps_length_and_normalize_never_raises(text):
    assert len(same_length_view(text)) == len(text)
    assert isinstance(normalize(text), str)


@FEW
@given(TEXT)
def test_every_entity_span_lies_inside_the_text_and_reads_as_its_text(text):
    for entity in find_entities(text):
        assert 0 <= entity.start < entity.end <= len(text)
        assert text[entity.start:entity.end] == entity.text


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_tagging_never_raises_and_keeps_every_span_inside(text):
    from extract.nlp.pipeline import tag_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = tag_report("p", text)
    for passage in doc.passages:
        assert 0 <= passage.start <= passage.end <= len(doc.text)
        for entity in passage.entities:
            assert 0 <= entity.start < entity.end <= len(passage.text)
            assert passage.text[entity.start:entity.end] == entity.text
    for entity in doc.entities:
        assert doc.text[entity.start:entity.end] == entity.text
