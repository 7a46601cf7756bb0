"""Exporting the tagged corpus from the store: JSONL, doccano, spaCy DocBin, CoNLL and CSV."""

from __future__ import annotations

import csv
import json
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path

from extract.records import Document, Passage

FORMATS = ("jsonl", "doccano", "spacy", "conll", "csv")
SUFFIXES = {"jsonl": ".jsonl", "doccano": ".doccano.jsonl", "spacy": ".spacy", "conll": ".conll",
            "csv": ".csv"}
"""The file name ending of each format."""
CSV_COLUMNS = ("doc_id", "passage_id", "department", "year", "date", "section", "areas", "label",
               "text", "start", "end", "value", "unit", "yuan", "qualifier", "what", "indicator", "source",
               "indicator_kind")


def export(docs: Iterable[Document], fmt: str, out: Path) -> int:
    """Write ``docs`` to ``out`` in format ``fmt``; returns the number of documents written."""
    writers = {"jsonl": _jsonl, "doccano": _doccano, "spacy": _spacy, "conll": _conll, "csv": _csv}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    out.parent.mkdir(parents=True, exist_ok=True)
    return writers[fmt](list(docs), out)


def export_bytes(docs: Iterable[Document], fmt: str) -> bytes:
    """``docs`` in format ``fmt`` as the bytes of the file ``export`` would write (for downloads)."""
    with tempfile.TemporaryDirectory(prefix="jixiao-export-") as folder:
        out = Path(folder) / f"corpus{SUFFIXES.get(fmt, '')}"
        export(docs, fmt, out)
        return out.read_bytes()


def _jsonl(docs: list[Document], out: Path) -> int:
    with out.open("w", encoding="utf-8") as f:
        for doc in docs:
            f.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return len(docs)


def _doccano(docs: list[Document], out: Path) -> int:
    """One passage a line: {"text", "label": [[start, end, LABEL]], "cats", "meta"}."""
    with out.open("w", encoding="utf-8") as f:
        for doc in docs:
            for p in doc.passages:
                f.write(json.dumps({
                    "text": p.text,
                    "label": [[e.start, e.end, e.label] for e in p.entities],
                    "cats": p.areas,
                    "meta": {"doc_id": doc.id, "passage_id": p.id, "section": p.section,
                             "year": doc.meta.get("year"), "department": doc.meta.get("department"),
                             "date": doc.date, "source": doc.meta.get("source")},
                }, ensure_ascii=False) + "\n")
    return len(docs)


def _passage_docs(docs: list[Document]):
    """spaCy Docs of every passage with entities, areas and the entity attributes."""
    from extract.nlp.figures_component import EXTENSION, install_extensions
    from extract.nlp.pipeline import get_nlp

    install_extensions()
    tokenizer = get_nlp().tokenizer
    for doc in docs:
        for p in doc.passages:
            sdoc = tokenizer(p.text)
            spans = [sdoc.char_span(e.start, e.end, label=e.label, alignment_mode="expand")
                     for e in p.entities]
            from spacy.util import filter_spans

            sdoc.ents = filter_spans([s for s in spans if s is not None])
            sdoc.cats = {code: float(code in p.areas) for code in p.area_scores} or {}
            sdoc._.set(EXTENSION, [e.to_dict() for e in p.entities])
            sdoc.user_data["jixiao_passage_id"] = p.id
            sdoc.user_data["jixiao_document_date"] = doc.date
            yield sdoc


def _spacy(docs: list[Document], out: Path) -> int:
    from spacy.tokens import DocBin

    bin_ = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=True)
    for sdoc in _passage_docs(docs):
        bin_.add(sdoc)
    bin_.to_disk(out)
    return len(docs)


def _conll(docs: list[Document], out: Path) -> int:
    """Token, then BIO tag, one token a line; a blank line after each passage."""
    current = None
    with out.open("w", encoding="utf-8") as f:
        for sdoc in _passage_docs(docs):
            doc_id = sdoc.user_data["jixiao_passage_id"].rsplit(":", 1)[0]
            if doc_id != current:
                f.write(f"-DOCSTART- {doc_id}\n\n")
                current = doc_id
            for token in sdoc:
                if token.is_space:
                    continue
                tag = f"{token.ent_iob_}-{token.ent_type_}" if token.ent_type_ else "O"
                f.write(f"{token.text}\t{tag}\n")
            f.write("\n")
    return len(docs)


def _entity_indicators(p: Passage) -> list[tuple[str, str]]:
    """The canonical indicator and its sub-kind of each entity of ``p``: its metric's (one per
    figure, in order)."""
    figures = [e for e in p.entities if e.label != "DATE"]
    by_figure = iter((m.indicator, m.indicator_kind) for m in p.metrics) \
        if len(p.metrics) == len(figures) else iter(())
    return [("", "") if e.label == "DATE" else next(by_figure, ("", "")) for e in p.entities]


def _entity_rows(doc: Document, p: Passage):
    for e, (indicator, kind) in zip(p.entities, _entity_indicators(p)):
        yield {"doc_id": doc.id, "passage_id": p.id, "department": doc.meta.get("department"),
               "year": doc.meta.get("year"), "date": doc.date, "section": " / ".join(p.section),
               "areas": ",".join(p.areas), "label": e.label, "text": e.text, "start": e.start,
               "end": e.end, "value": e.value, "unit": e.unit, "yuan": e.yuan,
               "qualifier": e.qualifier, "what": e.what, "indicator": indicator,
               "source": doc.meta.get("source"), "indicator_kind": kind}


_PLAIN_FIGURE = re.compile(r"[-+]*[\d.,%/:]*\d[\d.,%/:]*")
"""Signs, digits and figure punctuation only (-22.2, +5%, --02, -3/5): a spreadsheet computes at
most a number from it, never a call, a link or another program (DDE)."""


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet will not run: text opening with = + - @ (a formula) gets a leading ',
    unless it is a plain figure (signs and digits: -22.2, --02), which is kept as written."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") \
            and not _PLAIN_FIGURE.fullmatch(value):
        return "'" + value
    return value


def _csv(docs: list[Document], out: Path) -> int:
    """One row per entity, with its passage and document (UTF-8 with BOM, for spreadsheets);
    cells that would read as formulas are neutralized."""
    with out.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for doc in docs:
            for p in doc.passages:
                writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()}
                                 for row in _entity_rows(doc, p))
    return len(docs)
