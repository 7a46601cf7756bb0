"""``jixiao eval search``: judged queries over the seed passages, our search beside plain Whoosh
with jieba's bundled ChineseAnalyzer indexing the same passages.

Relevance: a passage is relevant to a query when its hand label (corpus/labels/areas_seeds.jsonl)
has the query's work area. Our index holds work areas predicted leave-one-report-out (the model
that labels a report never saw its labels), so the hand labels do not leak into the ranking.
recall@20 is capped: found relevant in the top 20 ÷ min(20, relevant).
"""

from __future__ import annotations

import math
import tempfile
import warnings
from collections import defaultdict
from pathlib import Path

from extract.areas.classifier import codes_of
from extract.paths import data_rows
from extract.records import Document, Passage
from extract.text.blocks import normalize_passage
from extract.training.train import seed_predictions
from index.search.service import search
from index.search.writer import update_documents

QUERIES_FILE = Path(__file__).parent / "data" / "judged_queries.tsv"
TOPIC_QUERIES_FILE = Path(__file__).parent / "data" / "topic_queries.tsv"


def _query_file(path: Path) -> list[tuple[str, str]]:
    return [tuple(row) for row in data_rows(path)]


def judged_queries() -> list[tuple[str, str]]:
    """(query, area) pairs judged on the seed passages."""
    return _query_file(QUERIES_FILE)


def topic_queries() -> list[tuple[str, str]]:
    """(query, area) pairs: one topic query per work area, run on gold folders."""
    return _query_file(TOPIC_QUERIES_FILE)


