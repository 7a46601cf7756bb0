"""Word 97 (.doc), WPS (.wps), RTF and OpenDocument text are converted to DOCX by LibreOffice and
read as DOCX (tables in place, a merged cell once). antiword stands in where LibreOffice is not
installed (its table rows come as ``|cell|cell|`` lines, made tab rows here). Why LibreOffice
first: antiword is 650 times faster with the same figures, but cuts a long cell to its column's
width (74 of the seeds' 103 table rows whole against 100; docs/reading.md)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile

from extract.errors import InputError
from extract.text.forms.convert import convert, soffice
from extract.text.forms.sniff import kind_name
from extract.text.limits import MAX_READ_SECONDS
from extract.text.word import docx_text

_SUFFIX = {"doc": ".doc", "wps": ".wps", "rtf": ".rtf", "odt": ".odt"}


def doc_text(data: bytes, kind: str, source: str = "<input>") -> str:
    """The text of a Word 97, WPS, RTF or OpenDocument text file, tables as tab-separated rows."""
    what = kind_name(kind)
    if soffice() is None and kind in ("doc", "wps") and shutil.which("antiword"):
        return antiword_text(data, source, what)
    return docx_text(convert(data, _SUFFIX[kind], "docx", source, what), source)


def antiword_text(data: bytes, source: str, what: str = "a Word 97 document") -> str:
    """antiword's text of a Word 97 file (UTF-8, no wrapping), its table lines made tab rows."""
    with tempfile.NamedTemporaryFile(suffix=".doc") as given:
        given.write(data)
        given.flush()
        try:
            done = subprocess.run(["antiword", "-m", "UTF-8.txt", "-w", "0", given.name],
                                  capture_output=True, timeout=MAX_READ_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(source, f"{what} that antiword did not read in {MAX_READ_SECONDS:g} s") from None
    if done.returncode != 0:
        raise InputError(source, f"{what} that antiword cannot read ({done.stderr.decode(errors='replace')[:80]})")
    return "\n".join(_row(line) for line in done.stdout.decode("utf-8", errors="replace").splitlines())


def _row(line: str) -> str:
    """``|a |b |`` (antiword's table row) as ``a<TAB>b``; other lines as they are."""
    stripped = line.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        return "\t".join(cell.strip() for cell in stripped[1:-1].split("|"))
    return line


