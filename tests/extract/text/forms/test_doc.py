"""Word 97 files (LibreOffice, antiword standing in): the seed reports read as their text, tables in place."""

from __future__ import annotations

import shutil
import warnings

import pytest

from extract.nlp.pipeline import tag_report
from extract.text.blocks import split_blocks
from extract.text.forms.doc import antiword_text
from extract.text.reading import read_report
from tests.conftest import CPPCC_2021, REPORTS
from tests.extract.text.forms.conftest import needs_libreoffice, seed_text


@needs_libreoffice
@pytest.mark.parametrize("reader", ["libreoffice", "antiword"])
def test_the_seed_reports_as_word_97_files_read_as_their_text(tagged, office_forms, reader, request):
    if reader == "antiword" and shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (make test installs it)")
    names = [CPPCC_2021] if reader == "libreoffice" else REPORTS  # LibreOffice takes 4 s a file
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for name in names:
            path = office_forms["doc"][name]
            raw = request.getfixturevalue("libreoffice_text") if reader == "libreoffice" \
                else antiword_text(path.read_bytes(), name)
            doc = tag_report(name, raw)
            want = sorted((e.label, e.value) for e in tagged[name].entities if e.label != "DATE")
            got = sorted((e.label, e.value) for e in doc.entities if e.label != "DATE")
            assert got == want, name
            assert doc.meta["year"] == tagged[name].meta["year"], name


@pytest.fixture(scope="module")
def libreoffice_text(office_forms) -> str:
    """The 2021 自评表 (the seed with most tables) as Word 97, read through LibreOffice once."""
    return read_report(office_forms["doc"][CPPCC_2021])


def _rows(text: str) -> list[str]:
    return [block.text for block in split_blocks(text) if block.kind == "table_row"]


@needs_libreoffice
@pytest.mark.parametrize("reader", ["antiword", "libreoffice"])
def test_tables_stay_rows_with_their_cells(office_forms, reader, request):
    if reader == "antiword" and shutil.which("antiword") is None:
        pytest.skip("antiword is not installed (make test installs it)")
    data = office_forms["doc"][CPPCC_2021].read_bytes()
    text = antiword_text(data, "r.doc") if reader == "antiword" else request.getfixturevalue("libreoffice_text")
    want = _rows(seed_text(CPPCC_2021))
    share = 0.9 if reader == "libreoffice" else 0.6  # antiword cuts long cells to their column's width
    assert sum(row in set(_rows(text)) for row in want) >= share * len(want)
