import warnings

import pytest

from extract.errors import InputError, InputWarning
from extract.text.reading import read_report


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputError, match="empty"):
        read_report(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 20)
    with pytest.raises(InputError, match="binary"):
        read_report(path)


def test_gbk_file_is_read(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes("全年预算数 1110.36 万元，侨务工作".encode("gbk"))
    with pytest.warns(InputWarning, match="GB18030"):
        assert read_report(path) == "全年预算数 1110.36 万元，侨务工作"


def test_truncated_utf8_keeps_what_is_there_with_a_warning(tmp_path):
    path = tmp_path / "cut.txt"
    path.write_bytes("侨务工作".encode()[:-1])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert read_report(path) == "侨务工"
    assert any(issubclass(w.category, InputWarning) for w in caught)


def test_damaged_pdf_and_docx_are_refused(tmp_path):
    pdf = tmp_path / "cut.pdf"
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog")
    docx = tmp_path / "bad.docx"
    docx.write_bytes(b"PK\x03\x04 not really a zip")
    for path in (pdf, docx):
        with pytest.raises(InputError):
            read_report(path)


def test_huge_file_is_refused(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes("侨务".encode() * 100)
    with pytest.raises(InputError, match="too large"):
        read_report(path, max_bytes=100)


def test_docx_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.add_paragraph("一、基本情况")
    document.add_paragraph("全年预算数 100 万元。")
    table = document.add_table(rows=1, cols=3)
    for cell, value in zip(table.rows[0].cells, ("走访企业数", "50家", "56家")):
        cell.text = value
    path = tmp_path / "r.docx"
    document.save(path)
    text = read_report(path)
    assert "全年预算数 100 万元。" in text and "走访企业数\t50家\t56家" in text
