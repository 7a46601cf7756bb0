"""Layout evaluation on a gold folder: does every gold passage reach one of jixiao's passages?

A gold passage is kept when its text, folded and without whitespace, lies inside the text of one
passage jixiao prints for its document. Each document is read twice: as harvested, and as one
line (every line break removed), the shape of a scraped web page. Titles and years are checked too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from extract.evaluation.gold import GoldDocument, read_gold
from extract.text.characters import fold_characters, to_simplified


def _key(text: str) -> str:
    return to_simplified(re.sub(r"\s", "", fold_characters(text)))


@dataclass
class LayoutScores:
    """Passages kept as harvested and as one line, title lengths and years found."""

    passages: int = 0
    kept: int = 0
    kept_one_line: int = 0
    documents: int = 0
    long_titles: int = 0
    years_known: int = 0
    years_right: int = 0
    lost: list[str] = field(default_factory=list)

    @property
    def kept_share(self) -> float:
        """Share of gold passages kept, as harvested."""
        return _share(self.kept, self.passages)

    @property
    def kept_one_line_share(self) -> float:
        """Share of gold passages kept when the document comes as one line."""
        return _share(self.kept_one_line, self.passages)

    @property
    def year_share(self) -> float:
        """Share of documents whose year is right."""
        return _share(self.years_right, self.years_known)


def _kept(doc_id: str, text: str, gold: list[dict], tag) -> tuple[int, list[str], object]:
    document = tag(doc_id, text)
    keys = [_key(p.text) for p in document.passages]
    lost = [g["text"] for g in gold if not any(_key(g["text"]) in k for k in keys)]
    return len(gold) - len(lost), lost, document


def score_layout(documents: list[GoldDocument]) -> LayoutScores:
    """Run the pipeline on each gold document, as harvested and as one line."""
    from extract.nlp.pipeline import tag_report

    scores = LayoutScores()
    for gold in documents:
        scores.documents += 1
        scores.passages += len(gold.passages)
        kept, lost, document = _kept(gold.id, gold.text, gold.passages, tag_report)
        scores.kept += kept
        scores.lost += [f"{gold.id}: {t[:60]}" for t in lost]
        one_line, _, _ = _kept(gold.id, re.sub(r"\s*\n\s*", " ", gold.text), gold.passages, tag_report)
        scores.kept_one_line += one_line
        scores.long_titles += len(document.meta.get("title") or "") > 100
        if gold.meta.get("year"):
            scores.years_known += 1
            scores.years_right += document.meta.get("year") == gold.meta["year"]
    return scores


def _share(n: int, d: int) -> float:
    return n / d if d else 0.0


def layout_report(gold: Path, show_errors: int = 0) -> str:
    """The layout evaluation of a gold folder as printable text."""
    s = score_layout(read_gold(gold))
    lines = [f"layout, {s.documents} documents of {gold} ({s.passages} gold passages)",
             f"  passages kept, as harvested   {_share(s.kept, s.passages):.3f} ({s.kept}/{s.passages})",
             f"  passages kept, as one line    {_share(s.kept_one_line, s.passages):.3f} "
             f"({s.kept_one_line}/{s.passages})",
             f"  titles over 100 characters    {s.long_titles}",
             f"  year right                    {_share(s.years_right, s.years_known):.3f} "
             f"({s.years_right}/{s.years_known})"]
    lines += [f"    LOST {x}" for x in s.lost[:show_errors]]
    return "\n".join(lines)
