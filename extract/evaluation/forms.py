"""Each report in every form it is published in, read back against its text.

A document's text is written as a web page around the report (site navigation, a field box naming
the publisher, the report's paragraphs as ``<p>`` and its rows as ``<table>`` rows, a footer; GBK
encoded, as many government sites are), a workbook (a row a line, cells at tabs: XLSX by openpyxl,
Excel 97 and OpenDocument by LibreOffice), a Word 97 file (LibreOffice from a DOCX with its
tables), an OFD (its XML written here) and a ZIP bundle of the page and the workbook. Each is
read and tagged like any input and compared with the text's tagging: figure F1 (MONEY, PERCENT,
COUNT), the year agreeing, and for the page the publisher read from its field box.
"""

from __future__ import annotations

import html
import io
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from extract.evaluation.gold import GoldDocument, read_gold
from extract.evaluation.renditions import agreement
from extract.text.blocks import split_blocks

PUBLISHER = "示例市财政局"
"""The publisher a rendered page's field box names (not the report's department: a bureau posts it)."""
_PAGE = """<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>{title}_{publisher}</title><meta name="ArticleTitle" content="{title}">
<meta name="PubDate" content="2024-05-20 09:30"><meta name="ContentSource" content="{publisher}"></head>
<body><div class="header"><a href="/">首页</a> <a href="/zwgk/">政务公开</a> <a href="/xxgk/">信息公开</a>
<a href="/zcfg/">政策法规</a> <a href="/hdjl/">互动交流</a></div>
<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政务公开</a>
 &gt; <a href="/yjs/">预决算公开</a></div>
<table class="fields"><tr><td>索引号：</td><td>11440100MB2C91234X/2024-00321</td><td>分类：</td><td>财政预决算</td></tr>
<tr><td>发布机构：</td><td>{publisher}</td><td>发布日期：</td><td>2024-05-20</td></tr>
<tr><td>名称：</td><td colspan="3">{title}</td></tr></table>
<div class="article"><h1>{title}</h1><div class="content">{body}</div>
<div class="attachments">附件：<a href="files/report.xlsx">{title}.xlsx</a>
<a href="files/report.doc">{title}.doc</a></div></div>
<div class="share">分享到：微信 微博 【打印本页】【关闭窗口】</div>
<div class="footer">主办单位：{publisher} 网站标识码：4401000001 粤ICP备12345678号</div></body></html>"""


@dataclass
class FormScores:
    """Figures of one form against the text's."""

    form: str
    documents: int = 0
    figures_f1: float = 0.0
    year_agree: float = 0.0
    publisher_taken: float | None = None


def _rows(text: str) -> list[tuple[str, list[str]]]:
    """The report's blocks: ("row", cells) for a table row, ("p", [text]) for the rest."""
    return [("row", block.text.split("\t")) if block.kind == "table_row" else ("p", [block.text])
            for block in split_blocks(text)]


