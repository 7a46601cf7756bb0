"""Whole ingest at scale beside plain Whoosh + jieba on the same passages, in the same run.

    python -m bench.ingest_scale [--reports 300,3000] [--workers 1,2] [--repeats 3] [--cluster]

For each count of generated reports (``bench/reports.py``) and each number of workers, a fresh
``jixiao ingest`` in a child process (so peak memory is its own): wall time, reports/s, peak RSS,
store and index size; then plain Whoosh with jieba's ``ChineseAnalyzer`` indexing the texts of the
passages that ingest stored (also a fresh process, timed from its start), and the ratio of the two.
Medians of ``--repeats`` runs. With ``--cluster``, the same ingest on a Dask ``LocalCluster`` of two one-thread workers.
Cold starts (``jixiao search``, ``jixiao tag`` of one report) are timed beside jieba's own start.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.reports import write_reports

REPO = Path(__file__).resolve().parents[1]
JIXIAO = [sys.executable, "-m", "ui.cli"]


def folder_size(path: Path) -> int:
    """Bytes of every file under ``path``."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def timed_child(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Run ``command``; its wall time in seconds and its peak RSS in MB (children measured alone)."""
    script = ("import resource, subprocess, sys, time\n"
              "start = time.perf_counter()\n"
              "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
              "wall = time.perf_counter() - start\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
              "print(wall, peak, code)\n")
    out = subprocess.run([sys.executable, "-c", script, *command], capture_output=True, text=True,
                         env={**os.environ, **(env or {})}, cwd=REPO, check=True).stdout.split()
    if out[2] != "0":
        raise RuntimeError(f"{' '.join(command)} exited {out[2]}")
    return float(out[0]), float(out[1])


def stored_passages(data: Path) -> list[tuple[str, str]]:
    """(id, text) of every stored passage."""
    with sqlite3.connect(data / "store.sqlite") as db:
        return list(db.execute("SELECT id, text FROM passages ORDER BY doc_id, seq"))


def plain_whoosh(data: Path, folder: Path) -> None:
    """Plain Whoosh with jieba's ChineseAnalyzer indexing the passages stored in ``data`` (one commit)."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import index as windex
    from whoosh.fields import ID, TEXT, Schema

    passages = stored_passages(data)
    schema = Schema(passage_id=ID(stored=True, unique=True), text=TEXT(analyzer=ChineseAnalyzer(), stored=True))
    ix = windex.create_in(str(folder), schema)
    with ix.writer() as writer:
        for passage_id, text in passages:
            writer.add_document(passage_id=passage_id, text=text)
    ix.close()


def one_ingest(reports: Path, workers: int, cluster: str | None = None) -> dict[str, float]:
    """A fresh ingest of ``reports`` and, in the same minute, plain Whoosh on its passages."""
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        command = [*JIXIAO, "ingest", str(reports), "--data", str(data)]
        command += ["--cluster", cluster] if cluster else ["--workers", str(workers)]
        wall, peak = timed_child(command)
        plain = Path(tmp) / "plain"
        plain.mkdir()
        baseline, _ = timed_child([sys.executable, "-m", "bench.ingest_scale", "--plain", str(data), str(plain)])
        return {"wall": wall, "peak": peak, "baseline": baseline, "passages": len(stored_passages(data)),
                "store": (data / "store.sqlite").stat().st_size / 2**20,
                "index": folder_size(data / "index") / 2**20}


def median_row(runs: list[dict[str, float]]) -> dict[str, float]:
    """The median of each figure, and the median of the per-run ratios."""
    row = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    row["ratio"] = statistics.median(r["wall"] / r["baseline"] for r in runs)
    return row


def bench_ingest(counts: list[int], workers: list[int], repeats: int, cluster: bool) -> list[str]:
    """Rows of whole-ingest figures for each count of reports and number of workers."""
    lines = [f"whole ingest of generated reports (median of {repeats}; baseline: plain Whoosh + jieba "
             "ChineseAnalyzer indexing the same passages, same run)"]
    for count in counts:
        reports = REPO / "bench" / "out" / f"reports-{count}"
        paths = write_reports(reports, count)
        mb = sum(p.stat().st_size for p in paths) / 2**20
        setups: list[tuple[str, int, str | None]] = [(f"{w} worker(s)", w, None) for w in workers]
        if cluster:
            setups.append(("Dask LocalCluster, 2 workers", 2, "local:2"))
        for name, count_workers, address in setups:
            row = median_row([one_ingest(reports, count_workers, address) for _ in range(repeats)])
            lines.append(
                f"  {count:>6} reports ({mb:.1f} MB), {name:<29} {row['wall']:7.1f} s  "
                f"{count / row['wall']:6.1f} reports/s  peak {row['peak']:6.0f} MB  "
                f"store {row['store']:5.1f} MB  index {row['index']:5.1f} MB  "
                f"plain Whoosh {row['baseline']:6.1f} s  {row['ratio']:.2f}x")
    return lines


def bench_cold_start(repeats: int) -> list[str]:
    """Cold ``jixiao search`` and ``jixiao tag`` of one report beside ``import jieba; jieba.initialize()``."""
    report = sorted((REPO / "corpus").glob("*.txt"))[0]
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        subprocess.run([*JIXIAO, "ingest", str(report), "--data", str(data), "--workers", "1"],
                       check=True, capture_output=True, cwd=REPO)
        commands = {
            "python -c 'import jieba; jieba.initialize()'":
                [sys.executable, "-c", "import jieba; jieba.initialize()"],
            "jixiao search 侨务": [*JIXIAO, "search", "侨务", "--data", str(data)],
            "jixiao tag (one report)": [*JIXIAO, "tag", str(report)],
        }
        times = {name: [] for name in commands}
        for _ in range(repeats):
            for name, command in commands.items():
                times[name].append(timed_child(command)[0])
    jieba_start = statistics.median(next(iter(times.values())))
    lines = [f"cold start (median of {repeats}, each a fresh process)"]
    for name, samples in times.items():
        seconds = statistics.median(samples)
        lines.append(f"  {name:<48} {seconds:6.2f} s   {seconds / jieba_start:.2f}x jieba's start")
    return lines


def main() -> None:
    """Run the ingest and cold-start benchmarks and print their figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default="300,3000", help="counts of generated reports (10000 too)")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cluster", action="store_true", help="also ingest on a Dask LocalCluster")
    parser.add_argument("--only", default="ingest,start")
    parser.add_argument("--plain", nargs=2, type=Path, metavar=("DATA", "INDEX"),
                        help="only index DATA's passages with plain Whoosh + jieba into INDEX (the baseline)")
    args = parser.parse_args()
    if args.plain:
        plain_whoosh(*args.plain)
        return
    chosen = set(args.only.split(","))
    if "start" in chosen:
        print("\n".join(bench_cold_start(max(args.repeats, 5))), flush=True)
    if "ingest" in chosen:
        counts = [int(c) for c in args.reports.split(",")]
        workers = [int(w) for w in args.workers.split(",")]
        print("\n".join(bench_ingest(counts, workers, args.repeats, args.cluster)), flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory of the benchmark process (max RSS) {peak:.0f} MB")
    shutil.rmtree(REPO / "bench" / "out" / "tmp", ignore_errors=True)


if __name__ == "__main__":
    main()
