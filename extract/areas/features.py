"""The words and characters the work-area classifier reads from a passage, without scikit-learn:
training (``classifier``) and scoring (``scoring``) both read them from here."""

from __future__ import annotations

from functools import lru_cache

from extract.text.characters import to_simplified
from extract.words.segmenter import segmenter


class SegmentedText(str):
    """A passage text that carries the words the pipeline's tokenizer already cut, in simplified
    script, whitespace left out."""

    words: list[str]

    def __new__(cls, text: str, words: list[str]) -> SegmentedText:
        obj = super().__new__(cls, text)
        obj.words = words
        return obj


def words(text: str) -> list[str]:
    """Feature tokens: the shared segmenter's words of the simplified text, digits folded."""
    found = getattr(text, "words", None)
    if found is None:
        return list(_cut_words(str(text)))
    return _feature_tokens(found)


def _feature_tokens(tokens: list[str]) -> list[str]:
    """Words as features: a word that opens with a digit is "0"."""
    return ["0" if w[0].isdigit() else w for w in tokens]


@lru_cache(maxsize=20_000)
def _cut_words(text: str) -> tuple[str, ...]:
    """The feature tokens of a text, cut once: training and cross-validation see each labelled
    passage in every fold."""
    return tuple(_feature_tokens(segmenter().words(text)))


def simplified(text: str) -> str:
    """Preprocessor of the character n-grams: traditional script read as simplified."""
    return to_simplified(text)
