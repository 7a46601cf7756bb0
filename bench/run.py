"""Speed and memory of jixiao, each beside a baseline measured in the same run; medians of repeats.

    python -m bench.run [--passages 100000] [--repeats 5] [--only tagging,areas,search,versus]

- tagging: the spaCy pipeline (our tokenizer + figures) and the whole ``tag_report``, in KB/s of
  report text on one core, beside plain ``jieba.cut`` of the same text (each report's step timed
  right after jieba.cut of its passages: ``interleaved_ratio``); and one paragraph of figures at
  two sizes (the linear-figures probe: seconds per 10,000 characters should stay flat);
- areas: the classifier's cost per passage once loaded, beside ``jieba.cut`` of the same passages;
  and the training time of ``jixiao train``'s model;
- search: p50/p95 query latency on an index of N passages (recombined from the sentences of the
  labelled passages), beside a bare Whoosh term query on the same index and beside our own
  queries run by Whoosh's matchers; and the indexing rate (arrays included).
- versus (``bench.versus``): search p95 beside bm25s on the same passages, and queries a second
  of four threads beside one, also while an ingest writes.
Peak memory (max RSS) is printed at the end. No figure here is asserted: they are for reading.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
import warnings
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def median_time(fn: Callable[[], object], repeats: int) -> float:
    """Median wall time of ``fn`` over ``repeats`` runs (after one warm-up run)."""
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved_ratio(base: list[Callable[[], object]], ours: list[Callable[[], object]],
                      repeats: int) -> tuple[float, float, float]:
    """Median over ``repeats`` rounds of (time of every ``base`` step) / (time of every ``ours``
    step), each pair of steps run one after the other, and the medians of both times. A shared
    machine's load drifts over seconds; two figures measured apart carry it into their ratio, a
    pair of steps a few milliseconds apart shares it. One warm-up round first."""
    rounds = []
    for _ in range(repeats + 1):
        spent = [0.0, 0.0]
        for pair in zip(base, ours):
            for side, step in enumerate(pair):
                start = time.perf_counter()
                step()
                spent[side] += time.perf_counter() - start
        rounds.append(spent)
    rounds = rounds[1:]
    return (statistics.median(b / o for b, o in rounds), statistics.median(b for b, _ in rounds),
            statistics.median(o for _, o in rounds))


def corpus_texts(copies: int = 5) -> list[str]:
    """The seed reports, ``copies`` times over (about 340 KB at 5)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "corpus").glob("*.txt"))]
    return texts * copies


def bench_tagging(repeats: int) -> list[str]:
    import jieba

    from extract.nlp.pipeline import get_nlp, tag_report
    from extract.text.blocks import split_blocks
    from extract.text.passages import passages_from_blocks

    nlp = get_nlp()
    texts = corpus_texts()
    kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    by_text = [[p.text for p in passages_from_blocks("b", split_blocks(t))[1]] for t in texts]
    cuts = [lambda ps=ps: [list(jieba.cut(p)) for p in ps] for ps in by_text]

    def figures_of(ps: list[str]) -> list:
        with nlp.select_pipes(enable=["jixiao_figures"]):
            return list(nlp.pipe(ps))

    figures, base, _ = interleaved_ratio(cuts, [lambda ps=ps: figures_of(ps) for ps in by_text], repeats)
    full, base_full, spent = interleaved_ratio(
        cuts, [lambda i=i, t=t: tag_report(str(i), t) for i, t in enumerate(texts)], repeats)
    return [
        f"tagging ({kb:.0f} KB of report text, one core, median of {repeats}; each report's steps run"
        " beside jieba.cut of its passages)",
        f"  plain jieba.cut (baseline)          {kb / base_full:8.0f} KB/s   1.00",
        f"  tokenizer + figures (entities/what) {kb / base * figures:8.0f} KB/s   {figures:.2f} of jieba's speed",
        f"  whole tag_report (+areas, budget)   {kb / spent:8.0f} KB/s   {full:.2f} of jieba's speed",
        *bench_linear_figures(),
    ]


LINEAR_FIGURES = "全年执行数120.5万元，执行率98.6%，接待侨胞15批次，"
"""A paragraph made of nothing but figures: the probe of issue 26.12 (time grew with its square)."""