def ndcg_at(ranked: list[str], relevant: set[str], k: int = 10) -> float:
    """Binary-gain nDCG@k."""
    dcg = sum(1 / math.log2(i + 2) for i, pid in enumerate(ranked[:k]) if pid in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def recall_at(ranked: list[str], relevant: set[str], k: int = 20) -> float:
    """Relevant passages in the top k ÷ min(k, relevant)."""
    if not relevant:
        return 0.0
    return len(set(ranked[:k]) & relevant) / min(k, len(relevant))


def _build_ours(seeds: list[dict], areas: dict[str, list[str]], folder: Path,
                scores: dict[str, dict[str, float]] | None = None) -> None:
    by_doc: dict[str, list[Passage]] = defaultdict(list)
    for r in seeds:
        by_doc[r["doc"]].append(Passage(id=r["id"], text=r["text"], start=0, end=len(r["text"]),
                                        areas=areas[r["id"]], area_scores=(scores or {}).get(r["id"], {})))
    update_documents(folder, [Document(id=doc, text="", passages=ps) for doc, ps in by_doc.items()])


def _build_baseline(seeds: list[dict], folder: Path):
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index as windex
    from whoosh.fields import ID, TEXT, Schema

    schema = Schema(passage_id=ID(stored=True, unique=True), text=TEXT(analyzer=ChineseAnalyzer()))
    ix = windex.create_in(str(folder), schema)
    with ix.writer() as writer:
        for r in seeds:
            writer.add_document(passage_id=r["id"], text=r["text"])
    return ix


def _figures(records: list[dict], areas: dict[str, list[str]], queries: list[tuple[str, str]],
             scores: dict[str, dict[str, float]] | None = None) -> dict[str, dict[str, float]]:
    """Our search and the baseline over ``records`` (id, doc, text, gold areas) indexed with the
    predicted ``areas`` (and their ``scores``, when given): nDCG@10 and recall@20 per query and
    their means."""
    from whoosh.qparser import QueryParser

    relevant: dict[str, set[str]] = defaultdict(set)
    for r in records:
        for area in r["areas"]:
            relevant[area].add(r["id"])
    figures: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        ours_dir, base_dir = Path(tmp) / "ours", Path(tmp) / "base"
        base_dir.mkdir()
        _build_ours(records, areas, ours_dir, scores)
        base_ix = _build_baseline(records, base_dir)
        with base_ix.searcher() as searcher:
            parser = QueryParser("text", base_ix.schema)
            for query, area in queries:
                ours = [h.passage_id for h in search(ours_dir, query, page_size=20, facets=False).hits]
                base = [h["passage_id"] for h in searcher.search(parser.parse(query), limit=20)]
                rel = relevant[area]
                figures[query] = {"area": area, "relevant": len(rel),
                                  "ndcg10": ndcg_at(ours, rel), "recall20": recall_at(ours, rel),
                                  "base_ndcg10": ndcg_at(base, rel), "base_recall20": recall_at(base, rel)}
        base_ix.close()
    keys = ("ndcg10", "recall20", "base_ndcg10", "base_recall20")
    figures["mean"] = {k: sum(f[k] for f in figures.values()) / len(figures) for k in keys}
    return figures


def search_figures() -> dict[str, dict[str, float]]:
    """The judged queries over the seed passages, their areas predicted leave-one-report-out."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seeds, predicted = seed_predictions()
    areas = {r["id"]: codes for r, codes in zip(seeds, codes_of(predicted))}
    return _figures(seeds, areas, judged_queries())


def gold_search_figures(folder: Path, in_context: bool = False) -> dict[str, dict[str, float]]:
    """The topic queries over a gold folder's passages (as the pipeline normalizes them), their
    areas predicted by the shipped classifier, each passage alone or (``in_context``) as the
    tagging of its whole report gives them; relevant = gold passages with the query's area."""
    from extract.evaluation.areas import gold_passage_areas
    from extract.evaluation.areas_context import report_areas, tagged_reports
    from extract.evaluation.gold import read_gold

    golds = read_gold(folder)
    records = [{"id": f"{doc.id}:{i}", "doc": doc.id, "text": normalize_passage(p["text"]),
                "areas": p["areas"]}
               for doc in golds for i, p in enumerate(doc.passages)]
    if in_context:
        found = [(codes, scores) for document, g in zip(tagged_reports(golds), golds)
                 for codes, scores in zip(*report_areas(document, g, with_scores=True)[::2])]
    else:
        found = list(zip(*gold_passage_areas([r["text"] for r in records], with_scores=True)))
    areas = {r["id"]: codes for r, (codes, _) in zip(records, found)}
    scores = {r["id"]: row for r, (_, row) in zip(records, found)}
    return _figures(records, areas, topic_queries(), scores)


def search_report(gold: Path | None = None) -> str:
    """The search evaluation as printable text: judged queries on the repo's labels, or the topic
    queries on a gold folder."""
    if gold is None:
        figures = search_figures()
        title = (f"search, {len(figures) - 1} judged queries over the seed passages "
                 "(relevant = hand-labelled area)")
        return "\n".join(_figure_lines(title, figures))
    figures = gold_search_figures(gold)
    title = (f"search, {len(figures) - 1} topic queries over the passages of {gold} (relevant = gold area; "
             "areas of each passage alone)")
    lines = _figure_lines(title, figures)
    figures = gold_search_figures(gold, in_context=True)
    lines += _figure_lines("the same, areas as whole reports tagged give them", figures)
    return "\n".join(lines)


def _figure_lines(title: str, figures: dict[str, dict[str, float]]) -> list[str]:
    lines = [title,
             f"  {'query':<14}{'area':<20}{'rel':>5}{'nDCG@10':>9}{'R@20':>7}   "
             f"{'baseline nDCG@10':>16}{'R@20':>7}"]
    for query, f in figures.items():
        if query == "mean":
            continue
        lines.append(f"  {query:<14}{f['area']:<20}{f['relevant']:>5}{f['ndcg10']:9.3f}{f['recall20']:7.3f}"
                     f"   {f['base_ndcg10']:16.3f}{f['base_recall20']:7.3f}")
    m = figures["mean"]
    lines.append(f"  {'mean':<14}{'':<20}{'':>5}{m['ndcg10']:9.3f}{m['recall20']:7.3f}"
                 f"   {m['base_ndcg10']:16.3f}{m['base_recall20']:7.3f}")
    lines.append("  baseline: plain Whoosh, jieba.analyse.ChineseAnalyzer, default QueryParser")
    return lines
