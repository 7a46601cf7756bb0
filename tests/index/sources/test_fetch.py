"""Fetching reports from a web server (a real http.server on 127.0.0.1): a page and the three
attachments it links to stored with their URLs; a second run fetches nothing; robots.txt obeyed;
failures retried, then named."""

from __future__ import annotations

import hashlib
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extract.evaluation.forms import as_docx, as_ofd, as_page, as_xlsx
from index.ingest import ingest
from index.sources.fetch import Fetcher, Politeness, fetch
from index.store import Store
from tests.conftest import CORPUS, LIWAN_2022

TEXT = "\n".join((CORPUS / f"{LIWAN_2022}.txt").read_text(encoding="utf-8").splitlines()[:30])
"""The opening of a seed report: enough to be a report, short to tag four times."""
FAST = Politeness(delay=0.0, tries=3, backoff=0.01, timeout=5)


class Site(ThreadingHTTPServer):
    """Files by path, with ETags; every request is counted as (path, status)."""

    def __init__(self, files: dict[str, tuple[bytes, str]]) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.files = files
        self.hits: Counter[tuple[str, int]] = Counter()
        self.failing: Counter[str] = Counter()  # path -> 503 answers still to give
        self.times: list[float] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _Handler(BaseHTTPRequestHandler):
    server: Site

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.server.times.append(time.monotonic())
        path = self.path.split("?")[0]
        if self.server.failing[path] > 0:
            self.server.failing[path] -= 1
            return self._answer(path, 503)
        if path not in self.server.files:
            return self._answer(path, 404)
        body, kind = self.server.files[path]
        tag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == tag:
            return self._answer(path, 304, headers={"ETag": tag})
        self._answer(path, 200, body, {"Content-Type": kind, "ETag": tag})

    def _answer(self, path: str, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
        self.server.hits[(path, status)] += 1
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def site() -> Iterator[Site]:
    page = as_page(TEXT, "荔湾区委统战部2022年度部门整体支出绩效自评报告").replace(
        b'<a href="files/report.doc">', b'<a href="files/report.docx">').replace(
        b"</div></div>", b' <a href="/files/report.ofd">OFD</a> <a href="/private/secret.pdf">x.pdf</a></div></div>')
    files = {"/robots.txt": (b"User-agent: *\nDisallow: /private/\n", "text/plain"),
             "/yjs/page.html": (page, "text/html; charset=gb2312"),
             "/yjs/files/report.xlsx": (as_xlsx(TEXT), "application/octet-stream"),
             "/yjs/files/report.docx": (as_docx(TEXT), "application/msword"),
             "/files/report.ofd": (as_ofd(TEXT), "application/ofd")}
    server = Site(files)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_a_page_and_its_attachments_are_stored_with_their_urls_and_a_second_run_fetches_nothing(site, tmp_path):
    url = f"{site.base}/yjs/page.html"
    first = fetch([url], tmp_path, FAST)
    assert first.failures == [(f"{site.base}/private/secret.pdf", "robots.txt of the site forbids fetching it")]
    assert first.downloaded == 4
    stored = ingest(first.sources, tmp_path)
    assert len(stored.stored) == 4 and not stored.failures
    with Store(tmp_path) as store:
        sources = {store.source_of(doc_id) for doc_id in stored.stored}
    assert sources == {url, f"{site.base}/yjs/files/report.xlsx", f"{site.base}/yjs/files/report.docx",
                       f"{site.base}/files/report.ofd"}
    with Store(tmp_path) as store:
        page = store.get_document(next(d for d in stored.stored if d.startswith("page-")))
    assert page.meta["page"]["department"] == "示例市财政局" and len(page.meta["attachments"]) == 4

    again = fetch([url], tmp_path, FAST)
    assert again.downloaded == 0 and again.not_modified == 4  # the four files: a 304 each
    assert sum(n for (path, status), n in site.hits.items() if status == 200 and path != "/robots.txt") == 4
    assert len(ingest(again.sources, tmp_path).unchanged) == 4
    assert ("/private/secret.pdf", 200) not in site.hits


def test_a_failing_server_is_tried_again_then_named(site, tmp_path):
    site.failing["/yjs/files/report.xlsx"] = 2
    assert fetch([f"{site.base}/yjs/files/report.xlsx"], tmp_path, FAST).failures == []
    site.failing["/yjs/files/report.docx"] = 5
    failed = fetch([f"{site.base}/yjs/files/report.docx", f"{site.base}/nothing.html"], tmp_path, FAST).failures
    assert failed == [(f"{site.base}/yjs/files/report.docx", "the server answered 503 after 3 tries"),
                      (f"{site.base}/nothing.html", "the server answered 404")]


def test_requests_to_a_host_keep_the_delay_apart(site, tmp_path):
    fetch([f"{site.base}/yjs/page.html"], tmp_path, Politeness(delay=0.3, timeout=5))
    # As the server sees them arrive: robots.txt, the page, three attachments. One arrival can be
    # late on a loaded machine, which shortens the gap after it; the k-th request still arrives at
    # least k delays after the first (less 0.1 s for the first's own lateness).
    since_first = [t - site.times[0] for t in site.times]
    assert len(since_first) >= 5
    assert all(elapsed >= k * 0.3 - 0.1 for k, elapsed in enumerate(since_first)), since_first


def test_a_body_over_the_limit_is_refused(site, tmp_path):
    fetcher = Fetcher(tmp_path, Politeness(delay=0.0, max_bytes=1000, timeout=5))
    failed = fetch([f"{site.base}/yjs/files/report.xlsx"], tmp_path, fetcher=fetcher).failures
    assert failed and "refused" in failed[0][1] and "limit" in failed[0][1]


def test_a_fetched_documents_url_goes_into_the_exports(site, tmp_path):
    import csv
    import json

    from index.export import export

    url = f"{site.base}/yjs/files/report.docx"
    ingest(fetch([url], tmp_path, FAST).sources, tmp_path)
    with Store(tmp_path) as store:
        docs = [store.get_document(doc_id) for doc_id in store.doc_ids()]
    export(docs, "csv", tmp_path / "e.csv")
    export(docs, "doccano", tmp_path / "e.jsonl")
    with (tmp_path / "e.csv").open(encoding="utf-8-sig") as f:
        assert {row["source"] for row in csv.DictReader(f)} == {url}
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert {json.loads(line)["meta"]["source"] for line in lines} == {url}
