"""spaCy component ``jixiao_areas``: work-area scores of a passage in ``doc.cats``."""

from __future__ import annotations

import shutil
import warnings
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from extract.areas.definitions import AREAS, assigned, keyword_areas, keyword_thresholds
from extract.areas.features import SegmentedText
from extract.areas.scoring import LinearScorer, load_scorer
from extract.errors import ModelError, ModelWarning
from extract.nlp.tokenizer import token_strings
from extract.paths import AREA_MODEL_FILENAME as MODEL_FILENAME
from extract.paths import area_model_path
from extract.text.characters import to_simplified


class AreaLabeller:
    """Scores every work area with the trained classifier (keyword rules if no model is found)."""

    def __init__(self, nlp: Language, name: str, *, model_path: str | None) -> None:
        self.name = name
        self._path = Path(model_path) if model_path else area_model_path()
        self._model: LinearScorer | None = None
        self._loaded = False  # the model is read on first use, or from a saved pipeline

    @property
    def classifier(self) -> LinearScorer | None:
        """The classifier's scorer, read on first use; None (with a warning) when it cannot be read."""
        if not self._loaded:
            try:
                self._use(load_scorer(self._path))
            except ModelError as exc:
                warnings.warn(f"{exc}; falling back to keyword rules", ModelWarning, stacklevel=2)
                self._use(None)
        return self._model

    def _use(self, model: LinearScorer | None) -> None:
        self._model, self._loaded = model, True
        classes = list(model.classes_) if model is not None else []
        self._columns = {code: i for i, code in enumerate(classes)}  # area → score column

    def to_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the classifier's model file with the pipeline (nothing when keyword rules stand in)."""
        if self.classifier is not None:
            Path(path).mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self._path, Path(path) / MODEL_FILENAME)

    def from_disk(self, path: Path, *, exclude: Iterable[str] = ()) -> AreaLabeller:
        """Load the classifier saved with the pipeline, if any."""
        saved = Path(path) / MODEL_FILENAME
        if saved.exists():
            self._path = saved
            self._use(load_scorer(saved))
        return self

    def assigned(self, cats: dict[str, float]) -> list[str]:
        """The areas a document's scores (``doc.cats``) assign: the model's thresholds, or the
        keyword rules' (``definitions.assigned``)."""
        if self.classifier is None:
            return assigned(cats, keyword_thresholds())
        return self.classifier.assigned(cats)

    def _scores(self, texts: list[str]) -> list[dict[str, float]]:
        if self.classifier is None:
            return [keyword_areas(t) for t in texts]
        rows = self.classifier.predict_proba(texts).tolist()  # Python floats: the same numbers, read quicker
        columns = [self._columns.get(code) for code in AREAS]
        return [{code: round(row[column], 4) if column is not None else 0.0
                 for code, column in zip(AREAS, columns)} for row in rows]

    def score_texts(self, texts: list[str]) -> list[dict[str, float]]:
        """The scores (area → score) of plain texts, such as the headings above passages."""
        return self._scores(list(texts)) if texts else []

    def __call__(self, doc: Doc) -> Doc:
        return self._label([doc])[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 256) -> Iterator[Doc]:
        """Score documents in batches: one classifier call per batch."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._label(batch)
                batch = []
        yield from self._label(batch)

    def _label(self, batch: list[Doc]) -> list[Doc]:
        texts = [_segmented(doc) for doc in batch]
        for doc, scores in zip(batch, self._scores(texts) if batch else []):
            doc.cats = scores
        return batch


def _segmented(doc: Doc) -> SegmentedText:
    """The doc's text with the words the tokenizer cut, read in simplified script (as it cut them)."""
    strings = token_strings(doc)
    text = "".join(strings)
    simplified, words, position = to_simplified(text), [], 0
    if simplified is text:  # no traditional character: the words are the tokens
        return SegmentedText(text, [string for string in strings if not string.isspace()])
    for string in strings:
        end = position + len(string)
        if not string.isspace():
            words.append(simplified[position:end])
        position = end
    return SegmentedText(text, words)


@Language.factory("jixiao_areas", assigns=["doc.cats"], default_config={"model_path": None})
def make_area_labeller(nlp: Language, name: str, model_path: str | None) -> AreaLabeller:
    """Factory of the ``jixiao_areas`` component."""
    return AreaLabeller(nlp, name, model_path=model_path)
