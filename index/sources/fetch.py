"""Reports straight from the web: a report page and the attachments it links to, fetched politely
and handed to ingest with their URLs as their source.

Politely means: robots.txt is read for each host and obeyed (its Crawl-delay too); one request at a
time, at least ``delay`` seconds apart on a host; a failed request (no answer, 429, 5xx) is tried
again after a growing wait; each download has a size and a time limit. Every answer is kept in a
cache in the data folder, keyed by URL with its ETag and Last-Modified, so the next run asks the
server only whether a file changed (a 304 brings no body) and ingest, which skips unchanged bytes,
does nothing more. What a file is comes from its bytes, not from its Content-Type or its name.
"""

from __future__ import annotations

import hashlib
import json
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.message import Message
from functools import partial
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from extract.errors import InputError
from extract.text.forms.archive import member_bytes, members
from extract.text.forms.sniff import sniff
from extract.text.limits import MAX_FILE_BYTES, MiB
from extract.text.reading import read_bytes
from index.sources.files import Source

CACHE_FOLDER = "web-cache"
"""The cache's folder inside the data folder."""
USER_AGENT = "jixiao/0.1 (budget-performance report reader; polite: robots.txt, one request a second)"
MAX_ATTACHMENTS = 30
"""Attachments followed from one page."""


@dataclass(frozen=True)
class Politeness:
    """How the fetcher treats a site: seconds between requests on a host, tries and the first wait
    between them (doubled each time), per-request timeout, the largest body and the whole time one
    download may take."""

    delay: float = 1.0
    tries: int = 3
    backoff: float = 2.0
    timeout: float = 30.0
    max_bytes: int = MAX_FILE_BYTES
    max_seconds: float = 120.0


@dataclass
class Fetched:
    """One URL's answer as cached: where its body is, its type and charset, and whether this run
    downloaded it (False: the server said 304, or the cache was used)."""

    url: str
    body: Path
    content_type: str = ""
    charset: str | None = None
    downloaded: bool = False


@dataclass
class FetchReport:
    """What a fetch did: sources to ingest, failures (URL, cause), and counts of requests."""

    sources: list[Source] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    downloaded: int = 0
    not_modified: int = 0


class Fetcher:
    """Polite HTTP GETs with a cache in ``cache_dir``; ``sleep`` and ``clock`` can be given (tests)."""

    def __init__(self, cache_dir: Path, politeness: Politeness | None = None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic) -> None:
        self.cache_dir = cache_dir
        self.politeness = politeness or Politeness()
        self.sleep, self.clock = sleep, clock
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self.opener = urllib.request.build_opener()  # redirects followed (at most 10), 304 an HTTPError
        cache_dir.mkdir(parents=True, exist_ok=True)

    def get(self, url: str) -> Fetched:
        """The URL's body (downloaded, or from the cache when the server says it is unchanged);
        InputError naming the URL and the cause when robots.txt forbids it or it cannot be had."""
        if urlsplit(url).scheme not in ("http", "https"):
            raise InputError(url, "not an http(s) address")
        if not self._allowed(url):
            raise InputError(url, "robots.txt of the site forbids fetching it")
        return self._get(url)

    def _paths(self, url: str) -> tuple[Path, Path]:
        key = hashlib.sha256(url.encode("utf-8")).hexdigest()
        return self.cache_dir / f"{key}.body", self.cache_dir / f"{key}.json"

    def _get(self, url: str) -> Fetched:
        body_path, info_path = self._paths(url)
        known = info_path.is_file() and body_path.is_file()
        cached = json.loads(info_path.read_text(encoding="utf-8")) if known else {}
        headers = {"User-Agent": USER_AGENT}
        if cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
        status, reply, body = self._request(url, headers)
        if status == 304 and cached:
            return Fetched(url, body_path, cached.get("content_type", ""), cached.get("charset"), False)
        if status != 200:
            raise InputError(url, f"the server answered {status}")
        body_path.write_bytes(body)
        info = {"url": url, "etag": reply.get("ETag"), "last_modified": reply.get("Last-Modified"),
                "content_type": reply.get_content_type(), "charset": reply.get_content_charset()}
        info_path.write_text(json.dumps(info, ensure_ascii=False), encoding="utf-8")
        return Fetched(url, body_path, info["content_type"], info["charset"], True)

    def _wait_turn(self, host: str, delay: float) -> None:
        last = self.last_request.get(host)
        if last is not None and self.clock() - last < delay:
            self.sleep(delay - (self.clock() - last))
        self.last_request[host] = self.clock()

    def _request(self, url: str, headers: dict[str, str]) -> tuple[int, Message, bytes]:
        """(status, headers, body) of one GET, tried again on no answer, 429 and 5xx."""
        host = urlsplit(url).netloc
        robots = self.robots.get(host)
        crawl_delay = robots.crawl_delay(USER_AGENT) if robots else None
        delay = max(self.politeness.delay, float(crawl_delay or 0))
        wait, cause = self.politeness.backoff, ""
        for attempt in range(self.politeness.tries):
            if attempt:
                self.sleep(wait)
                wait *= 2
            self._wait_turn(host, delay)
            try:
                with self.opener.open(urllib.request.Request(url, headers=headers),
                                      timeout=self.politeness.timeout) as answer:
                    return answer.status, answer.headers, self._body(url, answer)
            except urllib.error.HTTPError as exc:
                if exc.code == 304 or (400 <= exc.code < 500 and exc.code != 429):
                    return exc.code, exc.headers, b""
                cause = f"the server answered {exc.code}"
                wait = max(wait, _retry_after(exc.headers))
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as exc:
                cause = f"no answer ({getattr(exc, 'reason', exc)})"
        raise InputError(url, f"{cause} after {self.politeness.tries} tries")

    def _body(self, url: str, answer) -> bytes:
        limit = self.politeness.max_bytes
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limit:
            raise InputError(url, f"refused: {int(declared) // MiB} MiB (the limit is {limit // MiB} MiB)")
        deadline, chunks, size = self.clock() + self.politeness.max_seconds, [], 0
        while chunk := answer.read(256 * 1024):
            size += len(chunk)
            chunks.append(chunk)
            if size > limit:
                raise InputError(url, f"refused: over {limit // MiB} MiB (the limit is {limit // MiB} MiB)")
            if self.clock() > deadline:
                raise InputError(url, f"refused: the download took over {self.politeness.max_seconds:g} s")
        return b"".join(chunks)

    def _allowed(self, url: str) -> bool:
        """What the host's robots.txt says of the URL (fetched once per host; none found: allowed)."""
        parts = urlsplit(url)
        host = parts.netloc
        if host not in self.robots:
            parser = urllib.robotparser.RobotFileParser()
            robots_url = f"{parts.scheme}://{host}/robots.txt"
            try:
                found = self._get(robots_url)
                parser.parse(found.body.read_text(encoding="utf-8", errors="replace").splitlines())
            except InputError as exc:
                if "answered 401" in exc.cause or "answered 403" in exc.cause:
                    parser.disallow_all = True
                else:
                    parser.allow_all = True  # no robots.txt (404) or none to be had
            self.robots[host] = parser
        return self.robots[host].can_fetch(USER_AGENT, url)


