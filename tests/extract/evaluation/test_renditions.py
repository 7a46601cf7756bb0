"""The seed reports as offices make them: a Word file (python-docx) and its PDF printed by
LibreOffice (Debian's libreoffice-writer-nogui, Noto CJK), read back to the text's figures and
metadata."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from extract.evaluation.renditions import agreement, has_radicals
from extract.nlp.pipeline import tag_report
from extract.text.blocks import split_blocks
from extract.text.reading import read_report
from tests.conftest import CORPUS, HAS_CJK_FONT, REPORTS

pytestmark = pytest.mark.seconds(8)  # conftest.pytest_collection_modifyitems: long modules first

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _as_docx(text: str, path: Path) -> None:
    import docx

    document = docx.Document()
    for block in split_blocks(text):
        if block.kind == "table_row":
            cells = block.text.split("\t")
            table = document.add_table(rows=1, cols=len(cells))
            for cell, value in zip(table.rows[0].cells, cells):
                cell.text = value
        else:
            document.add_paragraph(block.text)
    document.save(path)


MIXED = "mixed_fonts"
"""A page of long lines where digits and quotes (a Latin font in LibreOffice) sit inside Chinese text."""
_MIXED_TEXT = ("某县归国华侨联合会2023年度“侨胞之家”项目绩效评价报告 一、基本情况 县侨联2023年“侨胞之家”项目预算"
               "资金共 36.5 万元,全年执行 35.2 万元,执行率 96.4%。困难归侨每月每人 200 元、高龄归侨每月每人 300 元,"
               "全年慰问困难归侨 128 人、高龄归侨 46 人,开展“侨法宣传月”活动 3 场,服务对象满意度 98%。")


@pytest.fixture(scope="module")
def renditions(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("renditions")
    for name in REPORTS:
        _as_docx((CORPUS / f"{name}.txt").read_text(encoding="utf-8"), folder / f"{name}.docx")
    import docx

    mixed = docx.Document()
    mixed.add_paragraph(_MIXED_TEXT)
    mixed.save(folder / f"{MIXED}.docx")
    names = [*REPORTS, MIXED]
    if SOFFICE and HAS_CJK_FONT:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder),
                        *(str(folder / f"{name}.docx") for name in names)],
                       capture_output=True, timeout=300, check=True)
    return {name: {"docx": folder / f"{name}.docx", "pdf": folder / f"{name}.pdf"} for name in names}


def _compare(tagged, renditions, kind: str) -> tuple[float, float]:
    """Figure F1 (MONEY, PERCENT, COUNT) and share of metadata fields that agree, over the seeds."""
    pairs = []
    for name in REPORTS:
        doc = tag_report(name, read_report(renditions[name][kind]))
        assert not has_radicals(doc.text), name
        pairs.append((tagged[name], doc))
    return agreement(pairs)


def test_a_word_file_reads_as_its_text(tagged, renditions):
    f1, meta = _compare(tagged, renditions, "docx")
    assert f1 >= 0.97 and meta >= 0.9


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (make test installs it)")
@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font (make test installs fonts-noto-cjk)")
def test_a_libreoffice_pdf_reads_as_its_text(tagged, renditions):
    f1, meta = _compare(tagged, renditions, "pdf")
    assert f1 >= 0.97 and meta >= 0.9


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (make test installs it)")
@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font (make test installs fonts-noto-cjk)")
def test_latin_font_digits_and_quotes_of_a_libreoffice_pdf_stay_in_their_lines(renditions):
    text = tag_report(MIXED, _MIXED_TEXT)
    pdf = tag_report(MIXED, read_report(renditions[MIXED]["pdf"]))
    assert pdf.meta == text.meta and pdf.meta["department"] == "某县归国华侨联合会"  # “侨胞之家” in place
    figures = Counter((e.label, e.value) for e in text.entities)
    assert Counter((e.label, e.value) for e in pdf.entities) == figures
