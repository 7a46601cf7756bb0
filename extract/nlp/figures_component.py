"""spaCy component ``jixiao_figures``: MONEY, PERCENT, COUNT and DATE mentions with their attributes."""

from __future__ import annotations

import bisect

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from extract.figures.entities import find_entities
from extract.figures.what import TaggedText, infer_what
from extract.nlp.tokenizer import SpacyJiebaTokenizer, doc_text
from extract.records import Entity
from extract.words.segmenter import segmenter

EXTENSION = "jixiao_entities"


def install_extensions() -> None:
    """Register ``Doc._.jixiao_entities`` (a list of entity dicts) once."""
    if not Doc.has_extension(EXTENSION):
        Doc.set_extension(EXTENSION, default=None)


class FigureFinder:
    """Finds figures on the characters of the text, then sets ``doc.ents`` and the attributes."""

    def __init__(self, nlp: Language, name: str) -> None:
        install_extensions()
        self.name = name
        tokenizer = nlp.tokenizer
        words = tokenizer.segmenter if isinstance(tokenizer, SpacyJiebaTokenizer) else segmenter()
        self._tag = words.tag  # the tags of the words the tokenizer cut

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        entities = find_entities(text)
        starts = doc.to_array("IDX").tolist()  # no Token objects: this runs on every passage
        if any(e.label != "DATE" for e in entities):
            infer_what(text, entities, TaggedText(starts, len(text), self._tag))
        spans = []
        for e in entities:  # the tokens covering the figure (doc.char_span scans every token)
            first = bisect.bisect_right(starts, e.start) - 1
            last = bisect.bisect_left(starts, e.end)
            spans.append(Span(doc, max(first, 0), last, label=e.label))
        doc.ents = filter_spans(spans)
        doc._.set(EXTENSION, [e.to_dict() for e in entities])
        return doc


@Language.factory("jixiao_figures", assigns=["doc.ents", f"doc._.{EXTENSION}"])
def make_figure_finder(nlp: Language, name: str) -> FigureFinder:
    """Factory of the ``jixiao_figures`` component."""
    return FigureFinder(nlp, name)


def entities_of(doc: Doc) -> list[Entity]:
    """The entities the component set on ``doc``."""
    return [Entity.from_dict(d) for d in doc._.get(EXTENSION) or []]


def figures_of(text: str, nlp: Language) -> list[Entity]:
    """The figures the pipeline ``nlp`` finds in ``text``, its tokenizer and this component alone
    (no area scoring): for evaluating and testing the figures on single texts."""
    finder = nlp.get_pipe("jixiao_figures")
    return entities_of(finder(nlp.make_doc(text)))
