"""Reading Word (.docx) files: the body in document order, tables in place as tab-separated rows.

A Word paragraph is a paragraph: each is written as an indented line (two ideographic spaces), so
layout never joins it to its neighbour the way it joins the wrapped lines of a PDF.
"""

from __future__ import annotations

import io
import zipfile

from extract.errors import InputError
from extract.text.limits import check_docx_sizes

PARAGRAPH_INDENT = "\u3000\u3000"


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is not previous:  # a merged cell is the same element, listed per grid column
                cells.append(cell.text.replace("\n", ""))
            previous = cell._tc
        rows.append("\t".join(cells))
    return rows


def docx_text(data: bytes, source: str = "<input>") -> str:
    """Text of a DOCX: paragraphs one an (indented) line, tables in place, a row a line."""
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            check_docx_sizes([(m.filename, m.file_size) for m in package.infolist()], source)
        document = docx.Document(io.BytesIO(data))
    except InputError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(source, "damaged or truncated DOCX (not a valid Word file)") from exc
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a file that only looks like DOCX
        raise InputError(source, f"damaged DOCX ({type(exc).__name__})") from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            lines.extend(_table_rows(block))
        elif block.text.strip():
            lines.append(PARAGRAPH_INDENT + block.text.strip())
    return "\n".join(lines)
