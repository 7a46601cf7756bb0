"""OFD (GB/T 33190, the national fixed-layout format): a ZIP of XML pages, read with the standard
library and lxml. Each page's text objects are put in reading order (top to bottom, then left to
right), objects on one baseline make one line, and a wide gap between them is a cell break (a
tab), so a table's rows come out as rows."""

from __future__ import annotations

import io
import posixpath
import zipfile

from extract.errors import InputError
from extract.text.limits import MAX_PDF_PAGES, check_docx_sizes, check_text_size

_LINE_TOLERANCE = 0.5
"""Objects whose baselines differ by less than this share of the font size stand on one line."""
_CELL_GAP = 2.0
"""A gap wider than this many font sizes between two objects on a line separates cells."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element, name: str) -> list:
    return [child for child in element.iter() if isinstance(child.tag, str) and _local(child.tag) == name]


def ofd_text(data: bytes, source: str = "<input>") -> str:
    """The text of every page of the OFD's first document, pages apart by form feeds."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_docx_sizes([(m.filename, m.file_size) for m in package.infolist()], source)
            names = {name.lower(): name for name in package.namelist()}
            root = etree.fromstring(package.read(names["ofd.xml"]), parser)
            doc_root = next(("".join(e.itertext()).strip() for e in _children(root, "DocRoot")), "")
            doc_path = doc_root.lstrip("/")
            document = etree.fromstring(package.read(names[doc_path.lower()]), parser)
            pages = []
            for page in _children(document, "Page"):
                location = posixpath.normpath(posixpath.join(posixpath.dirname(doc_path), page.get("BaseLoc", "")))
                pages.append(etree.fromstring(package.read(names[location.lower()]), parser))
                if len(pages) > MAX_PDF_PAGES:
                    raise InputError(source, f"refused: more than {MAX_PDF_PAGES:,} pages")
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, StopIteration, etree.XMLSyntaxError, ValueError) as exc:
        raise InputError(source, f"a damaged OFD document ({type(exc).__name__})") from exc
    text = "\f".join("\n".join(page_lines(page)) for page in pages)
    check_text_size(text, source)
    return text


def _numbers(value: str | None) -> list[float]:
    return [float(n) for n in (value or "").split()]


def page_lines(page) -> list[str]:
    """A page's lines in reading order; cells at tabs."""
    pieces: list[tuple[float, float, float, float, str]] = []  # baseline y, x, end x, size, text
    for obj in _children(page, "TextObject"):
        box = _numbers(obj.get("Boundary")) or [0.0, 0.0, 0.0, 0.0]
        size = float(obj.get("Size", "3.5") or 3.5)
        for code in _children(obj, "TextCode"):
            text = "".join(code.itertext())
            if not text.strip():
                continue
            x = box[0] + float(code.get("X", "0") or 0)
            y = box[1] + float(code.get("Y", "0") or 0)
            width = _numbers(code.get("DeltaX"))
            end = x + (sum(width) + size if width else size * len(text))
            pieces.append((y, x, end, size, text))
    pieces.sort(key=lambda p: (p[0], p[1]))
    lines: list[list[tuple[float, float, float, float, str]]] = []
    for piece in pieces:
        if lines and abs(piece[0] - lines[-1][0][0]) < _LINE_TOLERANCE * piece[3]:
            lines[-1].append(piece)
        else:
            lines.append([piece])
    return [_joined(sorted(line, key=lambda p: p[1])) for line in lines]


def _joined(line: list[tuple[float, float, float, float, str]]) -> str:
    """A line's pieces left to right: a tab where the gap is a cell's, else nothing."""
    out = line[0][4]
    for before, piece in zip(line, line[1:]):
        out += ("\t" if piece[1] - before[2] > _CELL_GAP * piece[3] else "") + piece[4]
    return out
