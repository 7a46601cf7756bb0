import pytest

from extract.areas.classifier import AreaClassifier, load_model, save_model
from extract.areas.definitions import AREAS, keyword_areas
from extract.errors import ModelError
from extract.paths import area_model_path

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
    import numpy as np
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
    import pickle

    monkeypatch.setenv("JIXIAO_CACHE", str(tmp_path / "cache"))
    path = tmp_path / "toy.skops"
    save_model(AreaClassifier(min_df=1).fit(TEXTS, LABELS), path)
    quick = tmp_path / "cache" / "jixiao" / f"areas-{hashlib.sha256(path.read_bytes()).hexdigest()[:32]}.pickle"
    quick.parent.mkdir(parents=True)
    quick.write_bytes(pickle.dumps("planted"))
    quick.chmod(0o666)  # anyone may have written it: the checked skops file is read instead
    assert isinstance(load_model(path), AreaClassifier)
