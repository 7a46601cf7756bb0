import warnings

import pytest
import spacy
from hypothesis import HealthCheck, given, settings

from extract.areas.classifier import AreaClassifier, save_model
from extract.nlp.figures_component import entities_of
from extract.nlp.pipeline import build_nlp, cut_words, get_nlp, tag_report
from extract.words.segmenter import segmenter
from tests.conftest import report_like_text


@pytest.fixture(scope="module")
def shipped():
    """The pipeline with the shipped model, built once for this module."""
    return build_nlp()


TEXT = "做好侨务工作，接待侨胞77批112人次；全年预算数1110.36万元，完成预算的90.79%。"


def test_pipeline_saves_and_loads_its_own_model_with_our_tokenizer_and_components(tmp_path, shipped):
    # A model unlike the shipped one: it files passages on 侨务 under cppcc. Saved with the
    # pipeline and deleted from its first place, it must come back from the pipeline's folder.
    texts = ["做好侨务工作，服务归侨侨眷。", "全年预算数100万元，执行数90万元。"] * 4
    labels = [["cppcc"], ["budget_performance"]] * 4
    save_model(AreaClassifier(min_df=1).fit(texts, labels), tmp_path / "toy.skops")
    nlp = build_nlp(str(tmp_path / "toy.skops"))
    nlp.to_disk(tmp_path / "nlp")
    (tmp_path / "toy.skops").unlink()
    loaded = spacy.load(tmp_path / "nlp")
    assert loaded.pipe_names == ["jixiao_figures", "jixiao_areas"]
    first, second = nlp(TEXT), loaded(TEXT)
    assert [t.text for t in first] == [t.text for t in second]
    assert [(e.text, e.label_) for e in second.ents] == [(e.text, e.label_) for e in first.ents]
    assert second.cats == first.cats
    assert second.cats["cppcc"] > second.cats["overseas_chinese"]
    cats = shipped(TEXT).cats
    assert cats["cppcc"] < cats["overseas_chinese"]


def test_tokens_cover_every_character_and_use_the_domain_dictionary(shipped):
    doc = shipped("归侨侨眷和 党外代表人士\n姊妹学校")
    assert doc.text == "归侨侨眷和 党外代表人士\n姊妹学校"
    assert {"归侨侨眷", "党外代表人士", "姊妹学校"} <= {t.text for t in doc}


def test_entities_carry_their_attributes(shipped):
    doc = shipped(TEXT)
    money = next(e for e in entities_of(doc) if e.label == "MONEY")
    assert (money.value, money.unit, money.yuan, money.what) == ("1110.36", "万元", 11103600.0, "全年预算数")


def test_given_metadata_wins_over_detection():
    doc = tag_report("x", "2022年部门整体支出绩效自评报告\n一、概况\n做好侨务工作。",
                     {"year": 2021, "department": "某部门"})
    assert doc.meta["year"] == 2021 and doc.meta["department"] == "某部门"
    assert doc.meta["genre"] == "部门整体支出绩效自评报告"


def test_tagging_reports_together_gives_what_tagging_each_alone_gives(tagged):
    from extract.nlp.pipeline import tag_reports
    from tests.conftest import CORPUS, CPPCC_2021, LIWAN_2022

    names = [LIWAN_2022, CPPCC_2021]
    words: dict = {}
    together = tag_reports([(name, (CORPUS / f"{name}.txt").read_text(encoding="utf-8"), None)
                            for name in names], words=words)
    assert [doc.to_dict() for doc in together] == [tagged[name].to_dict() for name in names]
    texts = [p.text for doc in together for p in doc.passages] + ["臺灣同胞 聯誼\t工作", ""]
    assert set(words) == set(texts[:-2])  # the words handed to the index are the segmenter's own cut
    for text in texts:
        assert (words.get(text) or cut_words(get_nlp().make_doc(text))) == tuple(segmenter().tokenize(text))


CONTEXT_REPORT = """某县民族宗教事务局2023年度部门整体支出绩效自评报告
一、年度主要工作
（三）宗教工作
组织场所负责人开展培训2期，参训86人次。
"""


def test_a_passage_is_read_in_the_context_of_its_report(shipped):
    from extract.areas.context import CONTEXT_WEIGHTS, ContextWeights
    from extract.areas.definitions import AREAS

    alone = tag_report("t", CONTEXT_REPORT, nlp=shipped, weights=ContextWeights()).passages[0]
    read = tag_report("t", CONTEXT_REPORT, nlp=shipped).passages[0]
    assert read.section[-1] == "（三）宗教工作"
    assert "ethnic_religion" not in alone.areas  # nothing in the sentence says religion
    ethnic = list(AREAS).index("ethnic_religion")
    heading = shipped.get_pipe("jixiao_areas").score_texts(["（三）宗教工作"])[0]["ethnic_religion"]
    lift = CONTEXT_WEIGHTS.kind + CONTEXT_WEIGHTS.section[ethnic] * heading  # its department and heading say it
    assert read.area_scores["ethnic_religion"] == pytest.approx(alone.area_scores["ethnic_religion"] + lift, abs=2e-4)


RUN_ON_PROJECTS = ("某县民族宗教事务局2023年度项目支出绩效自评报告\n少数民族发展资金分配表单位：万元项目名称金额"
                   "某镇某村少数民族特色村寨保护项目12某乡某村民族团结进步示范村创建项目6合计18")


def test_rows_of_a_run_on_projects_table_are_budget_performance_and_their_topic(shipped):
    doc = tag_report("t", RUN_ON_PROJECTS, nlp=shipped)
    rows = {p.text: p.areas for p in doc.passages}
    assert {"budget_performance", "ethnic_religion"} <= set(rows["某乡某村民族团结进步示范村创建项目6"])
    assert "budget_performance" in rows["合计18"]


@settings(max_examples=15, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(report_like_text())
def test_tagging_never_raises_and_keeps_every_span_inside(text):
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
