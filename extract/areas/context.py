"""The report as context of a passage's work areas: the kind of department that reports, the
headings above the passage, the table it is a row of, and the passages around it.

A passage read alone often does not say what it is about: a row 「某村文化长廊项目 8」 under a
民宗局's heading 「（三）宗教工作」. The pipeline scores each passage alone, then adds to those
scores a share of its context's (``contextual_scores``); every weight was measured on and off
(docs/areas.md). Kinds of department are data (``data/department_kinds.tsv``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from extract.areas.definitions import AREAS
from extract.paths import data_rows
from extract.text.characters import to_simplified

KINDS_FILE = Path(__file__).parent / "data" / "department_kinds.tsv"

_PROJECT_CELL = re.compile(r"^(?:项目|专项|资金|经费)(?:名称|内容)?[:：]?$|^(?:项目|专项)名称")
"""A table cell that names the project the table (or its next rows) is about."""

MAX_TABLE_TITLE_CHARS = 60
"""A paragraph right before a table is its title when it is at most this long."""


Share = float | tuple[float, ...]
"""A context's share of a passage's scores: one for every area, or one per area (SPEC order)."""


def per_area(default: float, **by_area: float) -> tuple[float, ...]:
    """A share per area (SPEC order): ``default``, except the areas named (code=share)."""
    unknown = set(by_area) - set(AREAS)
    if unknown:
        raise ValueError(f"not work areas: {sorted(unknown)}")
    return tuple(float(by_area.get(code, default)) for code in AREAS)


@dataclass(frozen=True)
class ContextWeights:
    """The share of each context's scores added to a passage's own: the department's kind (1 for
    its area), the headings above it (their highest score per area), the table it is a row of
    (its title's and project name's scores) and the mean of the passages before and after it.
    Each is one share for every area or one per area (``per_area``)."""

    kind: Share = 0.0
    section: Share = 0.0
    table: Share = 0.0
    neighbours: Share = 0.0


CONTEXT_WEIGHTS = ContextWeights(
    kind=0.02,
    section=per_area(0.2, institution=0.1, united_front=0.1, ethnic_religion=0.1,
                     party_building=0.0, budget_performance=0.0),
    table=per_area(0.1, budget_performance=0.0),
    neighbours=per_area(0.05, cppcc=0.0, budget_performance=0.0))
"""The weights the pipeline uses: each measured on and off, on the dev set with whole reports
tagged and in folds grouped by department; per area, the shares of the headings, the table and
the neighbours were set on our seed reports tagged whole (each by a model trained without it):
an area keeps a share where its F1 falls on neither those reports nor the dev set (docs/areas.md)."""


def _any(share: Share) -> bool:
    """A share that adds anything to some area."""
    return bool(np.any(np.asarray(share, dtype=float)))


@lru_cache(maxsize=1)
def department_kinds() -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(kind, area code, words of a name that say it), in the order of the data file."""
    return tuple((kind, area, tuple(words.split())) for kind, area, words in data_rows(KINDS_FILE))


def department_kind(*names: str) -> list[str]:
    """The kinds of department (民宗局, 侨联, 政协 …) the first name that says one is of (a
    department's name, then a report's title); empty when none does."""
    for name in names:
        simple = to_simplified(name or "")
        found = [kind for kind, _, words in department_kinds() if any(w in simple for w in words)]
        if found:
            return found
    return []


def kind_lean(kinds: Sequence[str]) -> np.ndarray:
    """1 for the area of each of ``kinds``, 0 elsewhere (SPEC order)."""
    areas = {kind: area for kind, area, _ in department_kinds()}
    codes = list(AREAS)
    lean = np.zeros(len(codes))
    for kind in kinds:
        if areas.get(kind) in codes:
            lean[codes.index(areas[kind])] = 1.0
    return lean


def table_context(kinds: Sequence[str], texts: Sequence[str]) -> list[list[int]]:
    """For each passage, the indices of the passages that say what its table is about: for a row
    (kind ``table_row``), the short paragraph right before its table (the table's title) and the
    rows of its table above it whose first cell names a project (项目名称 …); empty otherwise."""
    found: list[list[int]] = []
    current: list[int] = []
    for i, (kind, text) in enumerate(zip(kinds, texts)):
        if kind != "table_row":
            current = []
            found.append([])
            continue
        if i == 0 or kinds[i - 1] != "table_row":
            before = i - 1
            title = before >= 0 and kinds[before] == "paragraph" and len(texts[before]) <= MAX_TABLE_TITLE_CHARS
            current = [before] if title else []
        found.append(list(current))
        if _PROJECT_CELL.match(text.split("\t")[0].strip()):
            current = [*current, i]
    return found


def neighbour_mean(own: np.ndarray) -> np.ndarray:
    """Per passage, the mean of the scores of the passages right before and after it."""
    if len(own) < 2:
        return np.zeros_like(own)
    padded = np.vstack([own[1:2] * 0, own, own[:1] * 0])
    counts = np.full((len(own), 1), 2.0)
    counts[0] = counts[-1] = 1.0
    return (padded[:-2] + padded[2:]) / counts


OWN_WORDS_ONLY_IN_ROWS = ("institution",)
"""Areas a row of numbers takes from its own words only (编制 10人 is institution by itself): the
context of a department's report (its duties above, the kind of department) never makes a
project's row (某村特色村寨建设项目 12) a passage about the department's own organisation."""


def contextual_scores(own: np.ndarray, weights: ContextWeights, lean: np.ndarray | None = None,
                      section: np.ndarray | None = None, table: np.ndarray | None = None,
                      rows_of_numbers: Sequence[int] = ()) -> np.ndarray:
    """A report's passage scores (rows in reading order, columns in SPEC order) with the shares of
    their context added, clipped to [0, 1]. ``lean``: the department's kind (``kind_lean``);
    ``section``, ``table``: per passage, its headings' and its table's highest scores (zeros where
    it has none). A share per area scales its column. ``rows_of_numbers``: the passages that are
    rows of numbers, whose ``OWN_WORDS_ONLY_IN_ROWS`` scores stay their own."""
    result = own.astype(float).copy()
    for share, context in ((weights.kind, lean), (weights.section, section), (weights.table, table)):
        if context is not None and _any(share):
            result += np.asarray(share, dtype=float) * context
    if _any(weights.neighbours):
        result += np.asarray(weights.neighbours, dtype=float) * neighbour_mean(own)
    rows = list(rows_of_numbers)
    for column in (list(AREAS).index(code) for code in OWN_WORDS_ONLY_IN_ROWS) if rows else ():
        result[rows, column] = own[rows, column]
    return np.clip(result, 0.0, 1.0)


def section_scores(sections: Sequence[Sequence[str]], heading_scores: dict[str, np.ndarray],
                   width: int) -> np.ndarray:
    """Per passage, the highest score per area of the headings above it (zeros without one)."""
    rows = [np.max([heading_scores[h] for h in path], axis=0) if path else np.zeros(width)
            for path in sections]
    return np.array(rows, dtype=float).reshape(len(rows), width)


def table_scores(own: np.ndarray, tables: Sequence[Sequence[int]]) -> np.ndarray:
    """Per passage, the highest score per area of the passages that say what its table is about."""
    rows = [own[list(idx)].max(axis=0) if idx else np.zeros(own.shape[1]) for idx in tables]
    return np.array(rows, dtype=float).reshape(own.shape)
