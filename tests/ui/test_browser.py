"""The served app in a real browser, as an analyst uses it: `streamlit run ui/app.py` on a copy of the
seed reports' data folder, driven by Playwright and Debian's chromium (one server, one browser).

Screenshots at desktop and phone width are kept in tests/artifacts/ (not in git) to look at.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, quote, urlparse

import pytest

from extract.text.reading import SUPPORTED_SUFFIXES
from index.store import Store
from tests.conftest import LIWAN_2022 as LIWAN

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM = shutil.which("chromium")
START_TIMEOUT = 60  # seconds for the server to answer
WAIT_MS = 30_000  # for anything the page has to show
INGEST_MS = 120_000  # an upload: the tagging pipeline may still be loading (a shared, busy machine)
DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.skipif(CHROMIUM is None, reason="chromium is not on PATH (Debian package chromium)"),
              pytest.mark.seconds(45)]  # conftest.pytest_collection_modifyitems: long modules first


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
        time.sleep(0.2)
    pytest.fail(f"streamlit did not answer on {url} within {START_TIMEOUT} s:\n{log.read_text()}")


@pytest.fixture(scope="module")
def served(data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app served on a free port over a copy of the seed data folder: (base URL, data folder)."""
    folder = tmp_path_factory.mktemp("browser")
    data = folder / "data"
    shutil.copytree(data_dir, data)
    port = free_port()
    log = folder / "streamlit.log"
    env = dict(os.environ, JIXIAO_DATA=str(data))
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
        yield base, data
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


@pytest.fixture(scope="module")
def page(served):
    """One chromium page for the module's steps."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            tab = browser.new_page(viewport=DESKTOP, accept_downloads=True)
            tab.set_default_timeout(WAIT_MS)
            yield tab
        finally:
            browser.close()


def url_params(page) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def wait_for_param(page, name: str, value: str) -> None:
    page.wait_for_function(f"() => new URLSearchParams(location.search).get({name!r}) === {value!r}")


def screenshots(page, name: str) -> None:
    """The page at desktop and at phone width, saved as test artifacts."""
    ARTIFACTS.mkdir(exist_ok=True)
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")  # widgets drawn
        page.wait_for_timeout(300)  # the layout settles
        shot = ARTIFACTS / f"{name}-{label}.png"
        page.screenshot(path=str(shot), full_page=False)
        assert shot.stat().st_size > 10_000
    page.set_viewport_size(DESKTOP)


def test_a_search_then_two_filters_clicked_one_after_the_other(served, page) -> None:
    base, _ = served
    page.goto(f"{base}/?q={quote('侨务')}&area=overseas_chinese")
    page.wait_for_selector(".jixiao-hit mark")
    assert page.locator(".jixiao-hit mark").first.inner_text() == "侨务"
    assert page.locator("input[type=text]").first.get_attribute("aria-label") == "搜索"

    page.get_by_role("radiogroup", name="年份").get_by_text("2022", exact=True).click()
    wait_for_param(page, "year", "2022")
    page.get_by_role("radiogroup", name="数据类型").get_by_text("金额", exact=True).click()
    wait_for_param(page, "label", "MONEY")
    params = url_params(page)
    assert (params["q"], params["area"], params["year"], params["label"]) == \
        ("侨务", "overseas_chinese", "2022", "MONEY")
    for group, chosen in (("工作领域", "侨务"), ("年份", "2022"), ("数据类型", "金额")):
        checked = page.get_by_role("radiogroup", name=group).locator("input:checked")
        assert checked.count() == 1
        assert chosen in checked.locator("xpath=ancestor::label").inner_text()

    page.goto(f"{base}/?q={quote('侨务')}")
    page.wait_for_selector(".jixiao-divider")  # literal hits, then the related ones
    query_box = page.locator("input[type=text]").first
    query_box.fill("政协")
    query_box.press("Enter")  # a new search typed into the box replaces the hits
    page.wait_for_function("() => document.querySelector('.jixiao-hit mark')?.textContent === '政协'")
    screenshots(page, "search")


def test_home_page_draws_charts_and_offers_the_upload_box(served, page) -> None:
    base, _ = served
    page.goto(f"{base}/")
    page.wait_for_selector(".vega-embed svg, .vega-embed canvas")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    assert page.locator(".vega-embed").count() >= 4
    page.locator("input[type=file]").wait_for(state="attached")  # drawn after the charts
    assert page.locator("input[type=file]").count() == 1
    assert page.get_by_text("上传报告").count() >= 1
    screenshots(page, "overview")


def test_the_export_views_jsonl_holds_every_report(served, page, tmp_path: Path) -> None:
    base, data = served
    page.goto(f"{base}/?view=export")
    for fmt in ("JSONL", "DOCCANO", "SPACY", "CONLL", "CSV"):
        page.get_by_role("button", name=f"下载 {fmt}").wait_for()
    with page.expect_download() as caught:
        page.get_by_role("button", name="下载 JSONL").click()
    download = caught.value
    assert download.suggested_filename.startswith("jixiao_corpus_all_")
    assert download.suggested_filename.endswith(".jsonl")
    lines = Path(download.path()).read_text(encoding="utf-8").splitlines()
    with Store(data, create=False) as store:
        expected = store.doc_ids()
    assert sorted(json.loads(line)["id"] for line in lines) == expected


INJECTED = "[点此领取补贴](http://example.invalid/x) ![图](http://example.invalid/i.png) <img src=http://example.invalid/h.png>"


def test_injected_text_in_a_report_and_the_url_renders_as_text_and_fetches_nothing(served, page) -> None:
    from index.ingest import ingest, jsonl_sources

    base, data = served
    record = {"id": "inj", "text": f"注入测试绩效自评报告\n一、{INJECTED}\n侨务工作{INJECTED}。",
              "department": INJECTED}
    ingest(jsonl_sources([json.dumps(record, ensure_ascii=False)], "inj"), data)
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url)
            if urlparse(request.url).hostname not in ("127.0.0.1", "localhost") else None)
    for path, shown in ((f"/?q={quote('侨务工作')}", ".jixiao-hit"), ("/?view=report&doc=inj", "text=侨务工作"),
                        (f"/?q={quote(INJECTED)}", "text=点此领取补贴")):
        page.goto(base + path)
        page.locator(shown).first.wait_for(state="attached")
        page.wait_for_timeout(500)  # anything the page would fetch has been asked for by now
        found = page.locator("a[href*='example.invalid'], img[src*='example.invalid']")
        assert found.count() == 0, path
    assert outside == []


def test_an_uploaded_report_is_found_by_a_search(served, page) -> None:
    """Last: the tagging pipeline has been loading in the server since the home page was drawn."""
    base, _ = served
    page.goto(f"{base}/?view=overview")
    text = "广州市测试区委统战部2023年部门整体支出绩效自评报告\n一、基本情况\n今年开展琉璃瓦修缮专题调研3次。\n"
    page.locator("input[type=file]").set_input_files(
        [{"name": "测试报告.txt", "mimeType": "text/plain", "buffer": text.encode("utf-8")}])
    page.get_by_role("button", name="导入 1 个文件").click()
    page.get_by_text("已导入 1 份报告").wait_for(timeout=INGEST_MS)
    page.goto(f"{base}/?q={quote('琉璃瓦修缮')}")
    page.wait_for_selector(".jixiao-hit mark")
    assert "琉璃瓦修缮" in page.locator(".jixiao-hit").first.inner_text()


ENGLISH = re.compile(r"[A-Za-z][A-Za-z\-]+")
PROPER_AND_FORMAT_NAMES = {"jixiao", "CSV", "JSON", "JSONL", "TXT", "PDF", "DOCX", "MB", "OR", "CoNLL", "CONLL",
                           "DOCCANO", "doccano", "SPACY", "spaCy", "DocBin", "BIO", "UTF-", "BOM", "PNG", "txt",
                           "pdf", "docx", "Excel", "Word", "WPS"}
"""Words a Chinese page may show: the app's name, file formats and the query syntax word OR."""
FILE_FORMATS = {form for suffix in SUPPORTED_SUFFIXES for form in (suffix[1:].upper(), suffix[1:].lower())}
"""The upload box names every form it takes (PDF, OFD, XLSX …)."""


