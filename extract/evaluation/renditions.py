"""Renditions of a gold folder's documents as offices make them, read back against the text.

Each document is written as a Word file (a paragraph a line, python-docx), printed to PDF by
LibreOffice from that Word file, and printed to PDF by Chromium from an HTML page of the same
paragraphs, both in the machine's CJK font. Each rendition is read and tagged like any input and
compared with the tagging of the text itself: MONEY, PERCENT and COUNT as (label, value) F1, the
share of metadata fields (department, year, genre) that agree, and radical code points left.
A rendition whose tool is missing (soffice, chromium) is reported as skipped.
"""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from extract.evaluation.gold import GoldDocument, read_gold
from extract.records import Document

META_FIELDS = ("department", "year", "genre")
_PAGE = ("<html><head><meta charset='utf-8'><style>body{{font-family:sans-serif;font-size:12pt}}"
         "</style></head><body>{}</body></html>")


@dataclass
class RenditionScores:
    """Figures of one kind of rendition against the text's."""

    kind: str
    documents: int = 0
    figures_f1: float = 0.0
    metadata_agree: float = 0.0
    with_radicals: int = 0
    department_agree: float = 0.0
    """Share of documents whose department the rendition gives as the text does: the same
    ``department_id`` (政协… and 中国人民政治协商会议… of one place are one department), or both none."""


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def _write_sources(documents: list[GoldDocument], folder: Path) -> None:
    import docx

    for gold in documents:
        paragraphs = _paragraphs(gold.text)
        document = docx.Document()
        for line in paragraphs:
            document.add_paragraph(line)
        document.save(folder / f"{gold.id}.docx")
        body = "".join(f"<p>{html.escape(line)}</p>" for line in paragraphs)
        (folder / f"{gold.id}.html").write_text(_PAGE.format(body), encoding="utf-8")


def _libreoffice(documents: list[GoldDocument], folder: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        return None
    out = folder / "libreoffice"
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), *(str(folder / f"{g.id}.docx") for g in documents)],
                   capture_output=True, timeout=1200, check=True)
    return out


def _chromium(documents: list[GoldDocument], folder: Path) -> Path | None:
    chromium = shutil.which("chromium")
    if chromium is None:
        return None
    out = folder / "chromium"
    out.mkdir()
    for gold in documents:
        subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
                        f"--print-to-pdf={out / f'{gold.id}.pdf'}", (folder / f"{gold.id}.html").as_uri()],
                       capture_output=True, timeout=120, check=True)
    return out


def agreement(pairs: list[tuple[Document, Document]]) -> tuple[float, float]:
    """Over (text's tagging, rendition's tagging) pairs: F1 of the rendition's MONEY, PERCENT and
    COUNT (label, value) against the text's, and the share of META_FIELDS that agree."""
    tp = wanted = found = agree = 0
    for text, rendition in pairs:
        want = Counter((e.label, e.value) for e in text.entities if e.label != "DATE")
        got = Counter((e.label, e.value) for e in rendition.entities if e.label != "DATE")
        tp, wanted, found = tp + sum((want & got).values()), wanted + sum(want.values()), found + sum(got.values())
        agree += sum(rendition.meta.get(k) == text.meta.get(k) for k in META_FIELDS)
    f1 = 2 * tp / (wanted + found) if wanted + found else 1.0
    return f1, agree / (len(pairs) * len(META_FIELDS)) if pairs else 0.0


def has_radicals(text: str) -> bool:
    """True when radical code points (U+2E80–U+2FDF) are left in ``text``."""
    return any(0x2E80 <= ord(ch) <= 0x2FDF for ch in text)


def _score(kind: str, documents: list[GoldDocument], path_of) -> RenditionScores:
    from extract.nlp.pipeline import tag_report
    from extract.text.reading import read_report

    pairs = [(tag_report(g.id, g.text), tag_report(g.id, read_report(path_of(g.id)))) for g in documents]
    f1, agree = agreement(pairs)
    same = sum(r.meta.get("department_id") == t.meta.get("department_id") for t, r in pairs)
    return RenditionScores(kind, len(documents), f1, agree, sum(has_radicals(r.text) for _, r in pairs),
                           same / len(pairs) if pairs else 0.0)


KINDS = ("docx", "libreoffice-pdf", "chromium-pdf")


def score_renditions(documents: list[GoldDocument],
                     kinds: tuple[str, ...] = KINDS) -> tuple[list[RenditionScores], list[str]]:
    """Scores of the Word, LibreOffice-PDF and Chromium-PDF renditions (those in ``kinds``), and
    the kinds skipped for want of their tool."""
    scores, skipped = [], []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        _write_sources(documents, folder)
        if "docx" in kinds:
            scores.append(_score("docx", documents, lambda i: folder / f"{i}.docx"))
        for kind, render in (("libreoffice-pdf", _libreoffice), ("chromium-pdf", _chromium)):
            if kind not in kinds:
                continue
            out = render(documents, folder)
            if out is None:
                skipped.append(kind)
            else:
                scores.append(_score(kind, documents, lambda i, out=out: out / f"{i}.pdf"))
    return scores, skipped


def renditions_report(gold: Path) -> str:
    """The rendition evaluation of a gold folder as printable text."""
    scores, skipped = score_renditions(read_gold(gold))
    lines = [f"renditions of {gold} against its text (figures: MONEY, PERCENT, COUNT)",
             "  rendition          docs  figures F1  metadata agree  with radicals  department agree"]
    lines += [f"  {s.kind:<18} {s.documents:>4}  {s.figures_f1:>10.3f}  {s.metadata_agree:>14.3f}"
              f"  {s.with_radicals:>13}  {s.department_agree:>16.3f}" for s in scores]
    lines += [f"  {kind}: skipped, its tool is not installed" for kind in skipped]
    return "\n".join(lines)
