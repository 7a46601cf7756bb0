"""The served app in a real browser: `streamlit run ui/app.py` driven by Playwright and chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from index.ingest import file_sources, ingest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium")
START_TIMEOUT = 90  # seconds for the server to answer
WAIT_MS = 60_000  # for anything the page has to show

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_serving(url: str, server: subprocess.Popen, log: Path) -> None:
    """Return once ``url`` answers; fail with the server's log if it dies or takes too long."""
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.5)
    pytest.fail(f"streamlit did not answer on {url} within {START_TIMEOUT} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app served on a free port over a freshly ingested data folder; its base URL."""
    folder = tmp_path_factory.mktemp("browserdata")
    report = ingest(file_sources([REPO / "corpus"]), folder / "data")
    assert not report.failures and report.stored
    port = free_port()
    log = folder / "streamlit.log"
    env = dict(os.environ, JIXIAO_DATA=str(folder / "data"))
    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(REPO / "ui" / "app.py"),
             "--server.headless", "true", "--server.port", str(port),
             "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(f"{base}/_stcore/health", process, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def test_search_page_in_a_browser(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1100})
            page.set_default_timeout(WAIT_MS)
            page.goto(f"{server}/?q=侨务", timeout=WAIT_MS)

            page.wait_for_selector(".jixiao-hit mark", timeout=WAIT_MS)
            first_hit = page.locator(".jixiao-hit").first
            assert "侨" in first_hit.inner_text()
            assert page.locator(".jixiao-hit mark").first.inner_text() == "侨务"
            # the first hit's report: its year and department, above the passage
            page.get_by_text("2022 · 中共广州市荔湾区委员会统战部").first.wait_for(timeout=WAIT_MS)

            query_box = page.locator("input[type=text]").first
            assert query_box.get_attribute("aria-label") == "搜索 Search"
            assert query_box.input_value() == "侨务"
            query_box.fill("政协")
            query_box.press("Enter")

            page.wait_for_function(
                "() => new URLSearchParams(location.search).get('q') === '政协'", timeout=WAIT_MS)
            page.wait_for_function(
                "() => { const m = document.querySelector('.jixiao-hit mark');"
                " return m !== null && m.textContent === '政协'; }", timeout=WAIT_MS)
            assert parse_qs(urlparse(page.url).query)["q"] == ["政协"]
            assert "政协" in page.locator(".jixiao-hit").first.inner_text()

            shot = tmp_path / "search.png"
            page.screenshot(path=str(shot), full_page=False)
            assert shot.stat().st_size > 10_000
        finally:
            browser.close()
