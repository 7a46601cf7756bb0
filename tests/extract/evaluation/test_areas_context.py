import json

from extract.areas.context import ContextWeights
from extract.evaluation.areas_context import in_context_scores, matching_passages
from extract.records import Passage


def _passage(n: int, text: str, areas: list[str]) -> Passage:
    return Passage(id=f"d:{n}", text=text, start=0, end=len(text), areas=areas)


def test_gold_passages_are_matched_to_ours_by_their_text():
    ours = [_passage(0, "一、基本情况 本单位内设2个科室。", ["institution"]),
            _passage(1, "本单位内设2个科室", ["institution"]),
            _passage(2, "开展帮扶", ["social_service"]), _passage(3, "慰问困难群众12户", ["social_service"])]
    assert matching_passages(ours, "本单位内设 2个科室") == [ours[1]]  # equal, spaces aside
    assert matching_passages(ours, "基本情况") == [ours[0]]  # the shortest that holds it
    assert matching_passages(ours, "开展帮扶，慰问困难群众12户") == ours[2:]  # one we split
    assert matching_passages(ours, "不在文中") == []


def test_whole_reports_are_tagged_and_scored(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "gold").mkdir()
    text = ("某县归国华侨联合会2023年度部门整体支出绩效自评报告\n一、基本情况\n"
            "县侨联机关内设办公室、联络部2个部室，核定编制6名。\n二、主要工作\n"
            "走访慰问困难归侨侨眷32户，发放慰问金1.6万元。\n")
    (tmp_path / "docs" / "a.txt").write_text(text, encoding="utf-8")
    gold = {"passages": [{"text": "县侨联机关内设办公室、联络部2个部室，核定编制6名。", "areas": ["institution"]},
                         {"text": "走访慰问困难归侨侨眷32户，发放慰问金1.6万元。",
                          "areas": ["overseas_chinese", "social_service"]}]}
    (tmp_path / "gold" / "a.json").write_text(json.dumps(gold, ensure_ascii=False), encoding="utf-8")
    result = in_context_scores(tmp_path, ContextWeights())
    assert result["matched"] == result["passages"] == 2
    assert result["model"]["institution"]["recall"] == 1.0
    assert result["model"]["social_service"]["recall"] == 1.0
