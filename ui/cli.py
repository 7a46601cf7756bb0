"""The ``jixiao`` command line: thin commands over extract/ and index/ (SPEC "Command contracts").

Exit codes: 0 success, 1 some inputs failed (the rest are kept), 2 bad usage.
Errors are one line on standard error naming the input and the cause.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from pathlib import Path

import typer

from extract.errors import IndexDamagedError, InputError, JixiaoError, ModelWarning, QueryError
from extract.paths import DATA_ENV, REPO_ROOT, corpus_dir, data_dir

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Chinese budget-performance reports as searchable, structured data.")
eval_app = typer.Typer(no_args_is_help=True, help="Evaluations on the labelled data in corpus/labels.")
app.add_typer(eval_app, name="eval")

DataOption = typer.Option(None, "--data", help="Data folder (default: $JIXIAO_DATA or data/).",
                          show_default=False)


def fail(message: str, code: int = 1) -> None:
    """Print one error line and exit with ``code``."""
    typer.echo(f"jixiao: {message}", err=True)
    raise typer.Exit(code)


def _waiting(message: str) -> None:
    """Say that a command waits for another writer of the data folder."""
    typer.echo(f"jixiao: {message}", err=True)


def _route_warnings() -> None:
    """Say a model fallback once, as one warning line; keep library noise off the terminal.

    Input warnings are not lost: ingest collects them in its report and prints them itself.
    """
    warnings.filterwarnings("ignore", category=UserWarning, module="extract")
    warnings.filterwarnings("ignore", category=FutureWarning)
    warnings.filterwarnings("once", category=ModelWarning)

    def show(message, category, filename, lineno, file=None, line=None) -> None:
        if issubclass(category, ModelWarning):
            typer.echo(f"jixiao: warning: {message}", err=True)

    warnings.showwarning = show


@app.command()
def ingest(paths: list[Path] = typer.Argument(None, help="Files or folders (default: corpus/)."),
           jsonl: str | None = typer.Option(None, "--jsonl", help='JSON lines {"id", "text", ...}; - is stdin.'),
           workers: int | None = typer.Option(None, "--workers", min=1,
                                              help="Processes that extract and index (default: the machine's cores)."),
           cluster: str | None = typer.Option(None, "--cluster", help="Extract on the Dask scheduler at "
                                              "this address (tcp://host:8786), or local:N for N local workers."),
           progress: bool = typer.Option(False, "--progress", help="Show progress even when stderr is no terminal."),
           force: bool = typer.Option(False, "--force", help="Extract unchanged files again (after `jixiao train`)."),
           follow_links: bool = typer.Option(False, "--follow-links",
                                             help="Also read symbolic links to files outside the folders given."),
           data: Path | None = DataOption) -> None:
    """Run the whole pipeline on reports and update the store and the search index.

    Files whose bytes are unchanged since they were stored are skipped.

    Example: jixiao ingest corpus/ --data data/ --workers 2
    """
    from index.ingest import file_sources, jsonl_sources
    from index.ingest import ingest as run_ingest
    from index.lock import writer_lock
    from ui.progress import ProgressLine

    _route_warnings()
    if jsonl and paths:
        fail("give files or --jsonl, not both", 2)
    missing: list[Path] = []
    if jsonl:
        stream = sys.stdin if jsonl == "-" else None
        if stream is None:
            if not Path(jsonl).is_file():
                fail(f"{jsonl}: no such file", 2)
            stream = open(jsonl, encoding="utf-8")
        sources = list(jsonl_sources(stream, "<stdin>" if jsonl == "-" else jsonl))
    else:
        targets = paths or [corpus_dir()]
        missing = [p for p in targets if not p.exists() and not p.is_symlink()]
        for path in missing:
            typer.echo(f"jixiao: {path}: no such file or folder", err=True)
        skipped: list[str] = []
        sources = list(file_sources([p for p in targets if p not in missing], follow_links, skipped))
        for notice in skipped:
            typer.echo(f"jixiao: {notice}", err=True)
        if missing and not sources:
            raise typer.Exit(1)
    line = ProgressLine(len(sources), sys.stderr) if progress or sys.stderr.isatty() else None
    try:
        with writer_lock(data_dir(data), waiting=_waiting):
            report = run_ingest(sources, data_dir(data), progress=line.advance if line else None,
                                workers=workers or os.cpu_count() or 1, cluster=cluster, force=force)
    except JixiaoError as exc:
        fail(str(exc))
    finally:
        if line:
            line.close()
    for warning in report.warnings:
        typer.echo(f"jixiao: warning: {warning}", err=True)
    for name, cause in report.failures:
        typer.echo(f"jixiao: {name}: {cause}", err=True)
    unchanged = f", {len(report.unchanged)} unchanged" if report.unchanged else ""
    not_read = sum(cause.startswith("not read:") for _, cause in report.failures)
    unchanged += f" ({not_read} not read: unsupported type)" if not_read else ""
    typer.echo(f"ingested {len(report.stored)} document(s), {report.passages} passage(s) into "
               f"{data_dir(data)}; {len(report.failures)} failed{unchanged}")
    if report.failures or missing:
        raise typer.Exit(1)


@app.command()
def fetch(urls: list[str] = typer.Argument(None, help="Report pages or files (http:// or https://)."),
          urls_file: Path | None = typer.Option(None, "--urls", help="A file of URLs, one a line (# comments)."),
          delay: float = typer.Option(1.0, "--delay", min=1.0, help="Seconds between requests to one host."),
          data: Path | None = DataOption) -> None:
    """Download report pages and the attachments they link to (robots.txt obeyed, one request at a
    time per host, a cache so unchanged files are not fetched again), then ingest them with their
    URLs as their source.

    Example: jixiao fetch https://www.example.gov.cn/yjsgk/2024/t2024_123.html
    """
    from index.fetch import Politeness
    from index.fetch import fetch as run_fetch
    from index.ingest import ingest as run_ingest
    from index.lock import writer_lock

    _route_warnings()
    wanted = list(urls or [])
    if urls_file is not None:
        if not urls_file.is_file():
            fail(f"{urls_file}: no such file", 2)
        wanted += [line.strip() for line in urls_file.read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.lstrip().startswith("#")]
    if not wanted:
        fail("give one URL or more, or --urls FILE", 2)
    fetched = run_fetch(wanted, data_dir(data), Politeness(delay=delay))
    try:
        with writer_lock(data_dir(data), waiting=_waiting):
            report = run_ingest(fetched.sources, data_dir(data), workers=1)
    except JixiaoError as exc:
        fail(str(exc))
    for warning in report.warnings:
        typer.echo(f"jixiao: warning: {warning}", err=True)
    for name, cause in fetched.failures + report.failures:
        typer.echo(f"jixiao: {name}: {cause}", err=True)
    typer.echo(f"fetched {fetched.downloaded} file(s), {fetched.not_modified} unchanged on the server; "
               f"ingested {len(report.stored)} document(s), {report.passages} passage(s) into {data_dir(data)}; "
               f"{len(fetched.failures) + len(report.failures)} failed, {len(report.unchanged)} unchanged")
    if fetched.failures or report.failures:
        raise typer.Exit(1)


@app.command()
def tag(file: str | None = typer.Argument(None, help="A report file, or - for standard input."),
        jsonl: bool = typer.Option(False, "--jsonl", help='Input is JSON lines {"id", "text", ...}.')) -> None:
    """Tag documents without store or index: one JSON object a line per document.

    Example: jixiao tag corpus/2022_liwan_united_front_dept_self_evaluation_report.txt
    """
    from extract.nlp.pipeline import tag_report
    from extract.text.reading import decode_text, read_report
    from index.ingest import jsonl_sources

    _route_warnings()
    failed = 0
    if jsonl:
        stream = sys.stdin if file in (None, "-") else open(file, encoding="utf-8")
        source = "<stdin>" if file in (None, "-") else file
        items = [(s.doc_id, s.name, s.load) for s in jsonl_sources(stream, source)]
    elif file in (None, "-"):
        data = sys.stdin.buffer.read()
        items = [("stdin", "<stdin>", lambda: (decode_text(data, "<stdin>"), {}))]
    else:
        path = Path(file)
        if not path.exists():
            fail(f"{file}: no such file", 2)
        items = [(path.stem, file, lambda: (read_report(path), {"source": file}))]
    for doc_id, name, load in items:
        try:
            raw, meta = load()
            doc = tag_report(doc_id, raw, meta)
        except InputError as exc:
            typer.echo(f"jixiao: {exc.source}: {exc.cause}", err=True)
            failed += 1
            continue
        except Exception as exc:  # one bad document must not hide the others
            typer.echo(f"jixiao: {name}: unexpected error ({type(exc).__name__}: {exc})", err=True)
            failed += 1
            continue
        typer.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
    if failed:
        raise typer.Exit(1)


@app.command()
def search(query: str = typer.Argument(..., help='Words (AND), OR, "phrase", -exclude.'),
           area: str | None = typer.Option(None, "--area", help="Work-area code, e.g. overseas_chinese."),
           year: int | None = typer.Option(None, "--year"),
           dept: str | None = typer.Option(None, "--dept", help="Department name or part of it."),
           genre: str | None = typer.Option(None, "--genre"),
           region: str | None = typer.Option(None, "--region", help="Region as stored, e.g. 广州市荔湾区."),
           label: str | None = typer.Option(None, "--label", help="MONEY, PERCENT, COUNT or DATE."),
           min_yuan: float | None = typer.Option(None, "--min-yuan"),
           max_yuan: float | None = typer.Option(None, "--max-yuan"),
           sort: str = typer.Option("relevance", "--sort", help="relevance, year or amount."),
           page: int = typer.Option(1, "--page", min=1),
           limit: int = typer.Option(10, "--limit", min=1),
           as_json: bool = typer.Option(False, "--json", help="A JSON array of hits."),
           data: Path | None = DataOption) -> None:
    """Ranked passages for a query, with filters.

    Example: jixiao search 侨务 --year 2022 --limit 5
    """
    from extract.areas.definitions import AREAS
    from extract.nlp.segment import quick_start
    from index.consistency import repair_damaged_index, search_caveat
    from index.search.service import Filters
    from index.search.service import search as run_search

    quick_start()  # a search cuts a few short texts: no need to load jieba's whole dictionary
    if area and area not in AREAS:
        fail(f"unknown area {area!r}; use one of {', '.join(AREAS)}", 2)
    for name, amount in (("--min-yuan", min_yuan), ("--max-yuan", max_yuan)):
        if amount is not None and not (0 <= amount < float("inf")):
            fail(f"{name} {amount}: not an amount in 元 (a number from 0 up)", 2)
    filters = Filters(area=area, year=year, dept=dept, genre=genre, region=region, label=label,
                      min_yuan=min_yuan, max_yuan=max_yuan)
    def searched():
        return run_search(data_dir(data), query, filters, page=page, page_size=limit, sort=sort, facets=not as_json)

    try:
        try:
            result = searched()
        except IndexDamagedError as exc:  # rebuilt from the store, as the next ingest would, then searched
            typer.echo(f"jixiao: warning: {exc}; rebuilding it now", err=True)
            repair_damaged_index(data_dir(data), exc)
            result = searched()
    except QueryError as exc:
        fail(f"query {query!r}: {exc}", 2)
    except JixiaoError as exc:
        fail(str(exc))
    caveat = search_caveat(data_dir(data))  # an empty index beside a full store is no "0 match"
    if caveat:
        typer.echo(f"jixiao: warning: {caveat}", err=True)
    if as_json:
        typer.echo(json.dumps([
            {k: v for k, v in h.to_dict().items()} for h in result.hits], ensure_ascii=False))
        raise typer.Exit(1 if caveat else 0)
    typer.echo(f"{result.total} passage(s) match; page {result.page}")
    for rank, hit in enumerate(result.hits, start=(page - 1) * limit + 1):
        typer.echo(f"\n{rank}. [{hit.score:.2f}] {hit.title} ({hit.year}) — {hit.section}")
        typer.echo(f"   {hit.text[:200]}")
    shown = {name: counts for name, counts in result.facets.items() if counts}
    if shown:
        typer.echo("")  # each facet counted under the other filters: what choosing a value keeps
    for name, counts in shown.items():
        typer.echo(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
    if caveat:
        raise typer.Exit(1)


@app.command()
def export(fmt: str = typer.Option(..., "--format", help="jsonl, doccano, spacy, conll or csv."),
           out: Path = typer.Option(..., "--out"),
           data: Path | None = DataOption) -> None:
    """Export the tagged corpus from the store.

    Example: jixiao export --format csv --out corpus.csv
    """
    from index.export import FORMATS
    from index.export import export as run_export
    from index.store import Store

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", 2)
    if out.is_dir():
        fail(f"{out}: is a folder; give a file name", 2)
    try:
        with Store(data_dir(data), create=False) as store:
            count = run_export(store.iter_documents(), fmt, out)
    except JixiaoError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"{out}: cannot be written ({exc.strerror or exc})")
    typer.echo(f"exported {count} document(s) to {out}")


@app.command()
def remove(doc_ids: list[str] = typer.Argument(..., help="Document ids."),
           data: Path | None = DataOption) -> None:
    """Delete documents from the store and the index.

    Example: jixiao remove 2021_liwan_cppcc_office_self_evaluation_table
    """
    from index.consistency import bring_index_up_to_date
    from index.lock import writer_lock
    from index.search.directory import index_exists
    from index.search.writer import remove_documents
    from index.store import Store

    missing = []
    try:
        with writer_lock(data_dir(data), waiting=_waiting):
            with Store(data_dir(data), create=False) as store:
                missing = [d for d in doc_ids if not store.remove_document(d)]
            if index_exists(data_dir(data)):
                remove_documents(data_dir(data), doc_ids)
            bring_index_up_to_date(data_dir(data))
    except JixiaoError as exc:
        fail(str(exc))
    for doc_id in missing:
        typer.echo(f"jixiao: {doc_id}: no such document", err=True)
    typer.echo(f"removed {len(doc_ids) - len(missing)} document(s)")
    if missing:
        raise typer.Exit(1)


@app.command()
def reindex(data: Path | None = DataOption) -> None:
    """Rebuild the search index from the store.

    Example: jixiao reindex --data data/
    """
    from index.lock import writer_lock
    from index.search.writer import rebuild

    try:
        with writer_lock(data_dir(data), waiting=_waiting):
            count = rebuild(data_dir(data))
    except JixiaoError as exc:
        fail(str(exc))
    typer.echo(f"indexed {count} passage(s)")


@app.command()
def check(data: Path | None = DataOption) -> None:
    """Compare the store with the index, passage by passage and in content (hashes), and the
    search arrays with their checksums; exit 1 with the differences.

    Example: jixiao check
    """
    from index.consistency import compare

    try:
        found = compare(data_dir(data))
    except JixiaoError as exc:
        fail(str(exc))
    kinds = (("not indexed", found.missing), ("indexed but not stored", found.extra),
             ("indexed with other content than stored", found.stale), ("damaged search arrays", found.damaged))
    for kind, items in kinds:
        for item in items[:20]:
            typer.echo(f"{kind}: {item}")
    if not found.agree:
        typer.echo(f"store and index differ ({len(found.missing)} missing, {len(found.extra)} extra, "
                   f"{len(found.stale)} stale, {len(found.damaged)} damaged array file(s)); run `jixiao reindex`")
        raise typer.Exit(1)
    typer.echo(f"store and index agree: {found.passages} passage(s)")


@app.command()
def train(out: Path | None = typer.Option(None, "--out", help="Model folder (default: models/)."),
          gold: Path | None = typer.Option(None, "--gold", help="Also measure the new model on this gold "
                                           "folder (never trained on) and put the figures in its card.")) -> None:
    """Train the work-area classifier from the labelled passages in corpus/labels.

    Example: jixiao train --gold ../shared/dev
    """
    from extract.training.train import train_areas

    _route_warnings()
    try:
        card = train_areas(out)
        if gold is not None:
            from extract.evaluation.areas import add_gold_figures_to_card
            from extract.paths import models_dir

            card += add_gold_figures_to_card(out or models_dir(), _gold_folder(gold))
    except JixiaoError as exc:
        fail(str(exc))
    typer.echo(card)


@app.command("ui")
def run_ui(port: int = typer.Option(8501, "--port"),
           headless: bool = typer.Option(True, "--headless/--browser"),
           address: str = typer.Option("127.0.0.1", "--address",
                                       help="Interface to listen on (0.0.0.0 to share on the network)."),
           data: Path | None = DataOption) -> None:
    """Start the Streamlit app on the store of the data folder.

    Example: jixiao ui --port 8501
    """
    env = dict(os.environ, **{DATA_ENV: str(data_dir(data).resolve())})
    command = [sys.executable, "-m", "streamlit", "run", str(REPO_ROOT / "ui" / "app.py"),
               "--server.port", str(port), "--server.address", address, "--server.headless", str(headless).lower(),
               "--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]
    raise typer.Exit(subprocess.call(command, env=env))


GoldOption = typer.Option(None, "--gold", help="A gold folder in the ../shared/dev format "
                          "(docs/ID.txt, docs/ID.meta.json, gold/ID.json) instead of corpus/labels.")
ErrorsOption = typer.Option(0, "--errors", help="Also list this many errors (misses, false hits).")


def _gold_folder(gold: Path | None) -> Path | None:
    if gold is not None and not (gold / "docs").is_dir():
        fail(f"{gold}: not a gold folder (needs docs/ and gold/)", 2)
    return gold


@eval_app.command("entities")
def eval_entities(gold: Path | None = GoldOption, errors: int = ErrorsOption) -> None:
    """Precision, recall and F1 per label, and the share of right `what`, on corpus/labels or --gold.

    Example: jixiao eval entities --gold ../shared/dev
    """
    from extract.evaluation.entities import entity_report

    _route_warnings()
    typer.echo(entity_report(errors, _gold_folder(gold)))


@eval_app.command("areas")
def eval_areas(gold: Path | None = GoldOption,
               departments: bool = typer.Option(False, "--departments",
                                                help="Also five folds grouped by department (slower).")) -> None:
    """Work-area figures beside the keyword baseline: leave-one-report-out (and grouped by
    department), or the shipped model on --gold, each passage alone and whole reports tagged.

    Example: jixiao eval areas --departments; jixiao eval areas --gold ../shared/dev
    """
    from extract.evaluation.areas import area_report

    _route_warnings()
    typer.echo(area_report(_gold_folder(gold), departments))


@eval_app.command("search")
def eval_search(gold: Path | None = GoldOption) -> None:
    """nDCG@10 and recall@20 beside plain Whoosh with jieba's ChineseAnalyzer: judged queries on
    the seed passages, or the topic queries on --gold (areas of passages alone and in context).

    Example: jixiao eval search --gold ../shared/dev
    """
    from index.evaluation import search_report

    _route_warnings()
    typer.echo(search_report(_gold_folder(gold)))


@eval_app.command("layout")
def eval_layout(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`)."),
                errors: int = ErrorsOption) -> None:
    """Share of gold passages that land inside one of jixiao's passages, as harvested and as one
    line; titles over 100 characters; years right.

    Example: jixiao eval layout --gold ../shared/dev
    """
    from extract.evaluation.layout import layout_report

    _route_warnings()
    typer.echo(layout_report(_gold_folder(gold), errors))


@eval_app.command("renditions")
def eval_renditions(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`).")) -> None:
    """Each document as a Word file, a LibreOffice PDF and a Chromium PDF, read back against its
    text: figure F1, metadata agreeing, radical characters left (needs soffice and chromium).

    Example: jixiao eval renditions --gold ../shared/dev
    """
    from extract.evaluation.renditions import renditions_report

    _route_warnings()
    typer.echo(renditions_report(_gold_folder(gold)))


@eval_app.command("forms")
def eval_forms(gold: Path = typer.Option(..., "--gold", help="A gold folder (see `eval entities`).")) -> None:
    """Each document as a web page (navigation, a field box, GBK), a workbook (XLSX, and Excel 97
    and OpenDocument by LibreOffice), a Word 97 file, an OFD and a ZIP bundle, read back against its
    text: figure F1, the year agreeing, the page's publisher taken from its field box.

    Example: jixiao eval forms --gold ../shared/dev
    """
    from extract.evaluation.forms import forms_report

    _route_warnings()
    typer.echo(forms_report(_gold_folder(gold)))


def main() -> None:
    """Entry point of the ``jixiao`` command."""
    from typer._click.exceptions import ClickException

    from ui.lines import os_error_line, usage_line

    try:
        code = app(standalone_mode=False)  # usage errors come back here, to be worded in one line
    except ClickException as exc:  # bad usage: one line, not click's five-line box
        typer.echo(f"jixiao: {usage_line(exc)}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("jixiao: interrupted", err=True)
        sys.exit(130)
    except JixiaoError as exc:
        typer.echo(f"jixiao: {exc}", err=True)
        sys.exit(1)
    except OSError as exc:  # a full disk, a read-only folder: one line naming the file and the cause
        typer.echo(f"jixiao: {os_error_line(exc)}", err=True)
        sys.exit(1)
    except Exception as exc:  # never a traceback for a person: one line naming the cause
        typer.echo(f"jixiao: unexpected error ({type(exc).__name__}: {exc})", err=True)
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
