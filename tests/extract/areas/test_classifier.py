import numpy as np
import pytest

from extract.areas.classifier import AreaClassifier, load_model, save_model
from extract.areas.definitions import AREAS, keyword_areas
from extract.errors import ModelError
from extract.paths import area_model_path

pytestmark = pytest.mark.seconds(9)  # conftest.pytest_collection_modifyitems: long modules first

TEXTS = ["做好侨务工作，服务归侨侨眷和海外侨胞。", "全年预算数100万元，执行数90万元。",
         "组织政协委员开展调研视察，提交提案20件。", "侨联开展华文教育活动。",
         "预算执行率95%，绩效目标全部完成。", "政协委员参加协商议政会议。"] * 3
LABELS = [["overseas_chinese"], ["budget_performance"], ["cppcc"], ["overseas_chinese"],
          ["budget_performance"], ["cppcc"]] * 3


def test_fit_returns_self_and_sets_fitted_attributes():
    model = AreaClassifier(min_df=1)
    assert model.fit(TEXTS, LABELS) is model
    assert list(model.classes_) == list(AREAS)
    matrix = model.predict(["归侨侨眷座谈会", "预算执行率95%"])
    assert matrix.shape == (2, len(AREAS))
    assert model.predict_codes(["归侨侨眷座谈会"]) == [["overseas_chinese"]]


def test_skops_round_trip_gives_the_same_scores(tmp_path):
    model = AreaClassifier(min_df=1).fit(TEXTS, LABELS)
    path = tmp_path / "m.skops"
    save_model(model, path)
    again = load_model(path)
    assert (again.predict_proba(TEXTS) == model.predict_proba(TEXTS)).all()


def test_a_crafted_model_holding_an_untrusted_callable_is_refused(tmp_path):
    import skops.io as sio

    model = AreaClassifier(min_df=1)
    model.hook_ = np.save  # a callable that writes files, under a prefix the loader once trusted
    path = tmp_path / "crafted.skops"
    sio.dump(model, path)
    with pytest.raises(ModelError, match=r"refusing to load unexpected types \['numpy.save'\]"):
        load_model(path)


def test_training_is_deterministic():
    first = AreaClassifier(min_df=1).fit(TEXTS, LABELS).predict_proba(TEXTS)
    second = AreaClassifier(min_df=1).fit(TEXTS, LABELS).predict_proba(TEXTS)
    assert (first == second).all()


def test_the_shipped_model_loads_and_reads_traditional_script():
    model = load_model(area_model_path())
    assert set(model.classes_) <= set(AREAS)
    assert "overseas_chinese" in model.predict_codes(["做好僑務工作，服務歸僑僑眷和海外僑胞。"])[0]


def test_missing_model_is_a_model_error(tmp_path):
    with pytest.raises(ModelError, match="jixiao train"):
        load_model(tmp_path / "none.skops")


def test_keyword_baseline():
    assert keyword_areas("侨联工作")["overseas_chinese"] == 1.0


def test_a_quick_copy_others_could_write_is_not_trusted(tmp_path, monkeypatch):
    import hashlib

    from extract.areas.scoring import load_scorer

    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "toy.skops"
    model = AreaClassifier(min_df=1).fit(TEXTS, LABELS)
    save_model(model, path)
    quick = tmp_path / "cache" / "jixiao" / f"areas-{hashlib.sha256(path.read_bytes()).hexdigest()[:32]}.npz"
    quick.parent.mkdir(parents=True, exist_ok=True)
    np.savez(quick, classes=np.array(["planted"]))
    quick.chmod(0o666)  # anyone may have written it: the checked skops file is read instead
    assert load_scorer(path).classes_ == tuple(model.classes_)


def test_the_scorer_gives_scikit_learns_scores_without_it(tmp_path, monkeypatch):
    from extract.areas.scoring import LinearScorer, load_scorer

    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "toy.skops"
    model = AreaClassifier(min_df=1).fit(TEXTS, LABELS)
    save_model(model, path)
    texts = [*TEXTS, "", "侨联  走访\n归侨侨眷", "完全无关的一句话"]
    first, again = load_scorer(path), LinearScorer.load(next((tmp_path / "cache" / "jixiao").glob("*.npz")))
    for scorer in (first, again):  # as computed from the model, and as read back from the cache
        assert np.allclose(scorer.predict_proba(texts), model.predict_proba(texts), atol=1e-12)


def test_the_lexicon_gives_every_area_its_own_words():
    from extract.areas.lexicon import area_lexicon

    lexicon = area_lexicon()
    assert list(lexicon) == list(AREAS)
    for code, words in lexicon.items():
        assert words and len(set(words)) == len(words), code
    assert "三会一课" in lexicon["party_building"] and "委员" not in lexicon["cppcc"]  # 党委委员, 常委会委员


def test_lexicon_counts_a_theme_named_once_in_a_long_passage_as_in_a_short_one():
    from extract.areas.lexicon import LexiconCounts

    counts = LexiconCounts({"party_building": ("三会一课",), "cppcc": ("提案",)}).fit([])
    long = "全年召开常委会会议8次，" * 20 + "機關支部落實三會一課制度。"
    rows = counts.transform(["支部落实三会一课制度。", long, "预算执行率95%。"])
    assert rows.shape == (3, 2)
    assert rows[0, 0] == rows[1, 0] > 0 == rows[2, 0]  # traditional script read as simplified
    assert (rows[:, 1] == 0).all()


def test_a_saved_model_keeps_the_lexicon_it_was_trained_with(tmp_path):
    model = AreaClassifier(min_df=1).fit(TEXTS, LABELS)
    path = tmp_path / "m.skops"
    save_model(model, path)
    lexicon = dict(load_model(path).pipeline_.named_steps["features"].transformer_list)["lexicon"]
    assert lexicon.words_[list(AREAS).index("party_building")][:2] == ["党建", "党支部"]


def test_the_shipped_scorer_gives_the_shipped_models_scores_on_every_labelled_passage():
    from extract.areas.classifier import load_model
    from extract.areas.scoring import LinearScorer
    from extract.paths import area_model_path
    from extract.training.labels import load_area_labels

    texts = [row["text"] for part in load_area_labels() for row in part]
    model = load_model(area_model_path())
    assert len(texts) > 2000
    assert np.allclose(LinearScorer.from_classifier(model).predict_proba(texts), model.predict_proba(texts),
                       rtol=0, atol=1e-12)


def test_a_model_file_that_is_no_zip_is_one_warning_and_the_keyword_fallback(tmp_path):
    """Issue 26.10: a model file that is not a zip made every report fail with BadZipFile."""
    from extract.errors import ModelWarning
    from extract.nlp.pipeline import build_nlp, tag_report

    bad = tmp_path / "areas.skops"
    bad.write_bytes(b"not a zip at all")
    nlp = build_nlp(str(bad))
    with pytest.warns(ModelWarning, match=r"areas\.skops: not a work-area model file .*keyword rules"):
        doc = tag_report("x", "一、侨务工作\n做好侨务工作，接待侨胞12批。\n", nlp=nlp)
    assert doc.passages and "overseas_chinese" in doc.passages[0].areas