def bench_linear_figures(sizes: tuple[int, ...] = (10_000, 40_000)) -> list[str]:
    """``tag_report`` of one paragraph of figures at each size, beside ``jieba.cut`` of it: the time
    per character should stay flat as the paragraph grows (linear steps)."""
    import jieba

    from extract.nlp.pipeline import tag_report

    lines = ["  one paragraph of figures (linear?)   size     tag_report   per 10k chars   jieba.cut"]
    for size in sizes:
        text = LINEAR_FIGURES * (size // len(LINEAR_FIGURES))
        start = time.perf_counter()
        tag_report("linear", text)
        spent = time.perf_counter() - start
        cut = median_time(lambda text=text: list(jieba.cut(text)), 1)
        lines.append(f"  {'':<36}{len(text):6d}   {spent:8.2f} s   {spent / len(text) * 10_000:8.2f} s"
                     f"     {cut:6.2f} s")
    return lines


def bench_areas(repeats: int) -> list[str]:
    import jieba

    from extract.areas.classifier import AreaClassifier
    from extract.areas.features import SegmentedText
    from extract.areas.scoring import load_scorer
    from extract.paths import area_model_path
    from extract.training.labels import load_area_labels

    seeds, written = load_area_labels()
    records = seeds + written
    model = load_scorer(area_model_path())  # as the pipeline scores
    texts = [r["text"] for r in records]
    segmented = [SegmentedText(t, list(jieba.cut(t))) for t in texts]
    base = median_time(lambda: [list(jieba.cut(t)) for t in texts], repeats)
    raw = median_time(lambda: model.predict_proba(texts), repeats)
    reused = median_time(lambda: model.predict_proba(segmented), repeats)
    train = median_time(lambda: AreaClassifier().fit(texts, [r["areas"] for r in records]), 1)
    n = len(texts)
    return [
        f"work areas ({n} labelled passages, median of {repeats})",
        f"  jieba.cut per passage (baseline)    {base / n * 1000:8.3f} ms   1.00",
        f"  label a passage (cuts its own words) {raw / n * 1000:7.3f} ms   {raw / base:.2f}x",
        f"  label a passage in the pipeline     {reused / n * 1000:8.3f} ms   {reused / base:.2f}x"
        " (words from the tokenizer)",
        f"  training on all labelled passages   {train:8.1f} s",
    ]


def synthetic_documents(n_passages: int, per_document: int = 250) -> list:
    """``n_passages`` distinct passages recombined from the sentences of the labelled passages
    (seeds and written), 1–4 sentences each, with a fixed random seed, labelled by the shipped
    classifier; copies of the seeds alone
    would give a corpus in which every term's postings repeat in lockstep, which no real one does."""
    import random
    import re

    from extract.areas.classifier import load_model
    from extract.paths import area_model_path
    from extract.records import Document, Passage
    from extract.training.labels import load_area_labels

    seeds, written = load_area_labels()
    sentences = [s for r in seeds + written for s in re.split(r"(?<=[。；！？])", r["text"]) if len(s) > 4]
    rng = random.Random(0)
    model = load_model(area_model_path())
    docs: list[Document] = []
    for d in range(0, n_passages, per_document):
        texts = ["".join(rng.choice(sentences) for _ in range(rng.randint(1, 4)))
                 for _ in range(min(per_document, n_passages - d))]
        passages = [Passage(id=f"bench-{d // per_document}:{i:04d}", text=text, start=0,
                            end=len(text), areas=areas)
                    for i, (text, areas) in enumerate(zip(texts, model.predict_codes(texts)))]
        docs.append(Document(id=f"bench-{d // per_document}", text="", passages=passages,
                             meta={"year": 2015 + rng.randint(0, 9), "department": f"部门{rng.randint(0, 49)}"}))
    return docs


def _build_index(folder: Path, n_passages: int) -> float:
    """Index ``n_passages`` generated passages into ``folder`` and store their documents beside
    the index, as a user's data folder holds them (a search reads whose report each hit is from
    the store); the seconds of the indexing alone."""
    from index.search.writer import update_documents
    from index.store import Store

    docs = synthetic_documents(n_passages)
    start = time.perf_counter()
    update_documents(folder, docs)
    seconds = time.perf_counter() - start
    with Store(folder) as store:
        store.put_documents((doc, None, None) for doc in docs)
    return seconds


MIXED_QUERIES = ["工作", "情况", "政协 提案", "侨务 OR 港澳台", "统战 -侨务", '"民族团结进步"',
                 "预算 执行 率", "万元", "企业 商会 服务", '"宗教 工作"', "党建 OR 思想引领 OR 扶贫",
                 "委员 -政协"]
"""Beyond the judged queries: the broadest words of the corpus and every piece of query syntax."""


def _indexing_rate(n_passages: int) -> str:
    """Passages indexed per second into a fresh index, and the share of building the arrays."""
    from index.search.directory import open_whoosh_index
    from index.search.engine.postings import build_segment

    with tempfile.TemporaryDirectory() as folder:
        seconds = _build_index(Path(folder), n_passages)
        ix = open_whoosh_index(Path(folder))
        with ix.reader() as reader:
            start = time.perf_counter()
            for leaf, _ in reader.leaf_readers():
                build_segment(leaf, ix.schema)
            arrays = time.perf_counter() - start
        ix.close()
    return (f"  indexing {n_passages} passages                  {n_passages / seconds:8.0f} passages/s"
            f" ({arrays / seconds:.0%} of it building the arrays)")


def bench_search(n_passages: int, repeats: int) -> list[str]:
    from whoosh import query as wq

    from index.evaluation import judged_queries
    from index.search.analyzer import analyze
    from index.search.directory import index_dir, index_exists, open_whoosh_index
    from index.search.engine.postings import PostingArrays
    from index.search.engine.scoring import Scorer
    from index.search.query import parse, to_whoosh
    from index.search.service import Filters, search

    out = REPO / "bench" / "out" / f"index-{n_passages}"
    lines = [f"search ({n_passages} passages; {len(judged_queries())} judged queries, each run {repeats} times)"]
    if not index_exists(out):
        out.mkdir(parents=True, exist_ok=True)
        seconds = _build_index(out, n_passages)
        lines.append(f"  indexing {n_passages} passages (with the arrays) {n_passages / seconds:8.0f} passages/s")
    lines.append(_indexing_rate(5_000))
    queries = [q for q, _ in judged_queries()]

    def timed(fn: Callable[[str], object], chosen: list[str] = queries) -> list[float]:
        samples = []
        for _ in range(repeats):
            for q in chosen:
                start = time.perf_counter()
                fn(q)
                samples.append((time.perf_counter() - start) * 1000)
        return samples

    ix = open_whoosh_index(out)
    with ix.searcher() as searcher:
        start = time.perf_counter()
        arrays = PostingArrays(index_dir(out), searcher)
        opening = time.perf_counter() - start

        def bare(q: str) -> None:
            words = analyze(q)
            searcher.search(wq.Phrase("text", words) if len(words) > 1 else wq.Term("text", words[0]),
                            limit=10)

        def ours_as_whoosh(q: str) -> wq.Query:
            return to_whoosh(parse(q), frequency=lambda t: searcher.doc_frequency("pieces", t))

        bare(queries[0])
        baseline = timed(bare)
        whoosh_full = timed(lambda q: searcher.search(ours_as_whoosh(q), limit=10))
        numpy_full = timed(lambda q: Scorer(searcher, arrays).rank(ours_as_whoosh(q), 10))
    ix.close()
    search(out, queries[0], page_size=10)
    ours = timed(lambda q: search(out, q, page_size=10, facets=False))
    faceted = timed(lambda q: search(out, q, page_size=10))
    filtered = timed(lambda q: search(out, q, Filters(year=2020), page_size=10))
    paged = timed(lambda q: search(out, q, page=5, page_size=20))
    mixed = timed(lambda q: search(out, q, page_size=10), MIXED_QUERIES)
    by_year = timed(lambda q: search(out, q, sort="year", page_size=10))
    amounts = timed(lambda q: search(out, q, Filters(min_yuan=10_000, max_yuan=5_000_000), page_size=10))
    base95 = statistics.quantiles(baseline, n=20)[18]

    def row(name: str, samples: list[float]) -> str:
        p50 = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[18]
        return f"  {name:<42}p50 {p50:7.1f} ms  p95 {p95:7.1f} ms   {p95 / base95:5.2f}x baseline p95"

    lines += [row("bare Whoosh term query (baseline)", baseline),
              row("our query, Whoosh's matchers, top 10", whoosh_full),
              row("our query, numpy scorer, top 10", numpy_full),
              row("jixiao search, page 1 of 10", ours),
              row("jixiao search with facets", faceted),
              row("jixiao search with facets, year filter", filtered),
              row("jixiao search with facets, page 5 of 20", paged),
              row(f"{len(MIXED_QUERIES)} broad/AND/OR/phrase/- queries, facets", mixed),
              row("judged queries sorted by year, facets", by_year),
              row("judged queries, amount range, facets", amounts),
              f"  opening the index's arrays                {opening * 1000:7.1f} ms (memory-mapped)"]
    return lines


def main() -> None:
    """Run the chosen benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=100_000)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--only", default="tagging,areas,search,versus")
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    chosen = set(args.only.split(","))
    if "tagging" in chosen:
        print("\n".join(bench_tagging(args.repeats)), flush=True)
    if "areas" in chosen:
        print("\n".join(bench_areas(args.repeats)), flush=True)
    if "search" in chosen:
        print("\n".join(bench_search(args.passages, max(1, args.repeats // 2))), flush=True)
    if "versus" in chosen:
        from bench.versus import bench_versus

        print("\n".join(bench_versus(args.passages, args.repeats)), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS) {peak:.0f} MB")


if __name__ == "__main__":
    main()