def english_words(page) -> set[str]:
    """Latin words a reader sees on the page: its visible text without Material icon ligatures
    (keyboard_arrow_right …) and the texts of tooltips and labels read aloud."""
    text = page.evaluate("""() => {
        const hide = document.createElement('style');
        hide.textContent = '[data-testid=stIconMaterial], .material-symbols-rounded {display: none !important}';
        document.head.appendChild(hide);
        const seen = document.body.innerText;
        hide.remove();
        const said = [...document.querySelectorAll('[aria-label],[title],[placeholder]')]
            .map(e => [e.getAttribute('aria-label'), e.getAttribute('title'), e.getAttribute('placeholder')].join(' '));
        return seen + ' ' + said.join(' ');
    }""")
    return set(ENGLISH.findall(text)) - PROPER_AND_FORMAT_NAMES - FILE_FORMATS


def reports_words(data: Path) -> set[str]:
    """The Latin words of the stored reports themselves (an earlier test stored some)."""
    with Store(data, create=False) as store:
        docs = [store.get_document(i) for i in store.doc_ids()]
    return {w for d in docs for w in ENGLISH.findall(d.text + json.dumps(d.meta, ensure_ascii=False))}


def assert_chinese(page, data: Path, view: str) -> None:
    """No Latin word on the page but proper and format names and the reports' own words (whole
    or cut short on an axis), Streamlit's toolbars and tooltips included."""
    page.wait_for_function("!document.querySelector('[data-testid=stSkeleton]')")
    page.wait_for_timeout(300)
    for table in page.locator("[data-testid=stDataFrame]:visible, .vega-embed:visible").all()[:2]:
        table.hover(timeout=5_000)  # its toolbar: 显示或隐藏列, 下载表格, 全屏 …
        page.wait_for_timeout(150)
    theirs = reports_words(data)
    english = sorted(w for w in english_words(page) if not any(t.startswith(w) for t in theirs))
    assert not english, (view, english)