def _retry_after(headers: Message | None) -> float:
    value = (headers or {}).get("Retry-After", "") if headers else ""
    return min(float(value), 60.0) if str(value).isdigit() else 0.0


def url_doc_id(url: str) -> str:
    """A document id for a URL: its file name's stem and a short digest of the whole URL."""
    stem = PurePosixPath(urlsplit(url).path).stem or urlsplit(url).netloc
    return f"{stem}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"


def _load_fetched(body: Path, url: str, charset: str | None) -> tuple[str, dict[str, Any]]:
    reading = read_bytes(body.read_bytes(), url, PurePosixPath(urlsplit(url).path).suffix, charset, url)
    return reading.text, {**reading.meta, "source": url}


def _load_member(body: Path, stored: str, where: str) -> tuple[str, dict[str, Any]]:
    reading = read_bytes(member_bytes(body.read_bytes(), stored, where), where, PurePosixPath(stored).suffix)
    return reading.text, {**reading.meta, "source": where}


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _sources_of(fetched: Fetched) -> list[Source]:
    """The documents a fetched file holds: itself, or each member of a ZIP bundle."""
    data = fetched.body.read_bytes()
    if sniff(data) == "zip":
        return [Source(f"{url_doc_id(fetched.url)}_{PurePosixPath(m.name).stem}", f"{fetched.url}/{m.name}",
                       partial(_load_member, fetched.body, m.stored, f"{fetched.url}/{m.name}"),
                       partial(_member_digest, fetched.body, m.stored)) for m in members(data, fetched.url)]
    return [Source(url_doc_id(fetched.url), fetched.url, partial(_load_fetched, fetched.body, fetched.url,
                                                                 fetched.charset), partial(_digest, fetched.body))]


def _member_digest(body: Path, stored: str) -> str:
    return hashlib.sha256(member_bytes(body.read_bytes(), stored, str(body))).hexdigest()


def fetch(urls: Iterable[str], data_dir: Path, politeness: Politeness | None = None,
          fetcher: Fetcher | None = None) -> FetchReport:
    """Fetch each report page (or file) and the attachments a page links to; the sources to ingest,
    with their URLs as source, and what failed."""
    fetcher = fetcher or Fetcher(data_dir / CACHE_FOLDER, politeness)
    report = FetchReport()
    seen: set[str] = set()
    queue = [(url.strip(), True) for url in urls if url.strip()]
    while queue:
        url, follow = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        try:
            fetched = fetcher.get(url)
            report.downloaded += fetched.downloaded
            report.not_modified += not fetched.downloaded
            report.sources.extend(_sources_of(fetched))
            if follow:
                queue[0:0] = [(link, False) for link in _attachments(fetched)[:MAX_ATTACHMENTS]]
        except InputError as exc:
            report.failures.append((url, exc.cause))
    return report


def _attachments(fetched: Fetched) -> list[str]:
    """The attachment links of a fetched page (none when it is no page)."""
    data = fetched.body.read_bytes()
    if sniff(data, PurePosixPath(urlsplit(fetched.url).path).suffix) != "html":
        return []
    from extract.text.forms.html import html_text

    try:
        _, meta = html_text(data, fetched.url, fetched.charset, fetched.url)
    except InputError:
        return []
    return list(meta.get("attachments", []))
