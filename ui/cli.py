"""The ``jixiao`` command line: thin commands over extract/ and index/ (SPEC "Command contracts").

Exit codes: 0 success, 1 some inputs failed (the rest are kept), 2 bad usage.
Errors are one line on standard error naming the input and the cause.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import typer

from extract.errors import IndexDamagedError, InputError, JixiaoError, QueryError
from extract.paths import DATA_ENV, REPO_ROOT, corpus_dir, data_dir
from ui.eval_cli import eval_app, train
from ui.lines import _waiting, fail, routes_warnings

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  help="Chinese budget-performance reports as searchable, structured data.")
app.add_typer(eval_app, name="eval")

DataOption = typer.Option(None, "--data", help="Data folder (default: $JIXIAO_DATA or data/).",
                          show_default=False)


@app.command()
@routes_warnings
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
    from index.corpus import Corpus, file_sources, jsonl_sources
    from ui.progress import ProgressLine

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
        report = Corpus(data_dir(data), waiting=_waiting).ingest(
            sources, progress=line.advance if line else None, workers=workers or os.cpu_count() or 1,
            cluster=cluster, force=force)
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
@routes_warnings
def fetch(urls: list[str] = typer.Argument(None, help="Report pages or files (http:// or https://)."),
          urls_file: Path | None = typer.Option(None, "--urls", help="A file of URLs, one a line (# comments)."),
          delay: float = typer.Option(1.0, "--delay", min=1.0, help="Seconds between requests to one host."),
          data: Path | None = DataOption) -> None:
    """Download report pages and the attachments they link to (robots.txt obeyed, one request at a
    time per host, a cache so unchanged files are not fetched again), then ingest them with their
    URLs as their source.

    Example: jixiao fetch https://www.example.gov.cn/yjsgk/2024/t2024_123.html
    """
    from index.corpus import Corpus, Politeness

    wanted = list(urls or [])
    if urls_file is not None:
        if not urls_file.is_file():
            fail(f"{urls_file}: no such file", 2)
        wanted += [line.strip() for line in urls_file.read_text(encoding="utf-8").splitlines()
                   if line.strip() and not line.lstrip().startswith("#")]
    if not wanted:
        fail("give one URL or more, or --urls FILE", 2)
    corpus = Corpus(data_dir(data), waiting=_waiting)
    fetched = corpus.fetch(wanted, Politeness(delay=delay))
    try:
        report = corpus.ingest(fetched.sources, workers=1)
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
@routes_warnings
def tag(file: str | None = typer.Argument(None, help="A report file, or - for standard input."),
        jsonl: bool = typer.Option(False, "--jsonl", help='Input is JSON lines {"id", "text", ...}.')) -> None:
    """Tag documents without store or index: one JSON object a line per document.

    Example: jixiao tag corpus/2022_liwan_united_front_dept_self_evaluation_report.txt
    """
    from extract.identity.user_meta import user_metadata
    from extract.nlp.pipeline import tag_report
    from extract.text.reading import decode_text, read_document
    from index.corpus import canonical_meta, jsonl_sources

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
        def load_file() -> tuple[str, dict]:
            reading = read_document(path)  # a web page's own fields come as meta["page"]
            return reading.text, {**reading.meta, **user_metadata(path), "source": file}

        items = [(path.stem, file, load_file)]
    for doc_id, name, load in items:
        try:
            raw, meta = load()
            doc = tag_report(doc_id, raw, meta)
            doc.meta = canonical_meta(doc.meta)  # the department id a store would keep
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
           region: str | None = typer.Option(None, "--region", help="Region as stored, e.g. 广东省广州市荔湾区."),
           province: str | None = typer.Option(None, "--province", help="Province, e.g. 广东省."),
           city: str | None = typer.Option(None, "--city", help="City (prefecture), e.g. 广州市."),
           county: str | None = typer.Option(None, "--county", help="County or district, e.g. 荔湾区."),
           dept_id: str | None = typer.Option(None, "--dept-id", help="Department id (`jixiao departments`)."),
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
    from extract.words.segmenter import segmenter
    from index.corpus import Corpus, Filters

    segmenter(quick=True)  # a search cuts a few short texts: no need to load jieba's whole dictionary
    if area and area not in AREAS:
        fail(f"unknown area {area!r}; use one of {', '.join(AREAS)}", 2)
    for name, amount in (("--min-yuan", min_yuan), ("--max-yuan", max_yuan)):
        if amount is not None and not (0 <= amount < float("inf")):
            fail(f"{name} {amount}: not an amount in 元 (a number from 0 up)", 2)
    filters = Filters(area=area, year=year, dept=dept, genre=genre, region=region, label=label,
                      min_yuan=min_yuan, max_yuan=max_yuan, dept_id=dept_id, province=province, city=city,
                      county=county)
    corpus = Corpus(data_dir(data))

    def searched():
        return corpus.search(query, filters, page=page, page_size=limit, sort=sort, facets=not as_json)

    try:
        try:
            result = searched()
        except IndexDamagedError as exc:  # rebuilt from the store, as the next ingest would, then searched
            typer.echo(f"jixiao: warning: {exc}; rebuilding it now", err=True)
            corpus.repair(exc)
            result = searched()
    except QueryError as exc:
        fail(f"query {query!r}: {exc}", 2)
    except JixiaoError as exc:
        fail(str(exc))
    caveat = corpus.caveat()  # an empty index beside a full store is no "0 match"
    if caveat:
        typer.echo(f"jixiao: warning: {caveat}", err=True)
    if as_json:
        typer.echo(json.dumps([
            {k: v for k, v in h.to_dict().items()} for h in result.hits], ensure_ascii=False))
        raise typer.Exit(1 if caveat else 0)
    from ui.printed import search_text

    typer.echo(search_text(result, (page - 1) * limit + 1))
    if caveat:
        raise typer.Exit(1)


@app.command()
def export(fmt: str = typer.Option(..., "--format", help="jsonl, doccano, spacy, conll or csv."),
           out: Path = typer.Option(..., "--out"),
           data: Path | None = DataOption) -> None:
    """Export the tagged corpus from the store.

    Example: jixiao export --format csv --out corpus.csv
    """
    from index.corpus import FORMATS, Corpus

    if fmt not in FORMATS:
        fail(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}", 2)
    if out.is_dir():
        fail(f"{out}: is a folder; give a file name", 2)
    try:
        count = Corpus(data_dir(data)).export(fmt, out)
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
    from index.corpus import Corpus

    try:
        removal = Corpus(data_dir(data), waiting=_waiting).remove(doc_ids)
    except JixiaoError as exc:
        fail(str(exc))
    for doc_id in removal.missing:
        typer.echo(f"jixiao: {doc_id}: no such document", err=True)
    typer.echo(f"removed {len(removal.removed)} document(s)")
    if removal.missing:
        raise typer.Exit(1)


@app.command()
def reindex(data: Path | None = DataOption) -> None:
    """Rebuild the search index from the store.

    Example: jixiao reindex --data data/
    """
    from index.corpus import Corpus

    try:
        count = Corpus(data_dir(data), waiting=_waiting).reindex()
    except JixiaoError as exc:
        fail(str(exc))
    typer.echo(f"indexed {count} passage(s)")


@app.command()
def check(data: Path | None = DataOption) -> None:
    """Compare the store with the index, passage by passage and in content (hashes), and the
    search arrays with their checksums; exit 1 with the differences.

    Example: jixiao check
    """
    from index.corpus import Corpus

    try:
        found = Corpus(data_dir(data)).check()
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


@app.command("departments")
def departments(as_json: bool = typer.Option(False, "--json", help="One JSON array of departments."),
                data: Path | None = DataOption) -> None:
    """Every department of the store: its id, names, region and reports by year.

    Example: jixiao departments --json
    """
    from ui.printed import departments_text

    typer.echo(departments_text(data_dir(data), as_json))


app.command()(train)  # the model commands live with the evaluations (ui/eval_cli.py)


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

