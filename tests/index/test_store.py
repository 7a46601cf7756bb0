import dataclasses

from index.store import Store
from tests.conftest import LIWAN_2022


def test_round_trip_keeps_everything(tmp_path, tagged):
    doc = tagged[LIWAN_2022]
    with Store(tmp_path) as store:
        store.put_document(doc)
        back = store.get_document(LIWAN_2022)
    assert back.to_dict() == doc.to_dict()


def test_the_documents_date_is_a_column_of_its_own(tmp_path, tagged):
    doc = dataclasses.replace(tagged[LIWAN_2022], date="2023-02-20")
    with Store(tmp_path) as store:
        store.put_document(doc)
        (date,) = store.db.execute("SELECT date FROM documents WHERE id = ?", (LIWAN_2022,)).fetchone()
        assert date == "2023-02-20" == store.get_document(LIWAN_2022).date


def test_each_table_rows_header_is_stored_with_it(tmp_path, tagged):
    doc = next(d for d in tagged.values() if any(p.header for p in d.passages))
    rows = [p for p in doc.passages if p.header and not p.is_header]
    with Store(tmp_path) as store:
        store.put_document(doc)
        headers = store.passage_headers([p.id for p in rows] + [doc.passages[0].id, "missing"])
    assert headers == {p.id: p.header for p in rows if p.header} | (
        {doc.passages[0].id: doc.passages[0].header} if doc.passages[0].header else {})


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


def test_corpus_figures_for_the_overview_compare_and_audit_views(data_dir):
    with Store(data_dir, create=False) as store:
        counts = store.corpus_counts()
        budgets = {r["id"]: r for r in store.budgets()}
        names = dict(store.metric_names())
        satisfaction = store.metric_values("群众满意度")
    assert counts["documents"] == 5 and counts["passages"] == store_passages(data_dir)
    assert counts["MONEY"] > 0 and counts["metrics"] > 0
    liwan = budgets[LIWAN_2022]
    assert (liwan["spent"], liwan["completion_rate"]) == (1288.68, 90.79)
    assert liwan["department"] == "中共广州市荔湾区委员会统战部"
    assert {c["name"] for c in liwan["checks"]} == {"completion_rate = spent / budget", "spent = basic + project"}
    assert names["群众满意度"] == len(satisfaction) > 0
    assert all(v["value"] and v["year"] and v["text"] for v in satisfaction)


def store_passages(data_dir) -> int:
    with Store(data_dir, create=False) as store:
        return len(store.passage_ids())


def test_an_older_store_gains_the_file_hash_column_and_keeps_other_new_columns(tmp_path, tagged):
    import sqlite3

    with sqlite3.connect(tmp_path / Store.FILENAME) as db:  # a store of before file hashes, with a column of elsewhere
        db.execute("CREATE TABLE documents (id TEXT PRIMARY KEY, title TEXT, department TEXT, region TEXT,"
                   " year INTEGER, genre TEXT, source TEXT, meta TEXT NOT NULL, text TEXT NOT NULL,"
                   " ingested_at TEXT DEFAULT CURRENT_TIMESTAMP, other TEXT)")
    with Store(tmp_path) as store:
        store.put_documents([(tagged[LIWAN_2022], "a.txt", "f" * 64)])
        assert store.file_hash(LIWAN_2022) == "f" * 64 and store.file_hash("missing") is None
    with Store(tmp_path) as store:  # opened again: nothing added twice
        assert store.doc_ids() == [LIWAN_2022]


def test_a_store_marked_current_skips_the_schema_steps_and_one_of_an_older_schema_is_brought_up(tmp_path):
    import sqlite3

    from index.store import SCHEMA_VERSION

    with Store(tmp_path):
        pass
    with sqlite3.connect(tmp_path / Store.FILENAME) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.execute("DROP INDEX metrics_indicator")  # a step a current store's open does not redo
    with Store(tmp_path, create=False) as store:
        assert not store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'metrics_indicator'").fetchall()
    with sqlite3.connect(tmp_path / Store.FILENAME) as db:
        db.execute("PRAGMA user_version = 1")  # as a store of an older release is marked
    with Store(tmp_path, create=False) as store:
        assert store.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'metrics_indicator'").fetchall()
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_indicators_group_the_reports_written_forms_once_per_report_and_role(data_dir):
    with Store(data_dir, create=False) as store:
        indicators = dict(store.indicators())
        rates = store.indicator_values("预算执行率")
        by_sql = store.db.execute("SELECT indicator, COUNT(*) FROM metrics WHERE indicator != ''"
                                  " GROUP BY indicator").fetchall()
    assert indicators["预算执行率"] == len({v["doc_id"] for v in rates}) >= 2
    assert {"预算完成率", "预算执行率"} & {v["what"] for v in rates}
    assert len({(v["doc_id"], v["role"]) for v in rates}) == len(rates)
    assert set(rates[0]) >= {"doc_id", "title", "department", "year", "region", "passage_id", "what",
                             "indicator", "role", "value", "unit", "label"}
    assert "合计" not in indicators and len(by_sql) == len(indicators)


def test_the_sub_kind_of_an_indicator_is_stored_beside_it(data_dir):
    with Store(data_dir, create=False) as store:
        kinds = store.db.execute("SELECT DISTINCT indicator, indicator_kind FROM metrics"
                                 " WHERE indicator_kind != ''").fetchall()
        proposals = store.indicator_values("提案数")
        key_ones = store.indicator_values("提案数", kind="重点")
        listed = dict(store.indicators(of="提案数"))
    assert ("提案数", "重点") in {tuple(r) for r in kinds} and ("服务对象满意度", "群众") in {tuple(r) for r in kinds}
    assert {"indicator_kind"} <= set(proposals[0])
    assert key_ones and {v["indicator_kind"] for v in key_ones} == {"重点"}
    assert listed["重点"] == len({v["doc_id"] for v in key_ones}) and "" not in listed
    assert all(v["indicator_kind"] == "" for v in proposals)  # a count's sub-kind is a part, never the whole
