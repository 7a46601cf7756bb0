import spacy

from extract.nlp.figures_component import entities_of
from extract.nlp.pipeline import build_nlp, tag_report

TEXT = "做好侨务工作，接待侨胞77批112人次；全年预算数1110.36万元，完成预算的90.79%。"


def test_pipeline_saves_and_loads_with_our_tokenizer_and_components(tmp_path):
    nlp = build_nlp()
    nlp.to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == ["jixiao_figures", "jixiao_areas"]
    first, second = nlp(TEXT), loaded(TEXT)
    assert [t.text for t in first] == [t.text for t in second]
    assert [(e.text, e.label_) for e in second.ents] == [(e.text, e.label_) for e in first.ents]
    assert second.cats == first.cats and second.cats["overseas_chinese"] >= 0.4


def test_tokens_cover_every_character_and_use_the_domain_dictionary():
    doc = build_nlp()("归侨侨眷和 党外代表人士\n姊妹学校")
    assert doc.text == "归侨侨眷和 党外代表人士\n姊妹学校"
    assert {"归侨侨眷", "党外代表人士", "姊妹学校"} <= {t.text for t in doc}


def test_entities_carry_their_attributes():
    doc = build_nlp()(TEXT)
    money = next(e for e in entities_of(doc) if e.label == "MONEY")
    assert (money.value, money.unit, money.yuan, money.what) == ("1110.36", "万元", 11103600.0, "全年预算数")


def test_given_metadata_wins_over_detection():
    doc = tag_report("x", "2022年部门整体支出绩效自评报告\n一、概况\n做好侨务工作。",
                     {"year": 2021, "department": "某部门"})
    assert doc.meta["year"] == 2021 and doc.meta["department"] == "某部门"
    assert doc.meta["genre"] == "部门整体支出绩效自评报告"
