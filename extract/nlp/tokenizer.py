"""spaCy tokenizer ``jixiao.JiebaTokenizer.v1``: the shared jieba segmenter, configured in the
pipeline's ``[nlp.tokenizer]`` block instead of spaCy's built-in zh segmenter setting.

Every character of the text is in exactly one token (jieba returns spaces and line breaks as words
of their own), so ``doc.text`` is the input and character offsets agree with the figure finder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from extract.text.characters import to_simplified
from extract.words.segmenter import Segmenter, segmenter


class SpacyJiebaTokenizer:
    """Cuts simplified-script text with the shared segmenter, once: tokens keep the original
    characters. ``segmenter`` is what the other components read the words' tags from."""

    def __init__(self, vocab: Vocab, words: Segmenter | None = None) -> None:
        self.vocab = vocab
        self.segmenter = words or segmenter()

    def __call__(self, text: str) -> Doc:
        simplified = to_simplified(text)
        words = self.segmenter.cut(simplified)
        if simplified != text:  # the tokens keep the characters as written
            position = 0
            for i, word in enumerate(words):
                words[i] = text[position:position + len(word)]
                position += len(word)
        return Doc(self.vocab, words=words, spaces=[False] * len(words))

    def pipe(self, texts, batch_size: int = 1000):
        """Tokenize a stream of texts."""
        for text in texts:
            yield self(text)

    # Nothing to save: the user dictionary is part of the code base, loaded with the segmenter.
    def to_disk(self, path: Path, **kwargs: Any) -> None:
        """Nothing to write."""

    def from_disk(self, path: Path, **kwargs: Any) -> SpacyJiebaTokenizer:
        """Nothing to read."""
        return self

    def to_bytes(self, **kwargs: Any) -> bytes:
        """Nothing to write."""
        return b""

    def from_bytes(self, data: bytes, **kwargs: Any) -> SpacyJiebaTokenizer:
        """Nothing to read."""
        return self


@registry.tokenizers("jixiao.JiebaTokenizer.v1")
def create_tokenizer() -> Callable[[Language], SpacyJiebaTokenizer]:
    """The factory spaCy's config calls: ``[nlp.tokenizer] @tokenizers = "jixiao.JiebaTokenizer.v1"``."""
    return lambda nlp: SpacyJiebaTokenizer(nlp.vocab)


def token_strings(doc: Doc) -> list[str]:
    """The text of every token, read off the ``ORTH`` array (no Token object is made)."""
    strings = doc.vocab.strings
    return [strings[orth] for orth in doc.to_array("ORTH").tolist()]


def doc_text(doc: Doc) -> str:
    """``doc.text`` of a doc this tokenizer made (no token is followed by a space), without the
    Token object per token that ``Doc.text`` makes each time it is read."""
    return "".join(token_strings(doc))
