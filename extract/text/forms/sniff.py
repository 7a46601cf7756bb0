"""What a file is, told by its first bytes (and, only where the bytes say nothing, its name).

A report downloaded from a website is often named for what it was, not what it is (an .xls that
is a web page, a .doc that is a DOCX), so readers are chosen on the content. Each kind has the
words a refusal uses for it ("a Word 97 document"), so no file is called "binary" when it is not.
"""

from __future__ import annotations

import io
import re
import zipfile

KIND_NAMES = {
    "text": "a text file",
    "pdf": "a PDF document",
    "docx": "a Word (DOCX) document",
    "doc": "a Word 97 document",
    "wps": "a WPS document",
    "rtf": "an RTF document",
    "odt": "an OpenDocument text",
    "xlsx": "an Excel (XLSX) workbook",
    "xls": "an Excel 97 workbook",
    "et": "a WPS spreadsheet",
    "ods": "an OpenDocument spreadsheet",
    "ofd": "an OFD document",
    "html": "a web page",
    "image": "an image",
    "zip": "a ZIP archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "gzip": "a gzip file",
    "ole": "an Office document of another kind",
    "program": "a program",
    "binary": "binary data",
}
"""The words a message uses for each kind a file can be."""

READABLE_SUFFIXES = (".txt", ".pdf", ".docx", ".doc", ".wps", ".rtf", ".odt", ".html", ".htm", ".xhtml",
                     ".shtml", ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".ofd", ".jpg", ".jpeg", ".png",
                     ".tif", ".tiff", ".bmp", ".zip")
"""File names a reader exists for (what an upload widget offers; reading goes by the content)."""

_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"GIF87a", b"GIF89a", b"BM")
_HTML_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)\b",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(rb"<(html|body|div|p|table|br)\b[^>]*>", re.IGNORECASE)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF_KINDS = {b"application/vnd.oasis.opendocument.spreadsheet": "ods",
              b"application/vnd.oasis.opendocument.text": "odt"}


def sniff(data: bytes, suffix: str = "") -> str:
    """The kind of a file (a key of KIND_NAMES) from its bytes; ``suffix`` (".wps", ".et") only
    names the WPS flavour of an Office file and breaks no tie the bytes settle."""
    head = data[:4096]
    suffix = suffix.lower()
    if head.startswith(b"%PDF") or b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return _zip_kind(data)
    if head.startswith(_OLE_MAGIC):
        return _ole_kind(data, suffix)
    if head.startswith(_IMAGE_MAGIC):
        return "image"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    if head.startswith(b"Rar!\x1a\x07"):
        return "rar"
    if head.startswith(b"7z\xbc\xaf\x27\x1c"):
        return "7z"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    if head.startswith((b"\x7fELF", b"MZ")):
        return "program"
    if _looks_like_html(head, suffix):
        return "html"
    return "text"


def _looks_like_html(head: bytes, suffix: str) -> bool:
    """A page: it opens with an HTML tag, or it is named .htm(l) and holds tags of one."""
    probe = head.lstrip(b"\xef\xbb\xbf")
    if probe.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with its byte-order mark
        probe = probe.decode("utf-16", errors="ignore").encode("utf-8")
    if _HTML_START.match(probe):
        return True
    return suffix in (".html", ".htm", ".xhtml", ".shtml") and _HTML_TAGS.search(probe) is not None


def _zip_kind(data: bytes) -> str:
    """A ZIP container's kind by the parts it holds (DOCX, XLSX, OpenDocument, OFD) or a bundle."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                kind = _ODF_KINDS.get(package.read("mimetype").strip())
                if kind:
                    return kind
    except (zipfile.BadZipFile, OSError, KeyError, ValueError):
        return "docx" if b"word/" in data[:65536] else "zip"  # a damaged package: its reader says so
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "OFD.xml" in names or any(name.lower() == "ofd.xml" for name in names):
        return "ofd"
    return "zip"


def _ole_kind(data: bytes, suffix: str) -> str:
    """An OLE2 compound file by the streams its directory names (UTF-16 names)."""
    if "WordDocument".encode("utf-16-le") in data:
        return "wps" if suffix == ".wps" else "doc"
    if any(name.encode("utf-16-le") in data for name in ("Workbook", "Book")):
        return "et" if suffix == ".et" else "xls"
    return "wps" if suffix == ".wps" else "ole"


def kind_name(kind: str) -> str:
    """The words for a kind in a message."""
    return KIND_NAMES.get(kind, kind)
