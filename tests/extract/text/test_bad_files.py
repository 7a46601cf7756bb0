"""A suite of bad files: each is refused in one line that names the file and the cause, or read
with what can be read; never a traceback, never a hang."""

from __future__ import annotations

import io
import warnings
import zipfile
from pathlib import Path

import pytest

from extract.errors import InputError, InputWarning
from extract.text.reading import read_report

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
