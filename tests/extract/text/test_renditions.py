"""The seed reports as offices make them: a Word file (python-docx) and its PDF printed by
LibreOffice (Debian's libreoffice-writer-nogui, Noto CJK), read back to the text's figures and
metadata."""

from __future__ import annotations

import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from extract.nlp.pipeline import tag_report
from extract.text.blocks import split_blocks
from extract.text.reading import read_report
from tests.conftest import CORPUS, HAS_CJK_FONT, REPORTS

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
META = ("department", "year", "genre")


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


@pytest.fixture(scope="module")
def renditions(tmp_path_factory) -> dict[str, dict[str, Path]]:
    folder = tmp_path_factory.mktemp("renditions")
    for name in REPORTS:
        _as_docx((CORPUS / f"{name}.txt").read_text(encoding="utf-8"), folder / f"{name}.docx")
    if SOFFICE and HAS_CJK_FONT:
        subprocess.run([SOFFICE, f"-env:UserInstallation=file://{folder}/profile", "--headless",
                        "--convert-to", "pdf", "--outdir", str(folder),
                        *(str(folder / f"{name}.docx") for name in REPORTS)],
                       capture_output=True, timeout=300, check=True)
    return {name: {"docx": folder / f"{name}.docx", "pdf": folder / f"{name}.pdf"} for name in REPORTS}


def _compare(tagged, renditions, kind: str) -> tuple[float, float]:
    """Figure F1 (MONEY, PERCENT, COUNT) and share of metadata fields that agree, over the seeds."""
    tp = gold = found = agree = 0
    for name in REPORTS:
        doc = tag_report(name, read_report(renditions[name][kind]))
        assert not any(0x2E80 <= ord(ch) <= 0x2FDF for ch in doc.text), name  # no radicals
        want = Counter((e.label, e.value) for e in tagged[name].entities if e.label != "DATE")
        got = Counter((e.label, e.value) for e in doc.entities if e.label != "DATE")
        tp, gold, found = tp + sum((want & got).values()), gold + sum(want.values()), found + sum(got.values())
        agree += sum(doc.meta.get(k) == tagged[name].meta.get(k) for k in META)
    return 2 * tp / (gold + found), agree / (len(REPORTS) * len(META))


def test_a_word_file_reads_as_its_text(tagged, renditions):
    f1, meta = _compare(tagged, renditions, "docx")
    assert f1 >= 0.97 and meta >= 0.9


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (make test installs it)")
@pytest.mark.skipif(not HAS_CJK_FONT, reason="no CJK font (make test installs fonts-noto-cjk)")
def test_a_libreoffice_pdf_reads_as_its_text(tagged, renditions):
    f1, meta = _compare(tagged, renditions, "pdf")
    assert f1 >= 0.97 and meta >= 0.9
