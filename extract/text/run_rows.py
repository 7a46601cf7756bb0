"""Tables whose cells ran together on one line, split back into their rows.

A document-sharing site or a careless copy often gives a self-evaluation or targets table as one
run of text with neither tabs nor spaces between its cells: 「…预算执行率%100%98%1010资金使用合规性
合规合规55培训人次次≥100120…」. Read as one passage, every row of it gets the union of all the
rows' areas. Each row of such a table is an indicator's name followed by its figures, so a row ends
where a figure is directly followed by the next indicator's name (four Chinese characters or more,
not a unit or a date's 年/月; or a total, 合计). Only a clause that holds several figures is cut (a sentence with a
figure in it is left whole), and each piece becomes a row of its own: its name, a tab, its figures.
"""

from __future__ import annotations

import re

from extract.text.characters import CJK

MIN_RUN_CHARS = 40
"""A line shorter than this is left to the other layout rules."""
MIN_FIGURES = 4
"""A clause is a run of table cells when it holds at least this many figures."""

_CLAUSE_END = re.compile(r"(?<=[，。；！？,;!?])")
"""Where a clause of running text ends (the enumeration comma 、 does not end one)."""
_FIGURE = re.compile(r"\d[\d.,]*%?")
_NOT_DATE = re.compile(r"\d[\d.,]*%?(?![\d.,]*[年月日号])")
_NOT_A_NAME = "万元亿千百%余多个件次人名家项场期条篇对批所户份宗起届座支位张台辆套册年月日号季度周天分倍"
"""Characters that go on with a figure (a unit, a date, a ratio) rather than open a new row."""
_YES_NO = "是否"
"""A one-character cell after a row's figures (是否核心指标, 是否达标): it ends that row."""
_ROW_END = re.compile(rf"(?:(?<=\d)|(?<=\d%))([{_YES_NO}]?)(?=[“\"‘]?[{CJK}]{{4}}|[合小总]计)")


def _cuts(clause: str) -> list[int]:
    """Where the rows of a run of cells end inside ``clause`` (offsets after each row's end)."""
    found = []
    for match in _ROW_END.finditer(clause):
        start = match.end()
        if match.group(1) == "" and clause[start] in _NOT_A_NAME:
            continue
        if start < len(clause):
            found.append(start)
    return found


def _as_row(piece: str) -> str:
    """A piece of a run of cells as a row: its name, then a tab before its first figure."""
    first = re.search(r"\d", piece)
    if not first or first.start() == 0 or "\t" in piece:
        return piece
    return piece[:first.start()] + "\t" + piece[first.start():]


def _flushed(piece: str) -> str:
    """A piece of text between rows or after the last: a row itself when it holds a figure and no
    sentence end before its last character (合计19), else as it is (a sentence, a title)."""
    row = bool(_NOT_DATE.search(piece)) and not re.search(r"[。；！？;!?]", piece)
    return _as_row(piece) if row else piece


def split_run_rows(text: str) -> list[str]:
    """The rows of a line whose table cells ran together (``[text]`` when it is no such line):
    every clause holding ``MIN_FIGURES`` figures or more is cut where a row ends, and starts a
    line of its own; the text before it (a sentence, a title) stays one line."""
    if len(text) < MIN_RUN_CHARS or "\t" in text or len(_FIGURE.findall(text)) < MIN_FIGURES:
        return [text]
    pieces: list[str] = []
    rest = ""  # text not yet given a line: prose, or a clause's last row going on
    for clause in _CLAUSE_END.split(text):
        cuts = _cuts(clause) if len(_FIGURE.findall(clause)) >= MIN_FIGURES else []
        if not cuts:
            rest += clause
            continue
        if rest.strip():
            pieces.append(_flushed(rest))
        bounds = [0, *cuts, len(clause)]
        rows = [clause[a:b] for a, b in zip(bounds, bounds[1:])]
        pieces.extend(_as_row(row) for row in rows[:-1])
        rest = rows[-1]
    if rest.strip():
        pieces.append(_flushed(rest))
    return pieces if len(pieces) > 1 else [text]
