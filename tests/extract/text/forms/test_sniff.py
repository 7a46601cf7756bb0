"""What a file is, from its bytes: the reader chosen, and the words a refusal uses."""

from __future__ import annotations

import pytest

from extract.evaluation.forms import as_docx, as_ofd, as_page, as_xlsx, as_zip
from extract.text.forms.sniff import kind_name, sniff

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@pytest.mark.parametrize(("data", "suffix", "kind"), [
    (b"%PDF-1.7\n", ".pdf", "pdf"),
    (as_docx("一、基本情况"), ".doc", "docx"),
    (as_xlsx("项目\t金额"), ".xls", "xlsx"),
    (as_ofd("一、基本情况"), ".ofd", "ofd"),
    (as_zip({"a.txt": b"x"}), ".zip", "zip"),
    (as_page("一、基本情况", "报告"), ".xls", "html"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html>", "", "html"),
    (b"<div><p>\xd2\xbb</p></div>", ".htm", "html"),
    (OLE + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), ".doc", "doc"),
    (OLE + b"\x00" * 100 + "WordDocument".encode("utf-16-le"), ".wps", "wps"),
    (OLE + b"\x00" * 100 + "Workbook".encode("utf-16-le"), ".et", "et"),
    (OLE + b"\x00" * 100 + "Workbook".encode("utf-16-le"), ".xls", "xls"),
    (b"\x89PNG\r\n\x1a\n....", ".png", "image"),
    (b"\xff\xd8\xff\xe0", ".jpg", "image"),
    (b"{\\rtf1\\ansi", ".doc", "rtf"),
    (b"Rar!\x1a\x07\x00", ".rar", "rar"),
    ("一、基本情况 <p>不是网页".encode(), ".txt", "text"),
])
def test_the_content_names_the_form(data: bytes, suffix: str, kind: str) -> None:
    assert sniff(data, suffix) == kind


def test_a_word_97_file_is_named_as_one() -> None:
    assert kind_name(sniff(OLE + "WordDocument".encode("utf-16-le"), ".doc")) == "a Word 97 document"