def checked_year(page) -> str:
    return page.get_by_role("radiogroup", name="年份").locator("input:checked").locator(
        "xpath=ancestor::label").inner_text()


def wait_for_year(page, year: str) -> None:
    """Until the URL, the chosen radio and every hit shown say ``year``."""
    wait_for_param(page, "year", year)
    page.wait_for_function(
        "(year) => document.querySelector('[role=radiogroup][aria-label=年份] input:checked')"
        "?.closest('label')?.innerText.includes(year) && document.querySelectorAll('.jixiao-meta').length"
        " && [...document.querySelectorAll('.jixiao-meta')].every(e => e.textContent.startsWith(year))", arg=year)


def test_back_and_forward_after_two_facet_clicks_restore_each_state(served, page) -> None:
    base, _ = served
    page.goto(f"{base}/?q={quote('侨务')}")
    page.wait_for_selector(".jixiao-hit mark")
    for year in ("2022", "2024"):
        page.get_by_role("radiogroup", name="年份").get_by_text(year, exact=True).click()
        wait_for_year(page, year)
    page.go_back()
    wait_for_year(page, "2022")
    page.wait_for_timeout(500)  # the app does not write the later state back over the URL
    assert url_params(page)["year"] == "2022" and "2022" in checked_year(page)
    page.go_forward()
    wait_for_year(page, "2024")
    assert_chinese(page, served[1], "search")
    page.go_back()
    page.go_back()  # before any year was chosen
    page.wait_for_function("() => !new URLSearchParams(location.search).has('year')")
    page.get_by_role("radiogroup", name="年份").get_by_text("全部", exact=True).wait_for()
    page.wait_for_function("() => document.querySelector('[role=radiogroup][aria-label=年份] input:checked')"
                           "?.closest('label')?.innerText.includes('全部')")


def test_from_a_report_to_the_search_and_back_to_the_report(served, page) -> None:
    base, _ = served
    page.goto(f"{base}/?view=report&doc={LIWAN}&q={quote('侨务')}")
    page.get_by_text("查询词出现在").wait_for()
    first = url_params(page)["passage"]
    page.get_by_role("button", name="下一处 →").click()
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('passage') !== {first!r}")
    page.locator("[data-testid=stSidebar]").get_by_text("检索", exact=True).click()
    wait_for_param(page, "view", "search")
    page.wait_for_selector(".jixiao-hit mark")
    page.go_back()
    wait_for_param(page, "view", "report")
    page.get_by_text("这是第 2 处").wait_for()
    assert url_params(page)["doc"] == LIWAN
    assert page.get_by_role("button", name="← 返回检索").count() == 1  # clicked in tests/ui/test_app.py
    assert_chinese(page, served[1], "report")
    screenshots(page, "report")


def test_the_home_page_search_box_is_focused_and_first_in_tab_order(served, page) -> None:
    base, _ = served
    page.goto(f"{base}/")
    page.wait_for_function("document.activeElement?.getAttribute('aria-label') === '搜索'")
    page.locator(".vega-embed svg").first.wait_for()
    assert_chinese(page, served[1], "overview")
    # Tab from the top of the page: the search box comes before the skip link and the sidebar.
    assert page.evaluate("""() => [...document.querySelectorAll('a, button, input, [tabindex]')]
        .filter(e => e.tabIndex > 0).map(e => e.getAttribute('aria-label'))""") == ["搜索"]
    page.keyboard.press("Tab")  # on from the box: the first of the rest, the skip link
    assert page.evaluate("document.activeElement.innerText") == "跳到主要内容"
    page.keyboard.press("Shift+Tab")  # and the one before it, first of all, is the box
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "搜索"
    page.keyboard.type("侨务")
    page.keyboard.press("Enter")
    wait_for_param(page, "view", "search")
    page.wait_for_selector(".jixiao-hit mark.jixiao-own")
    assert url_params(page)["q"] == "侨务"


def test_every_view_is_drawn_in_chinese_streamlits_own_chrome_included(served, page) -> None:
    """The overview, search and report views are checked in the tests above; here the others."""
    base, data = served
    views = {"reports": ("/?view=reports", "[data-testid=stDataFrame]"),
             "compare": ("/?view=compare", ".vega-embed"), "audit": ("/?view=audit", "[data-testid=stDataFrame]"),
             "export": ("/?view=export", "text=下载 JSONL"),
             "department": ("/?view=department&dept=政协广州市荔湾区委员会办公室", "[data-testid=stDataFrame]")}
    for view, (path, shown) in views.items():
        page.goto(base + path)
        page.locator(shown).first.wait_for(state="attached")
        assert_chinese(page, data, view)
        if view == "reports":
            screenshots(page, view)