def as_page(text: str, title: str, publisher: str = PUBLISHER) -> bytes:
    """The report on a government web page (GBK), with navigation, a field box and a footer."""
    parts, table = [], []
    for kind, cells in _rows(text):
        if kind == "row":
            table.append("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in cells) + "</tr>")
            continue
        if table:
            parts.append("<table border='1'>" + "".join(table) + "</table>")
            table = []
        parts.append(f"<p>{html.escape(cells[0])}</p>")
    if table:
        parts.append("<table border='1'>" + "".join(table) + "</table>")
    page = _PAGE.format(title=html.escape(title), publisher=publisher, body="\n".join(parts))
    return page.encode("gb18030")


def as_xlsx(text: str, sheet: str = "Sheet1") -> bytes:
    """The report as a workbook: a line a row, cells at tabs."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = sheet
    for line in text.splitlines():
        if line.strip():
            book.active.append(line.split("\t"))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_docx(text: str) -> bytes:
    """The report as a Word file: paragraphs, and tables for its rows."""
    import docx

    document = docx.Document()
    for kind, cells in _rows(text):
        if kind == "row":
            table = document.add_table(rows=1, cols=len(cells))
            for cell, value in zip(table.rows[0].cells, cells):
                cell.text = value
        else:
            document.add_paragraph(cells[0])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


_OFD_ROOT = ('<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" '
             'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID></ofd:DocInfo>'
             '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
_OFD_DOC = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">'
            '<ofd:CommonData><ofd:MaxUnitID>1</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297'
            '</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{pages}</ofd:Pages></ofd:Document>')
_OFD_PAGE = ('<?xml version="1.0" encoding="UTF-8"?><ofd:Page xmlns:ofd="http://www.ofdspec.org/2016">'
             '<ofd:Content><ofd:Layer ID="1">{objects}</ofd:Layer></ofd:Content></ofd:Page>')
_OFD_SIZE, _OFD_LINES, _OFD_CHARS = 3.5, 60, 48


def as_ofd(text: str) -> bytes:
    """The report as an OFD: lines wrapped at 48 characters, 60 a page, table cells placed in columns;
    the text objects of each page written in a shuffled order (reading order is the reader's job)."""
    pages: list[list[str]] = [[]]
    for kind, cells in _rows(text):
        if kind == "row":
            placed = [(20 + 170 * n / len(cells), cell) for n, cell in enumerate(cells)]
            pages[-1].append(placed)
        else:
            for start in range(0, len(cells[0]), _OFD_CHARS):
                pages[-1].append([(20.0, cells[0][start:start + _OFD_CHARS])])
        if len(pages[-1]) >= _OFD_LINES:
            pages.append([])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", _OFD_ROOT)
        entries = "".join(f'<ofd:Page ID="{n + 2}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr("Doc_0/Document.xml", _OFD_DOC.format(pages=entries))
        for number, lines in enumerate(pages):
            objects = []
            for row, pieces in enumerate(lines):
                y = 20 + row * 4.5
                for x, piece in pieces:
                    objects.append(f'<ofd:TextObject ID="{len(objects) + 10}" Boundary="{x:.1f} {y:.1f} 170 5" '
                                   f'Font="1" Size="{_OFD_SIZE}"><ofd:TextCode X="0" Y="{_OFD_SIZE}">'
                                   f"{html.escape(piece)}</ofd:TextCode></ofd:TextObject>")
            objects = objects[1::2] + objects[0::2]
            package.writestr(f"Doc_0/Pages/Page_{number}/Content.xml", _OFD_PAGE.format(objects="".join(objects)))
    return buffer.getvalue()


def as_zip(members: dict[str, bytes]) -> bytes:
    """A bundle of the given files (names in UTF-8, flagged)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return buffer.getvalue()


def libreoffice_convert(files: list[Path], target: str, folder: Path) -> list[Path]:
    """The files converted by LibreOffice to ``target`` (one run for them all) into ``folder``."""
    from extract.text.forms.convert import soffice

    program = soffice()
    if program is None:
        return []
    subprocess.run([program, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                    target, "--outdir", str(folder), *map(str, files)], capture_output=True, timeout=1800, check=False)
    return [folder / f"{f.stem}.{target}" for f in files if (folder / f"{f.stem}.{target}").is_file()]


FORMS = ("page", "xlsx", "xls", "ods", "doc", "ofd", "zip")


def score_forms(documents: list[GoldDocument]) -> list[FormScores]:
    """Each form's figures over the documents (a form LibreOffice makes is left out without it)."""
    from extract.nlp.pipeline import tag_report
    from extract.text.reading import read_bytes

    texts = {g.id: tag_report(g.id, g.text) for g in documents}
    made: dict[str, dict[str, bytes]] = {form: {} for form in FORMS}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for g in documents:
            title = texts[g.id].meta.get("title") or g.id
            made["page"][g.id] = as_page(g.text, title)
            made["xlsx"][g.id] = as_xlsx(g.text)
            made["ofd"][g.id] = as_ofd(g.text)
            (folder / f"{g.id}.xlsx").write_bytes(made["xlsx"][g.id])
            (folder / f"{g.id}.docx").write_bytes(as_docx(g.text))
            made["zip"][g.id] = as_zip({f"{title}/网页.html": made["page"][g.id]})
        for form, source in (("xls", "xlsx"), ("ods", "xlsx"), ("doc", "docx")):
            for path in libreoffice_convert([folder / f"{g.id}.{source}" for g in documents], form, folder):
                made[form][path.stem] = path.read_bytes()
    scores = []
    for form in FORMS:
        pairs, taken = [], 0
        for doc_id, data in made[form].items():
            if form == "zip":
                from extract.text.forms.archive import member_bytes, members

                member = members(data)[0]
                data, suffix = member_bytes(data, member.stored, doc_id), ".html"
            else:
                suffix = f".{form}" if form != "page" else ".html"
            reading = read_bytes(data, doc_id, suffix)
            taken += reading.meta.get("page", {}).get("department") == PUBLISHER
            pairs.append((texts[doc_id], tag_report(doc_id, reading.text)))
        if not pairs:
            continue
        f1, _ = agreement(pairs)
        years = sum(r.meta.get("year") == t.meta.get("year") for t, r in pairs) / len(pairs)
        scores.append(FormScores(form, len(pairs), f1, years,
                                 taken / len(pairs) if form in ("page", "zip") else None))
    return scores


def forms_report(gold: Path) -> str:
    """The evaluation of every form on a gold folder, as printable text."""
    scores = score_forms(read_gold(gold))
    lines = [f"forms of {gold} against its text (figures: MONEY, PERCENT, COUNT)",
             "  form   docs  figures F1  year agrees  publisher taken"]
    lines += [f"  {s.form:<6} {s.documents:>4}  {s.figures_f1:>10.3f}  {s.year_agree:>11.3f}  "
              f"{'' if s.publisher_taken is None else format(s.publisher_taken, '.3f'):>15}" for s in scores]
    return "\n".join(lines)
