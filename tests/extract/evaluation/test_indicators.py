"""The indicator evaluation: recurring gold kinds, the share named, agreement within a kind."""

from collections import Counter

from extract.evaluation.gold import GoldDocument
from extract.evaluation.indicators import IndicatorScores, gold_kind, indicator_lines, score_gold_indicators


def _gold(doc_id: str, text: str, entities: list[tuple[str, str, str, str, str]]) -> GoldDocument:
    return GoldDocument(id=doc_id, text=text, entities=[
        {"text": t, "label": label, "value": value, "unit": unit, "what": what}
        for t, label, value, unit, what in entities])


def test_recurring_kinds_are_counted_with_their_indicators():
    documents = [
        _gold("a", "某县侨联2022年度部门整体支出绩效自评报告\n本年度预算执行率为95%，行政编制6名。\n",
              [("95%", "PERCENT", "95", "%", "预算执行率"), ("6名", "COUNT", "6", "名", "行政编制")]),
        _gold("b", "某市台办2023年度部门整体支出绩效自评报告\n全年资金执行率达到90%，行政编制9名。\n",
              [("90%", "PERCENT", "90", "%", "执行率"), ("9名", "COUNT", "9", "名", "行政编制")]),
    ]
    scores = score_gold_indicators(documents)
    assert scores.recurring() == ["COUNT 行政编制"]
    assert scores.by_kind["COUNT 行政编制"] == Counter({"行政编制": 2})
    joined = scores.merged()  # 预算执行率 ends with 执行率: one kind
    assert joined.recurring() == ["COUNT 行政编制", "PERCENT 执行率"]
    assert joined.by_kind["PERCENT 执行率"] == Counter({"预算执行率": 2})


def test_agreement_and_shared_names_are_read_from_the_counts():
    scores = IndicatorScores()
    for kind, doc, indicator in [("PERCENT 执行率", "a", "预算执行率"), ("PERCENT 执行率", "b", "预算执行率"),
                                 ("PERCENT 执行率", "c", ""), ("PERCENT 完成率", "a", "预算执行率"),
                                 ("PERCENT 完成率", "b", "预算调整率"), ("PERCENT 完成率", "c", "预算执行率")]:
        scores.by_kind[kind][indicator] += 1
        scores.reports[kind].add(doc)
    assert (scores.figures(), scores.named(), scores.agreeing()) == (6, 5, 4)
    assert scores.shared_names() == {"预算执行率": 2}
    assert any("4/5 = 0.800" in line for line in indicator_lines(scores))


def test_noise_is_no_kind():
    assert gold_kind("页数") == "" and gold_kind(None) == "" and gold_kind("「三公」经费") == "三公经费"
