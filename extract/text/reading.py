"""Reading report files into raw text and what the file itself says (a web page's fields), refusing
broken ones with their real cause. The reader is chosen by the file's content (``forms.sniff``):
.txt (UTF-8, GB18030, UTF-16), .pdf, .docx here; web pages, Word 97/WPS, spreadsheets, OFD and
images in ``extract.text.forms``. A ZIP bundle is several reports: ``forms.archive`` lists them."""

from __future__ import annotations

import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.errors import InputError, InputWarning
from extract.text.characters import warn_hidden_characters
from extract.text.forms.sniff import READABLE_SUFFIXES, kind_name, sniff
from extract.text.limits import MAX_FILE_BYTES, check_text_size
from extract.text.pdf import pdf_text
from extract.text.word import docx_text

SUPPORTED_SUFFIXES = READABLE_SUFFIXES
_REFUSED = {"rar": "only ZIP bundles are read; unpack it first", "7z": "only ZIP bundles are read; unpack it first",
            "gzip": "unpack it first", "program": "not a report", "ole": "not a Word or Excel file",
            "zip": "a bundle: its members are read as reports of their own (give the archive to ingest)"}


@dataclass
class Reading:
    """What a file says: its raw text and the metadata it carries itself (``page``, ``attachments``)."""

    text: str
    meta: dict[str, Any] = field(default_factory=dict)


def read_report(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return the raw text of the report at ``path``; raise InputError naming the cause."""
    return read_document(path, max_bytes).text


def read_document(path: Path, max_bytes: int = MAX_FILE_BYTES) -> Reading:
    """The raw text and the file's own metadata of the report at ``path``; InputError naming the cause."""
    return read_bytes(file_bytes(path, max_bytes), str(path), path.suffix)


def file_bytes(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """A file's bytes, refused when empty, too large or unreadable."""
    source = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from exc
    if size == 0:
        raise InputError(source, "empty file")
    if size > max_bytes:
        raise InputError(source, f"too large ({size // (1024 * 1024)} MiB; the limit is "
                                 f"{max_bytes // (1024 * 1024)} MiB)")
    try:
        data = path.read_bytes()
    except OSError as exc:  # a folder named like a report, a file that vanished or is not ours to read
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from exc
    return data


def read_bytes(data: bytes, source: str, suffix: str = "", declared: str | None = None,
               base_url: str | None = None) -> Reading:
    """The report in ``data`` read by the reader its content calls for; ``declared`` is an encoding
    a server gave, ``base_url`` the page's address (its attachment links made absolute)."""
    if not data:
        raise InputError(source, "empty file")
    kind = sniff(data, suffix)
    _check_name(kind, suffix.lower(), source)
    reading = Reading(_text_of(data, kind, source, suffix.lower(), declared, base_url))
    if kind == "html":
        reading = _page(data, source, declared, base_url)
    if not reading.text.strip():
        raise InputError(source, f"no text in the file ({kind_name(kind)})")
    check_text_size(reading.text, source)
    warn_hidden_characters(reading.text, source)
    return reading


def _text_of(data: bytes, kind: str, source: str, suffix: str, declared: str | None,
             base_url: str | None) -> str:
    """The text of one form (a page's is read by ``_page``: it has fields besides)."""
    if kind == "pdf":
        return pdf_text(data, source)
    if kind == "docx":
        return docx_text(data, source)
    if kind in ("doc", "wps", "rtf", "odt"):
        from extract.text.forms.doc import doc_text
        return doc_text(data, kind, source)
    if kind in ("xlsx", "xls", "et", "ods"):
        from extract.text.forms.sheets import sheets_text
        return sheets_text(data, kind, source)
    if kind == "ofd":
        from extract.text.forms.ofd import ofd_text
        return ofd_text(data, source)
    if kind == "image":
        from extract.text.forms.images import image_text
        return image_text(data, source)
    if kind in _REFUSED:
        raise InputError(source, f"{kind_name(kind)}, {_REFUSED[kind]}")
    if kind == "html":
        return "-"  # read with its fields by _page
    return decode_text(data, source)


_CLAIMED = {".pdf": "pdf", ".docx": "docx", ".doc": "doc", ".wps": "wps", ".xlsx": "xlsx", ".xls": "xls",
            ".et": "et", ".ods": "ods", ".odt": "odt", ".ofd": "ofd", ".zip": "zip"}
_PAGE_AS_OFFICE = (".doc", ".xls", ".et", ".wps")
"""Office's "save as web page" files keep these names: read as the pages they are."""


def _check_name(kind: str, suffix: str, source: str) -> None:
    """Refuse a file whose name claims a form its content is not, where the content is no
    document of its own (a damaged file, a server's error page saved under the report's name);
    a .doc that is really a DOCX, or an .xls that is a web page, is read as what it is."""
    claimed = _CLAIMED.get(suffix)
    if claimed is None or kind == claimed:
        return
    if kind in ("text", "zip", "binary") or (kind == "html" and suffix not in _PAGE_AS_OFFICE):
        content = "text" if kind == "text" else kind_name(kind)
        if claimed == "pdf":
            raise InputError(source, f"not a PDF file (no %PDF header; the content is {content})")
        raise InputError(source, f"named {suffix} but not {kind_name(claimed)} (the content is {content}: "
                                 "damaged or misnamed)")


def _page(data: bytes, source: str, declared: str | None, base_url: str | None) -> Reading:
    from extract.text.forms.html import html_text

    text, meta = html_text(data, source, declared, base_url)
    return Reading(text, meta)


def decode_text(data: bytes, source: str = "<input>") -> str:
    """Decode bytes of a text file: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030."""
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _checked(data.decode("utf-16"), source)
    if b"\x00" in data[:65536]:
        guessed = _utf16_without_bom(data)
        if guessed is not None:
            return _checked(guessed, source)
        raise InputError(source, "binary file, not text")
    try:
        return _checked(data.decode("utf-8-sig"), source)
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and _valid_utf8_prefix(data, exc.start):
            warnings.warn(f"{source}: truncated in the middle of a character; the last "
                          "partial character was dropped", InputWarning, stacklevel=2)
            return _checked(data[: exc.start].decode("utf-8-sig"), source)
    guessed = _utf16_without_bom(data)
    if guessed is not None:
        return _checked(guessed, source)
    try:
        text = _checked(data.decode("gb18030"), source)
        warnings.warn(f"{source}: not UTF-8; read as GB18030 (GBK)", InputWarning, stacklevel=2)
        return text
    except UnicodeDecodeError:
        raise InputError(source, "not text in UTF-8 or GB18030 (GBK) encoding") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text saved without its byte-order mark, when one byte order reads as Chinese or
    ASCII text almost throughout; None otherwise."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        plausible = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff" or "\u3000" <= ch <= "\u303f"
                        or "\uff00" <= ch <= "\uffef" or ch.isascii() and (ch.isprintable() or ch in "\n\r\t"))
        if sample and plausible >= 0.95 * len(sample):
            return text
    return None


def _valid_utf8_prefix(data: bytes, end: int) -> bool:
    try:
        data[:end].decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def _checked(text: str, source: str) -> str:
    """Refuse decoded text that is mostly control or unassigned characters (binary data)."""
    sample = text[:20000]
    if not sample.strip():
        raise InputError(source, "empty file")
    bad = sum(
        1 for ch in sample
        if (unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\n\r\t\f")
    )
    if bad / len(sample) > 0.05:
        raise InputError(source, "binary file, not text")
    return text
