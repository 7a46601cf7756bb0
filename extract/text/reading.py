"""Reading report files (.txt in UTF-8/GB18030, .pdf, .docx) into raw text, refusing broken ones."""

from __future__ import annotations

import unicodedata
import warnings
from pathlib import Path

from extract.errors import InputError, InputWarning
from extract.text.characters import warn_hidden_characters
from extract.text.limits import MAX_FILE_BYTES, check_text_size
from extract.text.pdf import pdf_text
from extract.text.word import docx_text

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".docx")


def read_report(path: Path, max_bytes: int = MAX_FILE_BYTES) -> str:
    """Return the raw text of the report at ``path``; raise InputError naming the cause."""
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
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        text = pdf_text(data, source)
    elif suffix == ".docx":
        text = docx_text(data, source)
    else:
        text = decode_text(data, source)
    if not text.strip():
        raise InputError(source, "no text in the file")
    check_text_size(text, source)
    warn_hidden_characters(text, source)
    return text


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
        raise InputError(source, f"not text: {binary_kind(data)}")
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
        text = _checked(data.decode("gb18030"), source, data)
        warnings.warn(f"{source}: not UTF-8; read as GB18030 (GBK)", InputWarning, stacklevel=2)
        return text
    except UnicodeDecodeError:
        raise InputError(source, "not text in UTF-8 or GB18030 (GBK) encoding") from None


MAGIC = ((b"%PDF", "a PDF file"), (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or other Office file?)"),
         (b"\xd0\xcf\x11\xe0", "an old Office file (.doc, .xls, .wps)"), (b"\x89PNG", "a PNG image"),
         (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"\x1f\x8b", "a gzip archive"),
         (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"\x7fELF", "a program"),
         (b"{\\rtf", "an RTF document"), (b"II*\x00", "a TIFF image"), (b"MM\x00*", "a TIFF image"))
"""How a file names its kind in its first bytes, for a refusal that says what the file is."""


def binary_kind(data: bytes) -> str:
    """What a file that is not text is, from its first bytes ("a PNG image"); "binary data" else."""
    return next((kind for magic, kind in MAGIC if data.startswith(magic)), "binary data")


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


def _checked(text: str, source: str, data: bytes = b"") -> str:
    """Refuse decoded text that is mostly control or unassigned characters (binary data: ``data``,
    when given, names its kind)."""
    sample = text[:20000]
    if not sample.strip():
        raise InputError(source, "empty file")
    bad = sum(
        1 for ch in sample
        if (unicodedata.category(ch) in ("Cc", "Cn", "Co", "Cs") and ch not in "\n\r\t\f")
    )
    if bad / len(sample) > 0.05:
        raise InputError(source, f"not text: {binary_kind(data)}")
    return text
