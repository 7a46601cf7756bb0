"""Downloads of the app: the current search's hits as CSV or JSON, built when clicked."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from extract.areas.definitions import AREAS
from index.corpus import CSV_COLUMNS, Filters, SearchResult, spreadsheet_safe
from ui.web.cache import Version, cached_search, corpus_file
from ui.web.names import CSV_HEADERS, area_name, label_name, qualifier_name

EXPORT_LIMIT = 1000  # hits in a download; a download is a sample to read, not a dump of the store


def hit_rows(result: SearchResult) -> list[dict[str, Any]]:
    """The hits of ``result`` as flat rows for a table or a CSV file."""
    first = (result.page - 1) * result.page_size
    return [{
        "名次": first + i, "得分": h.score, "匹配": "字面" if h.exact else "近义", "报告编号": h.doc_id,
        "段落编号": h.passage_id, "标题": h.title, "部门": h.department, "年份": h.year, "章节": h.section,
        "工作领域": "、".join(AREAS.get(a, a) for a in h.areas), "原文": h.text,
        "数字": "；".join(f"{e.what or ''} {e.text}".strip() for e in h.entities),
    } for i, h in enumerate(result.hits, start=1)]


def export_hits(data: str, version: Version, query: str, filters: Filters, sort: str,
                use_thesaurus: bool, fmt: str) -> bytes:
    """Up to EXPORT_LIMIT hits of a search as CSV or JSON (run when the download is clicked)."""
    result = cached_search(data, version, query, filters, 1, EXPORT_LIMIT, sort, use_thesaurus)
    if fmt == "json":
        payload = {"query": query, "filters": filters.__dict__, "sort": sort,
                   "total": result.total, "hits": [h.to_dict() for h in result.hits]}
        return json.dumps(payload, ensure_ascii=False, indent=2).encode("utf-8")
    rows = hit_rows(result)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]) if rows else ["名次"])
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM lets spreadsheet programs read Chinese


def chinese_corpus_csv(raw: bytes) -> bytes:
    """The corpus CSV of ``index.export`` (English column names and codes, as the command line
    writes it) with Chinese column names, labels (PERCENT → 百分比), work areas (ethnic_religion →
    民族宗教) and qualifiers (gte → 不少于), for a reader's spreadsheet."""
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    codes = {"label": label_name, "qualifier": qualifier_name,
             "areas": lambda value: "、".join(area_name(a) for a in value.split(",") if a)}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([CSV_HEADERS.get(name, name) for name in CSV_COLUMNS])
    for row in rows:
        writer.writerow([spreadsheet_safe(codes[k](row.get(k) or "") if k in codes else row.get(k, ""))
                         for k in CSV_COLUMNS])
    return out.getvalue().encode("utf-8-sig")


def corpus_download(data: str, version: int, doc_ids: tuple[str, ...] | None, fmt: str) -> bytes:
    """``cache.corpus_file`` as the export view offers it: the CSV in Chinese (``chinese_corpus_csv``)."""
    raw = corpus_file(data, version, doc_ids, fmt)
    return chinese_corpus_csv(raw) if fmt == "csv" else raw
