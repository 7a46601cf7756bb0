"""The metadata evaluation: what counts as agreeing, on documents of our own."""

from __future__ import annotations

from extract.evaluation.meta import MetaScores, same_department, score_document


def test_departments_agree_across_their_names_and_the_golds_notes():
    assert same_department("中共丰都县委统战部", "中共丰都县委统一战线工作部（县委统战部）")
    assert same_department(None, "未注明（某项目的实施单位）")
    assert not same_department(None, "丰都县工商业联合会")
    assert not same_department("丰都县工商业联合会", "丰都县委统战部")


def test_region_levels_and_year_are_counted_at_the_golds_levels():
    scores = MetaScores()
    meta = {"department": "丰都县工商业联合会", "year": 2022,
            "region_levels": {"province": "重庆市", "city": "", "county": "丰都县", "code": "500230"}}
    score_document(scores, "a", meta, {"department": "丰都县工商联", "region": "重庆市丰都县", "year": 2022})
    score_document(scores, "b", {"department": None, "year": 2020},
                   {"department": "荔湾区侨联", "region": "广东省广州市荔湾区", "year": 2021})
    assert (scores.department_right, scores.department_named, scores.department_named_right) == (1, 1, 1)
    assert scores.levels_known == {"province": 2, "city": 1, "county": 2}
    assert scores.levels_right == {"province": 1, "city": 0, "county": 1}
    assert (scores.lowest_right, scores.lowest_known, scores.years_right) == (1, 2, 1)
    assert len(scores.errors) == 3
