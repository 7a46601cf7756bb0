from index.store import Store
from tests.conftest import LIWAN_2022


def test_round_trip_keeps_everything(tmp_path, tagged):
    doc = tagged[LIWAN_2022]
    with Store(tmp_path) as store:
        store.put_document(doc)
        back = store.get_document(LIWAN_2022)
    assert back.to_dict() == doc.to_dict()


def test_ingesting_again_replaces_and_sql_sees_it(tmp_path, tagged):
    doc = tagged[LIWAN_2022]
    with Store(tmp_path) as store:
        store.put_document(doc)
        store.put_document(doc)
        assert store.doc_ids() == [LIWAN_2022]
        (n,) = store.db.execute("SELECT COUNT(*) FROM passages").fetchone()
        assert n == len(doc.passages)
        (spent,) = store.db.execute("SELECT spent FROM budgets").fetchone()
        assert spent == 1288.68
        assert store.remove_document(LIWAN_2022) and store.doc_ids() == []
        (left,) = store.db.execute("SELECT COUNT(*) FROM entities").fetchone()
        assert left == 0
