"""The domain lexicon of the work areas (``data/lexicon.tsv``), kept as data like the search
thesaurus, and the classifier's features drawn from it."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin

from extract.areas.definitions import AREAS
from extract.paths import data_rows
from extract.text.characters import to_simplified

LEXICON_FILE = Path(__file__).parent / "data" / "lexicon.tsv"


@lru_cache(maxsize=1)
def area_lexicon() -> dict[str, tuple[str, ...]]:
    """Area code → its lexicon words, in SPEC order (an area the file omits has none)."""
    found = {code: tuple(words.split()) for code, words in data_rows(LEXICON_FILE)}
    return {code: found.get(code, ()) for code in AREAS}


class LexiconCounts(TransformerMixin, BaseEstimator):
    """Per area, log(1 + occurrences of its lexicon words) in the simplified text: domain knowledge
    that carries to departments no labelled passage came from, and that a long passage does not
    dilute (a theme named in one clause counts as much as in a short passage).

    lexicon: area code → words; None reads ``data/lexicon.tsv`` when fitted. The fitted words are
    kept in the model, so a saved model counts what it was trained with.
    """

    def __init__(self, lexicon: dict[str, tuple[str, ...]] | None = None) -> None:
        self.lexicon = lexicon

    def fit(self, texts: list[str], y: object = None) -> LexiconCounts:
        """Fix the words counted; returns self."""
        self.words_ = [list(words) for words in (self.lexicon or area_lexicon()).values()]
        return self

    def transform(self, texts: list[str]) -> np.ndarray:
        """One row per text, one column per area of the lexicon."""
        rows = []
        for text in texts:
            simple = to_simplified(str(text))
            rows.append([sum(simple.count(w) for w in words) for words in self.words_])
        return np.log1p(np.array(rows, dtype=float).reshape(len(rows), len(self.words_)))
