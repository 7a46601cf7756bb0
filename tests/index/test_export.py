import csv
import json

import pytest

from index.export import FORMATS, export
from index.store import Store
from tests.conftest import LIWAN_2022


@pytest.fixture(scope="module")
def docs(data_dir):
    with Store(data_dir, create=False) as store:
        return list(store.iter_documents())


def test_jsonl_round_trips_to_documents(tmp_path, docs):
    from extract.records import Document

    out = tmp_path / "c.jsonl"
    assert export(docs, "jsonl", out) == 5
    back = [Document.from_dict(json.loads(line)) for line in out.read_text("utf-8").splitlines()]
    assert [d.to_dict() for d in back] == [d.to_dict() for d in docs]


def test_doccano_spans_point_at_the_figures(tmp_path, docs):
    out = tmp_path / "d.jsonl"
    export(docs, "doccano", out)
    rows = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(rows) == sum(len(d.passages) for d in docs)
    row = next(r for r in rows if "累计缔结穗港澳姊妹学校37对" in r["text"])
    assert any(row["text"][s:e] == "37对" and label == "COUNT" for s, e, label in row["label"])


def test_spacy_docbin_round_trip_keeps_entities_cats_and_attributes(tmp_path, docs):
    from spacy.tokens import DocBin

    from extract.nlp.figures_component import EXTENSION, install_extensions
    from extract.nlp.pipeline import get_nlp

    out = tmp_path / "c.spacy"
    export(docs, "spacy", out)
    install_extensions()
    loaded = list(DocBin().from_disk(out).get_docs(get_nlp().vocab))
    assert len(loaded) == sum(len(d.passages) for d in docs)
    doc = next(d for d in loaded if "累计缔结穗港澳姊妹学校37对" in d.text)
    assert "37对" in [e.text for e in doc.ents]
    assert any(a["text"] == "37对" and a["unit"] == "对" for a in doc._.get(EXTENSION))
    assert doc.cats


def test_conll_has_bio_tags(tmp_path, docs):
    out = tmp_path / "c.conll"
    export(docs, "conll", out)
    lines = out.read_text("utf-8").splitlines()
    assert lines[0].startswith("-DOCSTART-")
    tags = {line.split("\t")[1] for line in lines if "\t" in line}
    assert {"O", "B-MONEY", "B-PERCENT", "B-COUNT"} <= tags


def test_csv_one_row_per_entity(tmp_path, docs):
    out = tmp_path / "c.csv"
    export(docs, "csv", out)
    with out.open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == sum(len(p.entities) for d in docs for p in d.passages)
    row = next(r for r in rows if r["doc_id"] == LIWAN_2022 and r["text"] == "1288.68万元")
    assert row["yuan"] == "12886800.0" and row["label"] == "MONEY"
    assert row["indicator"] == "执行数"
    rate = next(r for r in rows if r["doc_id"] == LIWAN_2022 and r["text"] == "90.79%")
    assert rate["indicator"] == "预算执行率" and all(r["indicator"] == "" for r in rows if r["label"] == "DATE")
    assert {r["indicator_kind"] for r in rows if r["indicator"] == "提案数"} >= {"重点"}


def test_csv_and_doccano_carry_the_documents_date(tmp_path, docs):
    import dataclasses

    dated = [dataclasses.replace(docs[0], date="2023-02-20")]
    export(dated, "csv", tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(encoding="utf-8-sig") as f:
        assert {r["date"] for r in csv.DictReader(f)} == {"2023-02-20"}
    export(dated, "doccano", tmp_path / "d.jsonl")
    rows = [json.loads(line) for line in (tmp_path / "d.jsonl").read_text("utf-8").splitlines()]
    assert {r["meta"]["date"] for r in rows} == {"2023-02-20"}


def test_every_format_writes_and_an_unknown_one_is_refused(tmp_path, docs):
    for fmt in FORMATS:
        assert export(docs, fmt, tmp_path / f"out.{fmt}") > 0
        assert (tmp_path / f"out.{fmt}").stat().st_size > 0
    with pytest.raises(ValueError, match="xml"):
        export(docs, "xml", tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_csv_cells_that_read_as_formulas_are_neutralized(tmp_path):
    from extract.records import Document, Entity, Passage
    from index.export import spreadsheet_safe

    assert [spreadsheet_safe(v) for v in ("=1+1", "-1+cmd|'/C calc'!A0", "@SUM", "+A1", "侨务", 12)] == \
        ["'=1+1", "'-1+cmd|'/C calc'!A0", "'@SUM", "'+A1", "侨务", 12]
    entity = Entity("MONEY", "=HYPERLINK(1)元", 0, 5, "1", "元", 1.0)
    doc = Document(id="d", text="", meta={"department": "=cmd|' /C calc'!A0"},
                   passages=[Passage(id="d:0", text="x", start=0, end=1, entities=[entity])])
    export([doc], "csv", tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(encoding="utf-8-sig") as f:
        row = next(csv.DictReader(f))
    assert row["department"].startswith("'=") and row["text"].startswith("'=")


def test_export_bytes_are_the_file_export_writes(tmp_path, docs):
    from index.export import export_bytes

    export(docs, "jsonl", tmp_path / "c.jsonl")
    assert export_bytes(docs, "jsonl") == (tmp_path / "c.jsonl").read_bytes()
    assert export_bytes(docs, "spacy")[:1]  # binary formats too


def test_csv_keeps_signed_figures_as_written(tmp_path):
    """Issue 26.8: real values -22.2 and --02 (a month without a year) are figures, not formulas."""
    from extract.records import Document, Entity, Passage

    rate = Entity("PERCENT", "-22.2%", 0, 6, "-22.2", "%", None)
    month = Entity("DATE", "2月", 7, 9, "--02", None, None)
    doc = Document(id="d", text="-22.2%，2月", meta={},
                   passages=[Passage(id="d:0", text="-22.2%，2月", start=0, end=9, entities=[rate, month])])
    export([doc], "csv", tmp_path / "c.csv")
    with (tmp_path / "c.csv").open(encoding="utf-8-sig") as f:
        assert [row["value"] for row in csv.DictReader(f)] == ["-22.2", "--02"]
