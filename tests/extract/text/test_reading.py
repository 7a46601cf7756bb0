"""Reading a file into text: encodings, forms, and a suite of bad files, each refused in one line
that names the file and the cause, or read with what can be read; never a traceback, never a hang."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

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


def test_docx_body_in_document_order_with_paragraphs_kept_apart(tmp_path):
    import docx

    from extract.nlp.pipeline import tag_report

    document = docx.Document()
    document.add_paragraph("某县侨联2023年度部门整体支出绩效自评报告")
    document.add_paragraph("一、基本情况")
    document.add_paragraph("主要职能")  # short, no final punctuation: still a paragraph of its own
    document.add_paragraph("联系归侨侨眷，开展侨情调查")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, (("指标", "目标值", "实际值"), ("走访侨户数", "50户", "56户"))):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.add_paragraph("二、绩效目标完成情况")
    document.add_paragraph("全年预算数100万元，执行数90万元。")
    path = tmp_path / "r.docx"
    document.save(path)
    text = read_report(path)
    assert text.index("联系归侨侨眷") < text.index("走访侨户数\t50户\t56户") < text.index("二、绩效目标")
    doc = tag_report("r", text)
    assert doc.meta["title"] == "某县侨联2023年度部门整体支出绩效自评报告"
    passages = [p.text for p in doc.passages]
    assert "主要职能" in passages and "联系归侨侨眷，开展侨情调查" in passages
    assert "走访侨户数\t50户\t56户" in passages


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("text", ["一、基本情况\n全年预算数100万元，执行数90万元。\n",
                                  "侨务工作取得成效，接待侨胞77批。" * 3])
def test_utf16_without_bom_is_read(tmp_path, encoding, text):
    path = tmp_path / "r.txt"
    path.write_bytes(text.encode(encoding))
    assert read_report(path) == text


def test_gbk_is_not_mistaken_for_utf16(tmp_path):
    path = tmp_path / "g.txt"
    path.write_bytes("一、基本情况\n全年预算数100万元。\n".encode("gbk"))
    with pytest.warns(Warning, match="GB18030"):
        assert read_report(path).startswith("一、基本情况")


def test_docx_repeated_values_are_cells_and_merged_cells_are_one(tmp_path):
    import docx

    document = docx.Document()
    table = document.add_table(rows=2, cols=4)
    for cell, value in zip(table.rows[0].cells, ("台胞满意度", "100%", "100%", "100%")):
        cell.text = value
    merged = table.rows[1].cells[0].merge(table.rows[1].cells[1])
    merged.text = "合计"
    table.rows[1].cells[2].text, table.rows[1].cells[3].text = "746.12", "100%"
    path = tmp_path / "t.docx"
    document.save(path)
    lines = read_report(path).splitlines()
    assert lines == ["台胞满意度\t100%\t100%\t100%", "合计\t746.12\t100%"]


# The suite of bad files (once tests/extract/text/test_bad_files.py).
REPORT = "一、基本情况\n全年预算数 100 万元，执行数 90 万元。\n"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _docx() -> bytes:
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph(REPORT)
    document.save(buffer)
    return buffer.getvalue()


REFUSED = {  # file name -> (content, words the one-line cause must hold)
    "empty.txt": (b"", "empty"),
    "spaces.txt": (b" \n\t\r\n " * 50, "empty"),
    "random.txt": (bytes(range(256)) * 40, "binary"),
    "nuls.txt": (b"\x00" * 4096, "binary"),
    "latin1.txt": ("café naïve über ".encode("latin-1") * 30 + b"\x81\xff", "not text"),
    "header_only.pdf": (b"%PDF-1.7\n", "PDF"),
    "not_a.pdf": (b"<html>not a pdf</html>", "not a PDF"),
    "truncated.pdf": (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R", "PDF"),
    "not_a_zip.docx": (b"PK\x03\x04 not really a zip", "DOCX"),
    "zip_without_body.docx": (_zip({"readme.txt": b"hello"}), "DOCX"),
    "garbage_xml.docx": (_zip({"[Content_Types].xml": b"<<<", "word/document.xml": b"<w:document"}), "DOCX"),
    "truncated.docx": (_docx()[:3000], "DOCX"),
    "text_named.docx": (REPORT.encode(), "DOCX"),
}
READ = {  # file name -> (content, text that must be read)
    "utf16_no_bom.txt": (REPORT.encode("utf-16-le"), "全年预算数"),
    "utf16_bom.txt": (REPORT.encode("utf-16"), "全年预算数"),
    "utf8_bom.txt": (REPORT.encode("utf-8-sig"), "一、基本情况"),
    "gb18030.txt": (REPORT.encode("gb18030"), "执行数"),
    "crlf.txt": (REPORT.replace("\n", "\r\n").encode(), "执行数"),
    "no_newline_one_long_line.txt": (("侨务工作。" * 20_000).encode(), "侨务工作"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_bad_file_is_refused_in_one_line_naming_it(tmp_path: Path, name: str) -> None:
    content, cause = REFUSED[name]
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_report(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: ") and cause in message and "\n" not in message


@pytest.mark.parametrize("name", sorted(READ))
def test_an_odd_but_good_file_is_read(tmp_path: Path, name: str) -> None:
    content, expected = READ[name]
    path = tmp_path / name
    path.write_bytes(content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)  # GB18030 is read with a notice
        assert expected in read_report(path)


def test_a_folder_or_a_missing_file_is_named(tmp_path: Path) -> None:
    for path in (tmp_path / "gone.txt", tmp_path / "folder.txt"):
        if path.name == "folder.txt":
            path.mkdir()
        with pytest.raises(InputError, match=str(path)):
            read_report(path)
