"""Work-area evaluation: leave-one-report-out figures beside the keyword baseline."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from extract.areas.classifier import AreaClassifier, indicator, load_model
from extract.areas.definitions import AREAS, keyword_codes, with_row_rule
from extract.evaluation.gold import read_gold
from extract.paths import AREA_MODEL_FILENAME
from extract.text.blocks import normalize_passage
from extract.text.lines import is_row_of_numbers
from extract.training.labels import department_groups, load_area_labels
from extract.training.scores import per_area_scores
from extract.training.splits import grouped_folds
from extract.training.train import leave_one_report_out


def gold_passage_areas(texts: list[str], model: AreaClassifier | None = None) -> list[list[str]]:
    """The areas the pipeline gives passages (normalized as it prints them): the shipped
    classifier's (or ``model``'s), with the row rule. Shared by the area and search evaluations."""
    if model is None:
        from extract.nlp.pipeline import get_nlp

        nlp = get_nlp()
        labeller = nlp.get_pipe("jixiao_areas")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assigned = [labeller.assigned(d.cats) for d in nlp.pipe(texts)]
    else:
        assigned = model.predict_codes(texts)
    rows = [is_row_of_numbers("table_row" if "\t" in t else "paragraph", t) for t in texts]
    return [with_row_rule(areas, row) for areas, row in zip(assigned, rows)]


def gold_area_scores(folder: Path, model: AreaClassifier | None = None) -> dict[str, Any]:
    """The shipped classifier (or ``model``) and the keyword baseline on a gold folder's passages,
    each passage normalized as the pipeline prints it."""
    passages = [p for doc in read_gold(folder) for p in doc.passages]
    texts = [normalize_passage(p["text"]) for p in passages]
    predicted = gold_passage_areas(texts, model)
    gold = indicator([p["areas"] for p in passages])
    return {"model": per_area_scores(gold, indicator(predicted)),
            "baseline": per_area_scores(gold, indicator([keyword_codes(t) for t in texts])),
            "passages": len(passages)}


def add_gold_figures_to_card(models: Path, gold: Path) -> str:
    """Measure the model saved in ``models`` on a gold folder (never trained on) and add the
    figures to its card (``areas.md``); returns the section added."""
    result = gold_area_scores(gold, load_model(models / AREA_MODEL_FILENAME))
    lines = ["", f"## On the gold folder `{gold.name}` ({result['passages']} passages of real reports, "
             "never trained on)", "", "| area | P | R | F1 | baseline F1 |", "|---|---|---|---|---|"]
    for code in [*AREAS, "macro"]:
        m, b = result["model"][code], result["baseline"][code]
        lines.append(f"| {code} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {b['f1']:.3f} |")
    section = "\n".join(lines) + "\n"
    card = models / "areas.md"
    card.write_text(card.read_text(encoding="utf-8") + section, encoding="utf-8")
    return section


def leave_departments_out() -> dict[str, Any]:
    """Five folds grouped by department: seed passages by report, varied passages by kind of
    department, so no kind of department is both trained and tested on; the seeds'-style written
    passages are always trained on. Each area is assigned from the default threshold."""
    grouped, groups, others = department_groups(*load_area_labels())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        scores = grouped_folds(grouped, groups, others)
    gold = indicator([r["areas"] for r in grouped])
    baseline = indicator([keyword_codes(r["text"]) for r in grouped])
    predicted = (scores >= AreaClassifier().threshold).astype(int)
    return {"model": per_area_scores(gold, predicted), "baseline": per_area_scores(gold, baseline),
            "passages": len(grouped), "groups": len(set(groups))}


def _table(title: str, result: dict[str, Any]) -> list[str]:
    lines = [title,
             f"  {'area':<20}{'P':>7}{'R':>7}{'F1':>7}{'support':>9}   {'baseline P':>10}{'R':>7}{'F1':>7}"]
    for code in [*AREAS, "macro"]:
        m, b = result["model"][code], result["baseline"][code]
        lines.append(f"  {code:<20}{m['precision']:7.3f}{m['recall']:7.3f}{m['f1']:7.3f}"
                     f"{int(m['support']):9d}   {b['precision']:10.3f}{b['recall']:7.3f}{b['f1']:7.3f}")
    return lines


def area_report(gold: Path | None = None, departments: bool = False) -> str:
    """Work-area figures beside the keyword baseline, as printable text: leave-one-report-out on
    the repo's labels (and, with ``departments``, five folds grouped by department), or the
    shipped model on a gold folder."""
    if gold is not None:
        result = gold_area_scores(gold)
        return "\n".join(_table(f"work areas, shipped model on {gold} ({result['passages']} gold passages)",
                                 result))
    result = leave_one_report_out()
    lines = _table(f"work areas, leave-one-report-out over {len(result['reports'])} reports "
                   f"({result['passages']} test passages)", result)
    if departments:
        result = leave_departments_out()
        lines += _table(f"work areas, 5 folds grouped by department ({result['groups']} reports and kinds "
                        f"of department, {result['passages']} test passages)", result)
    return "\n".join(lines)
