"""Shared fixtures: the real seed reports, tagged once, and a throwaway store and index."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

# Bytecode is kept between runs: pytest's rewritten test modules, the project's modules, and those of
# the two dozen processes the suite starts (CLI runs, workers, the served app). Where the environment
# sets PYTHONDONTWRITEBYTECODE, every one of them would compile the same modules again (about 5 s of
# CPU per worker; docs/house.md, "Suite and search speed").
sys.dont_write_bytecode = False
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / "corpus"
LIWAN_2022 = "2022_liwan_united_front_dept_self_evaluation_report"
CPPCC_2021 = "2021_liwan_cppcc_office_self_evaluation_table"
CAIDIAN_2024 = "2024_caidian_united_front_dept_performance_targets"
BAIYUN_2022 = "2022_baiyun_federation_of_industry_and_commerce_self_evaluation_report"
CPPCC_2023 = "2023_liwan_cppcc_office_self_evaluation_report"
REPORTS = (LIWAN_2022, CPPCC_2021, CAIDIAN_2024, BAIYUN_2022, CPPCC_2023)


def _has_cjk_font() -> bool:
    """True when fontconfig knows a font for Chinese (printed-PDF tests need one)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    return bool(found.stdout.strip())


HAS_CJK_FONT = _has_cjk_font()


def normalize(raw: str) -> str:
    """The normalized text of a report as the pipeline makes it: one block a line, cells by tabs."""
    from extract.text.blocks import split_blocks

    return "\n".join(block.text for block in split_blocks(raw))


def split_passages(doc_id: str, raw: str) -> tuple:
    """The normalized text of ``raw`` and its passages, as the pipeline makes them."""
    from extract.text.blocks import split_blocks
    from extract.text.passages import passages_from_blocks

    return passages_from_blocks(doc_id, split_blocks(raw))


def report_like_text():
    """A hypothesis strategy for the property tests: report-like text of ideographs, digits, units,
    heading marks, punctuation of both widths, spaces, line breaks, tabs, radicals and full-width
    forms, plus anything else now and then."""
    from hypothesis import strategies as st

    pieces = st.sampled_from(["一、", "（二）", "3.", "万元", "亿元", "%", "％", "百分之", "个百分点", "人次",
                              "2023年", "4月6日", "-", "－", "负", "约", "余", "以上", "\n", "\t", "   ", "\f",
                              "侨务", "预算", "执行率", "⼀", "１２３", "：", "《", "》", "\"", "“", "，", "。"])
    return st.lists(st.one_of(pieces, st.text(max_size=6), st.integers(0, 10**9).map(str)),
                    max_size=40).map("".join)


def figures(text: str) -> list:
    """The figures (entities with their ``what``) the real pipeline finds in ``text``: its
    tokenizer and figure component, the words and tags of one cut."""
    from extract.nlp.figures_component import figures_of
    from extract.nlp.pipeline import get_nlp

    return figures_of(text, get_nlp())


@pytest.fixture(scope="session")
def tagged():
    """Every seed report tagged by the real pipeline, by id."""
    from extract.nlp.pipeline import tag_report

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return {name: tag_report(name, (CORPUS / f"{name}.txt").read_text(encoding="utf-8"))
                for name in REPORTS}


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory):
    """A data folder with the five reports ingested (store and index)."""
    from index.ingest import file_sources, ingest

    folder = tmp_path_factory.mktemp("data")
    report = ingest(file_sources([CORPUS]), folder)
    assert not report.failures
    return folder


@contextmanager
def lock_held_by_another_process(data_dir: Path) -> Iterator[None]:
    """Another process (forked from this one) holds the data folder's write lock for the block."""
    from index.lock import writer_lock

    taken_read, taken_write = os.pipe()
    release_read, release_write = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            with writer_lock(data_dir):
                os.write(taken_write, b"1")
                os.read(release_read, 1)
        finally:
            os._exit(0)
    try:
        os.read(taken_read, 1)
        yield
    finally:
        os.write(release_write, b"1")
        os.waitpid(pid, 0)
        for fd in (taken_read, taken_write, release_read, release_write):
            os.close(fd)


def jixiao(*args: str, data: Path | None = None, stdin: str | None = None):
    """Run a jixiao command in-process (typer's runner); the result has exit_code (as returncode),
    stdout, stderr."""
    from typer.testing import CliRunner

    from extract.paths import DATA_ENV
    from ui.cli import app

    result = CliRunner().invoke(app, list(args), input=stdin,
                                env={DATA_ENV: str(data) if data is not None else None})
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    result.returncode = result.exit_code
    return result


def read_with_ocr_notice(path: Path) -> str:
    """The text of a scanned file as the reader gives it, spaces squashed; fails unless the reader
    said it used OCR."""
    from extract.errors import InputWarning
    from extract.text.reading import read_report

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", InputWarning)
        text = read_report(path)
    assert any("OCR" in str(w.message) for w in caught)
    return "".join(text.split())


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "seconds(n): about how long the module takes on a quiet machine (the "
                                       "longest modules are handed to the two workers first)")


def module_seconds(item: pytest.Item) -> float:
    """The ``seconds`` mark of an item's module (0 when it has none)."""
    mark = item.get_closest_marker("seconds")
    return mark.args[0] if mark is not None else 0


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The longest modules first, then the others with the most tests first (as pytest-xdist orders
    them itself; pyproject.toml turns its ordering off): ``--dist loadfile`` gives each worker a
    whole module at a time, so the two workers finish together only if the long ones are not last."""
    modules: dict[str, list[pytest.Item]] = {}
    for item in items:
        modules.setdefault(item.nodeid.split("::")[0], []).append(item)
    ordered = sorted(modules.values(), key=lambda group: (-module_seconds(group[0]), -len(group)))
    items[:] = [item for group in ordered for item in group]
